"""Browser journeys through the MARAC: an IDVA's DASH becomes a prefilled
referral, the coordinator accepts and lists it and publishes the agenda, the
police researcher returns research, the chair opens the meeting (papers
closed to an attendee until they accept the confidentiality statement),
an action goes overdue and the minutes are published, and a new
domestic-abuse event imported for the pair raises "possible repeat".
Each bad input on the way gets a message naming its field."""
import csv
import datetime
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_accessibility import serious_violations
from test_demo import sign_in, wait_until_replaced


def police_people(data: Path):
    with open(data / "demo-extracts" / "harrowmere-police" / "people.csv", newline="") as f:
        return list(csv.DictReader(f))


def click(browser, element_id):
    element = browser.find_element(By.ID, element_id)
    element.click()
    wait_until_replaced(browser, element)


def problem_text(browser):
    return browser.find_element(By.ID, "panel-problem").text


def test_marac_from_dash_to_repeat(demo, browser):
    base, data = demo
    today = datetime.date.today()

    # 1. The IDVA completes a DASH about someone on her caseload who police also know.
    sign_in(browser, base, "idva")
    browser.get(base + "/panels")
    click(browser, "start-dash")
    police = police_people(data)
    candidates = []
    for option in Select(browser.find_element(By.ID, "victim")).options:
        label = option.text
        if "(born " not in label:
            continue
        born = label.split("(born ")[1].rstrip(")")
        family = label.split(" (born")[0].split(" ")[-1].lower()
        match = [p for p in police if p["date_of_birth"] == born and p["family_name"].lower() == family]
        if match:
            candidates.append((label, match[0]))
    victim_label, record = None, None
    for label, police_record in candidates:
        browser.get(base + "/panels/dash/new")
        Select(browser.find_element(By.ID, "victim")).select_by_visible_text(label)
        click(browser, "choose")
        # Linkage names the person causing harm from the household.
        if browser.find_elements(By.CSS_SELECTOR, "#perpetrator option"):
            victim_label, record = label, police_record
            break
    assert victim_label, "no IDVA client known to police has a linked household"
    assert browser.find_element(By.ID, "prefill-victim").text == victim_label

    # Bad input: unanswered questions are named and nothing is saved.
    browser.find_element(By.ID, "q-injury-yes").click()
    click(browser, "submit-dash")
    problems = browser.find_element(By.ID, "dash-problems").text
    assert "answers.strangulation" in problems and "unanswered" in problems

    questions = browser.find_elements(By.CSS_SELECTOR, "#questions tbody tr")
    for index, row in enumerate(questions):
        row.find_elements(By.CSS_SELECTOR, "input[type=radio]")[0 if index < 15 else 1].click()
    browser.find_element(By.ID, "told-yes").click()
    # Bad input: a referral without the victim's wishes.
    click(browser, "submit-dash")
    problems = browser.find_element(By.ID, "dash-problems").text
    assert "victimWishes" in problems
    for index, row in enumerate(browser.find_elements(By.CSS_SELECTOR, "#questions tbody tr")):
        row.find_elements(By.CSS_SELECTOR, "input[type=radio]")[0 if index < 15 else 1].click()
    browser.find_element(By.ID, "told-yes").click()
    browser.find_element(By.ID, "victimWishes").send_keys("To feel safe at home with her children")
    click(browser, "submit-dash")
    # The referral arrives prefilled: the people from linkage, the route from the DASH.
    assert browser.find_element(By.ID, "case-victim").text == victim_label
    assert browser.find_element(By.ID, "case-perpetrators").text.strip()
    assert "Visible high risk: DASH count 15" in browser.find_element(By.ID, "case-routes").text
    assert "count 15" in browser.find_element(By.ID, "case-dash").text
    reference = browser.find_element(By.TAG_NAME, "h1").text.split(" ")[0]
    case_url = browser.current_url

    # 2. The coordinator accepts it, makes a meeting, lists the case and publishes the agenda.
    sign_in(browser, base, "coordinator")
    assert browser.current_url.endswith("/panels"), "/panels is the coordinator's home"
    browser.find_element(By.LINK_TEXT, reference).click()
    click(browser, "accept")
    assert browser.find_element(By.ID, "case-state").text == "Accepted"
    browser.get(base + "/panels")
    held = (today + datetime.timedelta(days=14)).isoformat()
    browser.find_element(By.ID, "heldOn-harrowmere-marac").send_keys(held)
    browser.find_element(By.ID, "venue-harrowmere-marac").send_keys("Civic Centre")
    click(browser, "create-meeting-harrowmere-marac")
    meeting_url = browser.current_url.split("?")[0]
    # Bad input: an attendee from a partner outside the panel's agreement.
    browser.find_element(By.ID, "username").send_keys("fire")
    click(browser, "add")
    assert "not a party to Harrowmere Information Sharing Protocol" in problem_text(browser)
    browser.find_element(By.ID, "username").send_keys("officer")
    click(browser, "add")
    browser.find_element(By.ID, f"list-{reference}").click()
    click(browser, "list")
    click(browser, "publish")
    assert "Agenda published" in browser.find_element(By.ID, "panel-done").text
    board = browser.find_element(By.ID, "board").text
    assert reference in board and "Awaited" in board

    # 3. The police researcher returns research, prefilled with what police hold.
    sign_in(browser, base, "officer")
    browser.get(base + "/panels/research")
    browser.find_element(By.ID, f"answer-{reference}").send_keys("Two call-outs this year; bail conditions in place")
    click(browser, f"return-{reference}")
    sign_in(browser, base, "coordinator")
    browser.get(meeting_url)
    assert "Returned by Owen Officer" in browser.find_element(By.ID, "board").text

    # The coordinator's area settings: a change without a reason is refused naming the field, then saved as a version.
    browser.get(base + "/panels")
    browser.find_element(By.ID, "settings-harrowmere-marac").click()
    assert not serious_violations(browser), "the area settings page passes axe"
    minutes = browser.find_element(By.ID, "minutesWorkingDays")
    minutes.clear()
    minutes.send_keys("4")
    click(browser, "save-settings")
    assert "reason" in browser.find_element(By.ID, "settings-problems").text
    browser.find_element(By.ID, "reason").send_keys("Board agreed four working days")
    click(browser, "save-settings")
    assert "Saved as version" in browser.find_element(By.ID, "settings-done").text
    assert "Board agreed four working days" in browser.find_element(By.ID, "settings-versions").text

    # 4. The chair opens the meeting; an attendee who has not accepted the statement cannot see the papers.
    sign_in(browser, base, "chair")
    assert browser.current_url.endswith("/panels"), "/panels is the chair's home"
    browser.get(meeting_url)
    click(browser, "open-meeting")
    sign_in(browser, base, "officer")
    browser.get(meeting_url)
    assert browser.find_elements(By.ID, "papers-closed")
    assert victim_label not in browser.page_source
    with pytest.raises(urllib.error.HTTPError) as refused:
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
        urllib.request.urlopen(urllib.request.Request(case_url, headers={"Cookie": cookies}), timeout=10)
    assert refused.value.code == 403
    click(browser, "accept-statement")
    assert reference in browser.find_element(By.ID, "agenda").text
    browser.get(case_url)
    assert "Two call-outs this year" in browser.find_element(By.ID, "research").text

    # 5. An action is set (bad input first), shows as overdue, and the minutes are published.
    sign_in(browser, base, "chair")
    browser.get(case_url)
    browser.find_element(By.ID, "text").send_keys("Flag the address for an urgent police response")
    click(browser, "set-action")
    assert "owner" in problem_text(browser) and "due" in problem_text(browser)
    browser.find_element(By.ID, "text").send_keys("Flag the address for an urgent police response")
    browser.find_element(By.ID, "owner").send_keys("officer")
    browser.find_element(By.ID, "due").send_keys((today - datetime.timedelta(days=1)).isoformat())
    click(browser, "set-action")
    assert "Overdue" in browser.find_element(By.ID, "actions").text
    browser.get(meeting_url)
    browser.find_element(By.ID, "minutes-text").send_keys("Heard one case; police to flag the address.")
    browser.find_element(By.ID, f"notes-{reference}").send_keys("Risk remains high; police to flag the address.")
    click(browser, "save-minutes")
    click(browser, "publish-minutes")
    assert "Published" in browser.find_element(By.ID, "minutes-v1").text
    assert "Risk remains high" in browser.find_element(By.CSS_SELECTOR, f"#minutes-v1 [data-case='{reference}']").text
    # Bad input: an edit after publication becomes a new version; the published one stands.
    browser.find_element(By.ID, "minutes-text").send_keys("A correction.")
    click(browser, "save-minutes")
    assert "new version" in browser.find_element(By.ID, "panel-done").text or "version 2" in browser.find_element(By.ID, "panel-done").text
    assert "police to flag the address" in browser.find_element(By.ID, "minutes-v1").text
    browser.get(base + "/panels")
    assert reference in browser.find_element(By.ID, "overdue-actions").text
    sign_in(browser, base, "officer")
    browser.get(base + "/notifications")
    assert f"Action overdue on {reference}" in browser.find_element(By.ID, "notifications").text

    # 6. A new domestic-abuse event from police about the victim raises "possible repeat".
    sign_in(browser, base, "records")
    browser.get(base + "/tokens")
    Select(browser.find_element(By.ID, "token-partner")).select_by_visible_text("harrowmere-police")
    browser.find_element(By.ID, "token-name").send_keys("Police nightly extract")
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='purposes[]']"):
        if not box.is_selected():
            box.click()
    button = browser.find_element(By.CSS_SELECTOR, "#add-token button")
    button.click()
    wait_until_replaced(browser, button)
    secret = browser.find_element(By.ID, "token-secret").text
    extract = ("record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature,opinion_basis,last_action_on,closed_on\n"
               f"HWP-OCC-REPEAT-1,{record['record_id']},domestic-abuse,victim,{today.isoformat()},Ex-partner at the door in breach of bail,,,,,\n")
    request = urllib.request.Request(base + "/api/v1/imports?partner=harrowmere-police&kind=events", data=extract.encode(),
                                     headers={"Authorization": f"Bearer {secret}", "Content-Type": "text/csv"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
    sign_in(browser, base, "coordinator")
    browser.get(base + "/notifications")
    assert f"Possible repeat on {reference}" in browser.find_element(By.ID, "notifications").text

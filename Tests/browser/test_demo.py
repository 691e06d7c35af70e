"""Browser journey: a practitioner signs in to the demo and finds a person.

Starts the built `lantern demo` on a free loopback port with a small
fictional partnership in a temporary data directory, then drives headless
Chromium through sign-in, search and the person page.
"""
import csv
import urllib.parse
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

def a_person_on_the_practitioners_caseload(data: Path):
    """A person children's social care is working with: the demo makes the
    practitioner their allocated worker."""
    service = data / "demo-extracts" / "harrowmere-childrens-services"
    with open(service / "involvements.csv", newline="") as f:
        open_cases = [row["person_record_id"] for row in csv.DictReader(f) if not row["ended_on"]]
    with open(service / "people.csv", newline="") as f:
        people = {row["record_id"]: row for row in csv.DictReader(f)}
    for record_id in open_cases:
        if record_id in people:
            return people[record_id]["family_name"], people[record_id]["given_names"]
    raise AssertionError("the demo gave children's social care no open cases")


def wait_until_replaced(browser, element):
    """Waits for the page holding `element` to be replaced by the next one.

    Chromium sometimes reports an element of the page just left as a node
    that "does not belong to the document" rather than as stale: both mean
    the next page has come."""
    def gone(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    WebDriverWait(browser, 20).until(gone)


def click_and_wait(browser, element_id):
    """Clicks a button and waits for the next page to replace this one."""
    button = browser.find_element(By.ID, element_id)
    button.click()
    wait_until_replaced(browser, button)


def test_practitioner_signs_in_and_finds_a_person(demo, browser):
    base, data = demo
    browser.get(base + "/people")
    assert "/sign-in" in browser.current_url

    browser.find_element(By.ID, "username").send_keys("practitioner")
    browser.find_element(By.ID, "password").send_keys("wrong password")
    click_and_wait(browser, "sign-in")
    assert "not right" in browser.find_element(By.ID, "sign-in-error").text

    browser.find_element(By.ID, "password").send_keys("lantern-demo")
    click_and_wait(browser, "sign-in")
    # Everyone lands on their own home, and goes on from its navigation.
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your work"
    link = browser.find_element(By.CSS_SELECTOR, 'nav.nav a[href="/people"]')
    link.click()
    wait_until_replaced(browser, link)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Find a person"

    family, given = a_person_on_the_practitioners_caseload(data)
    browser.find_element(By.ID, "name").send_keys(f"{family} {given}")
    click_and_wait(browser, "search")
    assert "found" in browser.find_element(By.ID, "results-heading").text
    links = [a for a in browser.find_elements(By.CSS_SELECTOR, "a.person-link") if a.text != "Name withheld"]
    assert links, "the search showed no one on the practitioner's caseload"
    links[0].click()
    wait_until_replaced(browser, links[0])

    assert browser.find_element(By.ID, "person-name").text != "Name withheld"
    rows = browser.find_elements(By.CSS_SELECTOR, "#records tbody tr")
    assert rows, "the person page lists no source records"
    assert any("Children's Social Care" in row.text for row in rows)


def sign_in(browser, base, username):
    browser.delete_all_cookies()
    browser.get(base + "/sign-in")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys("lantern-demo")
    click_and_wait(browser, "sign-in")


def caseload_people(data: Path):
    service = data / "demo-extracts" / "harrowmere-childrens-services"
    with open(service / "involvements.csv", newline="") as f:
        open_cases = [row["person_record_id"] for row in csv.DictReader(f) if not row["ended_on"]]
    with open(service / "people.csv", newline="") as f:
        people = {row["record_id"]: row for row in csv.DictReader(f)}
    return [people[r] for r in open_cases if r in people]


def test_practitioner_sees_the_whole_family(demo, browser):
    base, data = demo
    sign_in(browser, base, "practitioner")
    for person in caseload_people(data)[:15]:
        browser.get(base + "/people?name=" + urllib.parse.quote(f"{person['family_name']} {person['given_names']}"))
        links = [a for a in browser.find_elements(By.CSS_SELECTOR, "a.person-link") if a.text != "Name withheld"]
        if not links:
            continue
        links[0].click()
        wait_until_replaced(browser, links[0])
        family = browser.find_elements(By.ID, "whole-family")
        if not family:
            continue
        family[0].click()
        wait_until_replaced(browser, family[0])
        assert browser.find_element(By.ID, "household-heading").text == "Household"
        assert browser.find_elements(By.CSS_SELECTOR, "#members li"), "no members shown"
        assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline-chart"), "no timeline chart"
        assert browser.find_element(By.ID, "needs"), "no needs section"
        assert browser.find_element(By.ID, "team-notes") is not None
        return
    raise AssertionError("no one on the practitioner's caseload had a household page")


def test_analyst_works_down_the_case_finding_list(demo, browser):
    base, _ = demo
    sign_in(browser, base, "analyst")
    browser.get(base + "/case-finding")
    rows = browser.find_elements(By.CSS_SELECTOR, "#case-list li.case-row")
    assert rows, "the case-finding list is empty"
    first = rows[0]
    assert first.find_elements(By.CSS_SELECTOR, "ul.explanation li"), "a row without its explanation"
    Select(first.find_element(By.CSS_SELECTOR, "select[name=outcome]")).select_by_value("refer-to-early-help")
    first.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Several needs and no lead professional")
    button = first.find_element(By.CSS_SELECTOR, "button")
    button.click()
    wait_until_replaced(browser, button)
    assert browser.find_element(By.ID, "case-finding-message").text == "Decision recorded."
    assert "Several needs and no lead professional" in browser.page_source


def a_police_only_person(data: Path):
    """Someone the police know whom children's social care is not working with."""
    caseload = {(p["family_name"].lower(), p["given_names"].lower()) for p in caseload_people(data)}
    with open(data / "demo-extracts" / "harrowmere-police" / "people.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["date_of_birth"] and (row["family_name"].lower(), row["given_names"].lower()) not in caseload:
                return row
    raise AssertionError("the demo police extract has no one to ask about")


def test_practitioner_asks_for_access_and_the_holding_partner_answers(demo, browser):
    base, data = demo
    person = a_police_only_person(data)
    sign_in(browser, base, "practitioner")
    browser.get(base + "/people?name=" + urllib.parse.quote(f"{person['family_name']} {person['given_names']}")
                + "&born=" + person["date_of_birth"])
    assert not browser.find_elements(By.CSS_SELECTOR, "a.person-link"), "a search lists no one outside the caseload"
    further = browser.find_element(By.ID, "further-matches").text
    assert "held by partners: request access" in further, "an exact name and date of birth tell only that partners hold a match"
    assert "Police" not in further and "harrowmere" not in further, "the line never names the holding partners"
    withheld = browser.find_elements(By.CSS_SELECTOR, "#further-matches a.request-access-link")
    withheld[0].click()
    wait_until_replaced(browser, withheld[0])
    person_page = browser.current_url
    assert browser.find_element(By.ID, "access-summary").text
    browser.find_element(By.ID, "request-reason").send_keys("Her grandson is on my caseload and may be moving in with her")
    form = browser.find_element(By.ID, "request-access")
    form.find_element(By.CSS_SELECTOR, "button").click()
    wait_until_replaced(browser, form)
    assert "partner(s)" in browser.find_element(By.ID, "requested").text

    sign_in(browser, base, "records")
    browser.get(base + "/access-requests")
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "#waiting tbody tr") if "grandson" in r.text]
    assert rows, "the police's information sharing officer has the request to answer"
    rows[0].find_element(By.CSS_SELECTOR, "input[name=answer]").send_keys("Shared for the placement assessment")
    grant = rows[0].find_element(By.CSS_SELECTOR, "button[value=grant]")
    grant.click()
    wait_until_replaced(browser, grant)

    sign_in(browser, base, "practitioner")
    browser.get(base + "/access-requests")
    assert "Shared for the placement assessment" in browser.find_element(By.ID, "mine").text
    browser.get(person_page)
    assert browser.find_element(By.ID, "person-name").text != "Name withheld"
    rows = browser.find_elements(By.CSS_SELECTOR, "#records tbody tr")
    assert any("Police" in row.text for row in rows), "the police's record is shown after their yes"


def test_analyst_changes_a_need_rule_as_a_new_version(demo, browser):
    base, _ = demo
    sign_in(browser, base, "analyst")
    browser.get(base + "/case-finding/rules")
    assert "no analyst has changed them" in browser.page_source
    browser.execute_script("""
        const area = document.getElementById('rules-json');
        const rules = JSON.parse(area.value);
        rules.rules[0].lookBackDays += 30;
        area.value = JSON.stringify(rules, null, 2);
    """)
    browser.find_element(By.ID, "rules-reason").send_keys("Board asked for a longer window on the first rule")
    # The equality impact first: shown, nothing saved, the draft and reason kept for saving.
    form = browser.find_element(By.ID, "rules-editor")
    browser.find_element(By.ID, "rules-preview").click()
    wait_until_replaced(browser, form)
    assert "Equality impact of these rules (not saved)" in browser.find_element(By.ID, "equality-impact").text
    assert not browser.find_elements(By.ID, "saved")
    assert "Board asked for a longer window" in browser.find_element(By.ID, "rules-reason").get_attribute("value")
    form = browser.find_element(By.ID, "rules-editor")
    browser.find_element(By.ID, "rules-save").click()
    wait_until_replaced(browser, form)
    assert "Saved as version" in browser.find_element(By.ID, "saved").text
    assert "Board asked for a longer window" in browser.find_element(By.ID, "versions").text

"""Browser journeys for data-subject rights and breaches, as the DPO and
practitioners would try them on the demo:

4. a subject access request runs from receipt to a redacted pack within its clock;
5. a restriction hides a record from every practitioner;
6. a breach's affected partners are computed, and its clocks tick.
"""
import csv
import datetime
import re
import urllib.parse
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait


def wait_until_replaced(browser, element):
    """Waits for the page holding `element` to be replaced by the next one
    (Chromium may call an element of the page just left one that "does not
    belong to the document" rather than stale: both mean the next page came)."""
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


def click_and_wait(browser, element):
    element.click()
    wait_until_replaced(browser, element)


def sign_in(browser, base, username):
    browser.delete_all_cookies()
    browser.get(base + "/sign-in")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys("lantern-demo")
    click_and_wait(browser, browser.find_element(By.ID, "sign-in"))


def a_police_person_with_a_birthday(data: Path):
    with open(data / "demo-extracts" / "harrowmere-police" / "people.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["date_of_birth"] and row["given_names"] and row["family_name"]:
                return row
    raise AssertionError("the demo police extract has no one with a date of birth")


def row_with(browser, text):
    rows = [row for row in browser.find_elements(By.CSS_SELECTOR, "#rights-requests tbody tr") if text in row.text]
    assert rows, f"no rights request row mentions {text!r}"
    return rows[0]


def test_a_subject_access_request_runs_from_receipt_to_a_redacted_pack_within_its_clock(demo, browser):
    base, data = demo
    person = a_police_person_with_a_birthday(data)
    sign_in(browser, base, "dpo")

    # Receipt: find the subject on what the requester gave, record the request, identity asked for.
    browser.get(base + "/rights-requests/new?name=" + urllib.parse.quote(f"{person['given_names']} {person['family_name']}")
                + "&born=" + urllib.parse.quote(person["date_of_birth"]))
    form = browser.find_elements(By.CSS_SELECTOR, "form.candidate")[0]
    form.find_element(By.CSS_SELECTOR, "input[name=kind-access]").click()
    form.find_element(By.CSS_SELECTOR, "input[name=identity-asked]").click()
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button"))
    reference = re.search(r"RR-\d{4}-\d{4}", browser.find_element(By.ID, "rights-done").text).group(0)
    assert "waiting for proof of identity" in row_with(browser, reference).text

    # Identity settled: the month starts.
    browser.find_element(By.ID, f"note-verify-{reference}").send_keys("Passport seen at the council offices")
    click_and_wait(browser, browser.find_element(By.ID, f"verify-{reference}"))
    assert "day(s) left" in row_with(browser, reference).text
    click_and_wait(browser, browser.find_element(By.ID, f"review-{reference}"))

    # Each holding partner reviews its items; the first withholds one under an exemption with its reason.
    sections = browser.find_elements(By.CSS_SELECTOR, "section.review")
    assert sections, "no holding partner was given a review"
    slugs = [section.get_attribute("id").removeprefix("review-") for section in sections]
    Select(browser.find_element(By.ID, f"exemption-{slugs[0]}")).select_by_value("sch2-para2-crime")
    browser.find_element(By.ID, f"reason-{slugs[0]}").send_keys("An investigation is open; disclosure would prejudice it")
    click_and_wait(browser, browser.find_element(By.ID, f"redact-button-{slugs[0]}"))
    assert "withheld under DPA 2018 Sch 2 para 2 (crime)" in browser.find_element(By.ID, "review-done").text
    for slug in slugs:
        browser.find_element(By.ID, f"reviewer-{slug}").send_keys("Rhea Records, information sharing officer")
        click_and_wait(browser, browser.find_element(By.ID, f"done-button-{slug}"))
        assert "Reviewed by Rhea Records" in browser.find_element(By.ID, f"state-{slug}").text

    click_and_wait(browser, browser.find_element(By.ID, "review-pack"))
    pack = browser.page_source
    assert "Information held about" in pack
    assert not browser.find_elements(By.ID, "pack-draft"), "every holding partner reviewed: not a draft"
    assert "[withheld: DPA 2018 Sch 2 para 2 (crime)]" in pack
    assert "Reviewed by Rhea Records" in browser.find_element(By.ID, "pack-reviews").text

    browser.get(base + "/rights-requests")
    state = row_with(browser, reference).text
    assert "day(s) left" in state and "Overdue" not in state, "the pack is ready within the clock"


def subject_path_of(browser, text):
    return row_with(browser, text).find_element(By.LINK_TEXT, "The subject's records").get_attribute("href")


def test_a_restriction_hides_a_record_from_every_practitioner(demo, browser):
    base, _ = demo
    sign_in(browser, base, "dpo")
    browser.get(base + "/rights-requests")
    row = row_with(browser, "Restriction of use")
    assert "Paused: waiting for clarification" in row.text, "the demo's paused request"
    person = subject_path_of(browser, "Restriction of use")
    reference = re.search(r"RR-\d{4}-\d{4}", row.text).group(0)

    sign_in(browser, base, "practitioner")
    browser.get(person)
    name = browser.find_element(By.ID, "person-name").text
    assert name != "Name withheld", "the practitioner works with the subject"

    sign_in(browser, base, "dpo")
    browser.get(base + "/rights-requests")
    click_and_wait(browser, browser.find_element(By.ID, f"restrict-{reference}"))
    assert "(restricted now)" in row_with(browser, reference).text

    for practitioner in ("practitioner", "officer", "chair"):
        sign_in(browser, base, practitioner)
        browser.get(person)
        assert name not in browser.page_source, f"{practitioner} still sees the restricted subject"
        browser.get(base + "/people?name=" + urllib.parse.quote(name))
        assert name not in [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.person-link")]

    sign_in(browser, base, "dpo")
    browser.get(base + "/rights-requests")
    browser.find_element(By.ID, f"note-lift-restriction-{reference}").send_keys("Accuracy confirmed with the requester")
    click_and_wait(browser, browser.find_element(By.ID, f"lift-restriction-{reference}"))
    sign_in(browser, base, "practitioner")
    browser.get(person)
    assert browser.find_element(By.ID, "person-name").text == name, "lifted: the practitioner reads the subject again"


def test_a_breachs_affected_partners_are_computed_and_its_clocks_tick(demo, browser):
    base, _ = demo
    # The practitioner reads someone: the reach a breach of their service's access would have.
    sign_in(browser, base, "dpo")
    browser.get(base + "/rights-requests")
    person = subject_path_of(browser, "Restriction of use")
    sign_in(browser, base, "practitioner")
    browser.get(person)

    sign_in(browser, base, "dpo")
    browser.get(base + "/breaches")
    demo_breach = browser.find_elements(By.CSS_SELECTOR, "#breaches tbody tr")[0].text
    assert "MARAC agenda" in demo_breach and re.search(r"4[0-8] hour\(s\) left", demo_breach), "the demo's 48-hour clock runs"

    Select(browser.find_element(By.ID, "kind")).select_by_value("confidentiality")
    browser.find_element(By.ID, "description").send_keys("A practitioner's laptop was left on a train")
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    browser.find_element(By.ID, "detected").send_keys(now)
    browser.find_element(By.ID, "partner").send_keys("harrowmere-childrens-services")
    browser.find_element(By.ID, "windowHours").clear()
    browser.find_element(By.ID, "windowHours").send_keys("24")
    browser.find_element(By.ID, "containment").send_keys("Account suspended")
    click_and_wait(browser, browser.find_element(By.ID, "record"))
    reference = re.search(r"BR-\d{4}-\d{4}", browser.find_element(By.ID, "breach-done").text).group(0)
    row = browser.find_element(By.ID, f"breach-{reference}").text
    people = int(re.search(r"(\d+) people", row).group(1))
    assert people >= 1, "the practitioner's reading is in the ledger"
    assert "Holding partners: none" not in row and "harrowmere" in row
    assert re.search(r"4[78] hour\(s\) left", row) and re.search(r"7[12] hour\(s\) left", row), "both clocks start from detection"

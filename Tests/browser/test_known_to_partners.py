"""Encoded linkage in the demo: the domestic abuse service's one encoded record is matched
to a person on the practitioner's caseload, whose page then says the service knows them
(the service's agreement flow tells children's services), with no detail of the service's.
The practitioner asks the service to disclose its involvement; the service's DPO answers
from its request list, seeing only its own record id; the practitioner reads the answer on
the person's page. Every page passes axe."""
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_accessibility import serious_violations
from test_demo import sign_in, wait_until_replaced


def person_name(data, person):
    with sqlite3.connect(f"file:{data / 'demo.sqlite'}?mode=ro", uri=True) as db:
        return db.execute("SELECT given_names, family_name FROM source_records WHERE person_id = ? LIMIT 1",
                          (person,)).fetchone()


def matched_person(data):
    with sqlite3.connect(f"file:{data / 'demo.sqlite'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT person_id, partner_slug FROM encoded_matches").fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_the_practitioner_sees_also_known_to_and_asks_for_disclosure(demo, browser):
    base, data = demo
    person, partner = matched_person(data)
    assert partner == "harrowmere-da-service"
    sign_in(browser, base, "practitioner")
    browser.get(f"{base}/people/{person}")
    known = browser.find_element(By.ID, "known-to-partners").text
    assert "Also known to Harrowmere Domestic Abuse Service (matched by encoded linkage; no details shared)" in known
    assert "HDAS-E-1" not in browser.page_source
    assert serious_violations(browser) == []
    Select(browser.find_element(By.ID, f"purpose-{partner}")).select_by_value("holistic-view")
    browser.find_element(By.ID, f"disclosure-reason-{partner}").send_keys("Safety planning with the family this week")
    form = browser.find_element(By.ID, f"ask-{partner}")
    button = form.find_element(By.TAG_NAME, "button")
    button.click()
    wait_until_replaced(browser, button)
    assert browser.current_url.endswith("/partner-disclosures")
    assert "Harrowmere Domestic Abuse Service" in browser.find_element(By.ID, "mine").text
    assert serious_violations(browser) == []

    # The service's DPO sees who asked and why, with the service's own record id, never the name.
    sign_in(browser, base, "dadpo")
    browser.get(f"{base}/partner-disclosures")
    waiting = browser.find_element(By.ID, "waiting").text
    assert "Priya Practitioner" in waiting and "Safety planning with the family this week" in waiting
    assert "HDAS-E-1" in waiting
    _, family = person_name(data, person)
    assert family not in browser.page_source and person not in browser.page_source
    assert serious_violations(browser) == []
    answer = browser.find_element(By.CSS_SELECTOR, "#waiting form")
    answer.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("IDVA support since the spring; safety plan in place")
    answer.find_element(By.CSS_SELECTOR, "input[name=contact]").send_keys("Duty IDVA 01632 960123")
    button = answer.find_element(By.CSS_SELECTOR, "button[value=disclose]")
    button.click()
    wait_until_replaced(browser, button)
    assert browser.current_url.endswith("/partner-disclosures")
    browser.find_element(By.ID, "none-waiting")
    assert serious_violations(browser) == []

    # The practitioner reads the answer with the person.
    sign_in(browser, base, "practitioner")
    browser.get(f"{base}/partner-disclosures")
    assert "disclosed" in browser.find_element(By.ID, "mine").text
    browser.get(f"{base}/people/{person}")
    answered = browser.find_element(By.ID, f"disclosure-{partner}").text
    assert "Harrowmere Domestic Abuse Service disclosed its involvement" in answered
    assert "IDVA support since the spring; safety plan in place" in answered and "Duty IDVA 01632 960123" in answered
    assert serious_violations(browser) == []


def test_the_officer_who_may_not_see_the_person_is_not_told(demo, browser):
    base, data = demo
    person, _ = matched_person(data)
    sign_in(browser, base, "fire")
    browser.get(f"{base}/people/{person}")
    assert "Domestic Abuse Service" not in browser.page_source

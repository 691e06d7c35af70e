"""Browser journeys for retention and disposal, as a new user would try them:
the DPO sees what is due; the police records officer approves the waiting
batch and carries it out; the certificate is in the ledger and the disposed
person is found nowhere, not in search and not in the database files; a
legal hold keeps a family's records past their date."""
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from lantern_harness import running_demo
from selenium import webdriver
from selenium.webdriver.common.by import By
from test_accessibility import serious_violations
from test_demo import click_and_wait, sign_in


@pytest.fixture(scope="module")
def demo():
    with running_demo("lantern-retention-") as (base, data, output):
        assert any(line.startswith("Retention:") for line in output), "".join(output)
        yield base, data


def store(data: Path):
    return sqlite3.connect(data / "demo.sqlite")


def a_person_only_the_batch_holds(data: Path):
    """A person every one of whose records is in the waiting batch, with a value
    (email, phone, NHS or PNC number) no other record shares."""
    db = store(data)
    try:
        rows = db.execute("""
            SELECT s.person_id, s.family_name, s.given_names, s.date_of_birth, s.email, s.phone, s.nhs_number, s.cro_number
            FROM disposal_items i JOIN source_records s ON s.id = i.item_id
            WHERE i.item_table = 'source_records'
              AND (SELECT COUNT(*) FROM source_records o WHERE o.person_id = s.person_id) = 1""").fetchall()
        for person, family, given, born, *values in rows:
            unique = [v for v in values if v and len(v) > 6 and db.execute(
                "SELECT COUNT(*) FROM source_records WHERE ? IN (email, phone, nhs_number, cro_number)", (v,)).fetchone()[0] == 1]
            if unique and born:
                return person, family, given, born, unique
    finally:
        db.close()
    raise AssertionError("the waiting batch holds no one known only to the police")


def database_bytes(data: Path) -> bytes:
    return b"".join((data / name).read_bytes() for name in ("demo.sqlite", "demo.sqlite-wal", "demo.sqlite-shm") if (data / name).exists())


def search_page(browser, base, family, given, born):
    year, month, day = born.split("-")
    browser.get(base + "/people?name=" + urllib.parse.quote(f"{family} {given}") + "&born=" + urllib.parse.quote(f"{day}/{month}/{year}"))
    return browser.page_source


def test_the_dpo_sees_what_is_due_and_the_police_records_officer_approves_a_batch(demo, browser):
    base, data = demo
    sign_in(browser, base, "dpo")
    browser.find_element(By.LINK_TEXT, "Retention").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Retention and disposal"
    due = browser.find_element(By.ID, "due").text
    assert "harrowmere-police" in due and "Person records" in due
    batch = browser.find_element(By.ID, "batch-DB-2026-0001")
    assert "awaiting-approval" in batch.text and "harrowmere-police" in batch.text
    assert not browser.find_elements(By.ID, "approve-DB-2026-0001"), "the DPO does not approve another controller's disposal"

    person, family, given, born, values = a_person_only_the_batch_holds(data)
    sign_in(browser, base, "officer")
    assert person in search_page(browser, base, family, given, born), "before disposal a search finds the person"
    assert all(v.encode() in database_bytes(data) for v in values)

    sign_in(browser, base, "records")
    browser.find_element(By.LINK_TEXT, "Retention").click()
    # Before approving, the records officer checks the batch record by record (the access decision's retention rule).
    click_and_wait(browser, "check-DB-2026-0001")
    listed = browser.find_element(By.ID, "batch-records").text
    assert "Person record" in listed, "the owning partner's records officer reads its due records"
    if not browser.find_elements(By.ID, "not-listed"):
        assert family in listed
    assert not serious_violations(browser), "the batch check passes axe"
    browser.get(base + "/retention")
    click_and_wait(browser, "approve-DB-2026-0001")
    assert "approved" in browser.find_element(By.ID, "retention-done").text
    assert "approved" in browser.find_element(By.ID, "batch-DB-2026-0001").text
    click_and_wait(browser, "dispose-DB-2026-0001")
    assert "carried out" in browser.find_element(By.ID, "retention-done").text
    assert "disposed" in browser.find_element(By.ID, "batch-DB-2026-0001").text

    # Journey 2: the certificate is in the ledger, and the person is found nowhere.
    db = store(data)
    try:
        (certificate,) = db.execute("SELECT resource FROM audit_entries WHERE subject = 'disposal:DB-2026-0001' "
                                    "AND reason LIKE 'disposal certificate%'").fetchone()
        assert certificate.startswith("certificate=lantern-disposal-v1") and "signature=" in certificate
        assert family not in certificate and person not in certificate
        assert db.execute("SELECT COUNT(*) FROM people WHERE id = ?", (person,)).fetchone()[0] == 0
    finally:
        db.close()
    sign_in(browser, base, "officer")
    assert person not in search_page(browser, base, family, given, born), "the disposed person is not found in search"
    found = [v for v in values if v.encode() in database_bytes(data)]
    assert not found, f"disposed values still in the database files: {found}"


def test_a_legal_hold_keeps_a_familys_records_past_their_date(demo, browser):
    base, data = demo
    sign_in(browser, base, "dpo")
    browser.get(base + "/retention")
    hold = browser.find_element(By.ID, "hold-INQ-2026-014")
    assert "Inquiry" in hold.text and "household" in hold.text and "in force" in hold.text
    due = browser.find_element(By.ID, "due").text
    assert "INQ-2026-014" in due, "the due list says what the hold keeps"
    household = hold.text.split("household ")[1].split()[0]
    db = store(data)
    try:
        held = db.execute("""SELECT COUNT(*) FROM source_records s JOIN household_members m ON m.person_id = s.person_id
                             WHERE m.household_id = ? AND s.partner_slug = 'harrowmere-police'""", (household,)).fetchone()[0]
        (status,) = db.execute("SELECT status FROM disposal_batches WHERE reference = 'DB-2026-0001'").fetchone()
    finally:
        db.close()
    assert held > 0, "the held family's police records are still there"
    # Whether or not the batch was carried out first, the family's records stayed.
    assert status in ("awaiting-approval", "approved", "disposed")


def test_the_police_records_officer_reviews_its_items_and_keeps_thefts_to_a_review_date(demo, browser):
    from test_accessibility import serious_violations
    base, _ = demo
    sign_in(browser, base, "records")
    browser.find_element(By.LINK_TEXT, "Review tasks").click()
    assert serious_violations(browser) == []
    tasks = browser.find_elements(By.CSS_SELECTOR, "#review-tasks a")
    assert tasks, "the demo's rights requests give the police a review task"
    tasks[0].click()
    assert "Harrowmere" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "#task-items tbody tr"), "the police's own items about the subject"
    assert serious_violations(browser) == []
    click_and_wait(browser, "decide-button")
    assert "disclose" in browser.find_element(By.ID, "task-done").text

    browser.get(base + "/retention")
    form = browser.find_element(By.CSS_SELECTOR, "form[id^='review-DB-']")
    reference = form.get_attribute("id").removeprefix("review-")
    browser.find_element(By.ID, f"review-reason-{reference}").send_keys("Linked to an open investigation")
    browser.find_element(By.ID, f"review-on-{reference}").send_keys("2099-01-01")
    click_and_wait(browser, f"review-button-{reference}")
    assert "kept" in browser.find_element(By.ID, "retention-done").text
    assert "kept" in browser.find_element(By.ID, f"batch-{reference}").text

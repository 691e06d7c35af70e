"""Browser journey for the breach register, as the DPO would run one on the
demo from detection to closing: the breach is recorded with who detected
it, the data and the risk; its affected partners are computed from the
audit ledger and both clocks start; a misdirected share is recalled (asked,
then confirmed); the affected partners are consulted and one disagrees, so
the breach stays open until the protocol owner decides; the people
concerned are told; then it closes. Every state of the page passes axe."""
import datetime
import re
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_accessibility import serious_violations
from test_demo import a_person_on_the_practitioners_caseload, sign_in, wait_until_replaced


def press(browser, element_id):
    button = browser.find_element(By.ID, element_id)
    button.click()
    wait_until_replaced(browser, button)


def row(browser, reference):
    return browser.find_element(By.ID, f"breach-{reference}")


def open_section(browser, reference, summary):
    """Opens one of the breach's folded forms (a <details>) by its summary."""
    row(browser, reference).find_element(By.XPATH, f".//summary[contains(., \"{summary}\")]").click()


def fill(browser, field_id, text):
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def expect_accessible(browser, where):
    assert not serious_violations(browser), f"the breach register passes axe {where}"


def problem(browser):
    found = browser.find_elements(By.ID, "breach-problem")
    return found[0].text if found else ""


def test_the_dpo_runs_a_breach_from_detection_to_closing(demo, browser):
    base, data = demo
    # The practitioner reads someone on the caseload: a read the breach will reach.
    family, given = a_person_on_the_practitioners_caseload(data)
    sign_in(browser, base, "practitioner")
    browser.get(base + "/people?name=" + urllib.parse.quote(f"{family} {given}"))
    link = browser.find_elements(By.CSS_SELECTOR, "a.person-link")[0]
    link.click()
    wait_until_replaced(browser, link)

    sign_in(browser, base, "dpo")
    browser.get(base + "/breaches")
    expect_accessible(browser, "with the demo's breach")
    demo_row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#breaches tbody tr") if "MARAC agenda" in r.text][0].text
    assert re.search(r"4[0-8] hour\(s\) left", demo_row), "the demo breach's 48-hour clock runs"
    assert "Detected by" in demo_row and "severity high" in demo_row, "the demo breach is assessed"
    assert "Recall asked of" in demo_row and "not yet confirmed" in demo_row, "its recall is asked, not confirmed"
    assert "agrees" in demo_row and "Holding partners: none" not in demo_row, "its consultation is under way"

    # A refused record: no detection time, and nothing is recorded.
    before = len(browser.find_elements(By.CSS_SELECTOR, "#breaches tbody tr"))
    Select(browser.find_element(By.ID, "kind")).select_by_value("confidentiality")
    fill(browser, "description", "A strategy meeting's minutes were sent to the wrong school")
    fill(browser, "partner", "harrowmere-childrens-services")
    press(browser, "record")
    assert "detected" in problem(browser), "a breach without a detection time is refused, naming it"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#breaches tbody tr")) == before
    expect_accessible(browser, "showing a refusal")

    # Recorded whole: detection, who detected it, the data and the risk.
    Select(browser.find_element(By.ID, "kind")).select_by_value("confidentiality")
    fill(browser, "description", "A strategy meeting's minutes were sent to the wrong school")
    fill(browser, "detected", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"))
    fill(browser, "partner", "harrowmere-childrens-services")
    fill(browser, "windowHours", "24")
    fill(browser, "containment", "The school was phoned and asked not to open it")
    fill(browser, "detectedBy", "Cora Coordinator, MARAC coordinator")
    fill(browser, "categories", "names, addresses, children's details, domestic abuse history")
    Select(browser.find_element(By.ID, "likelihood")).select_by_value("medium")
    Select(browser.find_element(By.ID, "severity")).select_by_value("high")
    fill(browser, "riskReason", "The school knows the family")
    press(browser, "record")
    reference = re.search(r"BR-\d{4}-\d{4}", browser.find_element(By.ID, "breach-done").text).group(0)
    text = row(browser, reference).text
    assert int(re.search(r"(\d+) people", text).group(1)) >= 1, "the reach comes from the ledger"
    partners = browser.find_element(By.ID, f"partners-{reference}").text.removeprefix("Holding partners: ").split(", ")
    assert partners != ["none"] and "harrowmere-childrens-services" in partners, "affected partners are computed"
    assert re.search(r"4[78] hour\(s\) left", text) and re.search(r"7[12] hour\(s\) left", text), "both clocks start from detection"
    assert "Detected by Cora Coordinator" in text and "likelihood medium, severity high" in text
    expect_accessible(browser, "with a new breach")

    # The recall: a confirmation before the request is not offered; asked, then confirmed.
    assert not browser.find_elements(By.ID, f"recall-confirm-{reference}")
    open_section(browser, reference, "Recall a misdirected share")
    fill(browser, f"recall-to-{reference}", "School office, Harrowmere Primary")
    press(browser, f"recall-ask-{reference}")
    assert "not yet confirmed" in browser.find_element(By.ID, f"recall-{reference}").text
    open_section(browser, reference, "Recall a misdirected share")
    expect_accessible(browser, "with the recall open")
    fill(browser, f"recall-by-{reference}", "Head teacher")
    press(browser, f"recall-confirm-{reference}")
    assert "confirmed" in browser.find_element(By.ID, f"recall-{reference}").text
    assert "by Head teacher" in browser.find_element(By.ID, f"recall-{reference}").text

    # Partners told within the 48 hours; the ICO told with its reference.
    press(browser, f"told-{reference}")
    assert "Told" in row(browser, reference).text
    browser.find_element(By.ID, f"report-{reference}").click()
    fill(browser, f"ico-ref-{reference}", "IC-123456-A1B2")
    press(browser, f"ico-{reference}")
    assert "ICO reference IC-123456-A1B2" in row(browser, reference).text

    # The consultation: the last affected partner disagrees, the others agree.
    for index, partner in enumerate(partners):
        disagrees = index == len(partners) - 1
        open_section(browser, reference, "Record a partner's view")
        Select(browser.find_element(By.ID, f"consult-partner-{reference}")).select_by_value(partner)
        Select(browser.find_element(By.ID, f"consult-view-{reference}")).select_by_value("disagree" if disagrees else "agree")
        fill(browser, f"consult-note-{reference}", "Not reportable: the school deleted it" if disagrees else "Agrees with reporting")
        press(browser, f"consult-{reference}")
    assert f"{partners[-1]} disagrees" in row(browser, reference).text
    press(browser, f"close-{reference}")
    assert "protocol owner's decision" in problem(browser), "a disagreement holds the breach open"
    assert not browser.find_elements(By.ID, f"closed-{reference}")
    expect_accessible(browser, "refusing to close")

    open_section(browser, reference, "Protocol owner's decision")
    fill(browser, f"owner-by-{reference}", "Partnership protocol owner")
    fill(browser, f"owner-decision-{reference}", "Report to the ICO stands")
    press(browser, f"owner-decide-{reference}")
    assert "Protocol owner (Partnership protocol owner) decided" in browser.find_element(By.ID, f"owner-{reference}").text

    # The people concerned are told, with how and why.
    open_section(browser, reference, "Telling the people concerned")
    Select(browser.find_element(By.ID, f"subjects-decision-{reference}")).select_by_value("told")
    fill(browser, f"subjects-how-{reference}", "Letter from the social worker")
    fill(browser, f"subjects-reason-{reference}", "High risk: the school knows the family")
    press(browser, f"subjects-{reference}")
    assert "People told" in browser.find_element(By.ID, f"subjects-decided-{reference}").text

    press(browser, f"close-{reference}")
    assert browser.find_element(By.ID, f"closed-{reference}").text == "Closed"
    expect_accessible(browser, "with the breach closed")

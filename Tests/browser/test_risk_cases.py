"""Browser journey: the chair works the MATAC list and an ASB case review
that the demo leaves under way.

Starts its own `lantern demo` (see lantern_harness) and drives headless
Chromium as the `chair` account.
"""
from selenium.webdriver.common.by import By

from test_demo import click_and_wait, sign_in, wait_until_replaced


def test_chair_reads_the_matac_list_and_a_selected_perpetrators_scores(demo, browser):
    base, _ = demo
    sign_in(browser, base, "chair")
    link = browser.find_element(By.LINK_TEXT, "MATAC list")
    link.click()
    wait_until_replaced(browser, link)
    assert browser.find_element(By.TAG_NAME, "h1").text == "MATAC list"
    rows = browser.find_elements(By.CSS_SELECTOR, "#matac-list tbody tr")
    assert len(rows) > 3, "the demo's police data proposes people"
    darren = [row for row in rows if "Darren Whitlow" in row.text]
    assert darren, "the selected serial perpetrator is named to the chair on his panel case"
    assert "Serial perpetrator" in darren[0].text and "Selected for MATAC" in darren[0].text
    assert any("Name withheld" in row.text for row in rows), "people not on a panel case stay unnamed"

    person = darren[0].find_element(By.TAG_NAME, "a")
    person.click()
    wait_until_replaced(browser, person)
    recorded = [int(row.find_elements(By.TAG_NAME, "td")[1].text) for row in browser.find_elements(By.CSS_SELECTOR, "#recorded tbody tr")]
    assert len(recorded) == 5 and recorded[-1] < recorded[0], "the score has fallen since selection"
    assert "two partners in three years" in browser.find_element(By.ID, "decisions").text


def test_chair_sees_an_asb_case_review_under_way_and_the_figures_to_publish(demo, browser):
    base, _ = demo
    sign_in(browser, base, "chair")
    browser.get(base + "/asb-reviews")
    assert browser.find_element(By.TAG_NAME, "h1").text == "ASB case reviews"
    counts = browser.find_element(By.ID, "counts").text
    assert "Applications received" in counts
    under_way = [row for row in browser.find_elements(By.CSS_SELECTOR, "#reviews tbody tr") if "threshold to decide" in row.text]
    assert under_way and "Samira Okafor" in under_way[0].text
    review = under_way[0].find_element(By.TAG_NAME, "a")
    review.click()
    wait_until_replaced(browser, review)
    assert "The threshold is met." in browser.find_element(By.ID, "threshold").text
    browser.find_element(By.CSS_SELECTOR, "#decide-form input[value='yes']").click()
    browser.find_element(By.ID, "decision-text").send_keys("Three incidents and a hate incident in six months: the threshold is met.")
    button = browser.find_element(By.CSS_SELECTOR, "#decide-form button")
    button.click()
    wait_until_replaced(browser, button)
    assert browser.find_element(By.ID, "status").text == "Threshold met: review to meet"
    assert "the threshold is met" in browser.find_element(By.ID, "decision").text

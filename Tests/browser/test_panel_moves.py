"""Browser steps for the MARAC screens around the main journey: a returned
referral resubmitted by its referrer (refused naming the field while the
victim's wishes are missing), the transfer screen, and the demo's published
minutes read case by case (each partner sees only the cases it was present
for or holds actions on). Each screen passes axe."""
from selenium.webdriver.common.by import By

from test_accessibility import serious_violations
from test_demo import sign_in, wait_until_replaced


def click(browser, element_id):
    element = browser.find_element(By.ID, element_id)
    element.click()
    wait_until_replaced(browser, element)


def first_link(browser, container_id, prefix):
    links = browser.find_element(By.ID, container_id).find_elements(By.CSS_SELECTOR, f"a[href*='{prefix}']")
    assert links, f"no {prefix} link in #{container_id}"
    return links[0].get_attribute("href")


def test_a_returned_referral_is_resubmitted_and_the_transfer_screen_explains_itself(demo, browser):
    base, _ = demo

    # The coordinator returns one of the demo's waiting referrals, saying what is missing.
    sign_in(browser, base, "coordinator")
    browser.get(base + "/panels")
    case_url = first_link(browser, "referrals", "/panels/cases/")
    browser.get(case_url)
    browser.find_element(By.ID, "reason").send_keys("Say what the victim wants from the MARAC, in her words")
    click(browser, "return")
    assert browser.find_element(By.ID, "case-state").text == "Returned"

    # The IDVA who referred it answers on the resubmit screen; blank wishes are refused naming the field.
    sign_in(browser, base, "idva")
    browser.get(case_url)
    click(browser, "resubmit-link")
    assert not serious_violations(browser), "the resubmit screen passes axe"
    assert "Say what the victim wants" in browser.find_element(By.ID, "returned-because").text
    wishes = browser.find_element(By.ID, "victimWishes")
    wishes.clear()
    wishes.send_keys(" ")
    click(browser, "resubmit")
    assert browser.find_elements(By.CSS_SELECTOR, "#resubmit-problems [data-field='victimWishes']")
    assert not serious_violations(browser), "the refused resubmit screen passes axe"
    browser.find_element(By.ID, "victimWishes").clear()
    browser.find_element(By.ID, "victimWishes").send_keys("To be safe at home and keep the children at their school")
    click(browser, "resubmit")
    assert browser.find_element(By.ID, "case-state").text == "Referred"

    # The coordinator's transfer screen for an accepted case: the demo has one MARAC area, and the screen says so.
    sign_in(browser, base, "coordinator")
    browser.get(base + "/panels")
    accepted = [a.get_attribute("href") for a in browser.find_element(By.ID, "cases").find_elements(By.CSS_SELECTOR, "a[href*='/panels/cases/']")]
    browser.get(accepted[0])
    click(browser, "transfer-link")
    assert not serious_violations(browser), "the transfer screen passes axe"
    assert "no other MARAC area" in browser.find_element(By.ID, "no-areas").text


def test_published_minutes_show_each_partner_only_its_cases(demo, browser):
    base, _ = demo
    # The demo's past meeting: police were present for all three cases and hold actions on them;
    # the IDVA service was present for the first two only.
    sign_in(browser, base, "officer")
    browser.get(base + "/panels")
    past = [a.get_attribute("href") for a in browser.find_element(By.ID, "my-meetings").find_elements(By.TAG_NAME, "a")
            if "closed" in a.find_element(By.XPATH, "..").text]
    assert past, "the demo has a closed meeting with published minutes"
    browser.get(past[0])
    assert len(browser.find_elements(By.CSS_SELECTOR, "#minutes-v1 .minutes-case")) == 3
    assert not browser.find_elements(By.CSS_SELECTOR, "#minutes-v1 .minutes-withheld")
    sign_in(browser, base, "idva")
    browser.get(past[0])
    assert len(browser.find_elements(By.CSS_SELECTOR, "#minutes-v1 .minutes-case")) == 2
    assert "1 other case(s)" in browser.find_element(By.CSS_SELECTOR, "#minutes-v1 .minutes-withheld").text
    assert not serious_violations(browser), "the meeting page with minutes passes axe"
    click(browser, "print-minutes")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".minutes-case")) == 2

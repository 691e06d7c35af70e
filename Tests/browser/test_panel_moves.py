"""Browser steps for the MARAC screens around the main journey: a returned
referral resubmitted by its referrer (refused naming the field while the
victim's wishes are missing), a case transferred to the neighbouring MARAC
and seen there, an exploitation panel case about a child with its places
(never "victim"), and the demo's published
minutes read case by case (each partner sees only the cases it was present
for or holds actions on). Each screen passes axe."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

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

    # The coordinator transfers a listed case to the neighbouring Northmere MARAC, saying why.
    sign_in(browser, base, "coordinator")
    browser.get(base + "/panels")
    rows = browser.find_element(By.ID, "area-harrowmere-marac").find_elements(By.CSS_SELECTOR, "#cases tbody tr")
    listed = [row.find_element(By.TAG_NAME, "a") for row in rows if "Listed" in row.text]
    assert listed, "the demo's next agenda has listed cases"
    reference = listed[0].text
    browser.get(listed[0].get_attribute("href"))
    click(browser, "transfer-link")
    assert not serious_violations(browser), "the transfer screen passes axe"
    Select(browser.find_element(By.ID, "area")).select_by_visible_text("Northmere MARAC")
    click(browser, "transfer")
    assert browser.find_elements(By.CSS_SELECTOR, "#transfer-problems [data-field='reason']"), "a transfer without a reason is refused"
    browser.find_element(By.ID, "reason").send_keys("The victim has moved to Northmere with the children")
    click(browser, "transfer")
    assert browser.find_element(By.ID, "case-state").text == "Transferred out"
    done = browser.find_element(By.ID, "panel-done").text
    assert "Northmere MARAC" in done
    arrived = done.split("as referral ")[1].rstrip(".")

    # Northmere's coordinator sees it among the referrals to accept, and opens it.
    sign_in(browser, base, "neighbour")
    browser.get(base + "/panels")
    northmere = browser.find_element(By.ID, "area-northmere-marac")
    assert arrived in northmere.find_element(By.ID, "referrals").text
    assert not browser.find_elements(By.ID, "area-harrowmere-marac"), "the neighbour does not run Harrowmere's MARAC"
    assert not serious_violations(browser), "the receiving area's panels page passes axe"
    browser.get(northmere.find_element(By.LINK_TEXT, arrived).get_attribute("href"))
    assert browser.find_element(By.ID, "case-state").text == "Referred"
    assert reference in browser.find_element(By.ID, "steps").text, "the step names the case it came from"
    assert not serious_violations(browser), "the transferred case passes axe"


def test_an_exploitation_case_is_about_a_child_with_places_and_never_a_victim(demo, browser):
    base, _ = demo
    # The chair opens the exploitation panel's listed case from the panels home.
    sign_in(browser, base, "chair")
    browser.get(base + "/panels")
    mace = browser.find_element(By.ID, "area-harrowmere-mace")
    assert "Child" in mace.text and "Victim" not in mace.text and "DASH" not in mace.text
    assert not serious_violations(browser), "the panels home with two panels passes axe"
    browser.get(mace.find_element(By.CSS_SELECTOR, "#cases a[href*='/panels/cases/']").get_attribute("href"))
    assert browser.find_element(By.ID, "case-child").text.startswith("Tia Marsh")
    places = browser.find_element(By.ID, "case-places").text
    assert "HW3 9QF" in places and "HW1 2BX" in places
    assert "Jordan Kelso" in browser.find_element(By.ID, "case-associates").text, "an adult of concern on the case is named"
    assert "12-week review" in browser.find_element(By.ID, "referral").text
    words = browser.find_element(By.ID, "main").text.lower()
    assert "victim" not in words and "perpetrator" not in words and "dash" not in words
    assert not serious_violations(browser), "the exploitation panel case passes axe"

    # Its exploitation case: the same child and places, the review recorded; the coordinator sees the panel's list.
    click(browser, "exploitation-case-link")
    assert "Tia Marsh" in browser.find_element(By.ID, "exploitation-child").text
    assert "HW3 9QF" in browser.find_element(By.ID, "places").text
    assert "12-week review" in browser.find_element(By.ID, "reviews").text
    assert not serious_violations(browser), "the exploitation case page passes axe"
    sign_in(browser, base, "coordinator")
    browser.get(base + "/exploitation")
    cases = browser.find_element(By.ID, "exploitation-cases").text
    assert "Tia Marsh" in cases and "Callum Reid" in cases and "Overdue" in cases
    assert not serious_violations(browser), "the exploitation panel's list passes axe"


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

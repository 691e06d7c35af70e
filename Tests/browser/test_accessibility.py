"""Accessibility in the browser: every page each demo role can reach, run
through axe-core (WCAG 2.2 AA rules), with no serious or critical violation;
and keyboard-only journeys for search, the household page and case finding.

Starts its own `lantern demo`, as test_demo.py does, and signs in as each
demo account in turn."""
import urllib.parse

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

from lantern_harness import headless_chromium
from test_demo import sign_in, wait_until_replaced, a_person_on_the_practitioners_caseload

ROLES = ["practitioner", "analyst", "chair", "records", "dpo", "admin", "lead"]
# The WCAG A and AA rules, as far as the axe-core that axe-selenium-python
# bundles knows them (an old one may lack the 2.1 and 2.2 tags, and an
# unknown tag makes axe reject the run, so the run asks for those it has).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN = """
var done = arguments[arguments.length - 1];
var known = {};
axe.getRules().forEach(function (rule) { rule.tags.forEach(function (tag) { known[tag] = true; }); });
var tags = arguments[0].filter(function (tag) { return known[tag]; });
axe.run(document, {runOnly: {type: 'tag', values: tags}})
  .then(function (r) { done(r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target; })}; })); })
  .catch(function (e) { done('axe failed: ' + e); });
"""


def serious_violations(browser):
    # axe-core takes seconds on a busy machine: more than Selenium's default script timeout.
    browser.set_script_timeout(180)
    Axe(browser).inject()
    violations = browser.execute_async_script(RUN, TAGS)
    assert not isinstance(violations, str), violations
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
            for v in violations if v["impact"] in ("serious", "critical")]


def navigation_links(browser):
    return [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "nav.nav a")]


def test_the_check_finds_a_known_violation(browser):
    """A control: the same check on a page with an unlabelled field and an
    image without a text alternative reports them, so a clean run means something."""
    browser.get("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main><h1>t</h1>"
                "<img src=x.png><input type=text></main></html>")
    found = " ".join(serious_violations(browser))
    assert "image-alt" in found and "label" in found


def test_the_sign_in_statement_and_error_pages_pass_axe(demo, browser):
    base, _ = demo
    browser.delete_all_cookies()
    for path in ("/sign-in", "/accessibility", "/sign-in?timed-out=idle", "/no-such-page"):
        browser.get(base + path)
        assert serious_violations(browser) == [], path


@pytest.mark.parametrize("username", ROLES)
def test_every_page_in_a_roles_navigation_passes_axe(demo, browser, username):
    base, _ = demo
    sign_in(browser, base, username)
    landing = urllib.parse.urlparse(browser.current_url).path
    assert "Sorry" not in browser.find_element(By.TAG_NAME, "h1").text, f"{username} landed on an error page"
    problems = {landing: serious_violations(browser)}
    browser.get(base + "/home")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your work", f"{username} has no home page"
    problems["/home"] = serious_violations(browser)
    for link in navigation_links(browser):
        browser.get(link)
        assert "Sorry" not in browser.find_element(By.TAG_NAME, "h1").text, f"{username}: {link} is an error page"
        problems[urllib.parse.urlparse(link).path] = serious_violations(browser)
    assert {page: found for page, found in problems.items() if found} == {}


def test_a_refused_page_is_in_the_layout_and_passes_axe(demo, browser):
    base, _ = demo
    sign_in(browser, base, "practitioner")
    browser.get(base + "/case-finding")
    assert browser.find_element(By.TAG_NAME, "h1").text == "You cannot use this page"
    assert "partnership analysts" in browser.find_element(By.CLASS_NAME, "error-reason").text
    assert browser.find_elements(By.CSS_SELECTOR, "nav.nav a"), "the refusal is a page in the layout"
    assert serious_violations(browser) == []


def press(browser, *keys):
    ActionChains(browser).send_keys(*keys).perform()


def tab_to(browser, predicate, limit=60):
    """Presses Tab until the focused element satisfies `predicate`; returns it."""
    for _ in range(limit):
        press(browser, Keys.TAB)
        focused = browser.switch_to.active_element
        if predicate(focused):
            return focused
    raise AssertionError("never reached by Tab")


def test_keyboard_only_search_and_household(demo, browser):
    base, data = demo
    sign_in(browser, base, "practitioner")
    browser.get(base + "/people")
    # The first Tab reaches the skip link, which is then visible.
    press(browser, Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.get_attribute("class") == "skip-link" and skip.is_displayed()
    outline = skip.value_of_css_property("outline-style")
    assert skip.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)" or outline != "none", "focus is visible"
    family, given = a_person_on_the_practitioners_caseload(data)
    field = tab_to(browser, lambda e: e.get_attribute("id") == "name")
    assert field.value_of_css_property("outline-style") != "none", "the focused field shows its focus"
    field.send_keys(f"{family} {given}")
    press(browser, Keys.ENTER)
    wait_until_replaced(browser, field)
    person = tab_to(browser, lambda e: "person-link" in (e.get_attribute("class") or "") and e.text != "Name withheld")
    press(browser, Keys.ENTER)
    wait_until_replaced(browser, person)
    assert browser.find_element(By.ID, "person-name").text != "Name withheld"
    household = tab_to(browser, lambda e: "/households/" in (e.get_attribute("href") or ""))
    press(browser, Keys.ENTER)
    wait_until_replaced(browser, household)
    assert "/households/" in browser.current_url
    assert serious_violations(browser) == []


def test_keyboard_only_case_finding(demo, browser):
    base, _ = demo
    sign_in(browser, base, "analyst")
    browser.get(base + "/case-finding")
    first = tab_to(browser, lambda e: "/households/" in (e.get_attribute("href") or ""), limit=120)
    press(browser, Keys.ENTER)
    wait_until_replaced(browser, first)
    assert "/households/" in browser.current_url


def test_your_sessions_is_under_the_account_link_ends_a_session_and_passes_axe(demo, browser):
    """A person signed in twice sees both sessions from the account link,
    this one marked, ends the other, and the page passes axe throughout."""
    base, _ = demo
    other = headless_chromium()
    try:
        sign_in(other, base, "practitioner")
        sign_in(browser, base, "practitioner")
        browser.find_element(By.ID, "your-sessions").click()
        assert browser.find_element(By.TAG_NAME, "h1").text == "Your sessions"
        assert browser.find_element(By.ID, "this-session").is_displayed()
        assert serious_violations(browser) == []
        browser.find_element(By.CSS_SELECTOR, "#end-others button").click()
        # The form posts and the page comes back with the message: wait for it, on a loaded machine too.
        message = WebDriverWait(browser, 60).until(expected_conditions.presence_of_element_located((By.ID, "sessions-message")))
        assert "Every other session has ended" in message.text
        assert serious_violations(browser) == []
        other.get(base + "/home")
        assert urllib.parse.urlparse(other.current_url).path == "/sign-in", "the other browser is signed out"
    finally:
        other.quit()

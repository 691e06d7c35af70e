"""Browser journeys: the strategic lead signs in to the demo, sees the board's
dashboard (trends, sensitive categories by quarter, the hotspot map), and
downloads a CSV in which no small number appears.
"""
import csv
import io
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from test_accessibility import serious_violations
from test_demo import sign_in


def test_strategic_lead_sees_the_boards_dashboard(demo, browser):
    base, _ = demo
    sign_in(browser, base, "lead")
    assert browser.current_url.endswith("/reports")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Partnership reports"
    assert browser.find_elements(By.CSS_SELECTOR, "#trends tbody tr"), "the trends table is empty"
    assert browser.find_elements(By.CSS_SELECTOR, "#sensitive tbody tr")
    assert "Quarter" in browser.find_element(By.CSS_SELECTOR, "#sensitive thead").text
    assert browser.find_elements(By.CSS_SELECTOR, "#hotspot-map .hotspot-cell"), "the hotspot map has no cells"
    # Numbers only: no way to a person from here.
    nav = browser.find_element(By.CSS_SELECTOR, "nav.nav").text
    assert "Find a person" not in nav and "Case finding" not in nav
    browser.get(base + "/people?name=smith")
    assert "never a person" in browser.page_source, "a strategic lead is refused a person search"


def test_strategic_lead_downloads_a_csv_with_no_small_number(demo, browser):
    base, _ = demo
    sign_in(browser, base, "lead")
    browser.find_element(By.ID, "trends-link").click()
    href = browser.find_element(By.ID, "download-csv").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(href, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        text = response.read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert all(name.endswith("count") for name in header[1:]), header
    assert body, "the CSV has no rows"
    for row in body:
        for cell in row[1:]:
            assert cell in ("*", "0") or (int(cell) >= 8 and int(cell) % 5 == 0), f"{cell} in {row}"


BOARD_REPORTS = ["repeat-victimisation", "service-overlap", "partner-combinations", "case-finding",
                 "marac-return", "asb-review", "equality", "evaluation"]


def test_strategic_lead_reads_the_returns_and_people_reports_with_no_small_number(demo, browser):
    base, _ = demo
    sign_in(browser, base, "lead")
    assert browser.find_elements(By.CSS_SELECTOR, "#marac-return thead th"), "the dashboard shows the MARAC return"
    browser.find_element(By.ID, "marac-return-link").click()
    assert browser.find_element(By.ID, "report-title").text == "MARAC quarterly data return"
    assert "How this is counted" in browser.find_element(By.ID, "method").text
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    for report in BOARD_REPORTS:
        browser.get(f"{base}/reports/{report}")
        assert browser.find_elements(By.CSS_SELECTOR, "#report-table tbody tr"), f"{report} has no rows"
        href = browser.find_element(By.ID, "download-csv").get_attribute("href")
        request = urllib.request.Request(href, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=60) as response:
            rows = list(csv.reader(io.StringIO(response.read().decode("utf-8"))))
        header, body = rows[0], rows[1:]
        counts = [i for i, name in enumerate(header) if name.endswith("count")]
        assert len(counts) >= len(header) - 2, f"{report}: {header}"
        for row in body:
            for i in counts:
                cell = row[i]
                assert cell in ("*", "0") or (int(cell) >= 8 and int(cell) % 5 == 0), f"{report}: {cell} in {row}"


def test_analyst_runs_the_evaluation_and_reads_its_method_and_result(demo, browser):
    base, _ = demo
    sign_in(browser, base, "analyst")
    for intervention in ("", "lead-professional"):
        browser.get(base + "/reports/evaluation")
        if intervention:
            # Chosen on the form, as an analyst would.
            before = browser.find_element(By.ID, "report-title")
            browser.find_element(By.CSS_SELECTOR, f"#intervention option[value='{intervention}']").click()
            browser.find_element(By.ID, "show-report").click()
            WebDriverWait(browser, 60).until(expected_conditions.staleness_of(before))
        assert browser.find_element(By.ID, "report-title").text.startswith("Evaluation")
        method = browser.find_element(By.ID, "method").text
        assert "matched comparison" in method and "95% confidence interval" in method, method
        table = browser.find_element(By.ID, "table-title").text
        assert table.startswith("Lead professionals" if intervention else "MARAC cohort"), table
        section = browser.find_element(By.ID, "matched-comparison")
        shown = section.find_elements(By.ID, "effect-value")
        withheld = section.find_elements(By.ID, "effect-withheld")
        assert shown or withheld, "the result is neither shown nor explained"
        if shown:
            assert "95% confidence interval" in shown[0].text
            for figure in ("effect-cohort", "effect-comparison"):
                cell = section.find_element(By.ID, figure).text
                assert cell == "*" or (int(cell) >= 8 and int(cell) % 5 == 0), f"{figure}: {cell}"
        else:
            assert "fewer than 8" in withheld[0].text or "could be matched" in withheld[0].text
        print("evaluation", intervention or "marac", ":", section.text.replace("\n", " | "))
        assert serious_violations(browser) == []

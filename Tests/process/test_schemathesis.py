"""Schemathesis fuzzes the running demo's API from its own /openapi.json and
fails on any server error or any answer the document does not describe.

Signed in as the hub's analyst (a session cookie from the sign-in form, as a
browser would hold), so the operations are exercised past authentication.
Bounded: a fixed seed, few examples per operation and a time budget, so it
adds about three minutes at most to the suite.
"""
import http.cookiejar
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest

# Checks that need state Lantern's API does not offer (resources created and
# then fetched), or that judge behaviour the document does not promise.
EXCLUDED_CHECKS = "use_after_free,ensure_resource_availability,positive_data_acceptance"
MAX_EXAMPLES = "20"
TIME_BUDGET_SECONDS = "150"


def session_cookie(base: str, username: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/sign-in", timeout=30).read().decode()
    csrf = re.search(r'name="csrf" value="([^"]*)"', page)
    form = {"username": username, "password": password, "csrf": csrf.group(1) if csrf else ""}
    opener.open(base + "/sign-in", data=urllib.parse.urlencode(form).encode(), timeout=30).read()
    cookie = next((c.value for c in jar if c.name == "lantern-session"), None)
    assert cookie, "signing in as the demo analyst gave no session"
    # The session must be signed in: a page behind sign-in answers rather than redirecting.
    request = urllib.request.Request(base + "/api/v1/review", headers={"Cookie": f"lantern-session={cookie}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200, "the analyst's session is not signed in"
    return cookie


def tool_crashed(result: subprocess.CompletedProcess) -> bool:
    """An internal error of schemathesis or Hypothesis, with no check failed
    and no server error answered."""
    output = result.stdout + result.stderr
    internal = "Traceback" in output and ("site-packages/hypothesis" in output or "site-packages/schemathesis" in output)
    checks_failed = re.search(r"\b[1-9]\d* failed\b", output) is not None
    return internal and not checks_failed and "500 Internal Server Error" not in output


def test_the_api_keeps_to_its_openapi_document(demo, tmp_path):
    base, _data, _env, server_output = demo
    schemathesis = shutil.which("schemathesis") or shutil.which("st")
    if schemathesis is None:
        pytest.fail("schemathesis is not installed: pip install schemathesis")
    cookie = session_cookie(base, "analyst", "lantern-demo")
    command = [
        schemathesis, "run", f"{base}/openapi.json", "--url", base,
        "--header", f"Cookie: lantern-session={cookie}",
        "--checks", "all", "--exclude-checks", EXCLUDED_CHECKS,
        "--max-examples", MAX_EXAMPLES, "--max-time", TIME_BUDGET_SECONDS, "--seed", "20261130",
        "--request-timeout", "20", "--workers", "2", "--no-shrink",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=int(TIME_BUDGET_SECONDS) + 120)
    if result.returncode != 0 and tool_crashed(result):
        # Schemathesis (through Hypothesis) sometimes fails inside its own code
        # while describing a generator: CPython 3.11's ast.parse is not safe when two
        # worker threads call it at once ("AST constructor recursion depth mismatch").
        # With the seed fixed, a real finding in Lantern comes back on a second run in
        # one worker thread; a crash of the tool does not.
        single = command[:command.index("--workers") + 1] + ["1"] + command[command.index("--workers") + 2:]
        result = subprocess.run(single, capture_output=True, text=True, timeout=int(TIME_BUDGET_SECONDS) + 120)
    report = result.stdout[-12000:] + result.stderr[-4000:]
    assert result.returncode == 0, report + "\n--- server ---\n" + "".join(server_output[-40:])
    assert "500 Internal Server Error" not in result.stdout, report

"""Two `lantern serve` processes over one PostgreSQL, the way a partnership
runs several instances behind nginx: a session made on one is good on the
other, survives a restart, and signing out on either ends it on both; a
break-glass grant made on one is in force on the other.

Needs LANTERN_TEST_POSTGRES_URL (CI sets it; see .ci/run) and `psql` to make
a throwaway database; skipped, saying so, without them.
"""
import csv
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from lantern_harness import built_lantern, free_port

POSTGRES = os.environ.get("LANTERN_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(
    not POSTGRES or not shutil.which("psql"),
    reason="two servers on one PostgreSQL need LANTERN_TEST_POSTGRES_URL (CI sets it) and psql",
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(base, path, cookie=None, form=None):
    """(status, headers, body) of one request, following no redirect."""
    headers = {"Cookie": cookie} if cookie else {}
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def session_cookie(headers, previous=None):
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith("lantern-session="):
            return value.split(";", 1)[0]
    return previous


def csrf_in(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


@pytest.fixture(scope="module")
def store():
    """A new database on the test server, and a data folder both servers share (the keys live there)."""
    name = "lantern_two_" + uuid.uuid4().hex[:8]
    subprocess.run(["psql", POSTGRES, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    parts = urllib.parse.urlsplit(POSTGRES)
    url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    data = Path(tempfile.mkdtemp(prefix="lantern-two-"))
    env = dict(os.environ, DATABASE_URL=url, LANTERN_DATA=str(data), LOG_LEVEL="warning")
    env.pop("LANTERN_SQLITE_FILE", None)
    loaded = subprocess.run([str(built_lantern()), "demo", "--people", "300", "--no-serve"], env=env,
                            capture_output=True, text=True, timeout=900)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    yield env
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run(["psql", POSTGRES, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


class Server:
    """One `lantern serve` on its own port, ready once /health answers."""

    def __init__(self, env):
        self.port = free_port()
        self.env = dict(env, LANTERN_PORT=str(self.port))
        self.base = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([str(built_lantern()), "serve"], env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if call(self.base, "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("lantern serve did not answer /health: " + self.output())

    def output(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def servers(store):
    first, second = Server(store), Server(store)
    yield first, second
    for server in (first, second):
        server.stop()


def sign_in(base, username="practitioner", password="lantern-demo"):
    """Signs in on `base`; returns (cookie, anti-forgery token)."""
    status, headers, page = call(base, "/sign-in")
    assert status == 200, page[:300]
    cookie = session_cookie(headers)
    status, headers, body = call(base, "/sign-in", cookie, {"username": username, "password": password,
                                                            "csrf": csrf_in(page)})
    assert status == 303 and not headers["Location"].startswith("/sign-in"), body[:300]
    return session_cookie(headers, cookie), headers["X-CSRF-Token"]


def test_a_session_made_on_one_server_is_good_on_the_other_and_ends_on_both(servers):
    first, second = servers
    cookie, csrf = sign_in(first.base)

    status, _, page = call(second.base, "/home", cookie)
    assert status == 200, "the second server knows the session the first made"

    # A restart of the first signs no one out: the session is in the store.
    first.stop()
    first.start()
    status, _, _ = call(first.base, "/home", cookie)
    assert status == 200, "a restart does not end the session"

    status, headers, _ = call(second.base, "/sign-out", cookie, {"csrf": csrf})
    assert status == 303 and headers["Location"] == "/sign-in"
    status, headers, _ = call(first.base, "/home", cookie)
    assert status == 303 and headers["Location"].startswith("/sign-in"), "signed out on the second, refused on the first"
    status, _, _ = call(first.base, "/api/v1/audit/heads", cookie)
    assert status == 401


def caseload_names(env):
    """Names of the people children's services are working with in the demo: the
    practitioner's caseload, found by name as a worker would."""
    service = Path(env["LANTERN_DATA"]) / "demo-extracts" / "harrowmere-childrens-services"
    with open(service / "involvements.csv", newline="") as f:
        open_cases = [row["person_record_id"] for row in csv.DictReader(f) if not row["ended_on"]]
    with open(service / "people.csv", newline="") as f:
        people = {row["record_id"]: row for row in csv.DictReader(f)}
    return [f"{people[r]['family_name']} {people[r]['given_names']}" for r in open_cases if r in people]


def test_break_glass_granted_on_one_server_is_in_force_on_the_other(store, servers):
    first, second = servers
    cookie, csrf = sign_in(first.base)
    people = []
    for name in caseload_names(store)[:20]:
        status, _, search = call(second.base, "/people?name=" + urllib.parse.quote(name), cookie)
        assert status == 200
        people = re.findall(r'/people/([0-9a-fA-F-]{36})', search)
        if people:
            break
    assert people, "the demo practitioner finds someone on their caseload"
    person = people[0]
    _, _, before = call(second.base, f"/people/{person}", cookie)
    assert 'id="break-glass-active"' not in before

    status, _, _ = call(first.base, f"/people/{person}/break-glass", cookie,
                        {"reason": "Child reported missing tonight, checking for history", "csrf": csrf})
    assert status == 303

    status, _, after = call(second.base, f"/people/{person}", cookie)
    assert status == 200 and 'id="break-glass-active"' in after, "the grant made on the first is in force on the second"
    call(first.base, "/sign-out", cookie, {"csrf": csrf})


def csv_line(columns, values):
    line = []
    for column in columns:
        value = values.get(column, "")
        line.append(f'"{value}"' if "," in value else value)
    return ",".join(line)


def test_a_person_imported_through_one_server_is_found_and_shown_through_the_other(store, servers):
    first, second = servers
    police = Path(store["LANTERN_DATA"]) / "demo-extracts" / "harrowmere-police" / "people.csv"
    with open(police, newline="") as f:
        columns = next(csv.reader(f))
    person = {"record_id": "HWP-TWO-SERVERS-1", "given_names": "Morwenna", "family_name": "Quillfeather",
              "date_of_birth": "1988-04-17", "sex": "F", "address_line": "7 Lantern Row", "postcode": "HW3 9ZZ"}
    extract = ",".join(columns) + "\n" + csv_line(columns, person) + "\n"

    # The police records officer loads the police extract through the first server.
    cookie, csrf = sign_in(first.base, "records")
    request = urllib.request.Request(first.base + "/api/v1/imports?partner=harrowmere-police&kind=people",
                                     data=extract.encode(), method="POST",
                                     headers={"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "text/csv"})
    with OPENER.open(request, timeout=120) as response:
        assert response.status == 200, response.read()[:300]

    # The hub's analyst, signed in on the second server, finds her by name and opens her page.
    officer, officer_csrf = sign_in(second.base, "analyst")
    status, _, found = call(second.base, "/people?name=" + urllib.parse.quote("Quillfeather Morwenna"), officer)
    assert status == 200
    people = re.findall(r'/people/([0-9a-fA-F-]{36})', found)
    assert people, "the second server finds the person imported through the first: " + re.sub(r"<[^>]+>", " ", found)[-1500:]
    status, _, page = call(second.base, f"/people/{people[0]}", officer)
    assert status == 200 and "Quillfeather" in page
    call(second.base, "/sign-out", officer, {"csrf": officer_csrf})
    call(first.base, "/sign-out", cookie, {"csrf": csrf})


def test_need_rules_saved_on_one_server_are_in_force_on_the_other(servers):
    first, second = servers
    cookie, csrf = sign_in(first.base, "analyst")
    status, _, page = call(first.base, "/case-finding/rules", cookie)
    assert status == 200
    version = int(re.search(r"Rule set version (\d+)", page).group(1))
    draft = html.unescape(re.search(r'<textarea id="rules-json" name="rules"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    rules = json.loads(draft)
    rules["rules"][0]["lookBackDays"] += 30
    status, headers, body = call(first.base, "/case-finding/rules", cookie,
                                 {"csrf": csrf, "rules": json.dumps(rules), "reason": "Board asked for a longer window"})
    assert status == 303, body[:500]

    other, other_csrf = sign_in(second.base, "analyst")
    status, _, page = call(second.base, "/case-finding/rules", other)
    assert status == 200 and f"Rule set version {version + 1}" in page, "the second server scores under the rules saved on the first"
    call(second.base, "/sign-out", other, {"csrf": other_csrf})
    call(first.base, "/sign-out", cookie, {"csrf": csrf})


def test_the_ledger_both_servers_wrote_verifies(store, servers):
    verified = subprocess.run([str(built_lantern()), "audit", "verify"], env=store, capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stdout + verified.stderr

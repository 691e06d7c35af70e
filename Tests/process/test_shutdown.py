"""Stopping a busy server is clean: `lantern demo` told to stop (SIGTERM, as
systemd does) while signed-in users keep opening pages finishes the requests
in flight, exits 0, and leaves the audit ledger intact. It used to close the
database under a request still running and crash.
"""
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
import http.cookiejar
from pathlib import Path

from lantern_harness import built_lantern, demo_environment, free_port, start_demo


def signed_in(base: str, username: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/sign-in", timeout=20) as response:
        page = response.read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": username, "password": "lantern-demo", "csrf": csrf}).encode()
    with opener.open(base + "/sign-in", data=form, timeout=20) as response:
        assert response.status == 200
    return opener


def keep_opening(opener, base: str, stop: threading.Event, answered: list, busy: threading.Event):
    while not stop.is_set():
        try:
            with opener.open(base + "/panels", timeout=20) as response:
                response.read()
                answered.append(response.status)
                if len(answered) >= 60:
                    busy.set()
        except (urllib.error.URLError, ConnectionError, OSError):
            # Refused or cut off once the server stops listening: expected from here on.
            if stop.wait(0.01):
                return


def test_a_server_stopped_while_busy_finishes_its_requests_and_exits_cleanly():
    scratch = Path(tempfile.mkdtemp(prefix="lantern-shutdown-"))
    try:
        binary = built_lantern()
        port = free_port()
        env = demo_environment(scratch / "data", port)
        server, output = start_demo(binary, env, scratch, people=300)
        base = f"http://127.0.0.1:{port}"
        openers = [signed_in(base, name) for name in ("chair", "coordinator", "idva", "officer") * 3]
        stop = threading.Event()
        answered: list = []
        busy = threading.Event()
        users = [threading.Thread(target=keep_opening, args=(opener, base, stop, answered, busy), daemon=True) for opener in openers]
        for user in users:
            user.start()
        assert busy.wait(timeout=120) and server.poll() is None, "".join(output)[-2000:]
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=60)
        stop.set()
        for user in users:
            user.join(timeout=30)
        log = "".join(output)
        assert code == 0, log[-3000:]
        assert "runtime failure" not in log and "crashed" not in log, log[-3000:]
        assert all(status == 200 for status in answered)
        verify = subprocess.run([str(binary), "audit", "verify"], env=dict(env, LANTERN_SQLITE_FILE="demo.sqlite"), cwd=scratch,
                                capture_output=True, text=True, timeout=120)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        entries = re.search(r"intact: (\d+) entries", verify.stdout)
        assert entries and int(entries.group(1)) > 60, verify.stdout
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

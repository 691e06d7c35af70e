"""Lantern serves from any folder: the built binary started outside the
checkout, and an installed copy under a hidden folder (~/.local style), each
answer the sign-in page and let the demo practitioner sign in and search.
"""
import http.cookiejar
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from lantern_harness import ROOT, built_lantern, demo_environment, free_port, start_demo


def installed_copy(prefix: Path) -> Path:
    env = dict(os.environ, LANTERN_BINARY=str(built_lantern()))
    subprocess.run([str(ROOT / "scripts" / "install"), str(prefix)], env=env, check=True, capture_output=True)
    return prefix / "bin" / "lantern"


def sign_in_and_search(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/sign-in", timeout=20) as response:
        page = response.read().decode()
    assert response.status == 200 and 'name="password"' in page, page[:300]
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": "practitioner", "password": "lantern-demo", "csrf": csrf}).encode()
    with opener.open(base + "/sign-in", data=form, timeout=20) as response:
        assert response.status == 200
    with opener.open(base + "/people?name=a", timeout=20) as response:
        search = response.read().decode()
    assert response.status == 200
    return search


@pytest.mark.parametrize("layout", ["build-tree", "installed-under-hidden-folder"])
def test_lantern_serves_from_a_folder_outside_the_checkout(layout):
    scratch = Path(tempfile.mkdtemp(prefix="lantern-anywhere-"))
    try:
        binary = built_lantern() if layout == "build-tree" else installed_copy(scratch / "home" / ".local")
        elsewhere = scratch / "somewhere" / "else"
        elsewhere.mkdir(parents=True)
        port = free_port()
        env = demo_environment(scratch / "data", port)
        env.pop("LANTERN_RESOURCES", None)
        server, _ = start_demo(binary, env, elsewhere, people=300)
        try:
            search = sign_in_and_search(f"http://127.0.0.1:{port}")
            assert "Find a person" in search and "No template" not in search
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_missing_template_folder_is_named_with_what_to_set():
    scratch = Path(tempfile.mkdtemp(prefix="lantern-anywhere-"))
    try:
        env = dict(os.environ, LANTERN_DATA=str(scratch / "data"), LANTERN_RESOURCES=str(scratch / "nothing-here"))
        env.pop("DATABASE_URL", None)
        result = subprocess.run([str(built_lantern()), "serve"], cwd=scratch, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode != 0
        assert "LANTERN_RESOURCES" in result.stdout + result.stderr
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

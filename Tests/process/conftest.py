"""The built `lantern demo` on a free loopback port, shared by the process tests.

Started as Tests/browser/test_demo.py starts it: a small fictional
partnership in a temporary data directory, ready once it prints "Open http".
"""
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

from lantern_harness import ROOT, built_lantern, demo_environment, free_port, start_demo


@pytest.fixture(scope="module")
def demo():
    """Yields (base URL, data directory, environment, server output) of a running demo."""
    data = tempfile.mkdtemp(prefix="lantern-process-")
    port = free_port()
    env = demo_environment(Path(data), port)
    server, output = start_demo(built_lantern(), env, ROOT)
    base = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(base + "/health", timeout=10) as response:
        assert response.status == 200
    yield base, Path(data), env, output
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(data, ignore_errors=True)

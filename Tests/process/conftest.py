"""The built `lantern demo` on a free loopback port, shared by the process tests.

Started as Tests/browser/test_demo.py starts it: a small fictional
partnership in a temporary data directory, ready once it prints "Open http".
"""
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def built_lantern() -> Path:
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    binary = Path(out.stdout.strip()) / "lantern"
    assert binary.exists(), "build first: swift build"
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo():
    """Yields (base URL, data directory, environment) of a running demo."""
    data = tempfile.mkdtemp(prefix="lantern-process-")
    port = free_port()
    env = dict(os.environ, LANTERN_DATA=data, LANTERN_PORT=str(port), LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([str(built_lantern()), "demo", "--people", "1500"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    output = []
    for line in server.stdout:
        output.append(line)
        if line.startswith("Open http"):
            break
    assert server.poll() is None, "".join(output)
    with urllib.request.urlopen(base + "/health", timeout=10) as response:
        assert response.status == 200
    # Keep draining its output so the server never blocks on a full pipe;
    # kept, so a test can show what the server logged.
    threading.Thread(target=lambda: [output.append(line) for line in server.stdout], daemon=True).start()
    yield base, Path(data), env, output
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(data, ignore_errors=True)

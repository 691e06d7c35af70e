"""Starting the built Lantern for the browser and process tests: one place
that finds the binary, picks a free loopback port and waits for the demo's
ready line, so every suite starts it the same way."""
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def built_lantern() -> Path:
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    binary = Path(out.stdout.strip()) / "lantern"
    assert binary.exists(), "build first: swift build"
    return binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demo_environment(data: Path, port: int, **extra: str) -> dict:
    """The environment of a demo on SQLite in `data`, listening on `port`."""
    env = dict(os.environ, LANTERN_DATA=str(data), LANTERN_PORT=str(port), LOG_LEVEL="warning", **extra)
    env.pop("DATABASE_URL", None)
    return env


def start_demo(binary: Path, env: dict, cwd: Path, people: int = 1500):
    """Starts `lantern demo` and returns (process, output lines) once it says
    where it serves; its output keeps being collected so it never blocks."""
    server = subprocess.Popen([str(binary), "demo", "--people", str(people)], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = []
    for line in server.stdout:
        output.append(line)
        if line.startswith("Open http"):
            break
    assert server.poll() is None, "".join(output)
    threading.Thread(target=lambda: [output.append(line) for line in server.stdout], daemon=True).start()
    return server, output


@contextlib.contextmanager
def running_demo(prefix: str = "lantern-browser-"):
    """A demo in a fresh data directory on a free port, answering /health:
    yields (base URL, data directory, output lines) and stops it after."""
    data = Path(tempfile.mkdtemp(prefix=prefix))
    port = free_port()
    server, output = start_demo(built_lantern(), demo_environment(data, port), ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(base + "/health", timeout=10) as response:
            assert response.status == 200
        yield base, data, output
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


def headless_chromium():
    """Chromium without a screen, driven by the machine's chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    binary = shutil.which("chromium")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver")
    return webdriver.Chrome(service=Service(driver_path) if driver_path else None, options=options)

"""Starting the built Lantern for the browser and process tests: one place
that finds the binary, picks a free loopback port and waits for the demo's
ready line, so every suite starts it the same way."""
import os
import socket
import subprocess
import threading
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

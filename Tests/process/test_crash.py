"""Killing Lantern while it appends to the audit ledger leaves a ledger that
verifies: entries, tree state and signed head commit in one transaction."""
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def lantern() -> str:
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return str(Path(out.stdout.strip()) / "lantern")


def test_a_kill_during_appends_leaves_a_ledger_that_verifies():
    data = tempfile.mkdtemp(prefix="lantern-crash-")
    try:
        env = dict(os.environ, LANTERN_DATA=data, LOG_LEVEL="error")
        env.pop("DATABASE_URL", None)
        writer = subprocess.Popen([lantern(), "bench", "audit", "--entries", "5000000", "--batch", "200", "--data", data,
                                   "--progress"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        # Wait until it has committed some batches, then kill it without warning mid-append.
        committed = 0
        for line in writer.stdout:
            if line.startswith("committed "):
                committed = int(line.split()[1])
                if committed >= 10_000:
                    break
        assert committed >= 10_000, "the writer stopped before committing 10,000 entries"
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        result = subprocess.run([lantern(), "audit", "verify"], env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Audit ledger intact" in result.stdout
        entries = int(result.stdout.split("intact: ")[1].split(" entries")[0])
        assert entries > 0 and entries % 200 == 0, f"a batch was half-written: {entries} entries"
    finally:
        shutil.rmtree(data, ignore_errors=True)

"""Killing Lantern in the middle of a disposal batch leaves the store and the
ledger consistent: the records, everything derived from them, the batch's
status and its certificate commit in one transaction, so all of the batch is
gone or none of it is."""
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from lantern_harness import ROOT, built_lantern


def test_a_kill_during_a_disposal_leaves_all_of_the_batch_or_none():
    data = tempfile.mkdtemp(prefix="lantern-disposal-crash-")
    try:
        env = dict(os.environ, LANTERN_DATA=data, LOG_LEVEL="error")
        env.pop("DATABASE_URL", None)
        records, dispose = 400_000, 40_000
        bench = subprocess.Popen([str(built_lantern()), "bench", "retention", "--records", str(records), "--dispose", str(dispose),
                                  "--data", data], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        for line in bench.stdout:
            if line.startswith("disposing "):
                break
        else:
            raise AssertionError("the bench stopped before disposing")
        # Mid-batch: the disposal of 40,000 records with their events takes seconds.
        time.sleep(0.5)
        finished_first = bench.poll() is not None
        bench.send_signal(signal.SIGKILL)
        bench.wait(timeout=30)

        verify = subprocess.run([str(built_lantern()), "audit", "verify"], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert "Audit ledger intact" in verify.stdout

        db = sqlite3.connect(Path(data) / "lantern.sqlite")
        police = db.execute("SELECT COUNT(*) FROM source_records WHERE partner_slug = 'bench-police'").fetchone()[0]
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        status, certificate = db.execute("SELECT status, certificate FROM disposal_batches").fetchone()
        certificates = db.execute("SELECT COUNT(*) FROM audit_entries WHERE subject LIKE 'disposal:%'").fetchone()[0]
        orphans = db.execute("SELECT COUNT(*) FROM source_records WHERE person_id NOT IN (SELECT id FROM people)").fetchone()[0]
        empty = db.execute("SELECT COUNT(*) FROM people WHERE id NOT IN (SELECT person_id FROM source_records)").fetchone()[0]
        db.close()
        print(f"batch {status} after the kill: {police} police records left")
        if status == "disposed":
            assert (police, events, certificates) == (records // 5 - dispose, records // 5 - dispose, 1), (police, events, certificates)
            assert certificate and "certificate=lantern-disposal-v1" in certificate
        else:
            assert not finished_first, "the bench finished before the kill, yet the batch is not disposed"
            assert status == "approved" and certificate is None
            assert (police, events, certificates) == (records // 5, records // 5, 0), (police, events, certificates)
        assert orphans == 0 and empty == 0, (orphans, empty)
    finally:
        shutil.rmtree(data, ignore_errors=True)

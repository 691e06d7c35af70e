"""Backup and restore of a running SQLite store: `lantern backup` while the
demo server runs and imports keep loading, then `lantern restore` into a new
data folder (with the keys kept apart) and `lantern audit verify` on it."""
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from lantern_harness import built_lantern


def lantern(env, *args, check=True):
    result = subprocess.run([str(built_lantern()), *args], env=env, capture_output=True, text=True, timeout=600)
    assert not check or result.returncode == 0, f"lantern {' '.join(args)}: {result.stdout}{result.stderr}"
    return result


def test_backup_while_importing_then_restore_and_verify(demo):
    _, data, env, _ = demo
    env = dict(env, LANTERN_SQLITE_FILE="demo.sqlite")  # the demo's store; serve and the tools default to lantern.sqlite
    extracts = sorted((data / "demo-extracts").glob("*/events.csv"))
    assert extracts, "the demo wrote no extracts"
    partner, extract = extracts[0].parent.name, extracts[0]
    scratch = Path(tempfile.mkdtemp(prefix="lantern-backup-"))
    try:
        imports = []

        def keep_importing():
            for _ in range(3):
                imports.append(lantern(env, "import", "--partner", partner, "--kind", "events", str(extract), check=False))

        loader = threading.Thread(target=keep_importing)
        loader.start()
        backups = []
        while loader.is_alive() or not backups:
            target = scratch / f"backup-{len(backups)}.sqlite"
            result = lantern(env, "backup", "--to", str(target))
            assert "Backed up" in result.stdout, result.stdout + result.stderr
            backups.append(target)
        loader.join()
        assert all(run.returncode == 0 for run in imports), [run.stdout + run.stderr for run in imports]
        refused = lantern(env, "backup", "--to", str(backups[0]), check=False)
        assert refused.returncode != 0 and "exists" in refused.stderr + refused.stdout, "a backup is never overwritten"

        for backup in backups:
            restored = scratch / ("restored-" + backup.stem)
            restored.mkdir()
            # The keys are kept apart from the backup and put back with it.
            for key in ("ledger-signing.key", "secrets.key"):
                if (data / key).exists():
                    shutil.copy(data / key, restored / key)
            there = dict(env, LANTERN_DATA=str(restored))
            out = lantern(there, "restore", "--from", str(backup))
            assert "Restored" in out.stdout
            verified = lantern(there, "audit", "verify")
            assert "Audit ledger intact" in verified.stdout, verified.stdout + verified.stderr
            again = lantern(there, "restore", "--from", str(backup), check=False)
            assert again.returncode != 0 and "--replace" in again.stderr + again.stdout
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

"""`lantern bench pages --url` against a running demo: the instrument behind
the panel pages' latency figure. Each user signs in with a session of its
own, finds the pages its account may open, and the bench spends exactly the
requests it was given on each page kind, every one answered 200.
"""
import re
import subprocess

from lantern_harness import built_lantern


def test_the_pages_bench_drives_every_page_kind_through_signed_in_users(demo):
    base, _, _, _ = demo
    # act
    run = subprocess.run([str(built_lantern()), "bench", "pages", "--url", base, "--users", "4", "--requests", "12"],
                         capture_output=True, text=True, timeout=300)
    # validate
    assert run.returncode == 0, run.stdout + run.stderr
    for kind in ("agenda", "meeting", "case"):
        line = re.search(rf"^{kind}\s+(\d+) ok, (\d+) errors\s+p50\s+([\d.]+) ms\s+p95\s+([\d.]+) ms", run.stdout, re.M)
        assert line, f"no line for {kind} pages:\n{run.stdout}"
        ok, errors, p50, p95 = int(line[1]), int(line[2]), float(line[3]), float(line[4])
        assert (ok, errors) == (12, 0), line[0]
        assert 0 < p50 <= p95, line[0]
    assert re.search(r"^36 requests in [\d.]+ s", run.stdout, re.M), run.stdout
    # Four users over the five demo accounts: the chair and the coordinator each found a meeting and cases.
    for account in ("chair", "coordinator"):
        found = re.search(rf"^{account}: 1 agenda page\(s\), (\d+) meeting page\(s\), (\d+) case page\(s\)", run.stdout, re.M)
        assert found and int(found[1]) > 0 and int(found[2]) > 0, run.stdout

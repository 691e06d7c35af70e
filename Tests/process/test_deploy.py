"""The deployment files in deploy/ are checked, not only documented: the
nginx configuration passes `nginx -t` (with a throwaway certificate in place
of the real one), when nginx is installed (CI installs it)."""
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from lantern_harness import ROOT


@pytest.mark.skipif(shutil.which("nginx") is None or shutil.which("openssl") is None, reason="nginx or openssl not installed")
def test_the_nginx_configuration_passes_nginx_t():
    scratch = Path(tempfile.mkdtemp(prefix="lantern-nginx-"))
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=lantern.test",
                        "-keyout", str(scratch / "privkey.pem"), "-out", str(scratch / "fullchain.pem")],
                       check=True, capture_output=True)
        site = (ROOT / "deploy" / "nginx-lantern.conf").read_text().replace("/etc/ssl/lantern", str(scratch))
        (scratch / "lantern.conf").write_text(site)
        (scratch / "nginx.conf").write_text(
            f"pid {scratch}/nginx.pid;\nerror_log {scratch}/error.log;\nevents {{}}\n"
            f"http {{\n access_log off;\n include {scratch}/lantern.conf;\n}}\n")
        result = subprocess.run(["nginx", "-t", "-p", str(scratch), "-c", str(scratch / "nginx.conf")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "syntax is ok" in result.stderr
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_the_systemd_unit_starts_the_installed_binary_on_loopback():
    unit = (ROOT / "deploy" / "lantern.service").read_text()
    assert "ExecStart=/opt/lantern/bin/lantern serve" in unit
    assert "LANTERN_HOST=127.0.0.1" in unit, "Lantern listens on loopback; TLS ends at nginx"
    if shutil.which("systemd-analyze"):
        scratch = Path(tempfile.mkdtemp(prefix="lantern-unit-"))
        try:
            (scratch / "lantern.service").write_text(unit)
            result = subprocess.run(["systemd-analyze", "verify", str(scratch / "lantern.service")], capture_output=True, text=True)
            # The binary and user do not exist here; only syntax errors matter.
            assert "Unknown key" not in result.stderr and "Invalid" not in result.stderr, result.stderr
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

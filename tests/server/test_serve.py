"""``bahi serve`` as a real process: it starts, answers over HTTP and runs a script."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import socket
from collections.abc import Iterator

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from addin.server.serve import configure_environment, ensure_certificate, parser
from benchmarks.serve_process import bahi_serve, free_port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with bahi_serve({"BAHI_TOKEN": "office-secret"}, wait_seconds=60) as url:
        yield url


def test_the_served_manifest_is_bahis_with_urls_from_configuration_not_the_host_header(server: str) -> None:
    answer = httpx.get(server + "/manifest.xml", headers={"Host": "evil.example:666"})
    assert answer.headers["content-type"].startswith("application/xml")
    manifest = answer.text
    assert "Bahi.Tab" in manifest
    assert "hi-IN" in manifest
    assert "evil.example" not in manifest
    port = server.rsplit(":", 1)[1]
    assert f"http://localhost:{port}/taskpane.html" in manifest  # bahi serve's BAHI_PUBLIC_URL


def test_scripts_need_the_office_token_when_bahi_token_is_set(server: str) -> None:
    body = {"client": "Office.js", "version": "0.37.8", "book": {"name": "x.xlsx", "active_sheet_index": 0},
            "names": [], "sheets": []}  # fmt: skip
    refused = httpx.post(server + "/xlwings/custom-scripts-call/bahi_reconcile", json=body)
    assert refused.status_code == 401
    assert "token" in refused.json()["detail"]
    sheet = {"name": "Settings", "values": [[""]], "tables": [], "pictures": [], "shapes": [], "charts": [],
             "notes": [], "pivot_tables": [], "used_range_address": None}  # fmt: skip
    body["sheets"] = [sheet]
    accepted = httpx.post(
        server + "/xlwings/custom-scripts-call/bahi_reconcile",
        json=body,
        headers={"Authorization": "Bearer office-secret"},
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["actions"][-1]["func"] == "alert"


def test_the_manifest_and_task_pane_stay_public(server: str) -> None:
    assert httpx.get(server + "/taskpane.html").status_code == 200
    assert httpx.get(server + "/static/images/icons/validate-32.png").status_code == 200


def test_the_self_signed_certificate_covers_localhost(tmp_path: pathlib.Path) -> None:
    cert, key = ensure_certificate(tmp_path)
    parsed = x509.load_pem_x509_certificate(cert.read_bytes())
    names = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    assert key.stat().st_mode & 0o077 == 0
    assert ensure_certificate(tmp_path) == (cert, key)  # reused, not regenerated


def test_the_certificate_is_a_leaf_that_can_sign_nothing(tmp_path: pathlib.Path) -> None:
    # trusted as a root for desktop Excel, a CA's key could vouch for any site; a leaf's cannot
    parsed = x509.load_pem_x509_certificate(ensure_certificate(tmp_path)[0].read_bytes())
    constraints = parsed.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical
    assert constraints.value.ca is False
    usage = parsed.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign is False
    assert usage.crl_sign is False
    purposes = parsed.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(purposes) == [ExtendedKeyUsageOID.SERVER_AUTH]
    names = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(names.get_values_for_type(x509.DNSName)) == {"localhost"}
    assert {str(ip) for ip in names.get_values_for_type(x509.IPAddress)} == {"127.0.0.1", "::1"}
    assert parsed.not_valid_after_utc - parsed.not_valid_before_utc <= dt.timedelta(days=398)


def test_a_ca_certificate_left_by_an_older_bahi_is_replaced(tmp_path: pathlib.Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    old = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=300))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "localhost.pem").write_bytes(old.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "localhost-key.pem").write_bytes(b"old key")
    cert, _ = ensure_certificate(tmp_path)
    now_there = x509.load_pem_x509_certificate(cert.read_bytes())
    assert now_there.serial_number != 1
    assert now_there.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False


def test_a_busy_port_is_a_bilingual_message_and_an_exit_code_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from addin import cli  # noqa: PLC0415

    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen(1)
        assert cli.main(["serve", "--http", "--port", str(port)]) == cli.EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert f"Port {port}" in err
    assert "already in use" in err
    assert "पोर्ट" in err
    assert f"--port {port + 1}" in err
    assert "Traceback" not in err


def test_the_command_line_matches_bahi_serve() -> None:
    ns = parser().parse_args(["--http", "--host", "0.0.0.0", "--port", "9000"])
    assert (ns.http, ns.host, ns.port) == (True, "0.0.0.0", 9000)


def test_configure_environment_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "BAHI_"))}
    monkeypatch.setattr(os, "environ", {**clean, "BAHI_TOKEN": "t"})  # a copy: nothing leaks out
    configure_environment()
    assert os.environ["XLWINGS_LICENSE_KEY"] == "noncommercial"
    assert os.environ["XLWINGS_AUTH_PROVIDERS"] == '["custom"]'
    assert "*" not in os.environ["XLWINGS_CORS_ALLOW_ORIGINS"]
    assert os.environ["XLWINGS_PROJECT_DIR"].endswith("addin/server")


def test_bahi_serve_refuses_an_unwritable_upload_directory_with_a_clear_message(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from addin import cli  # noqa: PLC0415

    (tmp_path / "a-file").write_text("not a directory")
    monkeypatch.setenv("BAHI_UPLOAD_DIR", str(tmp_path / "a-file" / "uploads"))
    assert cli.main(["serve", "--http", "--port", "1"]) == cli.EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "BAHI_UPLOAD_DIR" in err
    assert "अपलोड" in err
    assert "Traceback" not in err


def test_the_server_module_run_on_a_busy_port_says_so_without_a_traceback() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from addin.server.serve import ROOT_DIR  # noqa: PLC0415

    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen(1)
        done = subprocess.run(
            [sys.executable, "-m", "addin.server.serve", "--http", "--port", str(port)],
            cwd=ROOT_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    assert "already in use" in done.stderr
    assert "पहले से उपयोग में" in done.stderr
    assert "Traceback" not in done.stderr

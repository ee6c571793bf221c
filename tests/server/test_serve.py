"""``bahi serve`` as a real process: it starts, answers over HTTP and runs a script."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterator

import httpx
import pytest
from cryptography import x509

from addin.server.serve import configure_environment, ensure_certificate, parser
from benchmarks.serve_process import bahi_serve


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with bahi_serve({"BAHI_TOKEN": "office-secret"}, wait_seconds=60) as url:
        yield url


def test_the_served_manifest_is_bahis(server: str) -> None:
    manifest = httpx.get(server + "/manifest.xml").text
    assert "Bahi.Tab" in manifest
    assert "hi-IN" in manifest


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

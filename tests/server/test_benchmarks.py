"""The Excel-side benchmarks run end to end on tiny inputs (their figures are not checked here)."""

from __future__ import annotations

import pathlib

import pytest

from benchmarks import excel_payloads, formula_latency


def test_excel_payloads_measures_every_macro_and_writes_its_table(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "excel_payloads.md"
    assert excel_payloads.main(["--lines", "300", "--repeat", "1", "--out", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    for name in excel_payloads.MACROS:
        assert f"| 300 | {name} |" in table
    assert "**no**" not in table  # 300 lines fit in 5 MB
    assert table in capsys.readouterr().out


def test_the_benchmark_sends_as_the_ribbon_does() -> None:
    assert excel_payloads.INLINE_CELLS == 100_000
    assert excel_payloads.BLOCK_CELLS == 100_000


def test_a_big_journal_is_sent_in_blocks_under_5_mb() -> None:
    requests = excel_payloads.requests_for(
        "bahi_validate", ["Accounts", "Journal", "Settings", "Issues"], 30_000
    )
    assert len(requests.blocks) >= 2
    assert max(len(b) for b in [*requests.blocks, requests.call]) < excel_payloads.OFFICE_LIMIT
    assert requests.inline_bytes > sum(len(b) for b in requests.blocks) * 0.9


def test_formula_latency_times_the_small_formulas_and_trialbalance(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "formula_latency.md"
    argv = ["--calls", "3", "--repeat", "1", "--lines", "200", "--no-process", "--out", str(out)]
    assert formula_latency.main(argv) == 0
    table = out.read_text(encoding="utf-8")
    for name in ("INRFORMAT", "AMOUNTINWORDS", "GSTIN_VALID", "TRIALBALANCE (200 lines)"):
        assert f"| {name} | TestClient |" in table


def test_a_journal_argument_carries_dates_as_excel_serials() -> None:
    journal = formula_latency.journal_argument(10)
    assert len(journal) == 11
    assert isinstance(journal[1][0], float)
    assert formula_latency.serial("2025-04-01T00:00:00.000Z") == 45748.0

"""What the ``bahi`` reports look like: on a terminal of any width, as JSON and as CSV for Excel.

Accountants read amounts lakh-grouped, in Dr and Cr, never cut and never with a bare minus; dates as
dd/mm/yyyy; Hindi as Hindi, whether on the screen, in JSON or in a CSV opened in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from addin import cli
from addin.engine.money import format_inr, from_decimal_string
from addin.text_table import column_kind, table_columns, write_table
from tests.test_cli_books import APRIL, template_book
from workbook_templates import chart
from workbook_templates.build import DEMO_PATH

HINDI_NARRATION = "श्री बालाजी स्टोर्स को माल बेचा, बिल संख्या 25-26/0001 (अप्रैल का पहला बड़ा ऑर्डर)"
LONG_NARRATION = (
    "Being the amount paid to M/s Sharma Brothers & Associates, Chartered Accountants, towards the "
    "statutory audit fees for the financial year 2024-25 as per their invoice SBA/2025/0417"
)
BIG_LINES = (
    (APRIL, "JV-1", chart.BANK, 123456789.5, None, "Capital introduced by the proprietor"),
    (APRIL, "JV-1", chart.CAPITAL, None, 123456789.5, "Capital introduced by the proprietor"),
    (APRIL + dt.timedelta(days=4), "S-1", chart.CASH, 2345678.25, None, HINDI_NARRATION),
    (APRIL + dt.timedelta(days=4), "S-1", chart.SALES_LOCAL, None, 2345678.25, HINDI_NARRATION),
    (APRIL + dt.timedelta(days=9), "P-1", chart.RENT, 98765.43, None, LONG_NARRATION),
    (APRIL + dt.timedelta(days=9), "P-1", chart.BANK, None, 98765.43, LONG_NARRATION),
)
"""Crore amounts, a Hindi narration and a narration far wider than any terminal."""
HEADINGS_EN = ["Date", "Voucher", "Account", "Name", "Narration", "Debit", "Credit"]


@pytest.fixture
def big(tmp_path: Path) -> Path:
    return template_book(tmp_path / "big.xlsx", BIG_LINES)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def has_hindi(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def amounts_in(records: list[dict[str, str]]) -> set[str]:
    """Every non-zero amount of the records, written as the terminal shows it (lakh-grouped, unsigned)."""
    shown = set()
    for record in records:
        for field, value in record.items():
            if column_kind(field).value in {"amount", "balance"} and value not in ("", None):
                paise = from_decimal_string(str(value))
                if paise:
                    shown.add(format_inr(abs(paise)))
    return shown


# -- the terminal's width ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["trial-balance"], ["daybook"], ["ledger", str(chart.BANK)], ["ledger", "Assets"]],
    ids=["trial-balance", "daybook", "ledger", "ledger-of-a-group"],
)
@pytest.mark.parametrize("columns", [100, 120])
def test_a_narrow_terminal_wraps_narration_and_never_cuts_an_amount(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    big: Path,
    command: list[str],
    columns: int,
) -> None:
    name, *extra = command
    _, out, _ = run(capsys, name, big, *extra, "--format", "json")
    amounts = amounts_in(json.loads(out))
    assert any(len(a) >= 14 for a in amounts), "a crore amount is among them"
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, name, big, *extra)
    assert code == 0
    lines = out.splitlines()
    for amount in amounts:
        assert any(re.search(rf"(?<![\d,]){re.escape(amount)}(?![\d])", line) for line in lines), amount
    assert max(cell_len(line) for line in lines) <= columns
    assert not re.search(r"(?<![\w/])-\d", out), "never a bare minus"


def test_a_long_narration_is_wrapped_whole_not_cut(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, big: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    _, out, _ = run(capsys, "daybook", big)
    words = " ".join(out.split())
    assert "statutory audit fees" in words or all(w in out for w in LONG_NARRATION.split())
    assert "…" not in out, "nothing is elided"


def test_without_a_terminal_width_rows_are_one_line_each(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, big: Path
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    _, out, _ = run(capsys, "daybook", big)
    assert LONG_NARRATION in out, "a file or a pipe gets whole lines"


# -- what an accountant reads ----------------------------------------------------------------------


def test_balances_say_dr_or_cr_and_dates_read_day_first(
    capsys: pytest.CaptureFixture[str], big: Path
) -> None:
    _, out, _ = run(capsys, "trial-balance", big)
    assert "12,34,56,789.50 Cr" in out, "the capital's credit balance"
    assert "12,33,58,024.07 Dr" in out, "the bank's debit balance"
    _, out, _ = run(capsys, "ledger", big, chart.BANK)
    assert "05/04/2025" not in out
    assert "01/04/2025" in out
    assert "10/04/2025" in out
    assert "2025-04-" not in out


def test_the_day_book_names_its_day_totals(capsys: pytest.CaptureFixture[str], big: Path) -> None:
    _, out, _ = run(capsys, "daybook", big)
    totals = [line for line in out.splitlines() if "Day total" in line]
    assert len(totals) == 3
    assert "दिन का योग" in totals[0]
    assert "23,45,678.25" in totals[1]


def test_headings_are_english_over_hindi(capsys: pytest.CaptureFixture[str], big: Path) -> None:
    _, out, _ = run(capsys, "daybook", big)
    title, english, hindi, rule, *_ = out.splitlines()
    assert title == "Day Book / दैनिक बही"
    assert english.split() == HEADINGS_EN
    assert hindi.split() == ["दिनांक", "वाउचर", "खाता", "नाम", "विवरण", "नामे", "जमा"]
    assert set(rule) == {"─"}


# -- JSON and CSV ------------------------------------------------------------------------------------


def test_json_keeps_hindi_readable(capsys: pytest.CaptureFixture[str], big: Path) -> None:
    _, out, _ = run(capsys, "daybook", big, "--format", "json")
    assert HINDI_NARRATION in out
    assert "\\u09" not in out
    assert {r["narration"] for r in json.loads(out)} >= {HINDI_NARRATION}


def _bahi(*argv: object) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    argv_ = [sys.executable, "-m", "addin.cli", *map(str, argv)]
    return subprocess.run(argv_, check=False, capture_output=True, timeout=120, env=env)


def test_csv_starts_with_a_byte_order_mark_and_round_trips_hindi(big: Path) -> None:
    done = _bahi("daybook", big, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.startswith(b"\xef\xbb\xbf"), "Excel reads UTF-8 only after a BOM"
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert next(iter(rows[0])) == "kind", "the BOM is not part of the first heading"
    assert HINDI_NARRATION in {r["narration"] for r in rows}
    sale = next(r for r in rows if r["account"] == str(chart.CASH))
    assert Decimal(sale["debit"]) == Decimal("2345678.25"), "amounts stay plain decimals for Excel"
    assert sale["date"] == "2025-04-05", "ISO dates: Excel reads them right in any locale"


# -- the table itself ------------------------------------------------------------------------------

_amount = st.integers(min_value=-(10**13), max_value=10**13).map(lambda p: f"{p / 100:.2f}")
_words = st.lists(
    st.sampled_from(
        ["Sales", "to", "श्री", "बालाजी", "INV/25-26/000002", "रोज़नामचा", "cash", "a" * 30, "(April)"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {"date": st.just("2025-04-01"), "narration": _words, "debit": _amount, "balance": _amount}
        ),
        min_size=1,
        max_size=8,
    ),
    width=st.integers(min_value=20, max_value=140),
)
def test_any_table_keeps_every_amount_whole_within_the_width(rows: list[dict[str, str]], width: int) -> None:
    """Within the width whenever the amounts and dates leave a narrow narration room (80 columns do,
    for any amount under ₹10 lakh crore); wider than the width, never cut, when they do not."""
    columns = table_columns(rows, ("date", "narration", "debit", "balance"), cli.heading)
    out = io.StringIO()
    write_table(out, rows, columns, width=width)
    lines = out.getvalue().splitlines()
    if width >= 80:
        assert max(cell_len(line) for line in lines) <= width
    text = out.getvalue()
    for amount in amounts_in(rows):
        assert amount in text
    assert not re.search(r"(?<![\w/])-\d", text.replace("25-26", "")), "no bare minus on a balance"


def test_a_table_of_no_rows_is_its_heading(capsys: pytest.CaptureFixture[str], big: Path) -> None:
    code, out, _ = run(capsys, "daybook", big, "--from", "01/05/2025")
    assert code == 0
    assert out.splitlines()[1].split() == HEADINGS_EN
    assert "No lines to show" in out


# -- progress while a long table prints --------------------------------------------------------------


def test_the_progress_bar_counts_the_rows_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PROGRESS_DELAY_SECONDS", 0.0)
    screen = io.StringIO()
    console = cli.Console(file=screen, force_terminal=True, width=100)
    with cli.PhaseBar(console, enabled=True, phases=cli.REPORT_PHASES) as progress:
        progress("reading")
        time.sleep(0.2)
        rows = progress.printing(200_000)
        assert rows is not None
        rows(50_000, 200_000)
        time.sleep(0.3)
    assert "Printing / छाप रहे हैं 50,000 / 2,00,000" in screen.getvalue()


def test_the_bar_steps_aside_when_the_table_prints_on_the_same_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "PROGRESS_DELAY_SECONDS", 0.0)
    screen = io.StringIO()
    console = cli.Console(file=screen, force_terminal=True, width=100)
    bar = cli.PhaseBar(console, enabled=True, phases=cli.REPORT_PHASES, hide_when_printing=True)
    with bar as progress:
        progress("reading")
        time.sleep(0.2)
        assert progress.printing(10) is None
        shown = screen.getvalue()
        time.sleep(0.3)
        assert screen.getvalue() == shown, "nothing more is drawn while the rows print"


def test_totals_of_books_that_do_not_agree_carry_no_minus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    demo = Path(shutil.copyfile(DEMO_PATH, tmp_path / "demo.xlsx"))
    _, out, _ = run(capsys, "trial-balance", demo)
    assert "does NOT agree" in out
    assert re.search(r"closing [\d,]+\.\d\d (Dr|Cr)\.", out), "the total closing balance has its side"
    assert not re.search(r"(?<![\w/])-\d", out), "never a bare minus"


def test_totals_are_bold_on_a_terminal_and_plain_in_a_file() -> None:
    records = [
        {"kind": "line", "date": "2025-04-01", "narration": "Cash sale", "debit": "100.00", "credit": "0.00"},
        {"kind": "day-total", "date": "2025-04-01", "narration": "", "debit": "100.00", "credit": "0.00"},
    ]
    columns = table_columns(records, ("date", "narration", "debit", "credit"), cli.heading)
    screen, file = io.StringIO(), io.StringIO()
    write_table(screen, records, columns, width=80, bold=cli._is_subtotal, styled=True)
    write_table(file, records, columns, width=80, bold=cli._is_subtotal, styled=False)
    shown = screen.getvalue().splitlines()
    assert not shown[-2].startswith("\x1b[1m")
    assert shown[-1].startswith("\x1b[1m")
    assert shown[-1].endswith("\x1b[0m")
    assert "\x1b" not in file.getvalue()

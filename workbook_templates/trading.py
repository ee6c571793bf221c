"""Build the trading workbooks: the general ledger plus sales, purchases, receipts, payments and GST.

``python -m workbook_templates.build`` (``make templates``) writes ``trading.xlsx`` (empty) and
``demo-trading.xlsx`` (:mod:`workbook_templates.trading_demo`) next to this module, reproducibly, with
the general ledger's helpers (:mod:`workbook_templates.build`): the same Read Me, Accounts, Journal,
Bank Statement, Settings and Match Rules sheets, then Parties, Items, GST Rates, Sales, Purchases,
Receipts, Payments and TDS Sections — real Excel Tables at A1 with bilingual headings, dropdowns
(parties, items, states as "27-Maharashtra", document types, Yes/No, TDS sections), dd/mm/yyyy
dates, lakh-grouped amounts, GST rates shown with "%", and HSN codes and numbers kept as text.

>>> TRADING_PATH.name, TRADING_DEMO_PATH.name
('trading.xlsx', 'demo-trading.xlsx')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from addin.engine.cells import column_letter
from addin.engine.money import INR_FORMAT
from addin.engine.schema import (
    GST_RATES,
    GST_RETURN_SETTING_ROWS,
    ITEMS,
    JOURNAL,
    PARTIES,
    PAYMENTS,
    PURCHASES,
    RECEIPTS,
    SALES,
    SETTINGS,
    TDS_SECTIONS,
    TRADE_SETTING_ROWS,
    TableSpec,
)
from addin.engine.trade.items import GST_RATES_POINTS
from addin.engine.trade.states import STATE_LABELS
from addin.engine.trade.values import format_percent
from workbook_templates import build
from workbook_templates.build import (
    ACCOUNT_CODES,
    DATE_FORMAT,
    FIXED_TIMESTAMP,
    LAST_ROW,
    NOTE_FILL,
    WIDTHS,
    add_accounts,
    add_bank_statement,
    add_budget,
    add_journal,
    add_match_rules,
    add_readme,
    add_report_lines,
    list_validation,
    table_columns,
    workbook_bytes,
    wrapped_height,
    write_table,
)
from workbook_templates.report_lines import TRADING_DEMO_BUDGET
from workbook_templates.trading_demo import TDS_SECTION_ROWS, trading_chart, trading_demo

HERE = Path(__file__).parent
TRADING_PATH = HERE / "trading.xlsx"
TRADING_DEMO_PATH = HERE / "demo-trading.xlsx"

LISTS_SHEET = "Lists"
PARTY_CODES, ITEM_CODES, STATE_LIST, TDS_CODES = "PartyCodes", "ItemCodes", "StateList", "TDSSectionCodes"
MASTER_LAST_ROW = 5000  # the party and item dropdowns reach this row
PERCENT_FORMAT = '0.00"%"'
QTY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"

WIDTHS.update(  # registered with the general ledger's table widths
    {
        PARTIES.name: {"Code": 10, "Name": 32, "GSTIN": 20, "PAN": 14, "State": 22, "Type": 12,
                       "Credit Days": 14, "MSME": 13, "Account": 12, "TDS Section": 15, "Address": 48},
        ITEMS.name: {"Code": 12, "Name": 32, "HSN": 11, "Unit": 8, "GST Rate": 13, "Sales Account": 16,
                     "Purchase Account": 17},
        GST_RATES.name: {"Item": 14, "GST Rate": 13, "Effective From": 16},
        SALES.name: {"Type": 13, "Number": 17, "Date": 12, "Party": 12, "Place of Supply": 20, "Item": 12,
                     "Qty": 11, "Rate": 12, "Discount": 11, "Taxable Value": 16, "GST Rate": 13,
                     "Reverse Charge": 14, "Against": 20},
        RECEIPTS.name: {"Number": 12, "Date": 12, "Party": 12, "Amount": 16, "Against": 20, "Account": 12,
                        "Reference": 26},
        TDS_SECTIONS.name: {"Section": 10, "Nature": 44, "Rate Individual": 18, "Rate Others": 15,
                            "No PAN Rate": 16, "Single Limit": 15, "Yearly Limit": 15, "On Excess": 15,
                            "Account": 12},
    }
)  # fmt: skip
WIDTHS[PURCHASES.name] = WIDTHS[SALES.name]
WIDTHS[PAYMENTS.name] = {**WIDTHS[RECEIPTS.name], "TDS Section": 12, "TDS": 13}

FORMATS: dict[str, str] = {
    "Rate": INR_FORMAT,
    "Discount": INR_FORMAT,
    "Taxable Value": INR_FORMAT,
    "Amount": INR_FORMAT,
    "TDS": INR_FORMAT,
    "Single Limit": INR_FORMAT,
    "Yearly Limit": INR_FORMAT,
    "Qty": QTY_FORMAT,
    "Effective From": DATE_FORMAT,
    "Date": DATE_FORMAT,
    "GST Rate": PERCENT_FORMAT,
    "Rate Individual": PERCENT_FORMAT,
    "Rate Others": PERCENT_FORMAT,
    "No PAN Rate": PERCENT_FORMAT,
    "HSN": TEXT_FORMAT,
    "Number": TEXT_FORMAT,
    "GSTIN": TEXT_FORMAT,
    "Credit Days": "0",
}
"""Number formats of the trade tables' columns (TDS Sections' Rate Individual is a percent; Sales'
Rate a price)."""

UNITS = "NOS,PCS,KGS,MTR,LTR,BAG,BOX,SET,ROL,OTH"
PARTY_TEXTS = (
    "Party / पक्ष",
    "Code from the Parties sheet. / Parties शीट का कोड।",
    "Not a party code. / यह पक्ष कोड नहीं है।",
)
"""The Party dropdown's title, prompt and error (Sales, Purchases, Receipts, Payments)."""
RATE_CHOICES = ",".join(format_percent(p) for p in GST_RATES_POINTS)

README_TRADING: tuple[tuple[str, str], ...] = (
    ("Sales and purchases", "बिक्री और खरीद"),
    (
        "Parties: your customers and vendors — GSTIN (its first two digits are the state), PAN, State, "
        "Type, Credit Days, MSME (micro/small: pay within 45 days, section 43B(h)), the ledger Account "
        "the party is posted to (blank: Sundry Debtors or Creditors) and the TDS Section of its payments.",
        "पक्षकार: आपके ग्राहक और विक्रेता — जीएसटीआईएन (पहले दो अंक राज्य), पैन, राज्य, प्रकार, उधार दिन, "
        "एमएसएमई (सूक्ष्म/लघु: 45 दिन में भुगतान, धारा 43B(h)), पक्ष का खाता (खाली: विविध देनदार या लेनदार) "
        "और भुगतान की टीडीएस धारा।",
    ),
    (
        "Items: code, name, HSN/SAC (4 or 6 digits), unit and GST rate. GST Rates: when an item's rate "
        "changes (22/09/2025: 5%, 18%, 40%), add a row with the new rate and the date it applies from.",
        "वस्तुएँ: कोड, नाम, एचएसएन/एसएसी (4 या 6 अंक), इकाई और जीएसटी दर। जीएसटी दरें: किसी वस्तु की दर "
        "बदले (22/09/2025: 5%, 18%, 40%) तो नई दर और लागू होने की तिथि की पंक्ति जोड़ें।",
    ),
    (
        "Sales and Purchases: one row a line. Type the number, date, party (and the place of supply if "
        "the goods go to another state) on a document's first line; its other lines need only the item, "
        "qty and rate. Type = Invoice (Bill), Credit Note or Debit Note; a note names its invoice in "
        "Against.",
        "बिक्री और खरीद: हर पंक्ति एक मद। संख्या, तिथि, पक्ष (और माल दूसरे राज्य जाए तो आपूर्ति स्थान) "
        "दस्तावेज़ की पहली पंक्ति में लिखें; बाकी पंक्तियों में केवल वस्तु, मात्रा और दर। प्रकार = Invoice "
        "(Bill), Credit Note या Debit Note; नोट Against में अपना बीजक बताता है।",
    ),
    (
        "Bahi works out CGST + SGST (same state) or IGST, rounds the invoice to the rupee, and checks the "
        "invoice numbers (CGST rule 46: at most 16 letters, digits, - or /, unique in the year, no gaps).",
        "बही सीजीएसटी + एसजीएसटी (एक ही राज्य) या आईजीएसटी निकालती है, बीजक को रुपये तक पूर्णांकित करती "
        "है, और बीजक संख्याएँ जाँचती है (सीजीएसटी नियम 46: अधिकतम 16 अक्षर, अंक, - या /, वर्ष में अद्वितीय)।",
    ),
    (
        "Receipts and Payments: one row per bill settled; Against = the invoice or bill number, On Account, "
        "Advance or Opening. Rows with the same Number are one receipt. TDS on payments is proposed from "
        "the TDS Sections table when the TDS cell is blank.",
        "प्राप्तियाँ और भुगतान: हर निपटाए बिल की एक पंक्ति; Against = बीजक या बिल संख्या, On Account, Advance "
        "या Opening। एक ही संख्या की पंक्तियाँ एक प्राप्ति हैं। टीडीएस खाली हो तो टीडीएस धाराएँ तालिका से "
        "प्रस्तावित होता है।",
    ),
    (
        "Post (or: bahi post book.xlsx --write) adds a voucher to the Journal for every invoice, note, bill, "
        "receipt and payment not yet there (SI#, PB#, RC#, PY# …); running it again adds nothing, and a bill "
        "you already entered by hand is reported, not posted twice.",
        "पोस्ट (या: bahi post book.xlsx --write) हर बीजक, नोट, बिल, प्राप्ति और भुगतान का वाउचर रोज़नामचा में "
        "जोड़ता है जो अभी वहाँ नहीं है (SI#, PB#, RC#, PY# …); दोबारा चलाने पर कुछ नहीं जुड़ता, और हाथ से "
        "दर्ज बिल दोबारा नहीं डाला जाता, बताया जाता है।",
    ),
)


def add_trading_readme(ws: Worksheet, *, demo: bool) -> None:
    """The general ledger's Read Me, then the trading lines (and the demo's note)."""
    add_readme(ws, demo=False)
    ws.cell(row=1, column=1, value="Bahi trading books")
    ws.cell(row=1, column=2, value="बही व्यापार खाते")
    ws.append([])
    start = ws.max_row + 1
    if demo:
        ws.append(
            [
                f"Demo book of {trading_demo().settings['Company']}, financial year 2025-26: invoices, "
                "bills, receipts and payments not yet posted, and eight deliberate mistakes. Press Post "
                "on the Bahi tab (or run bahi post book.xlsx --write), then Validate.",
                "व्यापार की डेमो बही, वित्त वर्ष 2025-26: बीजक, बिल, प्राप्तियाँ और भुगतान अभी खाते में नहीं "
                "डाले गए, और आठ जानबूझकर की गई गलतियाँ। बही टैब पर पोस्ट दबाएँ (या bahi post book.xlsx "
                "--write चलाएँ), फिर जाँच।",
            ]
        )
        for cell in ws[ws.max_row]:
            cell.fill = NOTE_FILL
    for english, hindi in README_TRADING:
        ws.append([english, hindi])
    for row in ws.iter_rows(min_row=start, max_row=ws.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row[0].row or 1].height = wrapped_height(str(c.value or "") for c in row)
    heading = start + (1 if demo else 0)
    for cell in ws[heading]:
        cell.font = build.HEADER_FONT


def add_trade_table(wb: Workbook, spec: TableSpec, rows: Sequence[Sequence[object]]) -> Worksheet:
    """A trade table at A1 of its own sheet, with the number formats of :data:`FORMATS`."""
    ws = wb.create_sheet(spec.sheet)
    columns = table_columns(spec)
    write_table(ws, spec, rows, columns)
    last = max(2, len(rows) + 1)
    for position, column in enumerate(columns, start=1):
        number_format = FORMATS.get(column)
        if spec is TDS_SECTIONS and column == "Account":
            number_format = None
        if number_format:
            for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=position, max_col=position):
                cell.number_format = number_format
    return ws


def _validate(
    ws: Worksheet,
    spec: TableSpec,
    column: str,
    formula: str,
    texts: tuple[str, str, str],
    *,
    strict: bool = True,
    last: int = LAST_ROW,
) -> None:
    letter = column_letter(table_columns(spec).index(column) + 1)
    title, prompt, error = texts
    cells = f"{letter}2:{letter}{last}"
    ws.add_data_validation(list_validation(formula, cells, title, prompt, error, strict=strict))


def add_lists(wb: Workbook) -> None:
    """A hidden sheet with the states for the Place of Supply and State dropdowns, and defined names."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.append(["State / राज्य"])
    for label in STATE_LABELS:
        ws.append([label])
    ws.column_dimensions["A"].width = 44
    ws.sheet_state = "hidden"
    names = {
        STATE_LIST: f"'{LISTS_SHEET}'!$A$2:$A${len(STATE_LABELS) + 1}",
        PARTY_CODES: f"'{PARTIES.sheet}'!$A$2:$A${MASTER_LAST_ROW}",
        ITEM_CODES: f"'{ITEMS.sheet}'!$A$2:$A${MASTER_LAST_ROW}",
        TDS_CODES: f"'{TDS_SECTIONS.sheet}'!$A$2:$A$100",
    }
    for name, target in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=target)


def add_parties(wb: Workbook, rows: Sequence[Sequence[object]]) -> None:
    ws = add_trade_table(wb, PARTIES, rows)
    yes_no = ('"Yes,No"', "Yes or No. / Yes या No।")
    _validate(
        ws,
        PARTIES,
        "Type",
        '"Customer,Vendor,Both"',
        (
            "Type / प्रकार",
            "Customer, Vendor or Both. / ग्राहक, विक्रेता या दोनों।",
            "Customer, Vendor or Both. / तीन में से एक।",
        ),
        last=MASTER_LAST_ROW,
    )
    _validate(
        ws,
        PARTIES,
        "State",
        STATE_LIST,
        (
            "State / राज्य",
            "Needed when the party has no GSTIN. / जीएसटीआईएन न हो तो आवश्यक।",
            "Pick a state from the list. / सूची से राज्य चुनें।",
        ),
        strict=False,
        last=MASTER_LAST_ROW,
    )
    _validate(
        ws,
        PARTIES,
        "MSME",
        yes_no[0],
        (
            "MSME / एमएसएमई",
            "Yes for a micro or small enterprise (Udyam). / सूक्ष्म या लघु उद्यम के लिए Yes।",
            yes_no[1],
        ),
        last=MASTER_LAST_ROW,
    )
    _validate(
        ws,
        PARTIES,
        "Account",
        ACCOUNT_CODES,
        (
            "Account / खाता",
            "Ledger account of the party; blank: Sundry Debtors/Creditors. / "
            "पक्ष का खाता; खाली: विविध देनदार/लेनदार।",
            "Not an account code on the Accounts sheet. / यह कोड खाते शीट में नहीं है।",
        ),
        strict=False,
        last=MASTER_LAST_ROW,
    )
    _validate(
        ws,
        PARTIES,
        "TDS Section",
        TDS_CODES,
        (
            "TDS Section / टीडीएस धारा",
            "Section TDS is deducted under on payments to this party. / भुगतान पर टीडीएस की धारा।",
            "Not a section of the TDS Sections sheet. / यह धारा टीडीएस शीट में नहीं है।",
        ),
        strict=False,
        last=MASTER_LAST_ROW,
    )


def add_items(wb: Workbook, rows: Sequence[Sequence[object]]) -> None:
    ws = add_trade_table(wb, ITEMS, rows)
    _validate(
        ws,
        ITEMS,
        "Unit",
        f'"{UNITS}"',
        (
            "Unit / इकाई",
            "Unit Quantity Code (UQC). / मात्रा इकाई कोड।",
            "Pick a unit or type another UQC. / इकाई चुनें या अन्य यूक्यूसी लिखें।",
        ),
        strict=False,
        last=MASTER_LAST_ROW,
    )
    _validate(
        ws,
        ITEMS,
        "GST Rate",
        f'"{RATE_CHOICES}"',
        (
            "GST Rate / जीएसटी दर",
            "Rate in percent: 18 for 18%. / दर प्रतिशत में: 18% के लिए 18।",
            "Not a GST rate. / यह जीएसटी दर नहीं है।",
        ),
        strict=False,
        last=MASTER_LAST_ROW,
    )
    for column in ("Sales Account", "Purchase Account"):
        _validate(
            ws,
            ITEMS,
            column,
            ACCOUNT_CODES,
            (
                f"{column} / खाता",
                "Blank: the Settings' account. / खाली: सेटिंग्स का खाता।",
                "Not an account code on the Accounts sheet. / यह कोड खाते शीट में नहीं है।",
            ),
            strict=False,
            last=MASTER_LAST_ROW,
        )


def add_gst_rates(wb: Workbook, rows: Sequence[Sequence[object]]) -> None:
    ws = add_trade_table(wb, GST_RATES, rows)
    _validate(
        ws,
        GST_RATES,
        "Item",
        ITEM_CODES,
        (
            "Item / वस्तु",
            "Item whose rate changes. / जिस वस्तु की दर बदली।",
            "Not an item code of the Items sheet. / यह वस्तु कोड Items शीट में नहीं है।",
        ),
        strict=False,
    )


def add_documents(wb: Workbook, spec: TableSpec, rows: Sequence[Sequence[object]]) -> None:
    ws = add_trade_table(wb, spec, rows)
    first = "Invoice" if spec is SALES else "Bill"
    _validate(
        ws,
        spec,
        "Type",
        f'"{first},Credit Note,Debit Note"',
        (
            "Type / प्रकार",
            f"Blank = {first}. / खाली = {first}।",
            f"{first}, Credit Note or Debit Note. / तीन में से एक।",
        ),
    )
    _validate(ws, spec, "Party", PARTY_CODES, PARTY_TEXTS, strict=False)
    _validate(
        ws,
        spec,
        "Place of Supply",
        STATE_LIST,
        (
            "Place of Supply / आपूर्ति स्थान",
            "Blank: the recipient's state. / खाली: प्राप्तकर्ता का राज्य।",
            "Pick a state from the list. / सूची से राज्य चुनें।",
        ),
        strict=False,
    )
    _validate(
        ws,
        spec,
        "Item",
        ITEM_CODES,
        (
            "Item / वस्तु",
            "Code from the Items sheet. / Items शीट का कोड।",
            "Not an item code. / यह वस्तु कोड नहीं है।",
        ),
        strict=False,
    )
    _validate(
        ws,
        spec,
        "GST Rate",
        f'"{RATE_CHOICES}"',
        (
            "GST Rate / जीएसटी दर",
            "Blank: the item's rate on the date. / खाली: तिथि पर वस्तु की दर।",
            "Not a GST rate. / यह जीएसटी दर नहीं है।",
        ),
        strict=False,
    )
    _validate(
        ws,
        spec,
        "Reverse Charge",
        '"Yes,No"',
        (
            "Reverse Charge / रिवर्स चार्ज",
            "Yes when the recipient pays the tax. / कर प्राप्तकर्ता भरे तो Yes।",
            "Yes or No. / Yes या No।",
        ),
    )


def add_money(wb: Workbook, spec: TableSpec, rows: Sequence[Sequence[object]]) -> None:
    ws = add_trade_table(wb, spec, rows)
    _validate(ws, spec, "Party", PARTY_CODES, PARTY_TEXTS, strict=False)
    _validate(
        ws,
        spec,
        "Account",
        ACCOUNT_CODES,
        (
            "Account / खाता",
            "Bank or cash account; blank: the Settings' Bank Account. / "
            "बैंक या नकद खाता; खाली: सेटिंग्स का बैंक खाता।",
            "Not an account code. / यह खाता कोड नहीं है।",
        ),
        strict=False,
    )
    if spec is PAYMENTS:
        _validate(
            ws,
            spec,
            "TDS Section",
            TDS_CODES,
            (
                "TDS Section / टीडीएस धारा",
                "Blank: the party's section. / खाली: पक्ष की धारा।",
                "Not a TDS section. / यह टीडीएस धारा नहीं है।",
            ),
            strict=False,
        )


def add_trading_settings(wb: Workbook, values: dict[str, object]) -> None:
    """The general ledger's Settings rows, then the trade rows (company GSTIN, posting accounts)."""
    build.add_settings(wb, values)
    ws = wb[SETTINGS.sheet]
    table = ws.tables[SETTINGS.name]
    first = ws.max_row + 1
    for en, hi, default, meaning in (*TRADE_SETTING_ROWS, *GST_RETURN_SETTING_ROWS):
        ws.append([f"{en} / {hi}", values.get(en, default)])
        note = DataValidation(showInputMessage=True, promptTitle=f"{en} / {hi}"[:32], prompt=meaning)
        note.add(f"B{ws.max_row}")
        ws.add_data_validation(note)
    for row in ws.iter_rows(min_row=first, max_row=ws.max_row, min_col=2, max_col=2):
        for cell in row:
            cell.number_format = TEXT_FORMAT
    table.ref = f"A1:B{ws.max_row}"
    ws.column_dimensions["A"].width = 52  # the trade settings' names are longer


def trading_workbook(*, demo: bool = False) -> Workbook:
    """The trading template (empty trade tables) or its demo book, in memory."""
    wb = Workbook()
    add_trading_readme(wb.active, demo=demo)  # type: ignore[arg-type]
    book = trading_demo() if demo else None
    add_accounts(wb, book.accounts if book else trading_chart())
    add_journal(wb, book.journal if book else [])
    wb[JOURNAL.sheet].column_dimensions["B"].width = 24  # Bahi's voucher numbers: SI#SGT/25-26/0001
    add_bank_statement(wb, book.statement if book else [])
    add_trading_settings(wb, book.settings if book else {})
    add_match_rules(wb)
    add_parties(wb, book.parties if book else [])
    add_items(wb, book.items if book else [])
    add_gst_rates(wb, book.gst_rates if book else [])
    add_documents(wb, SALES, book.sales if book else [])
    add_documents(wb, PURCHASES, book.purchases if book else [])
    add_money(wb, RECEIPTS, book.receipts if book else [])
    add_money(wb, PAYMENTS, book.payments if book else [])
    add_trade_table(wb, TDS_SECTIONS, TDS_SECTION_ROWS)
    add_report_lines(wb)
    add_budget(wb, TRADING_DEMO_BUDGET if book else [])
    add_lists(wb)
    wb.properties.creator = "Bahi"
    wb.properties.title = "Bahi trading books" + (f" - {book.settings['Company']}" if book else "")
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def build_trading(path: Path, *, demo: bool = False) -> Path:
    """Write the trading template (or, with ``demo``, its demo book) to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(trading_workbook(demo=demo)))
    return path


def build_templates(folder: Path) -> list[Path]:
    """Both trading workbooks into ``folder`` (``make templates``)."""
    return [
        build_trading(folder / TRADING_PATH.name),
        build_trading(folder / TRADING_DEMO_PATH.name, demo=True),
    ]

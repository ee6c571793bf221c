"""The trade rows of the Settings table: the company's GSTIN and the accounts posting uses.

The trading workbook's Settings table holds the general ledger's rows
(:data:`~addin.engine.schema.SETTING_ROWS`) followed by :data:`~addin.engine.schema.TRADE_SETTING_ROWS`.
A missing row or a blank value takes the default (the trading template's chart of accounts); a
Company GSTIN that is blank or not valid is a ``company-gstin`` issue, because without the company's
state CGST + SGST cannot be told from IGST.

>>> from addin.engine.tables import RawTable
>>> table = RawTable.from_rows("Settings", "Settings", [["Setting", "Value"],
...     ["Company GSTIN / कंपनी जीएसटीआईएन", "27AAPFU0939F1ZV"], ["बिक्री खाता", 4111]])
>>> settings, issues = load_trade_settings(table)
>>> settings.company_state, settings.account("Sales Account"), settings.account("Purchase Account")
('27', '4111', '5110')
>>> issues
[]
>>> _, issues = load_trade_settings(None)
>>> [(i.rule, i.sheet) for i in issues]
[('company-gstin', 'Settings')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from addin.engine.cells import cell_text
from addin.engine.identifiers import gstin
from addin.engine.issues import Issue
from addin.engine.load import map_columns
from addin.engine.messages import make_issue
from addin.engine.rules import Rule
from addin.engine.schema import SETTINGS, TRADE_SETTING_ROWS, TRADE_SETTINGS, canonical_column
from addin.engine.tables import RawTable

DEFAULTS: dict[str, str] = {en: str(default) for en, _, default, _ in TRADE_SETTING_ROWS}
"""Each trade setting's default value (account codes of the trading template's chart)."""

ACCOUNT_SETTINGS: tuple[str, ...] = tuple(en for en in DEFAULTS if en.endswith("Account"))
"""The settings that name a ledger account."""


@dataclass(frozen=True)
class TradeSettings:
    """The company's GSTIN and state, and the account code each posting setting names.

    ``cells`` keeps where each setting was typed (English key → "B12") for issues about it.
    """

    company_gstin: str = ""
    accounts: Mapping[str, str] = field(default_factory=lambda: {k: DEFAULTS[k] for k in ACCOUNT_SETTINGS})
    cells: Mapping[str, str] = field(default_factory=dict)
    sheet: str = SETTINGS.sheet

    @property
    def company_state(self) -> str:
        """The two-digit state code the company supplies from ("" when its GSTIN is not valid)."""
        return self.company_gstin[:2] if gstin.is_valid(self.company_gstin) else ""

    def account(self, setting: str) -> str:
        """The account code a posting setting names ("Sales Account" → "4110")."""
        return self.accounts[setting]


def load_trade_settings(table: RawTable | None) -> tuple[TradeSettings, list[Issue]]:
    """The trade settings of the Settings table (defaults where a row is missing or blank)."""
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    sheet = SETTINGS.sheet
    if table is not None:
        sheet = table.sheet
        positions, _ = map_columns(table, SETTINGS)  # the ledger's loader reports the table's shape
        if "Setting" in positions and "Value" in positions:
            keys = table.columns[positions["Setting"]].tolist()
            raw = table.columns[positions["Value"]].tolist()
            for index, (key_cell, value) in enumerate(zip(keys, raw, strict=True)):
                key = canonical_column(TRADE_SETTINGS, key_cell)
                if key is None:
                    continue
                cells[key] = table.address(index, positions["Value"])
                text = cell_text(value)
                if text:
                    values[key] = text
    company = gstin.compact(values.get("Company GSTIN", ""))
    settings = TradeSettings(
        company_gstin=company,
        accounts={k: values.get(k, DEFAULTS[k]) for k in ACCOUNT_SETTINGS},
        cells=cells,
        sheet=sheet,
    )
    issues = []
    if not settings.company_state:
        issues.append(make_issue(Rule.COMPANY_GSTIN, sheet, cells.get("Company GSTIN", ""), "Value", company))
    return settings, issues

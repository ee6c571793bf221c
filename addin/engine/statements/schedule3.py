"""Schedule III (Division I) of the Companies Act, 2013: the line items, their order and headings.

One place for every heading the statements print, in English and Hindi, as data. The order and
wording follow Division I as amended: Part I (Balance Sheet) with "Property, Plant and Equipment"
for "Fixed assets" (MCA notification of 11 October 2018), "and Intangible assets"
and "Property, Plant and Equipment" for "Tangible assets" (notification of 24 March 2021, in force
from 1 April 2021), and trade payables split into the dues of micro and small enterprises and of
other creditors (notification of 4 September 2015); Part II (Statement of Profit and Loss) items
I to XV, where Division I heads item III "Total Revenue (I + II)" (Division II, for Ind AS, says
"Total Income"). Earnings per share (XVI) needs share counts the books do not hold and is left
out. The Hindi is Bahi's own rendering, not an official translation.

A :class:`LineItem` is what an account maps to (the ``Line Item`` column of the ReportLines
table). Each carries its statement, its nature (which side's balance it prints as positive) and
the cash-flow class its accounts take unless the mapping says otherwise.

>>> LINE_ITEMS["trade_receivables"].en, LINE_ITEMS["trade_receivables"].number
('Trade receivables', '(c)')
>>> find_line_item("trade receivables").key, find_line_item("व्यापारिक प्राप्य").key
('trade_receivables', 'trade_receivables')
>>> find_line_item("Sundries") is None
True
>>> find_cash_flow_class("Working capital"), find_cash_flow_class("गैर-नकद")
(<CashFlowClass.OPERATING: 'operating'>, <CashFlowClass.NON_CASH: 'non-cash'>)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from addin.engine.cells import fold


class Statement(StrEnum):
    """Which statement a line item belongs to (the ``Statement`` column: BS or PL)."""

    BALANCE_SHEET = "BS"
    PROFIT_AND_LOSS = "PL"


class Nature(StrEnum):
    """The balance a line prints as a positive amount: debit (assets, expenses) or credit."""

    DEBIT = "debit"
    CREDIT = "credit"


class CashFlowClass(StrEnum):
    """Where an account's movement goes in the cash-flow statement (indirect method, AS 3).

    Balance Sheet accounts: ``cash`` (cash and cash equivalents), ``operating`` (working capital),
    ``investing``, ``financing``, ``tax`` (income tax provisions and advance tax).
    Profit and Loss accounts: ``operating`` (stays in profit), ``non-cash`` (added back:
    depreciation, amortisation, provisions, write-offs), ``investing`` (income such as interest
    received, moved to investing), ``financing`` (finance costs, moved to financing as paid),
    ``tax`` (income tax expense, paid under operating).
    """

    CASH = "cash"
    OPERATING = "operating"
    INVESTING = "investing"
    FINANCING = "financing"
    NON_CASH = "non-cash"
    TAX = "tax"


CASH_FLOW_NAMES: dict[CashFlowClass, tuple[str, str, tuple[str, ...]]] = {
    CashFlowClass.CASH: ("Cash", "नकद", ("cash and cash equivalents", "cash equivalents")),
    CashFlowClass.OPERATING: ("Operating", "परिचालन", ("working capital", "operations", "कार्यशील पूंजी")),
    CashFlowClass.INVESTING: ("Investing", "निवेश", ("investment",)),
    CashFlowClass.FINANCING: ("Financing", "वित्तपोषण", ("finance",)),
    CashFlowClass.NON_CASH: ("Non-cash", "गैर-नकद", ("non cash", "noncash", "non-cash adjustment")),
    CashFlowClass.TAX: ("Tax", "कर", ("income tax", "taxes")),
}
"""Each class's English and Hindi name (the dropdown offers the English) and other accepted spellings."""


@dataclass(frozen=True, slots=True)
class LineItem:
    """A Schedule III line an account can map to.

    ``number`` is as printed ("(a)", "(i)", "I"); ``heading`` is the key of the heading it stands
    under. ``cash_flow`` is the default class of its accounts. ``cf_en``/``cf_hi`` name the line's
    movement in the cash-flow statement (blank: built from the label).
    """

    key: str
    statement: Statement
    heading: str
    number: str
    en: str
    hi: str
    nature: Nature
    cash_flow: CashFlowClass
    cf_en: str = ""
    cf_hi: str = ""

    @property
    def label(self) -> str:
        """"English / हिन्दी", as the dropdown and the ReportLines template write it."""
        return f"{self.en} / {self.hi}"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a statement that carries no amount of its own ("(1) Shareholders' funds")."""

    key: str
    number: str
    en: str
    hi: str


BS, PL = Statement.BALANCE_SHEET, Statement.PROFIT_AND_LOSS
DR, CR = Nature.DEBIT, Nature.CREDIT
C = CashFlowClass

HEADINGS: dict[str, Heading] = {
    h.key: h
    for h in (
        Heading("equity_and_liabilities", "I.", "EQUITY AND LIABILITIES", "समता और देयताएँ"),
        Heading("shareholders_funds", "(1)", "Shareholders' funds", "शेयरधारकों की निधियाँ"),
        Heading("non_current_liabilities", "(3)", "Non-current liabilities", "गैर-चालू देयताएँ"),
        Heading("current_liabilities", "(4)", "Current liabilities", "चालू देयताएँ"),
        Heading("trade_payables", "(b)", "Trade payables", "व्यापारिक देय"),
        Heading("assets", "II.", "ASSETS", "परिसंपत्तियाँ"),
        Heading("non_current_assets", "(1)", "Non-current assets", "गैर-चालू परिसंपत्तियाँ"),
        Heading(
            "ppe_and_intangibles",
            "(a)",
            "Property, Plant and Equipment and Intangible assets",
            "संपत्ति, संयंत्र और उपकरण तथा अमूर्त परिसंपत्तियाँ",
        ),
        Heading("current_assets", "(2)", "Current assets", "चालू परिसंपत्तियाँ"),
        Heading("expenses", "IV", "Expenses", "व्यय"),
        Heading("tax_expense", "X", "Tax expense", "कर व्यय"),
    )
}

_ITEMS: tuple[LineItem, ...] = (
    # ---- Balance Sheet: I. Equity and liabilities
    LineItem("share_capital", BS, "shareholders_funds", "(a)", "Share capital", "शेयर पूंजी", CR, C.FINANCING,
             "Proceeds from share capital / capital introduced, net of drawings",
             "शेयर पूंजी / लाई गई पूंजी से प्राप्ति, आहरण घटाकर"),
    LineItem("reserves_and_surplus", BS, "shareholders_funds", "(b)", "Reserves and surplus",
             "आरक्षित निधि और अधिशेष", CR, C.FINANCING,
             "Other movements in reserves (dividends paid)", "आरक्षित निधि में अन्य परिवर्तन (भुगतान किया लाभांश)"),
    LineItem("share_warrants", BS, "shareholders_funds", "(c)", "Money received against share warrants",
             "शेयर वारंट के विरुद्ध प्राप्त धन", CR, C.FINANCING),
    LineItem("share_application_money", BS, "equity_and_liabilities", "(2)",
             "Share application money pending allotment", "आबंटन हेतु लंबित शेयर आवेदन राशि", CR, C.FINANCING),
    LineItem("long_term_borrowings", BS, "non_current_liabilities", "(a)", "Long-term borrowings",
             "दीर्घकालीन उधार", CR, C.FINANCING,
             "Proceeds from / (repayment of) long-term borrowings", "दीर्घकालीन उधार से प्राप्ति / (की चुकौती)"),
    LineItem("deferred_tax_liabilities", BS, "non_current_liabilities", "(b)",
             "Deferred tax liabilities (Net)", "आस्थगित कर देयताएँ (शुद्ध)", CR, C.TAX),
    LineItem("other_long_term_liabilities", BS, "non_current_liabilities", "(c)",
             "Other long-term liabilities", "अन्य दीर्घकालीन देयताएँ", CR, C.OPERATING),
    LineItem("long_term_provisions", BS, "non_current_liabilities", "(d)", "Long-term provisions",
             "दीर्घकालीन प्रावधान", CR, C.OPERATING),
    LineItem("short_term_borrowings", BS, "current_liabilities", "(a)", "Short-term borrowings",
             "अल्पकालीन उधार", CR, C.FINANCING,
             "Proceeds from / (repayment of) short-term borrowings", "अल्पकालीन उधार से प्राप्ति / (की चुकौती)"),
    LineItem("trade_payables_msme", BS, "trade_payables", "(A)",
             "Total outstanding dues of micro enterprises and small enterprises",
             "सूक्ष्म और लघु उद्यमों की कुल बकाया देय राशि", CR, C.OPERATING,
             "Increase / (decrease) in trade payables (micro and small enterprises)",
             "व्यापारिक देय (सूक्ष्म और लघु उद्यम) में वृद्धि / (कमी)"),
    LineItem("trade_payables_others", BS, "trade_payables", "(B)",
             "Total outstanding dues of creditors other than micro enterprises and small enterprises",
             "सूक्ष्म और लघु उद्यमों से भिन्न लेनदारों की कुल बकाया देय राशि", CR, C.OPERATING,
             "Increase / (decrease) in trade payables (other creditors)",
             "व्यापारिक देय (अन्य लेनदार) में वृद्धि / (कमी)"),
    LineItem("other_current_liabilities", BS, "current_liabilities", "(c)", "Other current liabilities",
             "अन्य चालू देयताएँ", CR, C.OPERATING),
    LineItem("short_term_provisions", BS, "current_liabilities", "(d)", "Short-term provisions",
             "अल्पकालीन प्रावधान", CR, C.OPERATING),
    # ---- Balance Sheet: II. Assets
    LineItem("property_plant_and_equipment", BS, "ppe_and_intangibles", "(i)",
             "Property, Plant and Equipment", "संपत्ति, संयंत्र और उपकरण", DR, C.INVESTING,
             "Purchase of property, plant and equipment (net of sales)",
             "संपत्ति, संयंत्र और उपकरण की खरीद (बिक्री घटाकर)"),
    LineItem("intangible_assets", BS, "ppe_and_intangibles", "(ii)", "Intangible assets",
             "अमूर्त परिसंपत्तियाँ", DR, C.INVESTING, "Purchase of intangible assets (net of sales)",
             "अमूर्त परिसंपत्तियों की खरीद (बिक्री घटाकर)"),
    LineItem("capital_work_in_progress", BS, "ppe_and_intangibles", "(iii)", "Capital work-in-progress",
             "पूंजीगत प्रगतिरत कार्य", DR, C.INVESTING,
             "Spent on capital work-in-progress", "पूंजीगत प्रगतिरत कार्य पर व्यय"),
    LineItem("intangible_assets_under_development", BS, "ppe_and_intangibles", "(iv)",
             "Intangible assets under development", "विकासाधीन अमूर्त परिसंपत्तियाँ", DR, C.INVESTING,
             "Spent on intangible assets under development", "विकासाधीन अमूर्त परिसंपत्तियों पर व्यय"),
    LineItem("non_current_investments", BS, "non_current_assets", "(b)", "Non-current investments",
             "गैर-चालू निवेश", DR, C.INVESTING,
             "(Purchase) / sale of non-current investments", "गैर-चालू निवेश की (खरीद) / बिक्री"),
    LineItem("deferred_tax_assets", BS, "non_current_assets", "(c)", "Deferred tax assets (net)",
             "आस्थगित कर परिसंपत्तियाँ (शुद्ध)", DR, C.TAX),
    LineItem("long_term_loans_and_advances", BS, "non_current_assets", "(d)", "Long-term loans and advances",
             "दीर्घकालीन ऋण और अग्रिम", DR, C.INVESTING,
             "(Given) / recovered: long-term loans, advances and deposits",
             "दीर्घकालीन ऋण, अग्रिम और जमा: (दिए) / वसूले"),
    LineItem("other_non_current_assets", BS, "non_current_assets", "(e)", "Other non-current assets",
             "अन्य गैर-चालू परिसंपत्तियाँ", DR, C.INVESTING),
    LineItem("current_investments", BS, "current_assets", "(a)", "Current investments", "चालू निवेश", DR,
             C.INVESTING, "(Purchase) / sale of current investments", "चालू निवेश की (खरीद) / बिक्री"),
    LineItem("inventories", BS, "current_assets", "(b)", "Inventories", "माल-सूची", DR, C.OPERATING),
    LineItem("trade_receivables", BS, "current_assets", "(c)", "Trade receivables", "व्यापारिक प्राप्य", DR,
             C.OPERATING),
    LineItem("cash_and_cash_equivalents", BS, "current_assets", "(d)", "Cash and cash equivalents",
             "नकद और नकद समतुल्य", DR, C.CASH),
    LineItem("short_term_loans_and_advances", BS, "current_assets", "(e)", "Short-term loans and advances",
             "अल्पकालीन ऋण और अग्रिम", DR, C.OPERATING),
    LineItem("other_current_assets", BS, "current_assets", "(f)", "Other current assets",
             "अन्य चालू परिसंपत्तियाँ", DR, C.OPERATING),
    # ---- Statement of Profit and Loss
    LineItem("revenue_from_operations", PL, "", "I", "Revenue from operations", "परिचालन से राजस्व", CR,
             C.OPERATING),
    LineItem("other_income", PL, "", "II", "Other income", "अन्य आय", CR, C.OPERATING),
    LineItem("cost_of_materials_consumed", PL, "expenses", "", "Cost of materials consumed",
             "उपभोग की गई सामग्री की लागत", DR, C.OPERATING),
    LineItem("purchases_of_stock_in_trade", PL, "expenses", "", "Purchases of Stock-in-Trade",
             "व्यापारिक माल की खरीद", DR, C.OPERATING),
    LineItem("changes_in_inventories", PL, "expenses", "",
             "Changes in inventories of finished goods, work-in-progress and Stock-in-Trade",
             "तैयार माल, प्रगतिरत कार्य और व्यापारिक माल की सूची में परिवर्तन", DR, C.OPERATING),
    LineItem("employee_benefits_expense", PL, "expenses", "", "Employee benefits expense",
             "कर्मचारी हितलाभ व्यय", DR, C.OPERATING),
    LineItem("finance_costs", PL, "expenses", "", "Finance costs", "वित्त लागत", DR, C.FINANCING),
    LineItem("depreciation_and_amortization", PL, "expenses", "", "Depreciation and amortization expense",
             "मूल्यह्रास और परिशोधन व्यय", DR, C.NON_CASH),
    LineItem("other_expenses", PL, "expenses", "", "Other expenses", "अन्य व्यय", DR, C.OPERATING),
    LineItem("exceptional_items", PL, "", "VI", "Exceptional items", "अपवादात्मक मदें", DR, C.OPERATING),
    LineItem("extraordinary_items", PL, "", "VIII", "Extraordinary items", "असाधारण मदें", DR, C.OPERATING),
    LineItem("current_tax", PL, "tax_expense", "(1)", "Current tax", "चालू कर", DR, C.TAX),
    LineItem("deferred_tax", PL, "tax_expense", "(2)", "Deferred tax", "आस्थगित कर", DR, C.TAX),
    LineItem("discontinuing_operations", PL, "", "XII", "Profit/(loss) from discontinuing operations",
             "बंद किए जा रहे प्रचालनों से लाभ/(हानि)", CR, C.OPERATING),
    LineItem("discontinuing_tax", PL, "", "XIII", "Tax expense of discontinuing operations",
             "बंद किए जा रहे प्रचालनों का कर व्यय", DR, C.TAX),
)  # fmt: skip

UNMAPPED_ITEMS: tuple[LineItem, ...] = (
    LineItem("unmapped_liabilities", BS, "current_liabilities", "",
             "Accounts not mapped to a line (see Issues)", "किसी मद से न जुड़े खाते (Issues देखें)", CR,
             C.OPERATING),
    LineItem("unmapped_assets", BS, "current_assets", "", "Accounts not mapped to a line (see Issues)",
             "किसी मद से न जुड़े खाते (Issues देखें)", DR, C.OPERATING),
    LineItem("unmapped_income", PL, "", "", "Income accounts not mapped to a line (see Issues)",
             "किसी मद से न जुड़े आय खाते (Issues देखें)", CR, C.OPERATING),
    LineItem("unmapped_expenses", PL, "expenses", "", "Expense accounts not mapped to a line (see Issues)",
             "किसी मद से न जुड़े व्यय खाते (Issues देखें)", DR, C.OPERATING),
)  # fmt: skip
"""Where an unmapped account's amounts go (by its type), so that nothing is dropped."""

UNMAPPED_BY_TYPE: dict[str, str] = {
    "Asset": "unmapped_assets",
    "Liability": "unmapped_liabilities",
    "Equity": "unmapped_liabilities",
    "Income": "unmapped_income",
    "Expense": "unmapped_expenses",
    "": "unmapped_assets",  # an invalid type: validation reports it; the balance still shows
}

LINE_ITEMS: dict[str, LineItem] = {item.key: item for item in (*_ITEMS, *UNMAPPED_ITEMS)}
MAPPABLE_LINE_ITEMS: tuple[LineItem, ...] = _ITEMS
"""The line items a user may map an account to, in statement order (the dropdown's list)."""

TAX_LINES = frozenset({"current_tax", "deferred_tax", "discontinuing_tax"})
"""P&L lines below profit before tax: the cash-flow statement starts above them and their
accounts' movements (with the tax accounts of the Balance Sheet) make "Income taxes paid"."""

BS_TYPES = frozenset({"Asset", "Liability", "Equity"})
"""Account types whose natural home is the Balance Sheet (Income and Expense: the P&L)."""

def _names_of(item: LineItem) -> set[str]:
    names = (item.key, item.key.replace("_", " "), item.en, item.hi, item.label)
    return {fold(name) for name in names}


_BY_NAME: dict[str, LineItem] = {name: item for item in MAPPABLE_LINE_ITEMS for name in _names_of(item)}
_CASH_FLOW_BY_NAME: dict[str, CashFlowClass] = {
    fold(name): cls
    for cls, (en, hi, more) in CASH_FLOW_NAMES.items()
    for name in (cls.value, en, hi, f"{en} / {hi}", *more)
}


def find_line_item(text: str) -> LineItem | None:
    """The mappable line item ``text`` names — its key, English, Hindi or "English / हिन्दी" — or None."""
    return _BY_NAME.get(fold(text))


def find_cash_flow_class(text: str) -> CashFlowClass | None:
    """The cash-flow class ``text`` names (English, Hindi or the class value), or None."""
    return _CASH_FLOW_BY_NAME.get(fold(text))


def cash_flow_label(item: LineItem) -> tuple[str, str]:
    """How the cash-flow statement names the movement of a Balance Sheet line, English and Hindi.

    >>> cash_flow_label(LINE_ITEMS["trade_receivables"])
    ('(Increase) / decrease in trade receivables', 'व्यापारिक प्राप्य में (वृद्धि) / कमी')
    >>> cash_flow_label(LINE_ITEMS["other_current_liabilities"])[0]
    'Increase / (decrease) in other current liabilities'
    """
    if item.cf_en:
        return item.cf_en, item.cf_hi
    name = item.en[0].lower() + item.en[1:]
    if item.nature is Nature.DEBIT:
        return f"(Increase) / decrease in {name}", f"{item.hi} में (वृद्धि) / कमी"
    return f"Increase / (decrease) in {name}", f"{item.hi} में वृद्धि / (कमी)"


# Statement-level labels (totals, sections), one place.
LABELS: dict[str, tuple[str, str]] = {
    "balance_sheet": ("Balance Sheet", "तुलन पत्र"),
    "profit_and_loss": ("Statement of Profit and Loss", "लाभ और हानि विवरण"),
    "cash_flow": ("Cash Flow Statement", "नकद प्रवाह विवरण"),
    "total": ("TOTAL", "कुल"),
    "suspense": ("Suspense: lines that could not be posted (see Issues)",
                 "उचंत: पंक्तियाँ जो दर्ज नहीं हो सकीं (Issues देखें)"),
    "cf_suspense": ("(Increase) / decrease in suspense: lines that could not be posted (see Issues)",
                    "उचंत में (वृद्धि) / कमी: पंक्तियाँ जो दर्ज नहीं हो सकीं (Issues देखें)"),
    "difference": ("Difference in books: entries that do not balance (see Issues)",
                   "बही में अंतर: असंतुलित प्रविष्टियाँ (Issues देखें)"),
    "surplus": ("Surplus in the Statement of Profit and Loss", "लाभ और हानि विवरण में अधिशेष"),
    "total_revenue": ("Total Revenue (I + II)", "कुल राजस्व (I + II)"),
    "total_expenses": ("Total expenses", "कुल व्यय"),
    "profit_before_exceptional": ("Profit before exceptional and extraordinary items and tax (III - IV)",
                                  "अपवादात्मक और असाधारण मदों तथा कर से पूर्व लाभ (III - IV)"),
    "profit_before_extraordinary": ("Profit before extraordinary items and tax (V - VI)",
                                    "असाधारण मदों और कर से पूर्व लाभ (V - VI)"),
    "profit_before_tax": ("Profit before tax (VII - VIII)", "कर पूर्व लाभ (VII - VIII)"),
    "profit_continuing": ("Profit (Loss) for the period from continuing operations (IX - X)",
                          "जारी प्रचालनों से अवधि का लाभ (हानि) (IX - X)"),
    "profit_discontinuing": ("Profit/(loss) from discontinuing operations (after tax) (XII - XIII)",
                             "बंद किए जा रहे प्रचालनों से लाभ/(हानि) (कर पश्चात) (XII - XIII)"),
    "profit_for_the_period": ("Profit (Loss) for the period (XI + XIV)", "अवधि का लाभ (हानि) (XI + XIV)"),
    "cf_operating": ("A. Cash flows from operating activities", "क. परिचालन गतिविधियों से नकद प्रवाह"),
    "cf_profit_before_tax": ("Net profit before tax", "कर पूर्व शुद्ध लाभ"),
    "cf_adjustments": ("Adjustments for:", "समायोजन:"),
    "cf_other_non_cash": ("Other non-cash items", "अन्य गैर-नकद मदें"),
    "cf_operating_profit": ("Operating profit before working capital changes",
                            "कार्यशील पूंजी परिवर्तनों से पूर्व परिचालन लाभ"),
    "cf_working_capital": ("Changes in working capital:", "कार्यशील पूंजी में परिवर्तन:"),
    "cf_cash_generated": ("Cash generated from operations", "परिचालन से उत्पन्न नकद"),
    "cf_taxes_paid": ("Income taxes paid (net of refunds)", "भुगतान किए गए आयकर (वापसी घटाकर)"),
    "cf_net_operating": ("Net cash from / (used in) operating activities (A)",
                         "परिचालन गतिविधियों से / (में प्रयुक्त) शुद्ध नकद (क)"),
    "cf_investing": ("B. Cash flows from investing activities", "ख. निवेश गतिविधियों से नकद प्रवाह"),
    "cf_net_investing": ("Net cash from / (used in) investing activities (B)",
                         "निवेश गतिविधियों से / (में प्रयुक्त) शुद्ध नकद (ख)"),
    "cf_financing": ("C. Cash flows from financing activities", "ग. वित्तपोषण गतिविधियों से नकद प्रवाह"),
    "cf_net_financing": ("Net cash from / (used in) financing activities (C)",
                         "वित्तपोषण गतिविधियों से / (में प्रयुक्त) शुद्ध नकद (ग)"),
    "cf_net_change": ("Net increase / (decrease) in cash and cash equivalents (A + B + C)",
                      "नकद और नकद समतुल्य में शुद्ध वृद्धि / (कमी) (क + ख + ग)"),
    "cf_opening_cash": ("Cash and cash equivalents at the beginning of the period",
                        "अवधि के आरंभ में नकद और नकद समतुल्य"),
    "cf_closing_cash": ("Cash and cash equivalents at the end of the period", "अवधि के अंत में नकद और नकद समतुल्य"),
}  # fmt: skip


def reclassified_label(item: LineItem, cash_flow: CashFlowClass) -> tuple[str, str, str, str]:
    """For a P&L line moved out of operating profit: (adjustment en, hi, section line en, hi).

    >>> reclassified_label(LINE_ITEMS["finance_costs"], CashFlowClass.FINANCING)
    ('Finance costs', 'वित्त लागत', 'Finance costs paid', 'वित्त लागत का भुगतान')
    """
    if cash_flow is CashFlowClass.INVESTING:
        return (f"{item.en} from investments (shown under investing activities)",
                f"{item.hi}: निवेश से (निवेश गतिविधियों में दिखाई गई)",
                f"{item.en} received from investments", f"निवेश से प्राप्त {item.hi}")  # fmt: skip
    return item.en, item.hi, f"{item.en} paid", f"{item.hi} का भुगतान"

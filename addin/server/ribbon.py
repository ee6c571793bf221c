"""The Bahi ribbon tab as data: its groups and buttons, labels and tooltips in English and Hindi.

``templates/manifest.xml`` renders the tab from :data:`RIBBON`; ``templates/taskpane.html`` gives
``static/js/ribbon.js`` the button → script table (:func:`button_scripts`) that it associates. So a
new button is one :class:`Button` here, plus its icon drawn in :mod:`addin.server.icons` (a test
checks both), and a new group one :class:`Group`.
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.messages import DAY_BOOK


@dataclass(frozen=True)
class Button:
    """One ribbon button. ``key`` names its control (``Bahi.<key>``), its strings and its icon
    (``<key lower-cased>-16.png`` …); ``script`` is the Python script it runs (of
    :mod:`addin.scripts`), or empty for the button that opens the task pane."""

    key: str
    label_en: str
    label_hi: str
    tooltip_en: str
    tooltip_hi: str
    script: str = ""

    @property
    def function(self) -> str:
        """The manifest's ``<FunctionName>``, which ribbon.js associates: ``bahi-trial-balance``."""
        return self.script.replace("_", "-")

    @property
    def icon(self) -> str:
        return self.key.lower()


@dataclass(frozen=True)
class Group:
    key: str
    label_en: str
    label_hi: str
    buttons: tuple[Button, ...]


TASK_PANE = Button(
    "Taskpane",
    "Bahi Pane",
    "बही पैनल",
    "Open the Bahi pane: last run, issues with links to their cells, settings.",
    "बही पैनल खोलें: पिछला परिणाम, समस्याएँ (सेल के लिंक सहित), सेटिंग्स।",
)

RIBBON: tuple[Group, ...] = (
    Group(
        "Ledger",
        "Ledger",
        "खाता-बही",
        (
            Button(
                "Validate",
                "Validate",
                "जाँच",
                "Check Accounts, Journal and Settings; list every issue on the Issues sheet and highlight "
                "its cell.",
                "खाते, रोज़नामचा और सेटिंग्स जाँचें; हर समस्या Issues शीट पर लिखें और उसका सेल रंगें।",
                "bahi_validate",
            ),
            Button(
                "TrialBalance",
                "Trial Balance",
                "तलपट",
                "Write the Trial Balance sheet: every account's debit or credit balance.",
                "तलपट शीट लिखें: हर खाते का नामे या जमा शेष।",
                "bahi_trial_balance",
            ),
            Button(
                "Statement",
                "Account Statement",
                "खाता विवरण",
                "Write the ledger of the account in the active cell (a code on Accounts or an Account on the "
                "Journal), with a running balance.",
                "सक्रिय सेल के खाते (Accounts पर कोड या Journal पर खाता) का चालू शेष सहित विवरण लिखें।",
                "bahi_account_statement",
            ),
            Button(
                "DayBook",
                DAY_BOOK.en,
                DAY_BOOK.hi,
                "Write the Day Book sheet: the journal day by day with daily totals.",
                "दैनिक बही शीट लिखें: दिन-प्रतिदिन प्रविष्टियाँ और दैनिक योग।",
                "bahi_day_book",
            ),
        ),
    ),
    Group(
        "Bank",
        "Bank",
        "बैंक",
        (
            Button(
                "Reconcile",
                "Reconcile",
                "बैंक मिलान",
                "Match the Bank Statement against the bank account's journal lines.",
                "बैंक विवरण का बैंक खाते की प्रविष्टियों से मिलान करें।",
                "bahi_reconcile",
            ),
            TASK_PANE,
        ),
    ),
    Group(
        "SalesPurchases",
        "Sales & Purchases",
        "बिक्री और ख़रीद",
        (
            Button(
                "Post",
                "Post",
                "खाते में डालें",
                "Post the invoices, notes, bills, receipts and payments not yet in the Journal: a voucher "
                "each, and the parties' balances tied to the control accounts.",
                "जो बीजक, नोट, बिल, प्राप्तियाँ और भुगतान रोज़नामचे में नहीं हैं, उनका वाउचर लिखें और पक्षों के शेष "
                "नियंत्रण खातों से मिलाएँ।",
                "bahi_post",
            ),
            Button(
                "Aging",
                "Aging",
                "आयु विश्लेषण",
                "Write the Receivables Aging and Payables Aging sheets: each party's pending bills by days "
                "past due.",
                "प्राप्य और देय आयु विश्लेषण शीटें लिखें: हर पक्ष के बकाया बिल, देय तिथि से बीते दिनों के अनुसार।",
                "bahi_aging",
            ),
            Button(
                "GstReturns",
                "GST Returns",
                "जीएसटी रिटर्न",
                "Write the GST Summary sheet: GSTR-1 and GSTR-3B of the latest month from Sales and "
                "Purchases.",
                "जीएसटी सारांश शीट लिखें: बिक्री और ख़रीद से नवीनतम माह की जीएसटीआर-1 और जीएसटीआर-3बी।",
                "bahi_gst_returns",
            ),
            Button(
                "Gstr2bReconcile",
                "GSTR-2B Reconcile",
                "जीएसटीआर-2बी मिलान",
                "Match the GSTR-2B pasted into the GSTR-2B sheet against the Purchases; write the GSTR-2B "
                "Reconciliation sheet.",
                "GSTR-2B शीट में चिपकाई जीएसटीआर-2बी का ख़रीद से मिलान करें; जीएसटीआर-2बी मिलान शीट लिखें।",
                "bahi_gstr2b_reconcile",
            ),
            Button(
                "PrintInvoice",
                "Print Invoice",
                "बीजक छापें",
                "Write the print-ready tax invoice of the Sales line in the active cell on the Invoice "
                "sheet.",
                "सक्रिय सेल की बिक्री पंक्ति का छापने योग्य कर बीजक Invoice शीट पर लिखें।",
                "bahi_print_invoice",
            ),
        ),
    ),
    Group(
        "Reports",
        "Reports & Close",
        "रिपोर्ट और बंदी",
        (
            Button(
                "Statements",
                "Statements",
                "वित्तीय विवरण",
                "Write the Schedule III Statement of Profit and Loss, Balance Sheet and cash-flow statement "
                "for the financial year, and the Dashboard's charts.",
                "वित्त वर्ष के लिए अनुसूची III लाभ-हानि विवरण, तुलन-पत्र और नकदी प्रवाह विवरण, और डैशबोर्ड के "
                "चार्ट लिखें।",
                "bahi_statements",
            ),
            Button(
                "Budget",
                "Budget vs Actual",
                "बजट बनाम वास्तविक",
                "Compare the Budget table with the books: variance, variance %, year to date and the "
                "year's forecast; over-budget lines in red.",
                "बजट तालिका की खातों से तुलना करें: अंतर, अंतर %, वर्ष-पर्यंत और वर्ष का पूर्वानुमान; बजट से अधिक "
                "पंक्तियाँ लाल।",
                "bahi_budget",
            ),
            Button(
                "CloseMonth",
                "Close Month",
                "माह बंद",
                "Close last month: run every check, the trial balance, the bank reconciliation and the "
                "parties' tie-out; lock the books on the Close sheet, or list the blockers.",
                "पिछला माह बंद करें: हर जाँच, तलपट, बैंक मिलान और पक्षों का मिलान; Close शीट पर खाते लॉक करें, या "
                "बाधाएँ सूचीबद्ध करें।",
                "bahi_close_month",
            ),
        ),
    ),
)
"""The tab's groups in order, each with its buttons in order."""

TAB_ICON = "bahi"
"""The add-in's own icon (the tab's groups use it too): ``bahi-16.png`` …, ``bahi-64.png``."""


def buttons() -> list[Button]:
    return [b for group in RIBBON for b in group.buttons]


def button_scripts() -> dict[str, str]:
    """What ribbon.js associates: each ``<FunctionName>`` with the script it runs.

    >>> button_scripts()["bahi-trial-balance"]
    'bahi_trial_balance'
    """
    return {b.function: b.script for b in buttons() if b.script}


def icon_names() -> list[str]:
    """Every icon the manifest names: the add-in's, then each button's."""
    return [TAB_ICON, *(b.icon for b in buttons())]


def labels() -> list[tuple[str, str, str]]:
    """(string id, English, Hindi) of each group's and each button's label, for the manifest."""
    return [(f"Bahi.{g.key}.Label", g.label_en, g.label_hi) for g in RIBBON] + [
        (f"Bahi.{b.key}.Label", b.label_en, b.label_hi) for b in buttons()
    ]


def tooltips() -> list[tuple[str, str, str]]:
    """(string id, English, Hindi) of each button's tooltip, for the manifest."""
    return [(f"Bahi.{b.key}.Tooltip", b.tooltip_en, b.tooltip_hi) for b in buttons()]

"""Bilingual texts the ``bahi`` command and the ribbon alerts show, English first, then Hindi.

Engine findings carry their own two languages (:class:`~addin.engine.issues.Issue`); this module holds
only what the command itself says: summaries, headings of the terminal tables and its own errors.

>>> print(INTERRUPTED.both())
Interrupted; the workbook was not changed.
रोका गया; कार्यपुस्तिका नहीं बदली गई।
>>> BALANCED.en
'The trial balance agrees: total debits equal total credits.'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """One message in English and Hindi; ``{placeholders}`` are filled by :meth:`format`."""

    en: str
    hi: str

    def format(self, **values: object) -> Text:
        return Text(self.en.format(**values), self.hi.format(**values))

    def both(self) -> str:
        """English on the first line, Hindi on the second."""
        return f"{self.en}\n{self.hi}"

    def titled(self) -> str:
        """English / Hindi on one line, as a title or heading."""
        return f"{self.en} / {self.hi}"


INTERNAL_ERROR = Text(
    "Internal error in Bahi: this is a bug, not a mistake in your books. "
    "Run again with BAHI_DEBUG=1 and report the output.",
    "Bahi में आंतरिक त्रुटि: यह प्रोग्राम की गड़बड़ी है, आपकी बही की ग़लती नहीं। "
    "BAHI_DEBUG=1 के साथ फिर चलाएँ और परिणाम भेजें।",
)
DAY_BOOK = Text("Day Book", "दैनिक बही")
"""The Day Book's name everywhere: its sheet's title, the ribbon's button and alert, ``bahi daybook``."""
INTERRUPTED = Text("Interrupted; the workbook was not changed.", "रोका गया; कार्यपुस्तिका नहीं बदली गई।")
CANNOT_READ_LEDGER = Text(
    "The workbook cannot be read as a ledger:",
    "कार्यपुस्तिका को बही के रूप में नहीं पढ़ा जा सका:",
)
FIX = Text("Fix", "सुधार")
NO_ISSUES = Text(
    "No issues: {lines} journal lines and {accounts} accounts checked.",
    "कोई समस्या नहीं: {lines} रोज़नामचा पंक्तियाँ और {accounts} खाते जाँचे गए।",
)
ISSUE_SUMMARY = Text(
    "{errors} error(s), {warnings} warning(s) in {lines} journal lines and {accounts} accounts.",
    "{lines} रोज़नामचा पंक्तियों और {accounts} खातों में {errors} त्रुटि, {warnings} चेतावनी।",
)
PARTIAL_REPORT = Text(
    "The books have {errors} error(s); this report uses only the lines that could be read. "
    "Run `bahi validate` to see them.",
    "बही में {errors} त्रुटि हैं; यह रिपोर्ट केवल पढ़ी जा सकी पंक्तियों से बनी है। "
    "उन्हें देखने के लिए `bahi validate` चलाएँ।",
)
"""Said by a run that made every check Validate makes: ``errors`` is the count Validate gives."""
PARTIAL_OWN_CHECKS = Text(
    "This run found {errors} error(s) while reading the books and in its own checks; this report uses "
    "only the lines that could be read. `bahi validate` runs every check on the books; --write lists "
    "this run's findings on the Issues sheet.",
    "इस रन को बही पढ़ते समय और अपनी जाँचों में {errors} त्रुटि मिलीं; यह रिपोर्ट केवल पढ़ी जा सकी "
    "पंक्तियों से बनी है। `bahi validate` बही की हर जाँच करता है; --write इस रन की समस्याएँ Issues शीट पर "
    "लिखता है।",
)
"""Said by a run that does not make all of Validate's checks (Reconcile, Statements, Budget): its
count is of its own findings, and says so."""
UNKNOWN_ACCOUNT = Text(
    "Account {account!r} is not in the Accounts table. "
    "Fix: give an account code or name from the Accounts sheet.",
    "खाता {account!r} खाते तालिका में नहीं है। सुधार: खाते शीट से खाते का कोड या नाम दें।",
)
BAD_DATE = Text(
    "Cannot read the date {text!r}: {reason}. Fix: write it as dd/mm/yyyy, for example 01/04/2025.",
    "तिथि {text!r} पढ़ी नहीं जा सकी: {reason_hi}। सुधार: dd/mm/yyyy की तरह लिखें, जैसे 01/04/2025।",
)
PERIOD_REVERSED = Text(
    "The period ends before it starts: --from {start} is after --to {end}; nothing was read. "
    "Fix: give the earlier date with --from and the later with --to.",
    "अवधि शुरू होने से पहले ख़त्म होती है: --from {start}, --to {end} के बाद है; कुछ नहीं पढ़ा गया। "
    "सुधार: पहले की तिथि --from में और बाद की --to में दें।",
)
BAD_COMMAND_LINE = Text(
    "The command line is not right; nothing was done. See `{prog} --help`.",
    "कमांड सही नहीं है; कुछ नहीं किया गया। `{prog} --help` देखें।",
)
SAVED = Text(
    "Saved {path}: wrote {sheets} (the previous file is kept as a backup).",
    "{path} सहेजा गया: {sheets} लिखे गए (पिछली फ़ाइल की प्रति रखी गई)।",
)
NO_ROWS = Text("No lines to show.", "दिखाने के लिए कोई पंक्ति नहीं।")
CANNOT_RECONCILE = Text(
    "Cannot reconcile; nothing was matched or written:", "मिलान नहीं हो सका; न मिलान हुआ, न कुछ लिखा गया:"
)
UNDO_NOT_SAVED = Text(
    "Nothing was saved: undoing run {run} would clear {cells} match cells. "
    "Add --write to undo it in the workbook.",
    "कुछ नहीं सहेजा गया: रन {run} पूर्ववत करने से {cells} मिलान सेल साफ़ होंगे। "
    "कार्यपुस्तिका में पूर्ववत करने के लिए --write जोड़ें।",
)
BALANCED = Text(
    "The trial balance agrees: total debits equal total credits.",
    "तलपट मिलता है: कुल नामे कुल जमा के बराबर है।",
)
NOT_BALANCED = Text(
    "The trial balance does NOT agree: debits and credits differ by {difference}.",
    "तलपट नहीं मिलता: नामे और जमा में {difference} का अंतर है।",
)
TOTALS = Text(
    "Totals: opening {opening}, debit {debit}, credit {credit}, closing {closing}.",
    "योग: प्रारंभिक {opening}, नामे {debit}, जमा {credit}, अंतिम {closing}।",
)
RECONCILED = Text(
    "{matches} match(es); {bank} bank line(s) and {journal} journal line(s) left unmatched.",
    "{matches} मिलान; {bank} बैंक पंक्तियाँ और {journal} रोज़नामचा पंक्तियाँ बिना मिलान के।",
)
POSSIBLE_MATCHES = Text(
    "{count} unmatched bank line(s) could be matched only a few ways: the Bank Reconciliation sheet "
    "lists them beside each line (Could be); type one Match ID on the lines you agree with.",
    "{count} बिना मिलान बैंक पंक्तियों के कुछ ही संभावित मिलान हैं: बैंक समाधान शीट में हर पंक्ति के "
    "साथ (संभावित मिलान) दिए हैं; जिनसे आप सहमत हों उन पंक्तियों पर एक ही मिलान आईडी लिखें।",
)
SHEETS_WITH_WRITE = Text(
    "(The sheet is written with --write; --format json lists them as possible.)",
    "(शीट --write से लिखी जाती है; --format json में ये possible में हैं।)",
)
MATCHES_WITH_FLAG = Text(
    "The matches themselves: --matches (or --format json|csv).",
    "मिलान की सूची: --matches (या --format json|csv)।",
)
DEMO_INTRO = Text(
    "Bahi demo: validating and summarising the demo workbook into {path}",
    "Bahi डेमो: डेमो कार्यपुस्तिका की जाँच और सारांश {path} में",
)
DEMO_PLANTED = Text(
    "The demo workbook has mistakes planted on purpose; finding them is the point. "
    "Open the Issues sheet: each row links to its cell.",
    "डेमो कार्यपुस्तिका में ग़लतियाँ जान-बूझकर रखी गई हैं; उन्हें ढूँढना ही उद्देश्य है। "
    "Issues शीट खोलें: हर पंक्ति अपने सेल से जुड़ी है।",
)
DEMO_BY_RULE = Text("Issues by rule:", "नियम अनुसार समस्याएँ:")
DEMO_WRITTEN = Text("Written: {path}", "लिखा गया: {path}")
NEW_BOOK = Text("Created {path}", "{path} बनाई गई")
SERVER_MISSING = Text(
    "The Bahi server is not installed in this copy. Fix: install the full package (make install).",
    "इस प्रति में Bahi सर्वर स्थापित नहीं है। सुधार: पूरा पैकेज स्थापित करें (make install)।",
)
PHASES: dict[str, Text] = {
    "reading": Text("Reading", "पढ़ रहे हैं"),
    "checking": Text("Checking", "जाँच रहे हैं"),
    "reporting": Text("Preparing report", "रिपोर्ट बना रहे हैं"),
    "writing": Text("Writing", "लिख रहे हैं"),
    "saving": Text("Saving", "सहेज रहे हैं"),
    "printing": Text("Printing", "छाप रहे हैं"),
}
ROW_LABELS: dict[str, Text] = {
    "day-total": Text("Day total", "दिन का योग"),
    "undated": Text("Lines without a readable date (not posted)", "बिना पठनीय तिथि की पंक्तियाँ (दर्ज नहीं)"),
    "undated-total": Text("Undated total", "बिना तिथि का योग"),
    "grand-total": Text("Grand total", "कुल योग"),
    "opening-balance": Text("Opening balance", "प्रारंभिक शेष"),
    "closing-balance": Text("Closing balance", "अंतिम शेष"),
}
"""What a total or heading row says, by the record's kind: in the narration of a terminal table or a
CSV file, and on the report's sheet (the Day Book's, a ledger's first and last rows), so that all say
the same."""


def row_label(kind: str) -> str:
    """The "English / हिन्दी" label of a row of kind ``kind`` (:data:`ROW_LABELS`).

    >>> row_label("grand-total")
    'Grand total / कुल योग'
    """
    label = ROW_LABELS[kind]
    return f"{label.en} / {label.hi}"

HEADINGS: dict[str, str] = {
    "severity": "Severity / गंभीरता",
    "where": "Cell / सेल",
    "could_be": "Could be (rows) / संभावित मिलान (पंक्तियाँ)",
    "rule": "Rule / नियम",
    "message": "Message / संदेश",
    "account": "Account / खाता",
    "name": "Name / नाम",
    "type": "Type / प्रकार",
    "opening": "Opening / प्रारंभिक",
    "debit": "Debit / नामे",
    "credit": "Credit / जमा",
    "closing": "Closing / अंतिम",
    "balance": "Balance / शेष",
    "date": "Date / दिनांक",
    "voucher": "Voucher / वाउचर",
    "narration": "Narration / विवरण",
    "party": "Party / पक्ष",
    "counter_account": "Against / विपरीत खाता",
    "match_id": "Match ID / मिलान आईडी",
    "confidence": "Confidence / विश्वास",
    "bank_rows": "Bank rows / बैंक पंक्तियाँ",
    "journal_rows": "Journal rows / रोज़नामचा पंक्तियाँ",
    "reference": "Reference / संदर्भ",
    "description": "Description / विवरण",
    "withdrawal": "Withdrawal / निकासी",
    "deposit": "Deposit / जमा राशि",
    "amount": "Amount / राशि",
}
"""Headings of the terminal tables by record field; a field not here is shown as it is named."""

# gstui (issue 10): aging, party ledger and invoice records
HEADINGS.update(
    {
        "side": "Side / ओर",
        "bill": "Bill / बिल",
        "due": "Due / देय तिथि",
        "days": "Days overdue / विलंब दिन",
        "bucket": "Bucket / अवधि",
        "pending": "Pending / बकाया",
        "not_due": "Not due / देय नहीं",
        "days_0_30": "0–30 days / दिन",
        "days_31_60": "31–60 days / दिन",
        "days_61_90": "61–90 days / दिन",
        "days_over_90": "Over 90 / 90 से अधिक",
        "on_account": "On account / खाते पर",
        "net": "Balance / शेष",
        "kind": "Type / प्रकार",
        "number": "Number / संख्या",
        "against": "Against / किसके विरुद्ध",
        "hsn": "HSN/SAC / एचएसएन",
        "qty": "Qty / मात्रा",
        "unit": "Unit / इकाई",
        "price": "Rate / दर",
        "discount": "Discount / छूट",
        "taxable": "Taxable / कर योग्य",
        "gst_rate": "GST % / जीएसटी %",
        "cgst": "CGST / सीजीएसटी",
        "sgst": "SGST / एसजीएसटी",
        "igst": "IGST / आईजीएसटी",
    }
)

PDF_WRITTEN = Text(
    "Wrote the tax invoice {number} to {path}",
    "कर बीजक {number} {path} में लिखा गया",
)
"""What ``bahi invoice --pdf`` says it did (gstui)."""
HEADINGS.update({  # GST returns and the GSTR-2B reconciliation
    "return": "Return / रिटर्न",
    "table": "Table / तालिका",
    "count": "Count / संख्या",
    "taxable": "Taxable / कर योग्य",
    "igst": "IGST / आईजीएसटी",
    "cgst": "CGST / सीजीएसटी",
    "sgst": "SGST / एसजीएसटी",
    "cess": "Cess / उपकर",
    "status": "Status / स्थिति",
    "differences": "Differences / अंतर",
    "gstin": "GSTIN / जीएसटीआईएन",
    "books_number": "Number (books) / संख्या (बही)",
    "portal_number": "Number (2B) / संख्या (2बी)",
    "books_date": "Date (books) / तिथि (बही)",
    "portal_date": "Date (2B) / तिथि (2बी)",
    "books_taxable": "Taxable (books) / कर योग्य (बही)",
    "portal_taxable": "Taxable (2B) / कर योग्य (2बी)",
    "books_itc": "ITC (books) / आईटीसी (बही)",
    "portal_itc": "ITC (2B) / आईटीसी (2बी)",
})

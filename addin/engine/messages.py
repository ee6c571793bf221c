"""What each rule says, in English and Hindi, and how to fix it — one place for every message.

A template is keyed by its rule (``"unbalanced-voucher"``) or by rule and variant
(``"unknown-account:blank"``) and formatted with named fields. :func:`make_issue` builds the
:class:`~addin.engine.issues.Issue` with the rule's default severity.

>>> issue = make_issue(Rule.NO_AMOUNT, "Journal", "D7", "Debit", "")
>>> issue.severity.value, issue.message_en
('error', 'Neither Debit nor Credit has an amount.')
>>> issue.message_hi
'न नामे में राशि है, न जमा में।'
>>> make_issue(Rule.NO_AMOUNT, "Journal", "D7", "Debit", "", variant="nonsense")
Traceback (most recent call last):
...
KeyError: 'no-amount:nonsense'
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.engine.issues import Issue
from addin.engine.rules import Rule, severity_of


@dataclass(frozen=True, slots=True)
class Message:
    """A bilingual message and fix, as ``str.format`` templates over named fields."""

    en: str
    hi: str
    fix_en: str
    fix_hi: str


MESSAGES: dict[str, Message] = {
    Rule.MISSING_TABLE: Message(
        "The workbook has no table named {table} (sheet {sheet_name}).",
        "वर्कबुक में {table} नाम की तालिका (शीट {sheet_name}) नहीं है।",
        "Add a sheet named {sheet_name}, select its data and Insert → Table, name it {table} "
        "(Table Design → Table Name), with the headings: {headings}.",
        "{sheet_name} नाम की शीट जोड़ें, डेटा चुनकर Insert → Table करें, नाम {table} रखें "
        "(Table Design → Table Name), ये शीर्षक हों: {headings}।",
    ),
    Rule.MISSING_COLUMN: Message(
        "Table {table} has no column {heading} (headings are in {range}).",
        "तालिका {table} में {heading} कॉलम नहीं है (शीर्षक {range} में हैं)।",
        "Add a column with the heading {heading} to the table, or correct a misspelt heading.",
        "तालिका में {heading} शीर्षक वाला कॉलम जोड़ें, या गलत लिखा शीर्षक ठीक करें।",
    ),
    Rule.UNREADABLE_DATE: Message(
        "Cannot read '{value}' as a date.",
        "'{value}' को तिथि के रूप में नहीं पढ़ा जा सका।",
        "Type the date as dd/mm/yyyy, for example 01/04/2025.",
        "तिथि dd/mm/yyyy रूप में लिखें, जैसे 01/04/2025।",
    ),
    Rule.UNREADABLE_AMOUNT: Message(
        "Cannot read '{value}' as an amount.",
        "'{value}' को राशि के रूप में नहीं पढ़ा जा सका।",
        "Type a number such as 1,20,000.50 (no words or letters).",
        "1,20,000.50 जैसी संख्या लिखें (शब्द या अक्षर नहीं)।",
    ),
    Rule.ERROR_VALUE: Message(
        "The cell shows the Excel error {value}.",
        "सेल में एक्सेल त्रुटि {value} है।",
        "Correct the formula in this cell, or type the value.",
        "इस सेल का सूत्र ठीक करें, या मान टाइप करें।",
    ),
    Rule.MERGED_CELLS: Message(
        "Cells {range} are merged inside table {table}.",
        "तालिका {table} में सेल {range} मर्ज हैं।",
        "Select {range} and choose Home → Merge & Center → Unmerge Cells.",
        "{range} चुनें और Home → Merge & Center → Unmerge Cells करें।",
    ),
    Rule.BLANK_ROW: Message(
        "Rows {first}–{last} of table {table} are blank; they were skipped.",
        "तालिका {table} की पंक्तियाँ {first}–{last} खाली हैं; उन्हें छोड़ दिया गया।",
        "Delete the blank rows (Home → Delete → Delete Table Rows) or fill them in.",
        "खाली पंक्तियाँ हटाएँ (Home → Delete → Delete Table Rows) या उन्हें भरें।",
    ),
    f"{Rule.BLANK_ROW}:single": Message(
        "Row {first} of table {table} is blank; it was skipped.",
        "तालिका {table} की पंक्ति {first} खाली है; उसे छोड़ दिया गया।",
        "Delete the blank row (Home → Delete → Delete Table Rows) or fill it in.",
        "खाली पंक्ति हटाएँ (Home → Delete → Delete Table Rows) या उसे भरें।",
    ),
    Rule.EXTRA_COLUMN: Message(
        "Column '{heading}' is not a column of table {table}; it was ignored.",
        "'{heading}' कॉलम तालिका {table} का नहीं है; इसे अनदेखा किया गया।",
        "Nothing to do if the column is yours; otherwise rename it to one of: {expected}.",
        "यदि यह कॉलम आपका है तो कुछ न करें; अन्यथा इसका नाम इनमें से एक रखें: {expected}।",
    ),
    f"{Rule.EXTRA_COLUMN}:duplicate": Message(
        "Column '{heading}' repeats a heading of table {table}; only the first was read.",
        "'{heading}' कॉलम तालिका {table} का शीर्षक दोहराता है; केवल पहला पढ़ा गया।",
        "Rename or delete the repeated column.",
        "दोहराए गए कॉलम का नाम बदलें या उसे हटाएँ।",
    ),
    Rule.DUPLICATE_ACCOUNT: Message(
        "Account code {value} is used again (first in row {first_row}).",
        "खाता कोड {value} दोबारा उपयोग हुआ है (पहली बार पंक्ति {first_row} में)।",
        "Give each account its own code, or delete the repeated row.",
        "हर खाते को अलग कोड दें, या दोहराई पंक्ति हटाएँ।",
    ),
    f"{Rule.DUPLICATE_ACCOUNT}:blank": Message(
        "The account has no code.",
        "खाते का कोई कोड नहीं है।",
        "Type a code, for example 1001.",
        "कोड लिखें, जैसे 1001।",
    ),
    Rule.INVALID_ACCOUNT_TYPE: Message(
        "'{value}' is not an account type.",
        "'{value}' खाते का प्रकार नहीं है।",
        "Choose one of: {types}.",
        "इनमें से एक चुनें: {types_hi}।",
    ),
    Rule.UNKNOWN_PARENT: Message(
        "Parent account '{value}' is not in the Accounts table.",
        "मूल खाता '{value}' खाते तालिका में नहीं है।",
        "Type the code or name of an existing account, or leave the cell empty.",
        "किसी मौजूदा खाते का कोड या नाम लिखें, या सेल खाली छोड़ें।",
    ),
    Rule.PARENT_CYCLE: Message(
        "Account {value} is its own ancestor: {path}.",
        "खाता {value} स्वयं का पूर्वज है: {path}।",
        "Change the Parent of one account in the loop so that the chain ends at a top account.",
        "चक्र के किसी एक खाते का मूल खाता बदलें ताकि श्रृंखला किसी शीर्ष खाते पर समाप्त हो।",
    ),
    Rule.UNKNOWN_ACCOUNT: Message(
        "Account '{value}' is not in the Accounts table.",
        "खाता '{value}' खाते तालिका में नहीं है।",
        "Type the code or name of an account, or add the account to the Accounts sheet.",
        "किसी खाते का कोड या नाम लिखें, या खाते शीट में यह खाता जोड़ें।",
    ),
    f"{Rule.UNKNOWN_ACCOUNT}:blank": Message(
        "The line has no account.",
        "पंक्ति में कोई खाता नहीं है।",
        "Type the code or name of an account from the Accounts sheet.",
        "खाते शीट से किसी खाते का कोड या नाम लिखें।",
    ),
    Rule.INACTIVE_ACCOUNT: Message(
        "Account {value} is marked inactive.",
        "खाता {value} निष्क्रिय चिह्नित है।",
        "Post to an active account, or set Active to Yes on the Accounts sheet.",
        "किसी सक्रिय खाते में लिखें, या खाते शीट पर सक्रिय को Yes करें।",
    ),
    Rule.DEBIT_AND_CREDIT: Message(
        "Both Debit ({debit}) and Credit ({credit}) have an amount.",
        "नामे ({debit}) और जमा ({credit}) दोनों में राशि है।",
        "Keep one amount per line: split it into a debit line and a credit line.",
        "हर पंक्ति में एक ही राशि रखें: इसे नामे और जमा की दो पंक्तियों में बाँटें।",
    ),
    Rule.NO_AMOUNT: Message(
        "Neither Debit nor Credit has an amount.",
        "न नामे में राशि है, न जमा में।",
        "Type the amount in Debit or in Credit, or delete the line.",
        "राशि नामे या जमा में लिखें, या पंक्ति हटाएँ।",
    ),
    Rule.NEGATIVE_AMOUNT: Message(
        "{column} amount {value} is negative.",
        "{column_hi} राशि {value} ऋणात्मक है।",
        "Type the amount without a minus sign, in the other column ({other}).",
        "राशि बिना ऋण चिह्न के दूसरे कॉलम ({other_hi}) में लिखें।",
    ),
    Rule.TOO_MANY_DECIMALS: Message(
        "Amount {value} has more than two decimals; read as {rounded}.",
        "राशि {value} में दो से अधिक दशमलव अंक हैं; {rounded} पढ़ा गया।",
        "Round the amount to paise (two decimals).",
        "राशि को पैसे तक (दो दशमलव) पूर्णांकित करें।",
    ),
    Rule.UNBALANCED_VOUCHER: Message(
        "Voucher {voucher} does not balance: debits {debit}, credits {credit}, difference {difference}.",
        "वाउचर {voucher} संतुलित नहीं है: नामे {debit}, जमा {credit}, अंतर {difference}।",
        "Correct the amounts so that total debits equal total credits ({side} is short by {difference}).",
        "राशियाँ ठीक करें ताकि कुल नामे और कुल जमा बराबर हों ({side_hi} में {difference} कम है)।",
    ),
    Rule.OUTSIDE_FINANCIAL_YEAR: Message(
        "Date {value} is outside the financial year {start} to {end}.",
        "तिथि {value} वित्त वर्ष {start} से {end} के बाहर है।",
        "Correct the date, or the Financial Year on the Settings sheet.",
        "तिथि ठीक करें, या सेटिंग्स शीट पर वित्त वर्ष।",
    ),
    Rule.LOCKED_PERIOD: Message(
        "Date {value} is on or before the lock date {lock}; those books are closed.",
        "तिथि {value} लॉक तिथि {lock} को या उससे पहले की है; वे खाते बंद हैं।",
        "Post the entry after {lock}, or ask whoever closed the books to move the Lock Date.",
        "प्रविष्टि {lock} के बाद की तिथि में करें, या खाते बंद करने वाले से लॉक तिथि बदलवाएँ।",
    ),
    Rule.DUPLICATE_LINE: Message(
        "This line repeats row {first_row} exactly (date, voucher, account, amounts, narration).",
        "यह पंक्ति पंक्ति {first_row} को हूबहू दोहराती है (तिथि, वाउचर, खाता, राशि, विवरण)।",
        "Delete the repeated line, or correct it if it is a different entry.",
        "दोहराई पंक्ति हटाएँ, या यदि यह अलग प्रविष्टि है तो इसे ठीक करें।",
    ),
    Rule.MISSING_NARRATION: Message(
        "Voucher {voucher} has no narration.",
        "वाउचर {voucher} का कोई विवरण नहीं है।",
        "Describe the entry in the Narration of its first line.",
        "पहली पंक्ति के विवरण में प्रविष्टि का वर्णन लिखें।",
    ),
    Rule.MISSING_DATE: Message(
        "The line has no date.",
        "पंक्ति में कोई तिथि नहीं है।",
        "Type the date as dd/mm/yyyy, for example 01/04/2025.",
        "तिथि dd/mm/yyyy रूप में लिखें, जैसे 01/04/2025।",
    ),
    Rule.MISSING_VOUCHER: Message(
        "The line has no voucher number.",
        "पंक्ति में कोई वाउचर संख्या नहीं है।",
        "Type the voucher number that groups this line with the rest of its entry.",
        "वह वाउचर संख्या लिखें जो इस पंक्ति को उसकी प्रविष्टि की बाकी पंक्तियों से जोड़ती है।",
    ),
    Rule.INVALID_SETTING: Message(
        "Setting {setting} has the value '{value}', which is not valid; {default} is used.",
        "सेटिंग {setting} का मान '{value}' मान्य नहीं है; {default} लिया गया।",
        "Type {expected}.",
        "{expected_hi} लिखें।",
    ),
    Rule.UNKNOWN_BANK_ACCOUNT: Message(
        "The bank account '{value}' to reconcile is not in the {accounts} table.",
        "मिलान के लिए बैंक खाता '{value}' {accounts} तालिका में नहीं है।",
        "In Settings, set Bank Account to the code of the bank account in Accounts (for example 1120), "
        "or name it with --account.",
        "Settings में Bank Account को Accounts में बैंक खाते का कोड दें (जैसे 1120), या --account से बताएँ।",
    ),
    Rule.BANK_BALANCE_MISMATCH: Message(
        "The statement's balance {value} does not follow from the lines above it: expected {expected} "
        "(difference {difference}).",
        "विवरण का शेष {value} ऊपर की पंक्तियों से मेल नहीं खाता: अपेक्षित {expected} (अंतर {difference})।",
        "Check this line's Withdrawal, Deposit and Balance against the bank's statement; a line may be "
        "missing or mistyped.",
        "इस पंक्ति की निकासी, जमा और शेष बैंक विवरण से मिलाएँ; कोई पंक्ति छूटी या गलत लिखी हो सकती है।",
    ),
    Rule.BANK_DATE_OUTSIDE_PERIOD: Message(
        "Statement date {value} is outside the financial year {start} to {end}.",
        "विवरण की तिथि {value} वित्त वर्ष {start} से {end} के बाहर है।",
        "Keep only this year's statement lines, or correct the Financial Year in Settings.",
        "केवल इस वर्ष की विवरण पंक्तियाँ रखें, या Settings में वित्त वर्ष ठीक करें।",
    ),
    Rule.UNEXPLAINED_DIFFERENCE: Message(
        "The bank reconciliation at {as_of} leaves an unexplained difference of {value}.",
        "{as_of} का बैंक मिलान {value} का अस्पष्ट अंतर छोड़ता है।",
        "Look at the unmatched lines on the Bank Reconciliation sheet: a missing entry, a wrong amount, or "
        "an opening balance that differs from the bank's.",
        "Bank Reconciliation शीट पर बिना मिलान पंक्तियाँ देखें: छूटी प्रविष्टि, गलत राशि, या बैंक से अलग "
        "प्रारंभिक शेष।",
    ),
    # audit trail and month-end close (audit)
    Rule.LOCKED_VOUCHER_EDITED: Message(
        "Voucher {voucher} ({date}) is in the locked period up to {lock}, but its {column} changed since "
        "Audit Log entry {entry}: was '{old}', now '{value}'.",
        "वाउचर {voucher} ({date}) {lock} तक की लॉक अवधि में है, पर ऑडिट लॉग प्रविष्टि {entry} के बाद इसका "
        "{column_hi} बदला: पहले '{old}', अब '{value}'।",
        "Put back '{old}' (the Audit Log sheet lists the old lines). If the change must stand, the books "
        "must be reopened by whoever closed them, and the reason recorded.",
        "'{old}' वापस लिखें (ऑडिट लॉग शीट पर पुरानी पंक्तियाँ हैं)। यदि बदलाव रहना ही है, तो खाते बंद करने वाले "
        "से अवधि खुलवाएँ और कारण दर्ज करें।",
    ),
    f"{Rule.LOCKED_VOUCHER_EDITED}:lines": Message(
        "Voucher {voucher} ({date}) is in the locked period up to {lock}, but its lines changed since "
        "Audit Log entry {entry}: it had {old} line(s), now {value}.",
        "वाउचर {voucher} ({date}) {lock} तक की लॉक अवधि में है, पर ऑडिट लॉग प्रविष्टि {entry} के बाद इसकी "
        "पंक्तियाँ बदलीं: पहले {old} पंक्ति, अब {value}।",
        "Restore the voucher's lines as the Audit Log sheet lists them, or have the period reopened.",
        "ऑडिट लॉग शीट में दी पंक्तियों जैसा वाउचर फिर से बनाएँ, या अवधि खुलवाएँ।",
    ),
    Rule.LOCKED_VOUCHER_DELETED: Message(
        "Voucher {value} ({date}, {lines} line(s), was at rows {rows}) in the locked period up to {lock} "
        "was deleted since Audit Log entry {entry}.",
        "लॉक अवधि ({lock} तक) का वाउचर {value} ({date}, {lines} पंक्ति, पहले पंक्ति {rows} पर) ऑडिट लॉग "
        "प्रविष्टि {entry} के बाद हटा दिया गया।",
        "Put the voucher back (the Audit Log sheet lists its lines), or have the period reopened.",
        "वाउचर वापस डालें (ऑडिट लॉग शीट पर उसकी पंक्तियाँ हैं), या अवधि खुलवाएँ।",
    ),
    Rule.AUDIT_CHAIN_BROKEN: Message(
        "Audit Log entry {value} (row {row}) {reason}: the audit trail was changed by hand.",
        "ऑडिट लॉग प्रविष्टि {value} (पंक्ति {row}) {reason_hi}: ऑडिट निशान हाथ से बदला गया है।",
        "Bahi cannot repair a broken chain, and must not: restore the Audit Log from a backup copy of the "
        "workbook, or show this break to your auditor.",
        "बही टूटी श्रृंखला ठीक नहीं कर सकता, और उसे करना भी नहीं चाहिए: वर्कबुक की किसी बैकअप प्रति से ऑडिट "
        "लॉग वापस लाएँ, या यह दरार अपने लेखा परीक्षक को दिखाएँ।",
    ),
    Rule.AUDIT_SNAPSHOT_MISMATCH: Message(
        "The hidden record of the Journal does not match Audit Log entry {value}; what changed since then "
        "cannot be listed (this run records a new starting point).",
        "जर्नल का छिपा रिकॉर्ड ऑडिट लॉग प्रविष्टि {value} से मेल नहीं खाता; तब से क्या बदला यह नहीं बताया जा "
        "सकता (यह रन नया आरंभ बिंदु दर्ज करता है)।",
        "Do not edit or delete Bahi's hidden sheet; restore the workbook from a backup copy if it was.",
        "बही की छिपी शीट न बदलें, न हटाएँ; यदि ऐसा हुआ हो तो वर्कबुक बैकअप प्रति से वापस लाएँ।",
    ),
    Rule.AUDIT_LOG_MISSING: Message(
        "The Audit Log sheet is missing or empty, but Bahi's hidden record shows it had {value} entries.",
        "ऑडिट लॉग शीट नहीं है या खाली है, पर बही का छिपा रिकॉर्ड दिखाता है कि उसमें {value} प्रविष्टियाँ थीं।",
        "Restore the Audit Log sheet from a backup copy of the workbook, or show this to your auditor.",
        "वर्कबुक की बैकअप प्रति से ऑडिट लॉग शीट वापस लाएँ, या यह अपने लेखा परीक्षक को दिखाएँ।",
    ),
    Rule.TRIAL_BALANCE_DIFFERENCE: Message(
        "The trial balance up to {date} does not agree: debits and credits differ by {value}.",
        "{date} तक का तलपट नहीं मिलता: नामे और जमा में {value} का अंतर है।",
        "Correct the unbalanced vouchers and the lines that could not be posted (see the other issues).",
        "असंतुलित वाउचर और दर्ज न हो सकीं पंक्तियाँ ठीक करें (अन्य समस्याएँ देखें)।",
    ),
}


def make_issue(
    rule: Rule,
    sheet: str,
    cell: str,
    column: str,
    value: str,
    *,
    variant: str = "",
    **fields: object,
) -> Issue:
    """An issue of ``rule`` with its bilingual message and fix; ``value`` is also a field."""
    message = MESSAGES[f"{rule}:{variant}" if variant else rule]
    values = {"value": value, "column": column, **fields}
    return Issue(
        rule=rule.value,
        severity=severity_of(rule),
        sheet=sheet,
        cell=cell,
        column=column,
        value=value,
        message_en=message.en.format(**values),
        message_hi=message.hi.format(**values),
        fix_en=message.fix_en.format(**values),
        fix_hi=message.fix_hi.format(**values),
    )

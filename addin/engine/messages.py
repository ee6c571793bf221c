"""What each rule says, in English and Hindi, and how to fix it — one place for every message.

A template is keyed by its rule (``"unbalanced-voucher"``) or by rule and variant
(``"unknown-account:blank"``) and formatted with named fields. :func:`make_issue` (one) and
:func:`make_issues` (many) build the :class:`~addin.engine.issues.Issue` with the rule's severity
(:mod:`addin.engine.rules`): no issue is built any other way.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from addin.engine.cells import Reason
from addin.engine.issues import Issue
from addin.engine.rules import Rule, severity_of


@dataclass(frozen=True, slots=True)
class Message:
    """A bilingual message and fix, as ``str.format`` templates over named fields."""

    en: str
    hi: str
    fix_en: str
    fix_hi: str


_MATCH_RULE_FIX = (
    "Correct the rule or set Active to No; the rule is skipped until then.",
    "नियम ठीक करें या Active को No करें; तब तक यह नियम छोड़ा जाता है।",
)
_COLUMNS_FOUND = (
    "Columns found: {found}. Name them with --map, for example: {example}",
    "मिले कॉलम: {found_hi}। इन्हें --map से बताएँ, जैसे: {example}",
)
_EMPTY_STATEMENT_FIX = (
    "Check that this is the statement of the period you meant (netbanking exports an empty statement "
    "for a period without transactions) and that its lines are in this file.",
    "जाँचें कि यह उसी अवधि का विवरण है जो आप चाहते थे (बिना लेन-देन की अवधि का विवरण नेटबैंकिंग खाली देती "
    "है) और कि इसकी पंक्तियाँ इसी फ़ाइल में हैं।",
)
_UNREAD_STATEMENT_FIX = (
    "Correct the cells the issues name (or export the statement again) and import it again.",
    "समस्याओं में बताए सेल ठीक करें (या विवरण फिर से निकालें) और फिर आयात करें।",
)
_MAP_FIX = (
    "Run bahi import-statement again with {example}, using your file's headings (keys: {keys}; "
    "for one amount column with a Dr/Cr column use amount and drcr). Or save the statement from "
    "netbanking again as CSV or Excel.",
    "bahi import-statement फिर चलाएँ, {example} के साथ, अपनी फ़ाइल के शीर्षक लिखकर (कुंजियाँ: {keys}; "
    "एक राशि कॉलम और अलग Dr/Cr कॉलम हो तो amount और drcr)। या नेटबैंकिंग से विवरण फिर CSV या "
    "Excel में सहेजें।",
)

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
        "Cannot read '{value}' as a date: {reason}.",
        "'{value}' को तिथि के रूप में नहीं पढ़ा जा सका: {reason_hi}।",
        "Type the date as dd/mm/yyyy, for example 01/04/2025.",
        "तिथि dd/mm/yyyy रूप में लिखें, जैसे 01/04/2025।",
    ),
    Rule.UNREADABLE_AMOUNT: Message(
        "Cannot read '{value}' as an amount: {reason}.",
        "'{value}' को राशि के रूप में नहीं पढ़ा जा सका: {reason_hi}।",
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
    Rule.INVALID_MATCH_RULE: Message(
        "Rule '{name}': the pattern is not a valid regular expression ({error}).",
        "नियम '{name}': पैटर्न सही रेगुलर एक्सप्रेशन नहीं है ({error})।",
        *_MATCH_RULE_FIX,
    ),
    f"{Rule.INVALID_MATCH_RULE}:no-text": Message(
        "Rule '{name}' names no narration text: it would match every bank line.",
        "नियम '{name}' में कोई विवरण पाठ नहीं: यह हर बैंक पंक्ति से मिल जाएगा।",
        *_MATCH_RULE_FIX,
    ),
    f"{Rule.INVALID_MATCH_RULE}:tolerance": Message(
        "Rule '{name}': the amount tolerance is not an amount: {reason}.",
        "नियम '{name}': राशि छूट राशि नहीं है: {reason_hi}।",
        *_MATCH_RULE_FIX,
    ),
    f"{Rule.INVALID_MATCH_RULE}:window": Message(
        "Rule '{name}': the date window '{value}' is not a whole number of days (such as 7).",
        "नियम '{name}': तिथि सीमा '{value}' दिनों की पूर्ण संख्या (जैसे 7) नहीं है।",
        *_MATCH_RULE_FIX,
    ),
    Rule.UNKNOWN_STATEMENT_LAYOUT: Message(
        "{filename} is not a bank statement layout Bahi knows (HDFC, SBI, ICICI, Axis, Kotak, OFX). "
        + _COLUMNS_FOUND[0],
        "{filename} का ढाँचा बही नहीं पहचानता (HDFC, SBI, ICICI, Axis, Kotak, OFX)। " + _COLUMNS_FOUND[1],
        *_MAP_FIX,
    ),
    f"{Rule.UNKNOWN_STATEMENT_LAYOUT}:missing": Message(
        "The --map headings {names} are not in the first {rows} rows of {filename}. " + _COLUMNS_FOUND[0],
        "--map में दिए शीर्षक {names} {filename} की पहली {rows} पंक्तियों में नहीं हैं। " + _COLUMNS_FOUND[1],
        *_MAP_FIX,
    ),
    f"{Rule.UNKNOWN_STATEMENT_LAYOUT}:bad-keys": Message(
        "--map names {names}, which is not one of the keys {keys}. " + _COLUMNS_FOUND[0],
        "--map में {names} दिया है, जो कुंजियों {keys} में से नहीं है। " + _COLUMNS_FOUND[1],
        *_MAP_FIX,
    ),
    Rule.UNREADABLE_STATEMENT_LINE: Message(
        "Cannot read '{value}' as {what}: {reason}; the line was left out.",
        "'{value}' को {what_hi} के रूप में नहीं पढ़ा जा सका: {reason_hi}; यह पंक्ति छोड़ दी गई।",
        "Correct the cell in the file (dates as dd/mm/yyyy, amounts as 1,20,000.50) and import again.",
        "फ़ाइल में सेल ठीक करें (तिथि dd/mm/yyyy, राशि 1,20,000.50 जैसी) और फिर आयात करें।",
    ),
    Rule.STATEMENT_LINE_WITHOUT_AMOUNT: Message(
        "The line '{value}' has neither a withdrawal nor a deposit; it was left out.",
        "पंक्ति '{value}' में न निकासी है न जमा; इसे छोड़ दिया गया।",
        "Nothing to do if it is a balance line; otherwise add the line to Bank Statement by hand.",
        "यदि यह शेष की पंक्ति है तो कुछ न करें; नहीं तो इसे बैंक विवरण में हाथ से जोड़ें।",
    ),
    f"{Rule.UNKNOWN_STATEMENT_LAYOUT}:ofx": Message(
        "{filename} looks like an OFX/QFX file but cannot be read ({reason}).",
        "{filename} OFX/QFX फ़ाइल लगती है पर पढ़ी नहीं जा सकी ({reason})।",
        "Download the statement again from netbanking (as OFX/QFX, or as CSV or Excel) and import that file.",
        "नेटबैंकिंग से विवरण फिर डाउनलोड करें (OFX/QFX, या CSV या Excel में) और वह फ़ाइल आयात करें।",
    ),
    Rule.STATEMENT_WITHOUT_LINES: Message(
        "No statement lines were read from {filename}: below its header ({where}: {found}) there is no "
        "dated line with an amount.",
        "{filename} से विवरण की एक भी पंक्ति नहीं पढ़ी गई: शीर्ष ({where}: {found}) के नीचे राशि वाली कोई "
        "दिनांकित पंक्ति नहीं है।",
        *_EMPTY_STATEMENT_FIX,
    ),
    f"{Rule.STATEMENT_WITHOUT_LINES}:ofx": Message(
        "No statement lines were read from {filename}: it holds no transactions (no <STMTTRN>).",
        "{filename} से विवरण की एक भी पंक्ति नहीं पढ़ी गई: इसमें कोई लेन-देन (<STMTTRN>) नहीं है।",
        *_EMPTY_STATEMENT_FIX,
    ),
    f"{Rule.STATEMENT_WITHOUT_LINES}:unreadable": Message(
        "No statement lines were read from {filename}: none of the lines below its header ({where}: "
        "{found}) could be read; the {problems} other issue(s) listed say why.",
        "{filename} से विवरण की एक भी पंक्ति नहीं पढ़ी गई: शीर्ष ({where}: {found}) के नीचे की कोई पंक्ति "
        "पढ़ी नहीं जा सकी; सूची की अन्य {problems} समस्या(एँ) कारण बताती हैं।",
        *_UNREAD_STATEMENT_FIX,
    ),
    f"{Rule.STATEMENT_WITHOUT_LINES}:ofx-unreadable": Message(
        "No statement lines were read from {filename}: none of its transactions (from {where}: {found}) "
        "could be read; the {problems} other issue(s) listed say why.",
        "{filename} से विवरण की एक भी पंक्ति नहीं पढ़ी गई: इसका कोई लेन-देन ({where} से: {found}) पढ़ा नहीं "
        "जा सका; सूची की अन्य {problems} समस्या(एँ) कारण बताती हैं।",
        *_UNREAD_STATEMENT_FIX,
    ),
    Rule.STATEMENT_IN_OTHER_CURRENCY: Message(
        "{filename} is a statement in {value}, but this book keeps its accounts in {book}; nothing was "
        "imported.",
        "{filename} {value} मुद्रा का विवरण है, पर यह बही {book} में खाते रखती है; कुछ भी आयात नहीं हुआ।",
        "Import the statement of an account kept in {book}; or, if this book is kept in {value}, set "
        "Currency to {value} on the Settings sheet first.",
        "{book} खाते का विवरण आयात करें; या यदि यह बही {value} में रखी जाती है तो पहले Settings शीट में "
        "Currency को {value} करें।",
    ),
    # audit trail and month-end close (audit)
    Rule.LOCKED_VOUCHER_EDITED: Message(
        "Voucher {voucher} ({date}) is in the locked period up to {lock}, but its {column} is not what the "
        "Audit Log recorded: was '{old}', now '{value}'.",
        "वाउचर {voucher} ({date}) {lock} तक की लॉक अवधि में है, पर इसका {column_hi} वह नहीं जो ऑडिट लॉग में "
        "दर्ज है: पहले '{old}', अब '{value}'।",
        "Put back '{old}' (the Audit Changes sheet lists the recorded lines). If the change must stand, "
        "the books must be reopened by whoever closed them, and the reason recorded.",
        "'{old}' वापस लिखें (Audit Changes शीट पर दर्ज पंक्तियाँ हैं)। यदि बदलाव रहना ही है, तो खाते बंद करने "
        "वाले से अवधि खुलवाएँ और कारण दर्ज करें।",
    ),
    f"{Rule.LOCKED_VOUCHER_EDITED}:lines": Message(
        "Voucher {voucher} ({date}) is in the locked period up to {lock}, but its lines are not what the "
        "Audit Log recorded: it had {old} line(s), now {value}.",
        "वाउचर {voucher} ({date}) {lock} तक की लॉक अवधि में है, पर इसकी पंक्तियाँ वे नहीं जो ऑडिट लॉग में "
        "दर्ज हैं: पहले {old} पंक्ति, अब {value}।",
        "Restore the voucher's lines as the Audit Changes sheet lists them, or have the period reopened.",
        "Audit Changes शीट में दी पंक्तियों जैसा वाउचर फिर से बनाएँ, या अवधि खुलवाएँ।",
    ),
    Rule.LOCKED_VOUCHER_DELETED: Message(
        "Voucher {value} ({date}, {lines} line(s), was at rows {rows}) in the locked period up to {lock} "
        "was deleted after the Audit Log recorded it.",
        "लॉक अवधि ({lock} तक) का वाउचर {value} ({date}, {lines} पंक्ति, पहले पंक्ति {rows} पर) ऑडिट लॉग में "
        "दर्ज होने के बाद हटा दिया गया।",
        "Put the voucher back (the Audit Changes sheet lists its lines), or have the period reopened.",
        "वाउचर वापस डालें (Audit Changes शीट पर उसकी पंक्तियाँ हैं), या अवधि खुलवाएँ।",
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


# ---- statements and budget (ReportLines and Budget tables) ------------------------------------
MESSAGES.update({
    Rule.UNMAPPED_ACCOUNT: Message(
        "Account {value} ({name}) is not mapped to a Schedule III line; its balance is shown under "
        "'{line}'.",
        "खाता {value} ({name}) किसी अनुसूची III मद से नहीं जुड़ा है; इसका शेष '{line_hi}' में दिखाया गया है।",
        "On the {lines_sheet} sheet add a row: Account {value} (or its group {group}) and the Line Item it "
        "belongs to, for example {example}.",
        "{lines_sheet} शीट पर एक पंक्ति जोड़ें: खाता {value} (या इसका समूह {group}) और उसका मद, जैसे {example}।",
    ),
    f"{Rule.INVALID_REPORT_LINE}:account": Message(
        "Account '{value}' is not in the Accounts table; this mapping row is ignored.",
        "खाता '{value}' खाते तालिका में नहीं है; मद की यह पंक्ति अनदेखी की गई।",
        "Type the code of an account on the Accounts sheet, or delete the row.",
        "खाते शीट के किसी खाते का कोड लिखें, या पंक्ति हटाएँ।",
    ),
    f"{Rule.INVALID_REPORT_LINE}:line": Message(
        "'{value}' is not a Schedule III line item; this mapping row is ignored.",
        "'{value}' अनुसूची III का कोई मद नहीं है; मद की यह पंक्ति अनदेखी की गई।",
        "Pick a Line Item from the dropdown (the list stands to the right of the table), for example "
        "Trade receivables.",
        "ड्रॉपडाउन से मद चुनें (सूची तालिका के दाईं ओर है), जैसे Trade receivables।",
    ),
    f"{Rule.INVALID_REPORT_LINE}:blank": Message(
        "The row names {what} but no {missing}; it is ignored.",
        "पंक्ति में {what_hi} है पर {missing_hi} नहीं; इसे अनदेखा किया गया।",
        "Fill in both the Account and the Line Item, or delete the row.",
        "खाता और मद दोनों भरें, या पंक्ति हटाएँ।",
    ),
    f"{Rule.INVALID_REPORT_LINE}:duplicate": Message(
        "Account {value} is mapped again (first in row {first_row}); this row is ignored.",
        "खाता {value} दोबारा जोड़ा गया है (पहली बार पंक्ति {first_row} में); यह पंक्ति अनदेखी की गई।",
        "Keep one row for each account; to map a sub-account differently, give it a row of its own.",
        "हर खाते की एक ही पंक्ति रखें; किसी उप-खाते को अलग मद देने के लिए उसकी अपनी पंक्ति बनाएँ।",
    ),
    f"{Rule.INVALID_REPORT_LINE}:cash-flow": Message(
        "'{value}' is not a cash-flow class for line '{line}'; the line's own class, {default}, is used.",
        "'{value}' मद '{line}' के लिए नकद प्रवाह वर्ग नहीं है; मद का अपना वर्ग {default} लिया गया।",
        "Type one of {allowed}, or leave the cell empty.",
        "इनमें से एक लिखें: {allowed}, या सेल खाली छोड़ें।",
    ),
    f"{Rule.INVALID_REPORT_LINE}:statement": Message(
        "Statement '{value}' does not match line item '{line}', which is on the {expected}.",
        "विवरण '{value}' मद '{line}' से मेल नहीं खाता, जो {expected} में है।",
        "Type {expected} or leave the cell empty.",
        "{expected} लिखें या सेल खाली छोड़ें।",
    ),
    Rule.REPORT_LINE_TYPE_MISMATCH: Message(
        "{type} account {value} is mapped to '{line}' on the {statement}.",
        "{type_hi} खाता {value} {statement_hi} के मद '{line_hi}' से जुड़ा है।",
        "Check the mapping: {type} accounts belong on the {expected}.",
        "मद जाँचें: {type_hi} खाते {expected_hi} में आते हैं।",
    ),
    Rule.STATEMENT_DIFFERENCE: Message(
        "The books do not balance {when}: {excess} by {value}. The {statement} shows the difference on a "
        "line of its own.",
        "खाते {when_hi} संतुलित नहीं हैं: {excess_hi} {value} अधिक है। {statement_hi} में यह अंतर अलग "
        "पंक्ति में दिखाया गया है।",
        "Run Validate and correct the vouchers that do not balance and the lines whose account or date "
        "cannot be read.",
        "जाँच चलाएँ और असंतुलित वाउचर तथा जिन पंक्तियों का खाता या तिथि नहीं पढ़ी जा सकी, उन्हें ठीक करें।",
    ),
    f"{Rule.INVALID_BUDGET_LINE}:account": Message(
        "'{value}' is neither an account nor a Schedule III line item; this budget row is ignored.",
        "'{value}' न कोई खाता है न अनुसूची III का मद; बजट की यह पंक्ति अनदेखी की गई।",
        "Type an account code from the Accounts sheet (a group's code budgets all accounts under it) or a "
        "line item such as Other expenses.",
        "खाते शीट का कोई खाता कोड (समूह का कोड उसके सभी खातों का बजट है) या Other expenses जैसा मद लिखें।",
    ),
    f"{Rule.INVALID_BUDGET_LINE}:month": Message(
        "Cannot read '{value}' as a month; this budget row is ignored.",
        "'{value}' को माह के रूप में नहीं पढ़ा जा सका; बजट की यह पंक्ति अनदेखी की गई।",
        "Type the month as Apr-2025, or any date in the month.",
        "माह Apr-2025 की तरह लिखें, या उस माह की कोई तिथि।",
    ),
    f"{Rule.INVALID_BUDGET_LINE}:amount": Message(
        "The budget row for '{account}' has no amount; it is ignored.",
        "'{account}' की बजट पंक्ति में कोई राशि नहीं है; इसे अनदेखा किया गया।",
        "Type the budgeted amount in rupees (income and expenses both as positive amounts).",
        "बजट राशि रुपयों में लिखें (आय और व्यय दोनों धनात्मक)।",
    ),
})

def message_of(rule: Rule, variant: str = "") -> Message:
    """The catalogue's message of ``rule`` (or of one of its variants); KeyError when there is none."""
    return MESSAGES[f"{rule}:{variant}" if variant else rule]


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
    """An issue of ``rule`` with its bilingual message and fix; ``value`` and ``column`` are fields too.

    A field may be a :class:`~addin.engine.cells.Reason` (why a cell could not be read): the
    template's ``{name}`` gets its English and ``{name_hi}`` its Hindi.
    """
    texts: dict[str, object] = {"column": column}
    for key, field in fields.items():
        texts.update(_texts(key, field))
    texts["value"] = value
    return _issue(rule, message_of(rule, variant), (sheet, cell, column), texts)


def make_issues(
    rule: Rule,
    sheet: str,
    column: str,
    cells: Sequence[str],
    values: Sequence[str],
    *,
    variant: str = "",
    **fields: object,
) -> list[Issue]:
    """One issue of ``rule`` per (cell, value), as :func:`make_issue` makes it, many at once.

    A field given as a list holds one value per issue; any other field is the same for all.

    >>> issues = make_issues(Rule.UNKNOWN_ACCOUNT, "Journal", "Account", ["C2", "C3"], ["Csh", "Bnak"])
    >>> [(i.cell, i.message_en) for i in issues]
    [('C2', "Account 'Csh' is not in the Accounts table."), ('C3', "Account 'Bnak' is not in the Accounts \
table.")]
    """
    message = message_of(rule, variant)
    per_issue = {k: v for k, v in fields.items() if isinstance(v, list)}
    same: dict[str, object] = {"column": column}
    for key, field in fields.items():
        if not isinstance(field, list):
            same.update(_texts(key, field))
    keys = list(per_issue)
    issues: list[Issue] = []
    for cell, value, *extra in zip(cells, values, *per_issue.values(), strict=True):
        texts = same.copy()
        for key, field in zip(keys, extra, strict=True):
            texts.update(_texts(key, field))
        texts["value"] = value
        issues.append(_issue(rule, message, (sheet, cell, column), texts))
    return issues


def _texts(key: str, field: object) -> dict[str, object]:
    if isinstance(field, Reason):
        return {key: field.en, f"{key}_hi": field.hi}
    return {key: field}


def _issue(rule: Rule, message: Message, where: tuple[str, str, str], texts: dict[str, object]) -> Issue:
    """An issue from the catalogue's rule and message, at ``where`` = (sheet, cell, column); ``texts``
    hold the value and every field."""
    sheet, cell, column = where
    return _new(
        rule,
        (sheet, cell, column, str(texts["value"])),
        (
            message.en.format_map(texts),
            message.hi.format_map(texts),
            message.fix_en.format_map(texts),
            message.fix_hi.format_map(texts),
        ),
    )


def listed_issue(record: Mapping[str, str]) -> Issue | None:
    """An issue as an Issues sheet lists it, read back (found earlier, not anew): its rule must be in
    the catalogue, which also gives its severity; None for a row whose rule is not.

    >>> found = make_issue(Rule.NO_AMOUNT, "Journal", "D7", "Debit", "")
    >>> listed_issue(found.as_dict()) == found, listed_issue({**found.as_dict(), "rule": "no-such-rule"})
    (True, None)
    """
    try:
        rule = Rule(record.get("rule", ""))
    except ValueError:
        return None
    get = record.get
    where = (get("sheet", ""), get("cell", ""), get("column", ""), get("value", ""))
    texts = (get("message_en", ""), get("message_hi", ""), get("fix_en", ""), get("fix_hi", ""))
    return _new(rule, where, texts)


def _new(rule: Rule, where: tuple[str, str, str, str], texts: tuple[str, str, str, str]) -> Issue:
    """The one place an :class:`Issue` is constructed, with the catalogue's severity of ``rule``."""
    return Issue(rule.value, severity_of(rule), *where, *texts)

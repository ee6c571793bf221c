"""Sales, purchases and GST: the trading workbook's tables, their checks, posting and the sub-ledger.

Excel-free like the rest of the engine: loaders read :class:`~addin.engine.tables.RawTable` values
with the engine's cell readers and return ``(frame, issues)``; checks return issues; nothing raises
for bad data. Money is integer paise, GST and TDS rates are integer basis points (18% = 1800),
quantities integer hundredths of a unit.

Modules, one idea each:

==================  ==============================================================================
``settings``        the Settings rows the trading workbook adds: company GSTIN, posting accounts
``parties``         the Parties table (GSTIN, PAN, state, credit days, MSME, account, TDS section)
``items``           the Items table (HSN/SAC 4-6-8 digits, unit, GST rate, accounts)
``rates``           the GSTRates table and an item's rate on a date (per item, with effective dates)
``states``          GST state codes as typed ("27", "27-Maharashtra", "Maharashtra")
``documents``       the Sales and Purchases tables as documents and taxed lines (**the contract**)
``tax``             CGST + SGST or IGST per line, rounding, invoice value and round off
``invoice_rules``   CGST rule 46: number format, unique in the year, series gaps, notes' invoices
``duplicates``      vendors' bills entered twice
``settlements``     the Receipts and Payments tables (against a bill, on account, advance, opening)
``allocation``      bill-by-bill allocation (Tally's Agst Ref / On Account / Advance)
``aging``           receivables and payables by days past due: not due, 0-30, 31-60, 61-90, 90+
``party_ledger``    one party's documents and money with a running balance
``msme``            section 43B(h): micro/small suppliers unpaid past the MSMED Act's limit
``tds``             the TDSSections table and the TDS proposed on each payment
``posting``         documents as Journal vouchers (Bahi-owned numbers, idempotent, no duplicates)
``control``         the sub-ledger against the Debtors and Creditors control accounts
``book``            :class:`~addin.engine.trade.book.TradeBook`: all of the above together
``located``         where a loaded table stands (cell addresses for issues)
``values``          Yes/No, percent and whole-number cells
==================  ==============================================================================

**What the GST returns read** (GSTR-1, GSTR-3B, GSTR-2B reconciliation): a checked
:class:`~addin.engine.trade.book.TradeBook` (``validate_trade(tables, ledger)``), whose
``sales.lines`` and ``purchases.lines`` frames have one row per taxed document line with ``row``,
``doc``, ``doc_kind``, ``number``, ``date``, ``party``, ``party_gstin``, ``supplier_state``,
``place_of_supply``, ``item``, ``hsn``, ``qty`` (hundredths), ``unit``, ``price``, ``discount``,
``taxable``, ``rate`` (basis points), ``igst``, ``cgst``, ``sgst``, ``cess`` (paise),
``reverse_charge``, ``against``, ``intra`` and ``ok``, and whose ``sales.documents`` /
``purchases.documents`` frames total them per document (``value``, ``round_off``, ``due``…): see
:mod:`addin.engine.trade.documents`. Only rows with ``ok`` True belong in a return; the others
carry issues.
"""

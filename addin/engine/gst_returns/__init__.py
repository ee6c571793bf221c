"""GST returns from the trading book: GSTR-1, GSTR-3B and the GSTR-2B reconciliation.

Excel-free like the rest of the engine. Everything starts from a checked
:class:`~addin.engine.trade.book.TradeBook` (``validate_trade``): its ``sales`` and ``purchases``
document sets (the frame contract of :mod:`addin.engine.trade.documents`; only documents with
``ok``). Money is integer paise, rates basis points, quantities hundredths; the portal's files carry
rupees with two decimals, written from paise exactly (:mod:`.portal_json`).

Modules, one idea each:

=================  ============================================================================
``periods``        a return's tax period and the portal's ``MMYYYY``
``gstr1``          GSTR-1: B2B, B2CL, B2CS, notes, nil-rated, HSN summary, documents issued
``gstr3b``         GSTR-3B: 3.1 outward and inward reverse-charge supplies, 4 ITC
``set_off``        GSTR-3B 6.1: ITC set off head by head (sections 49, 49A, 49B), the rest in cash
``portal_json``    the offline tool's JSON of GSTR-1 and GSTR-3B, amounts to two decimals
``numbers``        invoice numbers as the two sides of a reconciliation compare them
``gstr2b``         the portal's GSTR-2B, JSON or Excel (downloaded, or pasted in a sheet), read
``gstr2b_match``   GSTR-2B against the Purchases: matched, mismatched (which field), one side only
``settings``       the Settings rows of the reconciliation's tolerances
=================  ============================================================================
"""

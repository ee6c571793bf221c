"""Bank reconciliation: match the bank statement to the bank account's journal lines, explain the rest.

Pipeline (each step a pure function):

1. :mod:`.references` — pull UTRs, UPI/IMPS references and cheque numbers out of bank narrations.
2. :mod:`.matching` — match in passes (hand-made matches kept, reference, same amount and date, same
   amount in a date window, one-to-many and many-to-one by bounded subset-sum), each match carrying
   its rule and a confidence; a line is never matched twice.
3. :mod:`.statement` — the bank reconciliation statement (BRS) from what is left.
"""

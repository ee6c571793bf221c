"""Bank reconciliation: match the bank statement to the bank account's journal lines, explain the rest.

Pipeline (each step a pure function):

1. :mod:`.references` — pull UTRs, UPI/IMPS references and cheque numbers out of bank narrations;
   :mod:`.parties` — the party a bank description or a book narration names, and how alike two read.
2. :mod:`.matching` — match in passes (hand-made matches kept, the user's rules, reference, equal
   amounts assigned all at once by date and party (:mod:`.assignment`), one-to-many and many-to-one
   by a bounded exact subset search (:mod:`.splits`)), each match carrying its rule and a
   confidence; a line is never matched twice.
3. :mod:`.statement` — the bank reconciliation statement (BRS) from what is left.
"""

"""The audit trail: who did what, when, with the state before and after.

Invariants:
    - services write an event in the same transaction as the change it records, so the
      trail holds exactly the changes that happened;
    - events are append-only (database triggers refuse UPDATE, DELETE and TRUNCATE);
    - events form a hash chain like the ledger's entries: ``seq`` runs 1, 2, 3... in
      commit order, each event's ``prev_hash`` is the ``hash`` of the event before it
      (``GENESIS`` for the first) and ``hash`` covers the event's content. The chain's
      head (last seq and hash) lives on the one ``AuditChainHead`` row, whose row lock
      serialises appends. Deleting, inserting, reordering or rewriting events breaks
      the chain; emptying the table is caught by the ledger's signed checkpoints.
"""

"""The double-entry ledger through which all money in Estama flows.

Module map:
    models/accounts.py   chart of accounts (a tree; only active leaf accounts take
    postings)
    models/entries.py    journal entries and their lines (immutable once posted)
    models/periods.py    monthly period locks
    models/totals.py     per-account per-month and per-day totals kept in step with
                         posting (balances read only these)
    models/sequences.py  gapless counters (entry numbers, receipt numbers, member
    numbers)
    currency.py          the one place that knows currencies and their precision
    errors.py            domain errors with stable machine-readable codes
    hashing.py           canonical content and SHA-256 chain of posted entries
    services/            writes: entry_post, entry_reverse, period_lock, ...
    selectors.py         reads: account_balance, account_ledger, trial_balance
    integrity.py         the checks behind ``manage.py verify_ledger``
    day_totals.py        verify_ledger's check of the maintained day totals
    chart.py             the seed chart of accounts (DOMAIN.md)

Invariants (enforced by the database, not only by services):
    - every posted entry has >= 2 lines and balances per currency;
    - a line has one side (debit or credit) and a positive amount in whole units of
      its currency's precision;
    - posted entries and their lines are never updated or deleted;
    - entry numbers are gapless per fiscal year; an entry is reversed at most once.
"""

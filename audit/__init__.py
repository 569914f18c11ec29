"""The audit trail: who did what, when, with the state before and after.

Invariant: services write an event in the same transaction as the change it records, so
the trail holds exactly the changes that happened. Events are append-only (database
triggers refuse UPDATE and DELETE).
"""

"""Bank statements, matching them to members and invoices, and reconciliation."""

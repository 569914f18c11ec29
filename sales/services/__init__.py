"""Writes of the sales capability. Each public service runs in one transaction and
posts at most one journal entry (see the modules for their invariants)."""

from sales.services.catalog import item_create, item_update
from sales.services.credit_notes import CreditNoteLineInput, credit_note_create
from sales.services.expenses import expense_record
from sales.services.invoices import InvoiceLineInput, invoice_create
from sales.services.issuing import invoice_issue
from sales.services.payments import payment_record
from sales.services.purchases import PurchaseLineInput, purchase_pay, purchase_record
from sales.services.tax import line_tax
from sales.services.voiding import invoice_void

__all__ = [
    "CreditNoteLineInput",
    "InvoiceLineInput",
    "PurchaseLineInput",
    "credit_note_create",
    "expense_record",
    "invoice_create",
    "invoice_issue",
    "invoice_void",
    "item_create",
    "item_update",
    "line_tax",
    "payment_record",
    "purchase_pay",
    "purchase_record",
]

"""Sales models: catalog, invoices, payments, purchases, expenses."""

from sales.models.catalog import Item, ItemKind, TaxCode
from sales.models.credit_notes import CreditNote, CreditNoteLine, RefundMethod
from sales.models.expenses import Expense, PaidFrom
from sales.models.invoices import Invoice, InvoiceLine, InvoiceStatus
from sales.models.payments import Payment, PaymentMethod
from sales.models.purchases import (
    Purchase,
    PurchaseLine,
    PurchaseStatus,
    Supplier,
    SupplierPayment,
)

__all__ = [
    "CreditNote",
    "CreditNoteLine",
    "Expense",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Item",
    "ItemKind",
    "PaidFrom",
    "Payment",
    "PaymentMethod",
    "Purchase",
    "PurchaseLine",
    "PurchaseStatus",
    "RefundMethod",
    "Supplier",
    "SupplierPayment",
    "TaxCode",
]

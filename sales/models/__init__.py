"""Sales models: catalog, invoices, payments, purchases, expenses."""

from sales.models.catalog import Item, ItemKind, TaxCode
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
    "Supplier",
    "SupplierPayment",
    "TaxCode",
]

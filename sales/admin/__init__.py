"""The treasurer's admin for sales: catalog, invoices, payments, purchases, expenses.

Nothing here bypasses a service: items are created and changed through ``item_create``
/ ``item_update`` (stock and seats are read-only: they move only with purchases, sales
and voids); invoices are issued, voided and paid through admin actions calling the
same services as the API; posted documents are read-only and never deleted. Lists load
their related rows in the list query (``list_select_related``). Every write is the
treasurer's (``estama.admin_access``). Importing this package registers every model
admin.
"""

from sales.admin.base import ReadOnlyAdmin, TreasurerActionsMixin
from sales.admin.catalog import ItemAdmin, ItemForm
from sales.admin.invoices import (
    InvoiceAdmin,
    InvoiceLineInline,
    PaymentAdmin,
    PaymentInline,
)
from sales.admin.purchases import (
    ExpenseAdmin,
    PurchaseAdmin,
    PurchaseLineInline,
    SupplierPaymentInline,
)

__all__ = [
    "ExpenseAdmin",
    "InvoiceAdmin",
    "InvoiceLineInline",
    "ItemAdmin",
    "ItemForm",
    "PaymentAdmin",
    "PaymentInline",
    "PurchaseAdmin",
    "PurchaseLineInline",
    "ReadOnlyAdmin",
    "SupplierPaymentInline",
    "TreasurerActionsMixin",
]

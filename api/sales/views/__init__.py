"""Sales endpoints, one module per resource.

Products, invoices (issue, void, PDF), payments (receipts), purchases and expenses.

Each view parses input with a serializer, calls one service or selector and renders the
result. Treasurers write; auditors read everything; members read the catalog and only
their own invoices and payments (others' answer 404). Lists are paginated and load what
they render up front, so their query count does not depend on the page size.
"""

from api.sales.views.base import ALL_READERS, PDF_RESPONSE
from api.sales.views.expenses import ExpenseDetailView, ExpenseListView
from api.sales.views.invoices import (
    InvoiceDetailView,
    InvoiceIssueView,
    InvoiceListView,
    InvoicePdfView,
    InvoiceVoidView,
)
from api.sales.views.payments import (
    PaymentDetailView,
    PaymentListView,
    PaymentReceiptView,
)
from api.sales.views.products import ProductDetailView, ProductListView
from api.sales.views.purchases import (
    PurchaseDetailView,
    PurchaseListView,
    PurchasePayView,
)

__all__ = [
    "ALL_READERS",
    "ExpenseDetailView",
    "ExpenseListView",
    "InvoiceDetailView",
    "InvoiceIssueView",
    "InvoiceListView",
    "InvoicePdfView",
    "InvoiceVoidView",
    "PDF_RESPONSE",
    "PaymentDetailView",
    "PaymentListView",
    "PaymentReceiptView",
    "ProductDetailView",
    "ProductListView",
    "PurchaseDetailView",
    "PurchaseListView",
    "PurchasePayView",
]

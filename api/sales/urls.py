"""Routes of the sales API: products, sales invoices and payments, purchases,
expenses."""

from django.urls import path

from api.sales import credit_notes, views

urlpatterns = [
    path("products/", views.ProductListView.as_view(), name="products"),
    path(
        "products/<str:sku>/",
        views.ProductDetailView.as_view(),
        name="product-detail",
    ),
    path("sales/invoices/", views.InvoiceListView.as_view(), name="sales-invoices"),
    path(
        "sales/invoices/<int:pk>/",
        views.InvoiceDetailView.as_view(),
        name="sales-invoice-detail",
    ),
    path(
        "sales/invoices/<int:pk>/issue/",
        views.InvoiceIssueView.as_view(),
        name="sales-invoice-issue",
    ),
    path(
        "sales/invoices/<int:pk>/void/",
        views.InvoiceVoidView.as_view(),
        name="sales-invoice-void",
    ),
    path(
        "sales/invoices/<int:pk>/pdf/",
        views.InvoicePdfView.as_view(),
        name="sales-invoice-pdf",
    ),
    path(
        "sales/invoices/<int:pk>/credit-note/",
        credit_notes.InvoiceCreditNoteView.as_view(),
        name="sales-invoice-credit-note",
    ),
    path(
        "sales/credit-notes/<int:pk>/",
        credit_notes.CreditNoteDetailView.as_view(),
        name="sales-credit-note-detail",
    ),
    path(
        "sales/credit-notes/<int:pk>/pdf/",
        credit_notes.CreditNotePdfView.as_view(),
        name="sales-credit-note-pdf",
    ),
    path("sales/payments/", views.PaymentListView.as_view(), name="sales-payments"),
    path(
        "sales/payments/<int:pk>/",
        views.PaymentDetailView.as_view(),
        name="sales-payment-detail",
    ),
    path(
        "sales/payments/<int:pk>/receipt/",
        views.PaymentReceiptView.as_view(),
        name="sales-payment-receipt",
    ),
    path("purchases/", views.PurchaseListView.as_view(), name="purchases"),
    path(
        "purchases/<int:pk>/",
        views.PurchaseDetailView.as_view(),
        name="purchase-detail",
    ),
    path(
        "purchases/<int:pk>/pay/",
        views.PurchasePayView.as_view(),
        name="purchase-pay",
    ),
    path("expenses/", views.ExpenseListView.as_view(), name="expenses"),
    path(
        "expenses/<int:pk>/",
        views.ExpenseDetailView.as_view(),
        name="expense-detail",
    ),
]

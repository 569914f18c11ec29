"""Routes of the members API."""

from django.urls import path

from api.members import refunds, views

urlpatterns = [
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("members/", views.MemberListView.as_view(), name="member-list"),
    path(
        "members/<str:number>/", views.MemberDetailView.as_view(), name="member-detail"
    ),
    path(
        "members/<str:number>/activate/",
        views.MemberActivateView.as_view(),
        name="member-activate",
    ),
    path(
        "members/<str:number>/suspend/",
        views.MemberSuspendView.as_view(),
        name="member-suspend",
    ),
    path(
        "members/<str:number>/reinstate/",
        views.MemberReinstateView.as_view(),
        name="member-reinstate",
    ),
    path(
        "members/<str:number>/resign/",
        views.MemberResignView.as_view(),
        name="member-resign",
    ),
    path(
        "members/<str:number>/approve-resignation/",
        views.MemberApproveResignationView.as_view(),
        name="member-approve-resignation",
    ),
    path(
        "members/<str:number>/pay-out-refund/",
        views.MemberPayOutRefundView.as_view(),
        name="member-pay-out-refund",
    ),
    path(
        "members/<str:number>/refund-credit/",
        refunds.MemberRefundCreditView.as_view(),
        name="member-refund-credit",
    ),
    path(
        "members/<str:number>/statement/",
        views.MemberStatementView.as_view(),
        name="member-statement",
    ),
    path("me/", views.MeView.as_view(), name="me"),
    path("shares/", views.SharesView.as_view(), name="shares"),
    path(
        "shares/transactions/",
        views.ShareTransactionListView.as_view(),
        name="share-transactions",
    ),
    path("dues/plans/", views.DuesPlanListView.as_view(), name="dues-plans"),
    path("dues/runs/", views.DuesRunView.as_view(), name="dues-runs"),
    path("dues/invoices/", views.OpenItemListView.as_view(), name="dues-invoices"),
    path(
        "dues/invoices/<int:pk>/",
        views.OpenItemDetailView.as_view(),
        name="dues-invoice",
    ),
    path(
        "dues/invoices/<int:pk>/waive/",
        views.OpenItemWaiveView.as_view(),
        name="dues-invoice-waive",
    ),
    path("dues/arrears/", views.ArrearsView.as_view(), name="dues-arrears"),
    path("payments/", views.PaymentListView.as_view(), name="payment-list"),
    path(
        "payments/<str:number>/",
        views.PaymentDetailView.as_view(),
        name="payment-detail",
    ),
    path(
        "payments/<str:number>/receipt.pdf",
        views.ReceiptPdfView.as_view(),
        name="payment-receipt",
    ),
    path(
        "receipts/<str:number>/pdf/", views.ReceiptPdfView.as_view(), name="receipt-pdf"
    ),
]

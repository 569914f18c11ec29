"""Routes of the reports API (mounted under ``/api/v1/``). The trial balance route
(``reports/trial-balance/``) lives in ``api/ledger/urls.py``."""

from django.urls import path

from api.reports import losses, vat, views

urlpatterns = [
    path(
        "reports/balance-sheet/",
        views.BalanceSheetView.as_view(),
        name="reports-balance-sheet",
    ),
    path(
        "reports/income-statement/",
        views.IncomeStatementView.as_view(),
        name="reports-income-statement",
    ),
    path(
        "reports/equity-changes/",
        views.EquityChangesView.as_view(),
        name="reports-equity-changes",
    ),
    path("reports/cash-flow/", views.CashFlowView.as_view(), name="reports-cash-flow"),
    path("reports/vat/", vat.VatReportView.as_view(), name="reports-vat"),
    path("years/<int:year>/close/", views.YearCloseView.as_view(), name="years-close"),
    path(
        "years/<int:year>/reopen/", views.YearReopenView.as_view(), name="years-reopen"
    ),
    path("shu/<int:year>/", views.ShuPreviewView.as_view(), name="shu-preview"),
    path(
        "shu/<int:year>/allocation/",
        views.ShuAllocationView.as_view(),
        name="shu-allocation",
    ),
    path(
        "shu/<int:year>/distribute/",
        views.ShuDistributeView.as_view(),
        name="shu-distribute",
    ),
    path("shu/<int:year>/pay-out/", views.ShuPayOutView.as_view(), name="shu-pay-out"),
    path(
        "shu/<int:year>/cover-loss/",
        losses.ShuCoverLossView.as_view(),
        name="shu-cover-loss",
    ),
    path("exports/ledger/", views.LedgerExportView.as_view(), name="exports-ledger"),
    path(
        "exports/ledger/manifest/",
        views.LedgerManifestView.as_view(),
        name="exports-ledger-manifest",
    ),
    path("cashbook/", views.CashbookView.as_view(), name="cashbook"),
]

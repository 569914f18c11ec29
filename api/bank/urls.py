"""Routes of the bank API."""

from django.urls import path

from api.bank import lines, reconciliation, setup, statements

urlpatterns = [
    path(
        "bank/statements/",
        statements.StatementView.as_view(),
        name="bank-statements",
    ),
    path("bank/lines/", lines.BankLineListView.as_view(), name="bank-lines"),
    path(
        "bank/lines/<int:pk>/match/",
        lines.BankLineMatchView.as_view(),
        name="bank-line-match",
    ),
    path(
        "bank/lines/<int:pk>/book/",
        lines.BankLineBookView.as_view(),
        name="bank-line-book",
    ),
    path(
        "bank/lines/<int:pk>/ignore/",
        lines.BankLineIgnoreView.as_view(),
        name="bank-line-ignore",
    ),
    path(
        "bank/reconciliation/",
        reconciliation.ReconciliationView.as_view(),
        name="bank-reconciliation",
    ),
    path("bank/rules/", setup.RuleListView.as_view(), name="bank-rules"),
    path(
        "bank/accounts/<str:code>/mapping/",
        setup.MappingView.as_view(),
        name="bank-mapping",
    ),
    path(
        "bank/virtual-accounts/",
        setup.VirtualAccountListView.as_view(),
        name="bank-virtual-accounts",
    ),
]

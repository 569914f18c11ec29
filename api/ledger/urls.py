"""Routes of the ledger API (accounts, journal entries, periods, trial balance)."""

from django.urls import path

from api.ledger import views

urlpatterns = [
    path("accounts/", views.AccountListView.as_view(), name="account-list"),
    path(
        "accounts/<str:code>/", views.AccountDetailView.as_view(), name="account-detail"
    ),
    path(
        "accounts/<str:code>/ledger/",
        views.AccountLedgerView.as_view(),
        name="account-ledger",
    ),
    path("journal-entries/", views.JournalEntryListView.as_view(), name="entry-list"),
    path(
        "journal-entries/<str:number>/",
        views.JournalEntryDetailView.as_view(),
        name="entry-detail",
    ),
    path(
        "journal-entries/<str:number>/reverse/",
        views.JournalEntryReverseView.as_view(),
        name="entry-reverse",
    ),
    path("periods/", views.PeriodListView.as_view(), name="period-list"),
    path(
        "periods/<str:period>/lock/", views.PeriodLockView.as_view(), name="period-lock"
    ),
    path(
        "periods/<str:period>/unlock/",
        views.PeriodUnlockView.as_view(),
        name="period-unlock",
    ),
    path(
        "reports/trial-balance/",
        views.TrialBalanceView.as_view(),
        name="trial-balance",
    ),
]

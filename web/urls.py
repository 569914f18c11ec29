"""Routes of the web pages (included at the site root).

Auth pages are Django's own views with our templates: ``/login/``, ``/logout/``
(POST only) and the four steps of the password reset by email.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from web import (
    arrears_views,
    bank_views,
    cash_views,
    history_views,
    import_views,
    job_views,
    member_views,
    report_views,
    views,
)

#: The pages, reversed as ``web:<name>``.
page_patterns = [
    path("", views.home, name="home"),
    path("me/statement/", member_views.statement, name="statement"),
    path(
        "me/statement/pdf/",
        member_views.statement_download,
        name="statement_pdf",
    ),
    path("me/receipts/", member_views.receipts, name="receipts"),
    path(
        "me/receipts/<str:number>.pdf",
        member_views.document_download,
        name="document_pdf",
    ),
    path("cashbook/", views.cashbook, name="cashbook"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("imports/", import_views.imports_page, name="imports"),
    path("bank/", bank_views.bank_page, name="bank"),
    path("bank/upload/", bank_views.bank_upload, name="bank_upload"),
    path("bank/reconcile/", bank_views.bank_reconcile, name="bank_reconcile"),
    path("bank/rules/", bank_views.bank_rule_add, name="bank_rule_add"),
    path(
        "bank/lines/<int:pk>/<str:action>/",
        bank_views.bank_line_action,
        name="bank_line",
    ),
    path("kas/terima/", cash_views.receive, name="receive"),
    path("kas/tunggakan/", arrears_views.arrears, name="arrears"),
    path(
        "kas/tunggakan/ingatkan/",
        arrears_views.arrears_remind,
        name="arrears_remind",
    ),
    path("laporan/", report_views.reports, name="reports"),
    path("laporan/ekspor/", report_views.ledger_export, name="ledger_export"),
    path("iuran/terbitkan/", job_views.dues_issue, name="dues_issue"),
    path("tugas/", history_views.task_history, name="task_history"),
    path("tugas/<int:pk>/", job_views.job, name="job"),
    path(
        "tugas/<int:pk>/<str:what>/",
        job_views.job_file,
        name="job_file",
    ),
    path("kas/anggota.json", cash_views.member_lookup, name="member_lookup"),
    path("kas/kuitansi/<str:number>/", cash_views.receipt, name="receipt"),
    path(
        "kas/kuitansi/<str:number>.pdf",
        cash_views.receipt_download,
        name="receipt_pdf",
    ),
]

#: Django's auth views keep their default names (``login``, ``password_reset_done``...)
#: outside the ``web`` namespace because the auth views reverse them by those names.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", include((page_patterns, "web"))),
]

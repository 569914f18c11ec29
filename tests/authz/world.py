"""One small cooperative with a row of every kind the API and the admin act on.

Two members with logins (``member`` owns the rows the member-scoped routes point at;
``other`` is another member), an auditor and a treasurer made by ``add_user`` (so they
carry exactly the group permissions production gives them), and through the services:
billed and partly paid dues, an approved resignation, a draft and a posted journal
entry, a sales invoice (draft and issued, with a payment), a purchase on credit, an
expense and an open fiscal year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from bank.models import BankLine
from bank.statements import statement_import
from imports.jobs import import_submit
from ledger.integrity import verification_run
from ledger.services import LineInput, entry_draft_create, entry_post, period_lock
from members import services as members
from members.models import Member, OpenItem, Payment, Region, Resignation
from members.services.reminders import arrears_reminders_send
from reports.models import FiscalYear
from sales import services as sales
from sales.models import Expense, Invoice, Purchase
from sales.models import Payment as SalesPayment

PASSWORD = "rahasia-uji-123"
DATA = Path(__file__).resolve().parent.parent / "data"
DAY = dt.date(2026, 2, 2)
#: Apps whose rows a refused request must leave untouched.
OUR_APPS = ("audit", "ledger", "members", "sales", "reports", "api", "auth")
ROLES = ("anonymous", "member", "other_member", "auditor", "treasurer")


@dataclass
class World:
    users: dict[str, User | None]
    member: Member
    other: Member
    leaving: Member
    item: OpenItem
    payment: Payment
    invoice: Invoice
    draft_invoice: Invoice
    sales_payment: SalesPayment
    credit_note: object
    bank_line: object
    import_job: object
    purchase: Purchase
    expense: Expense
    posted_entry: object
    draft_entry: object
    sku: str


def _staff(username: str, role: str) -> User:
    call_command(
        "add_user", username, "--role", role, "--password", PASSWORD, stdout=_Null()
    )
    return User.objects.get(username=username)


class _Null:
    def write(self, *args, **kwargs) -> None:
        """Swallow the command's output."""


def _member(name: str, *, login: str | None, treasurer: User) -> Member:
    user = User.objects.create_user(login, password=PASSWORD) if login else None
    member = members.member_create(
        name=name,
        category="biasa",
        region=Region.objects.get(code="3578"),
        joined_on=dt.date(2025, 6, 1),
        email=f"{(login or name).lower().replace(' ', '.')}@contoh.id",
        user_account=user,
        user=treasurer,
    )
    return members.member_activate(
        member=member, date=dt.date(2026, 1, 5), user=treasurer
    )


def build_world() -> World:
    treasurer = _staff("bendahara", "treasurer")
    auditor = _staff("pengawas", "auditor")
    members.dues_plan_create(
        name="Iuran",
        kind="iuran",
        amount=Decimal(25000),
        category="biasa",
        user=treasurer,
    )
    member = _member("Siti Aminah", login="anggota1", treasurer=treasurer)
    other = _member("Budi Santoso", login="anggota2", treasurer=treasurer)
    leaving = _member("Dewi Lestari", login=None, treasurer=treasurer)
    members.dues_issue_period(period="2026-01", user=treasurer)
    members.dues_issue_period(period="2026-02", user=treasurer)
    payment = members.payment_record(
        member=member, amount=Decimal(110000), method="cash", date=DAY, user=treasurer
    )
    members.resignation_request(
        member=leaving, reason="Pindah", date=DAY, user=treasurer
    )
    members.resignation_approve(member=leaving, date=DAY, user=treasurer)
    item = OpenItem.objects.filter(member=member, status="open").order_by("pk").first()
    if item is None:
        item = OpenItem.objects.filter(member=member).order_by("pk").first()

    sales.item_create(sku="KAOS", name="Kaos", kind="goods", price=Decimal(50000))
    purchase = sales.purchase_record(
        supplier="CV Sandang",
        date=DAY,
        paid_from="credit",
        lines=[
            sales.PurchaseLineInput(item="KAOS", quantity=10, unit_cost=Decimal(30000))
        ],
        user=treasurer,
    )
    invoice = sales.invoice_issue(
        invoice=sales.invoice_create(
            date=DAY,
            member=member,
            lines=[sales.InvoiceLineInput(item="KAOS", quantity=2)],
            user=treasurer,
        ),
        user=treasurer,
    )
    sales_payment = sales.payment_record(
        invoice=invoice, amount=Decimal(10000), method="cash", date=DAY, user=treasurer
    )
    credit_note = sales.credit_note_create(
        invoice=invoice,
        refund="credit",
        lines=[sales.CreditNoteLineInput(line=invoice.lines.first().pk, quantity=1)],
        date=DAY,
        user=treasurer,
    )
    draft_invoice = sales.invoice_create(
        date=DAY,
        member=member,
        lines=[sales.InvoiceLineInput(item="KAOS", quantity=1)],
        user=treasurer,
    )
    expense = sales.expense_record(
        date=DAY,
        account="6-1200",
        amount=Decimal(15000),
        paid_from="cash",
        description="ATK",
        user=treasurer,
    )
    posted_entry = entry_post(
        date=DAY,
        description="Pendapatan lain",
        lines=[LineInput("1-1100", debit="5000"), LineInput("4-9100", credit="5000")],
        user=treasurer,
    )
    draft_entry = entry_draft_create(
        date=DAY,
        description="Draf",
        lines=[LineInput("1-1100", debit="7000"), LineInput("4-9100", credit="7000")],
    )
    FiscalYear.objects.get_or_create(year=2025)
    period_lock(year=2025, month=12, user=treasurer)
    members.share_transaction_record(
        member=member,
        direction="deposit",
        amount=Decimal(20000),
        date=DAY,
        method="cash",
        user=treasurer,
    )
    arrears_reminders_send(as_of=dt.date(2026, 3, 15))
    verification_run(full=True, write_checkpoint=False)
    statement_import(
        account="1-1200",
        data=(DATA / "mutasi_bca.csv").read_bytes(),
        filename="mutasi_bca.csv",
        preset="bca",
        user=treasurer,
    )
    import_job = import_submit(
        kind="members",
        data=(DATA / "anggota_utf8_bom.csv").read_bytes(),
        filename="anggota.csv",
        dry_run=True,
        user=treasurer,
    )
    return World(
        users={
            "anonymous": None,
            "member": member.user,
            "other_member": other.user,
            "auditor": auditor,
            "treasurer": treasurer,
        },
        member=member,
        other=other,
        leaving=leaving,
        item=item,
        payment=payment,
        invoice=invoice,
        draft_invoice=draft_invoice,
        sales_payment=sales_payment,
        credit_note=credit_note,
        bank_line=BankLine.objects.order_by("pk").first(),
        import_job=import_job,
        purchase=purchase,
        expense=expense,
        posted_entry=posted_entry,
        draft_entry=draft_entry,
        sku="KAOS",
    )


def row_counts() -> dict[str, int]:
    """How many rows each model of our apps holds: a refused request changes none."""
    return {
        model._meta.label: model._default_manager.count()
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
    }


def posted_state() -> tuple:
    """The ledger's head and every status column a write could flip."""
    from ledger.models import JournalEntry

    return (
        list(JournalEntry.objects.order_by("pk").values_list("pk", "status", "hash")),
        list(OpenItem.objects.order_by("pk").values_list("pk", "status", "waived")),
        list(Member.objects.order_by("pk").values_list("pk", "status")),
        list(Resignation.objects.order_by("pk").values_list("pk", "status")),
        list(Invoice.objects.order_by("pk").values_list("pk", "status")),
        list(Purchase.objects.order_by("pk").values_list("pk", "status")),
        list(FiscalYear.objects.order_by("pk").values_list("pk", "status")),
    )

"""What the treasurer does with a bank line: match it, book it, ignore it.

Matching posts the payment exactly as a manual one: ``members.services.payment_record``
for a member (oldest open items first, receipt issued, overpayment to credit) or
``sales.services.payment_record`` for an invoice, with method ``bank`` and dated on the
bank line's date. Both post to the bank role account (1-1200), so payments can be
matched only on lines of that account; any line can be booked to an account.

Each service is one transaction: the line is locked first (a line is resolved once,
however many people click), then the posting service takes its own locks.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from bank.errors import InvalidMatch, InvalidRule, LineNotOpen
from bank.models import BankAccount, BankLine, BankLineMatch, BankRule, LineStatus
from imports.opening import member_account_codes
from ledger import currency as cur
from ledger.chart import account_code
from ledger.models import Account
from ledger.services import LineInput, entry_post
from members.models import Member
from members.services import payment_record as member_payment_record
from sales.models import Invoice
from sales.services import payment_record as invoice_payment_record

ZERO = Decimal(0)


def _lock_open(line: BankLine) -> BankLine:
    line = (
        BankLine.objects.select_for_update()
        .select_related("bank_account__account")
        .get(pk=line.pk)
    )
    if not line.is_open:
        raise LineNotOpen(
            f"Mutasi #{line.pk} sudah {line.get_status_display().lower()}.",
            errors={"line": [f"The line is {line.status}."]},
        )
    return line


def _resolve(line: BankLine, status: str, user, note: str = "") -> None:
    line.status = status
    line.note = note[:255]
    line.resolved_by = user if getattr(user, "is_authenticated", False) else None
    line.resolved_at = timezone.now()
    line.save(update_fields=["status", "note", "resolved_by", "resolved_at"])


def _check_payments_allowed(line: BankLine) -> Decimal:
    amount = line.amount.amount
    if amount <= 0:
        raise InvalidMatch(
            "Hanya uang masuk yang dapat dicocokkan dengan pembayaran; "
            "bukukan uang keluar ke akun.",
            errors={"line": ["Money out: book it to an account."]},
        )
    bank_code = account_code("bank")
    if line.bank_account.account.code != bank_code:
        raise InvalidMatch(
            f"Pembayaran anggota dan faktur dibukukan ke {bank_code}; mutasi "
            f"rekening {line.bank_account.account.code} hanya dapat dibukukan ke akun.",
            errors={"line": [f"Payments post to {bank_code}."]},
        )
    return amount


def _pay_member(line: BankLine, member: Member, amount: Decimal, user):
    payment = member_payment_record(
        member=member,
        amount=amount,
        method="bank",
        date=line.date,
        reference=(line.reference or line.description)[:100],
        user=user,
    )
    return BankLineMatch.objects.create(
        line=line,
        amount=Money(amount, "IDR"),
        member=member,
        member_payment=payment,
        entry=payment.entry,
    )


def _pay_invoice(line: BankLine, invoice: Invoice, amount: Decimal, user):
    payment = invoice_payment_record(
        invoice=invoice, amount=amount, method="bank", date=line.date, user=user
    )
    return BankLineMatch.objects.create(
        line=line,
        amount=Money(amount, "IDR"),
        invoice=invoice,
        member=invoice.member,
        sales_payment=payment,
        entry=payment.entry,
    )


def line_match(
    *,
    line: BankLine,
    member: Member | None = None,
    invoice: Invoice | None = None,
    splits: list[tuple[Member, Decimal]] | None = None,
    user=None,
) -> BankLine:
    """Confirm a line as a payment: the suggestion (no arguments), a member, an
    invoice, or split over several members (amounts adding up to the line's).

    Returns:
        The matched line; its ``matches`` carry the payments and receipts.

    Raises:
        LineNotOpen, InvalidMatch, and whatever the payment services raise
        (PeriodLocked, Overpayment, InvalidInvoiceStatus...).
    """
    if sum(x is not None for x in (member, invoice, splits)) > 1:
        raise InvalidMatch(
            "Pilih salah satu: anggota, faktur atau pembagian.",
            errors={"non_field_errors": ["Give one of member, invoice, splits."]},
        )
    with transaction.atomic():
        line = _lock_open(line)
        amount = _check_payments_allowed(line)
        if member is None and invoice is None and splits is None:
            if line.suggested_invoice_id:
                invoice = line.suggested_invoice
            elif line.suggested_member_id:
                member = line.suggested_member
            else:
                raise InvalidMatch(
                    "Belum ada usulan untuk mutasi ini; pilih anggota atau faktur.",
                    errors={"member": ["No suggestion: give member or invoice."]},
                )
        if splits is not None:
            total = sum((part for _, part in splits), ZERO)
            bad = [
                part for _, part in splits if part <= 0 or not cur.is_exact(part, "IDR")
            ]
            if not splits or bad or total != amount:
                raise InvalidMatch(
                    f"Jumlah pembagian {cur.plain(total)} harus sama dengan mutasi "
                    f"{cur.plain(amount)}, tiap bagian rupiah bulat positif.",
                    errors={"splits": ["Parts must be positive and add up."]},
                )
            made = [_pay_member(line, who, part, user) for who, part in splits]
        elif invoice is not None:
            made = [_pay_invoice(line, invoice, amount, user)]
        else:
            made = [_pay_member(line, member, amount, user)]
        _resolve(line, LineStatus.MATCHED, user)
        audit_record(
            actor=user,
            action="bank_line.matched",
            target=line,
            after={
                "entries": [m.entry.number for m in made],
                "members": [m.member.number for m in made if m.member],
                "invoice": invoice.number if invoice else None,
            },
        )
    return line


def _book_target(code: str, line: BankLine) -> Account:
    account = Account.objects.filter(code=code).first()
    if account is None or not account.is_postable:
        raise InvalidMatch(
            f"Akun {code!r} tidak dikenal atau tidak menerima posting.",
            errors={"account": ["Unknown or non-postable account."]},
        )
    if account.pk == line.bank_account.account_id:
        raise InvalidMatch(
            "Mutasi tidak dapat dibukukan ke rekeningnya sendiri.",
            errors={"account": ["That is the bank account itself."]},
        )
    if account.code in member_account_codes():
        raise InvalidMatch(
            f"{account.code} adalah akun uang anggota; cocokkan dengan anggota.",
            errors={"account": ["A member-money account needs a member: match."]},
        )
    return account


def _book(line: BankLine, target: Account, user, memo: str = "") -> BankLineMatch:
    amount = line.amount.amount
    bank = line.bank_account.account
    side_bank, side_target = ("debit", "credit") if amount > 0 else ("credit", "debit")
    entry = entry_post(
        date=line.date,
        description=f"Mutasi bank: {memo or line.description}"[:255],
        lines=[
            LineInput(account=bank, **{side_bank: abs(amount)}, memo=line.reference),
            LineInput(account=target, **{side_target: abs(amount)}),
        ],
        reference=f"BANK-{line.pk}",
        user=user,
    )
    return BankLineMatch.objects.create(
        line=line, amount=Money(abs(amount), "IDR"), account=target, entry=entry
    )


def line_book(*, line: BankLine, account: str, memo: str = "", user=None) -> BankLine:
    """Book a line to an account (bank charges, interest, supplier payments): one
    entry dated on the line's date, bank account against ``account``.

    Raises:
        LineNotOpen, InvalidMatch (unknown, non-postable or member-money account),
        PeriodLocked.
    """
    with transaction.atomic():
        line = _lock_open(line)
        target = _book_target(account, line)
        made = _book(line, target, user, memo)
        _resolve(line, LineStatus.BOOKED, user, memo)
        audit_record(
            actor=user,
            action="bank_line.booked",
            target=line,
            after={"account": target.code, "entry": made.entry.number},
        )
    return line


def line_ignore(*, line: BankLine, reason: str = "", user=None) -> BankLine:
    """Set a line aside (nothing posted); it stays in the reconciliation as a
    difference until the books show it another way."""
    with transaction.atomic():
        line = _lock_open(line)
        _resolve(line, LineStatus.IGNORED, user, reason or "")
        audit_record(
            actor=user, action="bank_line.ignored", target=line, note=reason or ""
        )
    return line


def rule_create(
    *,
    name: str,
    pattern: str,
    account: str,
    direction: str = "any",
    bank_account: BankAccount | None = None,
    user=None,
) -> BankRule:
    """A rule that books lines whose description contains ``pattern`` to
    ``account`` when they are imported.

    Raises:
        InvalidRule: empty pattern, unknown direction or an account it may not book to.
    """
    pattern = " ".join((pattern or "").split())
    if len(pattern) < 3:
        raise InvalidRule(
            "Pola aturan paling sedikit 3 huruf.", errors={"pattern": ["Too short."]}
        )
    if direction not in ("any", "in", "out"):
        raise InvalidRule("Arah tidak dikenal.", errors={"direction": ["any|in|out"]})
    target = Account.objects.filter(code=account).first()
    if (
        target is None
        or not target.is_postable
        or target.code in member_account_codes()
    ):
        raise InvalidRule(
            f"Akun {account!r} tidak dapat dipakai aturan.",
            errors={"account": ["Unknown, non-postable or member-money account."]},
        )
    with transaction.atomic():
        rule = BankRule.objects.create(
            name=(name or pattern)[:80],
            pattern=pattern[:80],
            direction=direction,
            target=target,
            bank_account=bank_account,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit_record(
            actor=user,
            action="bank_rule.created",
            target=rule,
            after={"pattern": rule.pattern, "account": target.code},
        )
    return rule

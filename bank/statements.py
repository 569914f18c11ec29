"""Importing a bank statement: its lines become bank lines (not postings).

A line seen before (same account, date, amount, description, running balance, and its
occurrence among identical lines of the file) is never imported twice: its fingerprint
is UNIQUE per account, so importing the same or an overlapping statement again adds
only what is new. After the lines are saved, each new line is processed on its own
(one transaction per line, so one refused booking leaves the others done):
    - a rule whose pattern the description contains books it (``bank.services``);
    - otherwise money in gets a suggestion (``bank.matching``), confirmed at once only
      when ``ESTAMA_BANK_AUTO_CONFIRM_EXACT`` is on and the match is exact.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from bank.errors import InvalidBankAccount, InvalidPreset
from bank.matching import EXACT, Matcher, rule_for
from bank.models import BankAccount, BankLine, BankRule, LineStatus, Statement
from bank.ofx import looks_like_ofx, parse_ofx
from bank.presets import ParsedLine, parse_bca, parse_bri, parse_generic, parse_mandiri
from imports.opening import member_account_codes
from imports.reader import check_size
from imports.results import ImportResult, RowAction, RowResult
from imports.values import fold
from ledger import currency as cur
from ledger.errors import DomainError
from ledger.models import Account, AccountType

PRESETS = {
    "bca": parse_bca,
    "mandiri": parse_mandiri,
    "bri": parse_bri,
    "ofx": parse_ofx,
    "generic": parse_generic,
}
Progress = Callable[[int, int], None]


def bank_account_get(code: str, *, create: bool = True) -> BankAccount:
    """The bank account kept on ledger account ``code`` (a postable asset account
    that is not member money), created on first use."""
    account = Account.objects.filter(code=(code or "").strip()).first()
    if (
        account is None
        or not account.is_postable
        or account.type != AccountType.ASSET
        or account.code in member_account_codes()
    ):
        raise InvalidBankAccount(
            f"Akun {code!r} bukan akun bank (akun aset yang menerima posting).",
            errors={
                "account": ["Give the ledger code of a bank account, e.g. 1-1200."]
            },
        )
    if not create:
        return BankAccount.objects.filter(account=account).first() or BankAccount(
            account=account
        )
    bank_account, _ = BankAccount.objects.get_or_create(account=account)
    return bank_account


def _preset_for(bank_account: BankAccount, preset: str, data: bytes) -> str:
    preset = (preset or "").strip().lower()
    if not preset:
        if looks_like_ofx(data):
            return "ofx"
        preset = bank_account.preset or ("generic" if bank_account.mapping else "")
    if preset not in PRESETS:
        raise InvalidPreset(
            "Format mutasi tidak dikenal; pilih bca, mandiri, bri, ofx atau generic.",
            errors={"preset": [f"Use one of {', '.join(PRESETS)}."]},
        )
    if preset == "generic" and not bank_account.mapping:
        raise InvalidPreset(
            "Rekening ini belum punya pemetaan kolom; simpan dulu pemetaannya.",
            errors={"preset": ["No column mapping saved for this account."]},
        )
    return preset


def _fingerprints(code: str, lines: list[ParsedLine]) -> list[str]:
    seen: Counter = Counter()
    prints = []
    for line in lines:
        key = (
            line.date.isoformat(),
            cur.plain(line.amount),
            fold(line.description),
            cur.plain(line.balance) if line.balance is not None else "",
        )
        seen[key] += 1
        raw = "|".join([code, *key, str(seen[key])])
        prints.append(hashlib.sha256(raw.encode()).hexdigest())
    return prints


def statement_import(
    *,
    account: str,
    data: bytes,
    filename: str,
    preset: str = "",
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a statement of the bank account kept on ledger account ``account``.

    Args:
        account: the ledger code of the bank account, e.g. ``1-1200``.
        preset: bca, mandiri, bri, ofx or generic (the mapping saved for the
            account); empty: OFX when the file is OFX, else the account's last preset.
        dry_run: report which lines are new and which were seen before; save nothing.

    Returns:
        One row per statement line: created (new) or unchanged (seen before); after a
        real run ``summary`` counts what rules booked, what got a suggestion and what
        was confirmed.

    Raises:
        InvalidBankAccount, InvalidPreset, ImportFileInvalid.
    """
    check_size(len(data))
    bank_account = bank_account_get(account, create=not dry_run)
    preset = _preset_for(bank_account, preset, data)
    parsed = PRESETS[preset](data, filename, bank_account.mapping)
    prints = _fingerprints(bank_account.account.code, parsed)
    known = set(
        BankLine.objects.filter(
            bank_account_id=bank_account.pk, fingerprint__in=prints
        ).values_list("fingerprint", flat=True)
        if bank_account.pk
        else []
    )
    result = ImportResult(kind="bank", dry_run=dry_run)
    for line, fingerprint in zip(parsed, prints, strict=True):
        result.rows.append(
            RowResult(
                line=line.line_no,
                action=RowAction.UNCHANGED
                if fingerprint in known
                else RowAction.CREATED,
                key=f"{line.date.isoformat()} {cur.plain(line.amount)}",
                label=line.description,
            )
        )
    result.summary = {
        "account": bank_account.account.code,
        "preset": preset,
        "first_date": min(line.date for line in parsed).isoformat(),
        "last_date": max(line.date for line in parsed).isoformat(),
    }
    if dry_run:
        return result
    with transaction.atomic():
        statement = Statement.objects.create(
            bank_account=bank_account,
            filename=(filename or "")[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            preset=preset,
            first_date=min(line.date for line in parsed),
            last_date=max(line.date for line in parsed),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        BankLine.objects.bulk_create(
            [
                BankLine(
                    bank_account=bank_account,
                    statement=statement,
                    line_no=line.line_no,
                    date=line.date,
                    description=line.description or "-",
                    reference=line.reference,
                    amount=Money(line.amount, "IDR"),
                    balance=(
                        Money(line.balance, "IDR") if line.balance is not None else None
                    ),
                    fingerprint=fingerprint,
                )
                for line, fingerprint in zip(parsed, prints, strict=True)
                if fingerprint not in known
            ],
            ignore_conflicts=True,
        )
        new = list(statement.lines.order_by("date", "line_no"))
        statement.lines_new = len(new)
        statement.lines_seen = len(parsed) - len(new)
        statement.save(update_fields=["lines_new", "lines_seen"])
        if bank_account.preset != preset:
            bank_account.preset = preset
            bank_account.save(update_fields=["preset"])
        audit_record(
            actor=user,
            action="bank_statement.imported",
            target=statement,
            after={
                "account": bank_account.account.code,
                "filename": statement.filename,
                "new": statement.lines_new,
                "seen": statement.lines_seen,
            },
        )
    result.summary.update(lines_process(lines=new, user=user, progress=progress))
    result.summary["statement"] = statement.pk
    return result


def lines_process(
    *, lines: list[BankLine], user=None, progress: Progress | None = None
) -> dict[str, int]:
    """Apply rules, suggest matches and (if the setting says so) confirm exact ones;
    one transaction per line. Returns how many lines each step resolved."""
    from bank.services import _book, _resolve, line_match

    rules = list(BankRule.objects.filter(is_active=True).select_related("target"))
    matcher = Matcher(lines)
    auto = bool(getattr(settings, "ESTAMA_BANK_AUTO_CONFIRM_EXACT", False))
    counts = {"booked": 0, "suggested": 0, "matched": 0, "failed": 0}
    for index, line in enumerate(lines, start=1):
        rule = rule_for(line, rules)
        try:
            if rule is not None:
                with transaction.atomic():
                    _book(line, rule.target, user, "")
                    _resolve(line, LineStatus.BOOKED, user, f"aturan: {rule.name}")
                    audit_record(
                        actor=user,
                        action="bank_line.booked",
                        target=line,
                        after={"account": rule.target.code, "rule": rule.pk},
                    )
                counts["booked"] += 1
                continue
            suggestion = matcher.suggest(line)
            if suggestion is None:
                continue
            line.suggested_member = suggestion.member
            line.suggested_invoice = suggestion.invoice
            line.confidence = suggestion.confidence
            line.reason = suggestion.reason[:255]
            line.status = LineStatus.SUGGESTED
            line.save(
                update_fields=[
                    "suggested_member",
                    "suggested_invoice",
                    "confidence",
                    "reason",
                    "status",
                ]
            )
            counts["suggested"] += 1
            if auto and suggestion.confidence == EXACT:
                line_match(line=line, user=user)
                counts["matched"] += 1
                counts["suggested"] -= 1
        except DomainError as exc:
            # The line stays open for the treasurer; say why on it.
            BankLine.objects.filter(pk=line.pk).update(note=exc.message[:255])
            counts["failed"] += 1
        if progress and (index % 100 == 0 or index == len(lines)):
            progress(index, len(lines))
    return counts


def statement_import_runner(*, data, filename, dry_run=False, user=None, **options):
    """The import-job runner for bank statements (``imports.jobs``)."""
    return statement_import(
        account=options.get("account", ""),
        data=data,
        filename=filename,
        preset=options.get("preset", ""),
        dry_run=dry_run,
        user=user,
        progress=options.get("progress"),
    )

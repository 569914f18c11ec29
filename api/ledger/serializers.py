"""Input and output shapes of the ledger API.

Input serializers only parse: codes and numbers stay strings except members, which are
resolved to rows in one query so that an unknown number fails with ``invalid_member``.
Every rule about money (balance, whole rupiah, postable accounts, locked periods) is the
posting service's; its errors reach the client through ``api/exceptions.py``.
Output money is a plain-digit decimal string with a sibling ``currency``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from api.fields import AmountField, CurrencyField, money_str
from ledger import currency as cur
from ledger.models import AccountType, EntrySource, EntryStatus
from members.models import Member

#: Dates the API accepts anywhere (a query before 1900 or after 9999 is a typo; the
#: bounds also keep ``date - 1 day`` arithmetic safe).
QUERY_MIN_DATE = dt.date(1900, 1, 1)
QUERY_MAX_DATE = dt.date(9999, 12, 30)
PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


# --- Errors ---------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (see ``api/exceptions.py``)."""

    code = serializers.CharField(help_text="Stable machine-readable error code.")
    detail = serializers.CharField(help_text="Human-readable message.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field path, e.g. `lines.0.debit`.",
    )


_ERROR_TEXT = {
    400: "Invalid input (`invalid`, `invalid_amount`, `invalid_date`, ...).",
    401: "Not authenticated (`not_authenticated`, `authentication_failed`).",
    403: "The user's role may not do this (`permission_denied`).",
    404: "Not found (`not_found`).",
    409: "Conflicts with the ledger's state (`period_locked`, `already_reversed`).",
    422: "Idempotency-Key reused with a different request (`idempotency_key_reused`).",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the given error statuses, all shaped like
    ``ErrorSerializer``."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=_ERROR_TEXT[code])
        for code in statuses
    }


# --- Parsing helpers ------------------------------------------------------------------


class ApiDateField(serializers.DateField):
    """An ISO date (YYYY-MM-DD) within bounds; failures carry ``invalid_date``."""

    def __init__(self, *, min_date=QUERY_MIN_DATE, max_date=QUERY_MAX_DATE, **kw):
        self.min_date = min_date
        self.max_date = max_date
        kw.setdefault("input_formats", ["iso-8601"])
        super().__init__(**kw)

    def to_internal_value(self, value):
        if not isinstance(value, str):
            raise serializers.ValidationError(
                "Give the date as a string YYYY-MM-DD.", code="invalid_date"
            )
        try:
            date = super().to_internal_value(value)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                "Give a real date as YYYY-MM-DD.", code="invalid_date"
            ) from exc
        if not (self.min_date <= date <= self.max_date):
            raise serializers.ValidationError(
                f"The date must be between {self.min_date} and {self.max_date}.",
                code="invalid_date",
            )
        return date


def parse_period(value: str) -> tuple[int, int]:
    """``"2026-03"`` → ``(2026, 3)``; anything else fails with ``invalid_period``."""
    match = PERIOD_RE.match(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 2000 <= year <= 2999:
            return year, month
    raise serializers.ValidationError(
        {"period": ["Give the period as YYYY-MM with a real month (2000-2999)."]},
        code="invalid_period",
    )


class AsOfQuerySerializer(serializers.Serializer):
    as_of = ApiDateField(
        required=False, help_text="Inclusive date (default: today, Asia/Jakarta)."
    )


class DateRangeQuerySerializer(serializers.Serializer):
    date_from = ApiDateField(required=False, help_text="From this date (inclusive).")
    date_to = ApiDateField(required=False, help_text="Up to this date (inclusive).")

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"date_to": ["date_to must not be before date_from."]},
                code="invalid_date",
            )
        return attrs


class JournalEntryFilterSerializer(DateRangeQuerySerializer):
    account = serializers.CharField(
        required=False, max_length=16, help_text="Entries with a line on this code."
    )
    source = serializers.ChoiceField(choices=EntrySource.choices, required=False)
    member = serializers.CharField(
        required=False,
        max_length=16,
        help_text="Entries with a line naming this member number.",
    )
    status = serializers.ChoiceField(choices=EntryStatus.choices, required=False)


# --- Accounts -------------------------------------------------------------------------


class AccountSerializer(serializers.Serializer):
    """An account of the chart with its balance on its normal side."""

    # Renders ``(account, balance)`` pairs from ``chart_with_balances``.

    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    type = serializers.ChoiceField(choices=AccountType.choices)
    is_contra = serializers.BooleanField()
    is_group = serializers.BooleanField()
    parent = serializers.CharField(allow_null=True, help_text="Parent account code.")
    currency = serializers.CharField()
    is_active = serializers.BooleanField()
    balance = serializers.CharField(
        help_text="Normal-side balance as a plain decimal string; a group account "
        "sums its descendants."
    )

    def to_representation(self, instance):
        account, balance = instance
        return {
            "code": account.code,
            "name": account.name,
            "name_en": account.name_en,
            "type": account.type,
            "is_contra": account.is_contra,
            "is_group": account.is_group,
            "parent": account.parent.code if account.parent_id else None,
            "currency": account.currency,
            "is_active": account.is_active,
            "balance": money_str(balance, account.currency),
        }


class LedgerLineSerializer(serializers.Serializer):
    """One posted line of an account's ledger with the balance after it."""

    # Renders ``(line, running_balance)`` pairs from ``with_running_balance``.

    entry = serializers.CharField(help_text="Entry number.")
    date = serializers.DateField()
    description = serializers.CharField()
    member = serializers.CharField(allow_null=True, help_text="Member number.")
    memo = serializers.CharField()
    debit = serializers.CharField()
    credit = serializers.CharField()
    currency = serializers.CharField()
    balance = serializers.CharField(help_text="Running normal-side balance.")

    def to_representation(self, instance):
        line, balance = instance
        currency = str(line.amount.currency)
        amount = money_str(line.amount)
        return {
            "entry": line.entry.number,
            "date": line.entry.date.isoformat(),
            "description": line.entry.description,
            "member": line.member.number if line.member_id else None,
            "memo": line.memo,
            "debit": amount if line.side == "D" else "0",
            "credit": amount if line.side == "C" else "0",
            "currency": currency,
            "balance": money_str(balance, currency),
        }


class AccountLedgerPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    account = serializers.CharField(help_text="Account code.")
    currency = serializers.CharField()
    opening_balance = serializers.CharField(
        help_text="Normal-side balance before date_from (0 without date_from)."
    )
    results = LedgerLineSerializer(many=True)


# --- Journal entries ------------------------------------------------------------------


class LineInSerializer(serializers.Serializer):
    account = serializers.CharField(max_length=16, help_text="Account code.")
    debit = AmountField(required=False, allow_null=True)
    credit = AmountField(required=False, allow_null=True)
    currency = CurrencyField(required=False)
    member = serializers.CharField(
        max_length=16, required=False, allow_null=True, help_text="Member number."
    )
    memo = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


class EntryInSerializer(serializers.Serializer):
    """A manual journal entry: two or more lines, debits equal to credits, whole
    rupiah, leaf accounts by code, members by number."""

    date = ApiDateField()
    description = serializers.CharField(max_length=255)
    reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    lines = serializers.ListField(
        child=LineInSerializer(), allow_empty=False, max_length=500
    )

    def validate(self, attrs):
        numbers = {line["member"] for line in attrs["lines"] if line.get("member")}
        members = Member.objects.in_bulk(list(numbers), field_name="number")
        errors = {
            f"lines.{index}.member": [f"Unknown member {line['member']!r}."]
            for index, line in enumerate(attrs["lines"])
            if line.get("member") and line["member"] not in members
        }
        if errors:
            raise serializers.ValidationError(errors, code="invalid_member")
        for line in attrs["lines"]:
            line["member"] = members.get(line.get("member") or "")
        return attrs


class ReverseInSerializer(serializers.Serializer):
    date = ApiDateField(
        required=False, help_text="Date of the reversal (default today)."
    )
    description = serializers.CharField(
        max_length=255, required=False, allow_blank=True
    )


class EntryLineSerializer(serializers.Serializer):
    account = serializers.CharField()
    account_name = serializers.CharField()
    debit = serializers.CharField()
    credit = serializers.CharField()
    currency = serializers.CharField()
    member = serializers.CharField(allow_null=True)
    memo = serializers.CharField()

    def to_representation(self, line):
        amount = money_str(line.amount)
        return {
            "account": line.account.code,
            "account_name": line.account.name,
            "debit": amount if line.side == "D" else "0",
            "credit": amount if line.side == "C" else "0",
            "currency": str(line.amount.currency),
            "member": line.member.number if line.member_id else None,
            "memo": line.memo,
        }


class EntrySerializer(serializers.Serializer):
    """A journal entry with its lines; ``total`` is the sum of its debits."""

    # The caller loads ``lines`` (with account and member), ``posted_by``,
    # ``reverses`` and ``reversed_by`` so that rendering a page makes no queries.

    number = serializers.CharField(allow_null=True)
    date = serializers.DateField()
    description = serializers.CharField()
    source = serializers.ChoiceField(choices=EntrySource.choices)
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=EntryStatus.choices)
    posted_at = serializers.DateTimeField(allow_null=True)
    posted_by = serializers.CharField(allow_null=True, help_text="Username.")
    hash = serializers.CharField()
    prev_hash = serializers.CharField()
    reverses = serializers.CharField(allow_null=True, help_text="Entry number.")
    reversed_by = serializers.CharField(allow_null=True, help_text="Entry number.")
    lines = EntryLineSerializer(many=True)
    total = serializers.CharField(help_text="Sum of the debits.")
    currency = serializers.CharField()

    def to_representation(self, entry):
        lines = list(entry.lines.all())
        currency = str(lines[0].amount.currency) if lines else cur.DEFAULT_CURRENCY
        total = sum(
            (line.amount.amount for line in lines if line.side == "D"), Decimal(0)
        )
        reversed_by = getattr(entry, "reversed_by", None)
        return {
            "number": entry.number,
            "date": entry.date.isoformat(),
            "description": entry.description,
            "source": entry.source,
            "reference": entry.reference,
            "status": entry.status,
            "posted_at": serializers.DateTimeField().to_representation(entry.posted_at)
            if entry.posted_at
            else None,
            "posted_by": entry.posted_by.username if entry.posted_by_id else None,
            "hash": entry.hash,
            "prev_hash": entry.prev_hash,
            "reverses": entry.reverses.number if entry.reverses_id else None,
            "reversed_by": reversed_by.number if reversed_by else None,
            "lines": EntryLineSerializer(lines, many=True).data,
            "total": money_str(total, currency),
            "currency": currency,
        }


# --- Periods --------------------------------------------------------------------------


class PeriodSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="YYYY-MM.")
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    is_locked = serializers.BooleanField()
    changed_by = serializers.CharField(allow_null=True, help_text="Username.")
    changed_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, period):
        return {
            "period": f"{period.year:04d}-{period.month:02d}",
            "year": period.year,
            "month": period.month,
            "is_locked": period.is_locked,
            "changed_by": period.changed_by.username if period.changed_by_id else None,
            "changed_at": serializers.DateTimeField().to_representation(
                period.changed_at
            )
            if period.changed_at
            else None,
        }


# --- Trial balance --------------------------------------------------------------------


class TrialBalanceRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=AccountType.choices)
    debit = serializers.CharField()
    credit = serializers.CharField()
    balance = serializers.CharField(help_text="debit - credit.")

    def to_representation(self, row):
        return {
            "code": row.account.code,
            "name": row.account.name,
            "type": row.account.type,
            "debit": money_str(row.debit),
            "credit": money_str(row.credit),
            "balance": money_str(row.balance),
        }


class TrialBalanceSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    accounts = TrialBalanceRowSerializer(many=True)
    total_debit = serializers.CharField()
    total_credit = serializers.CharField()
    currency = serializers.CharField()

    def to_representation(self, tb):
        return {
            "as_of": tb.as_of.isoformat(),
            "accounts": TrialBalanceRowSerializer(tb.rows, many=True).data,
            "total_debit": money_str(tb.total_debit),
            "total_credit": money_str(tb.total_credit),
            "currency": cur.DEFAULT_CURRENCY,
        }


# --- Auth -----------------------------------------------------------------------------


class TokenCredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()

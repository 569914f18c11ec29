"""Journal entries: posting input, reversal input and the posted entry."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from api.fields import AmountField, CurrencyField, money_str
from api.ledger.serializers.parsing import ApiDateField
from ledger import currency as cur
from ledger.models import EntrySource, EntryStatus
from members.models import Member


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

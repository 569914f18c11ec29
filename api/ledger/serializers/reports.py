"""Accounting periods and the trial balance."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import money_str
from ledger import currency as cur
from ledger.models import AccountType


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

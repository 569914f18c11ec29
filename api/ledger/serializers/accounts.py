"""Accounts of the chart and an account's ledger page."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import money_str
from ledger.models import AccountType


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

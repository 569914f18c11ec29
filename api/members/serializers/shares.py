"""Simpanan balances by kind and simpanan sukarela movements."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import AmountField, money_str
from api.ledger.serializers import ApiDateField
from api.members.serializers.fields import MemberNumberField
from members.models import (
    PaymentMethod,
    ShareDirection,
    ShareTransaction,
)


class BalancesSerializer(serializers.Serializer):
    pokok = serializers.CharField()
    wajib = serializers.CharField()
    sukarela = serializers.CharField()
    currency = serializers.CharField()


def balances_data(values: dict) -> dict:
    return {
        "pokok": money_str(values.get("pokok")),
        "wajib": money_str(values.get("wajib")),
        "sukarela": money_str(values.get("sukarela")),
        "currency": "IDR",
    }


class ShareTransactionSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.number")
    amount = AmountField()
    currency = serializers.SerializerMethodField()
    entry = serializers.CharField(source="entry.number")

    class Meta:
        model = ShareTransaction
        fields = [
            "id",
            "member",
            "direction",
            "amount",
            "currency",
            "date",
            "method",
            "entry",
        ]
        read_only_fields = fields

    def get_currency(self, obj) -> str:
        return "IDR"


class ShareTransactionInSerializer(serializers.Serializer):
    member = MemberNumberField()
    direction = serializers.ChoiceField(choices=ShareDirection.choices)
    amount = AmountField(whole=True)
    date = ApiDateField(required=False)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)


class SharesSerializer(serializers.Serializer):
    member = serializers.CharField(allow_null=True)
    balances = BalancesSerializer()

"""The member statement and what a member sees on /me/."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import AmountField, money_str
from api.members.serializers.dues import OpenItemSerializer
from api.members.serializers.registry import MemberSerializer
from api.members.serializers.shares import BalancesSerializer


class StatementRowSerializer(serializers.Serializer):
    date = serializers.DateField()
    entry = serializers.CharField()
    description = serializers.CharField()
    account = serializers.CharField()
    account_name = serializers.CharField()
    debit = AmountField(positive=False)
    credit = AmountField(positive=False)
    balance = serializers.SerializerMethodField()

    def get_balance(self, obj) -> str:
        return money_str(obj.balance)


class StatementSerializer(serializers.Serializer):
    member = serializers.CharField(source="member.number")
    year = serializers.IntegerField(allow_null=True)
    currency = serializers.SerializerMethodField()
    opening = serializers.SerializerMethodField()
    rows = StatementRowSerializer(many=True)
    closing = serializers.SerializerMethodField()

    def get_currency(self, obj) -> str:
        return "IDR"

    def get_opening(self, obj) -> dict[str, str]:
        return {code: money_str(value) for code, value in sorted(obj.opening.items())}

    def get_closing(self, obj) -> dict[str, str]:
        return {code: money_str(value) for code, value in sorted(obj.closing.items())}


class StatementQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2999)


class MemberShuSerializer(serializers.Serializer):
    """The member's line of a year's SHU (preview until distributed)."""

    year = serializers.IntegerField()
    capital_share = serializers.CharField()
    business_share = serializers.CharField()
    total = serializers.CharField()
    distributed = serializers.BooleanField()
    paid_out = serializers.BooleanField()


class MeSerializer(serializers.Serializer):
    member = MemberSerializer()
    balances = BalancesSerializer()
    outstanding = serializers.CharField()
    credit = serializers.CharField()
    currency = serializers.CharField()
    open_items = OpenItemSerializer(many=True)
    shu = MemberShuSerializer(
        many=True, help_text="SHU of the years with a stored allocation, newest first."
    )

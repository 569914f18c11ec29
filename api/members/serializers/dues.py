"""Dues plans, period runs, open items and waivers."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import AmountField, money_str
from api.ledger.serializers import ApiDateField
from members.models import (
    DuesFrequency,
    DuesKind,
    DuesPlan,
    ItemKind,
    ItemStatus,
    MemberCategory,
    OpenItem,
)


class DuesPlanSerializer(serializers.ModelSerializer):
    amount = AmountField()
    currency = serializers.SerializerMethodField()
    # Blank means "every category": the schema's enum must admit "".
    category = serializers.ChoiceField(
        choices=MemberCategory.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = DuesPlan
        fields = [
            "id",
            "name",
            "kind",
            "amount",
            "currency",
            "frequency",
            "category",
            "is_active",
        ]
        read_only_fields = fields

    def get_currency(self, obj) -> str:
        return str(obj.amount.currency)


class DuesPlanInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=DuesKind.choices)
    amount = AmountField(whole=True)
    frequency = serializers.ChoiceField(
        choices=DuesFrequency.choices, default=DuesFrequency.MONTHLY
    )
    category = serializers.ChoiceField(
        choices=[("", "every category"), *MemberCategory.choices],
        required=False,
        allow_blank=True,
        default="",
    )


class DuesRunInSerializer(serializers.Serializer):
    period = serializers.CharField(max_length=7, help_text="YYYY-MM")


class DuesRunSerializer(serializers.Serializer):
    period = serializers.CharField()
    created = serializers.IntegerField()
    skipped = serializers.IntegerField()


class OpenItemSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.number")
    amount = AmountField()
    paid = AmountField()
    waived = AmountField()
    outstanding = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()

    class Meta:
        model = OpenItem
        fields = [
            "id",
            "member",
            "kind",
            "period",
            "due_date",
            "amount",
            "paid",
            "waived",
            "outstanding",
            "currency",
            "status",
            "waive_reason",
        ]
        read_only_fields = fields

    def get_outstanding(self, obj) -> str:
        return money_str(obj.outstanding)

    def get_currency(self, obj) -> str:
        return "IDR"


class OpenItemFilterSerializer(serializers.Serializer):
    member = serializers.CharField(required=False, max_length=16)
    period = serializers.CharField(required=False, max_length=7)
    kind = serializers.ChoiceField(choices=ItemKind.choices, required=False)
    status = serializers.ChoiceField(choices=ItemStatus.choices, required=False)


class WaiveInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)
    date = ApiDateField(required=False)

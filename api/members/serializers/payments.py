"""Member payments and how they were allocated to open items."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import AmountField
from api.ledger.serializers import ApiDateField
from api.members.serializers.fields import MemberNumberField
from members.models import (
    Payment,
    PaymentMethod,
)


class AllocationSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    kind = serializers.CharField(source="item.kind")
    period = serializers.CharField(source="item.period")
    amount = AmountField()


class PaymentSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.number")
    amount = AmountField()
    credit_used = AmountField()
    overpayment = AmountField(source="credit_amount")
    currency = serializers.SerializerMethodField()
    entry = serializers.CharField(source="entry.number")
    allocations = AllocationSerializer(many=True)
    receipt_url = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = [
            "number",
            "member",
            "date",
            "amount",
            "currency",
            "method",
            "reference",
            "credit_used",
            "overpayment",
            "overpayment_to",
            "entry",
            "allocations",
            "receipt_url",
        ]
        read_only_fields = fields

    def get_currency(self, obj) -> str:
        return "IDR"

    def get_receipt_url(self, obj) -> str:
        return f"/api/v1/payments/{obj.number}/receipt.pdf"


class PaymentInSerializer(serializers.Serializer):
    member = MemberNumberField()
    amount = AmountField(whole=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    date = ApiDateField(required=False)
    reference = serializers.CharField(
        required=False, allow_blank=True, max_length=100, default=""
    )


class MemberQuerySerializer(serializers.Serializer):
    member = serializers.CharField(required=False, max_length=16)

"""Regions and members: the registry, its filters and lifecycle inputs."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import AmountField
from api.ledger.serializers import ApiDateField
from api.members.serializers.fields import RegionField
from members.models import (
    LeftReason,
    Member,
    MemberCategory,
    MemberStatus,
    PaymentMethod,
    Region,
)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind"]


class MemberSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    # Blank until the member leaves: the schema's enum must admit "".
    left_reason = serializers.ChoiceField(
        choices=LeftReason.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Member
        fields = [
            "number",
            "name",
            "category",
            "region",
            "region_name",
            "email",
            "phone",
            "joined_on",
            "status",
            "left_reason",
            "left_on",
            "created_at",
        ]
        read_only_fields = fields


class MemberInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    category = serializers.ChoiceField(choices=MemberCategory.choices)
    region = RegionField()
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(
        required=False, allow_blank=True, max_length=32, default=""
    )
    joined_on = ApiDateField()


class MemberPatchSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    category = serializers.ChoiceField(choices=MemberCategory.choices, required=False)
    region = RegionField(required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    joined_on = ApiDateField(required=False)


class MemberFilterSerializer(serializers.Serializer):
    region = serializers.CharField(required=False, max_length=4)
    status = serializers.ChoiceField(choices=MemberStatus.choices, required=False)
    category = serializers.ChoiceField(choices=MemberCategory.choices, required=False)
    search = serializers.CharField(required=False, max_length=150)


class ReasonInSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=255)
    date = ApiDateField(required=False)


class ResignInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(
        choices=LeftReason.choices, required=False, default=LeftReason.RESIGNED
    )
    date = ApiDateField(
        required=False, help_text="The day the member asked to leave (default today)."
    )


class DateInSerializer(serializers.Serializer):
    date = ApiDateField(required=False)


class PayOutInSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    date = ApiDateField(required=False)


class ResignationSerializer(serializers.Serializer):
    member = serializers.CharField(source="member.number")
    kind = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.CharField()
    requested_on = serializers.DateField()
    approved_on = serializers.DateField(allow_null=True)
    capital = AmountField(allow_null=True)
    deductions = AmountField(allow_null=True)
    refund = AmountField(allow_null=True)
    approval_entry = serializers.CharField(
        source="approval_entry.number", allow_null=True, default=None
    )
    paid_on = serializers.DateField(allow_null=True)
    payout_entry = serializers.CharField(
        source="payout_entry.number", allow_null=True, default=None
    )
    currency = serializers.SerializerMethodField()

    def get_currency(self, obj) -> str:
        return "IDR"

"""Input and output shapes of the members API.

Members are referred to by number, regions by BPS code, items by id, payments by
receipt number. Money is a plain-digit string with a sibling ``currency``.
"""

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
    LeftReason,
    Member,
    MemberCategory,
    MemberStatus,
    OpenItem,
    Payment,
    PaymentMethod,
    Region,
    ShareDirection,
    ShareTransaction,
)


class RegionField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                f"Unknown region code {data!r}.", code="invalid"
            ) from exc


class MemberNumberField(serializers.SlugRelatedField):
    """A member given by number; unknown numbers fail with ``invalid_member``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Member.objects.all())
        kwargs.setdefault("slug_field", "number")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data or len(data) > 16:
            raise serializers.ValidationError(
                "Give a member number.", code="invalid_member"
            )
        try:
            return self.get_queryset().get(number=data)
        except Member.DoesNotExist as exc:
            raise serializers.ValidationError(
                f"Unknown member {data!r}.", code="invalid_member"
            ) from exc


# --- Regions and members -------------------------------------------------------------


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind"]


class MemberSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

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


# --- Dues ----------------------------------------------------------------------------


class DuesPlanSerializer(serializers.ModelSerializer):
    amount = AmountField()
    currency = serializers.SerializerMethodField()

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


class ArrearsQuerySerializer(serializers.Serializer):
    as_of = ApiDateField(required=False)
    region = serializers.CharField(required=False, max_length=4)


class BucketsSerializer(serializers.Serializer):
    not_due = serializers.CharField()
    d1_30 = serializers.CharField()
    d31_90 = serializers.CharField()
    d91_180 = serializers.CharField()
    over_180 = serializers.CharField()
    total = serializers.CharField()


class ArrearsMemberSerializer(serializers.Serializer):
    number = serializers.CharField()
    name = serializers.CharField()
    buckets = BucketsSerializer()


class ArrearsRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    members = ArrearsMemberSerializer(many=True)
    totals = BucketsSerializer()


class ArrearsSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    currency = serializers.CharField()
    regions = ArrearsRegionSerializer(many=True)
    totals = BucketsSerializer()


def buckets_data(values: dict) -> dict:
    return {key: money_str(value) for key, value in values.items()}


def arrears_data(report) -> dict:
    return {
        "as_of": report.as_of,
        "currency": "IDR",
        "regions": [
            {
                "code": region.code,
                "name": region.name,
                "members": [
                    {
                        "number": row.number,
                        "name": row.name,
                        "buckets": buckets_data({**row.buckets, "total": row.total}),
                    }
                    for row in region.members
                ],
                "totals": buckets_data(region.totals),
            }
            for region in report.regions
        ],
        "totals": buckets_data(report.totals),
    }


# --- Payments and shares -------------------------------------------------------------


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

"""Input and output shapes of the reports API.

Dates are ISO ``YYYY-MM-DD``; a bad date answers 400 ``invalid_date``. Money is a
plain-digit decimal string with a sibling ``currency``. Members are shown by number.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import money_str
from api.reports.statement_serializers import (  # noqa: F401  (re-exported)
    MAX_DATE,
    MIN_DATE,
    AsOfCompareQuerySerializer,
    AsOfQuerySerializer,
    LangMixin,
    OrganisationSerializer,
    RangeCompareQuerySerializer,
    RangeQuerySerializer,
    ReportDateField,
    ReportStatementSerializer,
    StatementLineSerializer,
)
from ledger import currency as cur
from reports.exports.files import EXPORT_FORMATS
from reports.labels import label
from reports.models import ShuPartKind
from reports.selectors import CASHBOOK_CATEGORIES

# --- Fiscal years ---------------------------------------------------------------------


class FiscalYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    status = serializers.CharField()
    closing_entry = serializers.CharField(allow_null=True)
    carry_entry = serializers.CharField(
        allow_null=True, help_text="SHU moved to 3-3100 on 1 January of next year."
    )
    closed_at = serializers.DateTimeField(allow_null=True)
    closed_by = serializers.CharField(allow_null=True)

    def to_representation(self, fy):
        return {
            "year": fy.year,
            "status": fy.status,
            "closing_entry": fy.closing_entry.number if fy.closing_entry_id else None,
            "carry_entry": fy.carry_entry.number if fy.carry_entry_id else None,
            "closed_at": fy.closed_at.isoformat() if fy.closed_at else None,
            "closed_by": fy.closed_by.get_username() if fy.closed_by_id else None,
        }


class ReopenInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True)


# --- SHU ------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "format": "decimal", "example": "2.5"})
class PercentField(serializers.Field):
    """A percent as a decimal string (``"2.5"``) or integer; floats are refused."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (str, int)):
            raise serializers.ValidationError(
                'Give the percent as a decimal string, e.g. "2.5".'
            )
        return str(data)

    def to_representation(self, value):
        return f"{value:f}"


class ShuPartInSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=" | ".join(ShuPartKind.values))
    percent = PercentField()
    account = serializers.CharField(required=False, allow_blank=True, max_length=16)
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)


class ShuAllocationInSerializer(serializers.Serializer):
    parts = ShuPartInSerializer(many=True, allow_empty=True)


class ShuDistributeInSerializer(serializers.Serializer):
    date = ReportDateField(required=False, help_text="Default: today.")


class ShuPayOutInSerializer(serializers.Serializer):
    method = serializers.CharField(default="cash", help_text="cash | bank")
    date = ReportDateField(required=False, help_text="Default: today.")


class ShuPartSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    percent = serializers.CharField()
    account = serializers.CharField()
    amount = serializers.CharField()


class ShuMemberSerializer(serializers.Serializer):
    member = serializers.CharField(help_text="Member number.")
    name = serializers.CharField()
    capital_base = serializers.CharField(help_text="Paid simpanan at year end.")
    purchases = serializers.CharField(help_text="Purchases in the year.")
    capital_share = serializers.CharField()
    business_share = serializers.CharField()
    total = serializers.CharField()

    def to_representation(self, row):
        return {
            "member": row.member.number,
            "name": row.member.name,
            "capital_base": money_str(row.capital_base),
            "purchases": money_str(row.purchases),
            "capital_share": money_str(row.capital_share),
            "business_share": money_str(row.business_share),
            "total": money_str(row.total),
        }


class ShuPreviewSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    status = serializers.CharField()
    distributed = serializers.BooleanField()
    paid_out = serializers.BooleanField()
    currency = serializers.CharField()
    shu = serializers.CharField()
    capital_pool = serializers.CharField()
    business_pool = serializers.CharField()
    capital_base_total = serializers.CharField()
    purchases_total = serializers.CharField()
    unallocated = serializers.CharField()
    uncovered_loss = serializers.CharField(
        help_text="Earlier years' loss still uncovered (absorbed first)."
    )
    distributable = serializers.CharField(help_text="shu - uncovered_loss, >= 0.")
    loss = serializers.CharField(help_text="This year's loss (negative SHU).")
    loss_covered = serializers.CharField()
    loss_remaining = serializers.CharField()
    parts = ShuPartSerializer(many=True)
    members = ShuMemberSerializer(many=True)

    def to_representation(self, preview):
        return {
            "year": preview.year,
            "status": preview.status,
            "distributed": preview.distributed,
            "paid_out": preview.paid_out,
            "currency": cur.DEFAULT_CURRENCY,
            "shu": money_str(preview.shu),
            "capital_pool": money_str(preview.capital_pool),
            "business_pool": money_str(preview.business_pool),
            "capital_base_total": money_str(preview.capital_base_total),
            "purchases_total": money_str(preview.purchases_total),
            "unallocated": money_str(preview.unallocated),
            "uncovered_loss": money_str(preview.uncovered_loss),
            "distributable": money_str(preview.distributable),
            "loss": money_str(preview.loss),
            "loss_covered": money_str(preview.loss_covered),
            "loss_remaining": money_str(preview.loss_remaining),
            "parts": [
                {
                    "kind": p.kind,
                    "name": p.name,
                    "percent": f"{p.percent.normalize():f}",
                    "account": p.account,
                    "amount": money_str(p.amount),
                }
                for p in preview.parts
            ],
            "members": ShuMemberSerializer(preview.members, many=True).data,
        }


class EntryRefSerializer(serializers.Serializer):
    entry = serializers.CharField(help_text="The posted entry's number.")
    hash = serializers.CharField()
    date = serializers.DateField()


# --- Exports and cash book ------------------------------------------------------------


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=EXPORT_FORMATS)
    start = ReportDateField(required=False, help_text="Default: the first entry.")
    end = ReportDateField(required=False, help_text="Default: today.")

    def validate(self, attrs):
        end = attrs.get("end") or timezone.localdate()
        start = attrs.get("start")
        if start and start > end:
            raise serializers.ValidationError(
                {"start": ["start must not be after end."]}, code="invalid_date"
            )
        return {**attrs, "start": start, "end": end}


class ManifestQuerySerializer(ExportQuerySerializer):
    format = serializers.ChoiceField(choices=EXPORT_FORMATS, required=False)


class ManifestRangeSerializer(serializers.Serializer):
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField()


class ManifestAccountSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    beancount = serializers.CharField(help_text="Account name in the Beancount file.")
    hledger = serializers.CharField(help_text="Account name in the hledger file.")
    opening_balance = serializers.CharField(help_text="Debit minus credit at start.")
    debit = serializers.CharField()
    credit = serializers.CharField()
    balance = serializers.CharField(help_text="Debit minus credit at the end.")


class ManifestNamesSerializer(serializers.Serializer):
    name = serializers.CharField()
    beancount = serializers.CharField()
    hledger = serializers.CharField()


class ManifestSerializer(serializers.Serializer):
    """The manifest of a ledger export (``reports.exports.manifest``)."""

    format = serializers.CharField(allow_null=True)
    range = ManifestRangeSerializer()
    currency = serializers.CharField()
    entry_count = serializers.IntegerField()
    first_number = serializers.CharField(allow_null=True)
    last_number = serializers.CharField(allow_null=True)
    head_hash = serializers.CharField(allow_null=True)
    head_number = serializers.CharField(allow_null=True)
    head_chain_seq = serializers.IntegerField(allow_null=True)
    total_debit = serializers.CharField()
    total_credit = serializers.CharField()
    accounts = ManifestAccountSerializer(many=True)
    account_mapping = serializers.DictField(
        child=ManifestNamesSerializer(), help_text="Account code -> names."
    )
    csv_columns = serializers.ListField(child=serializers.CharField())
    balance_sign = serializers.CharField()
    generated_at = serializers.DateTimeField()
    checkpoint = serializers.JSONField(
        allow_null=True,
        help_text="The newest signed checkpoint of the ledger and audit chains (as "
        "written to the checkpoint directory, signature included); null when none "
        "was written yet.",
    )

    def to_representation(self, manifest):
        return manifest


class CashbookQuerySerializer(LangMixin):
    year = serializers.IntegerField(
        min_value=1901, max_value=9999, required=False, help_text="Default: this year."
    )


class CashbookMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    money_in = serializers.DictField(child=serializers.CharField())
    money_out = serializers.DictField(child=serializers.CharField())
    total_in = serializers.CharField()
    total_out = serializers.CharField()
    closing_balance = serializers.CharField()


class CashbookSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    currency = serializers.CharField()
    categories = serializers.ListField(child=serializers.DictField())
    opening_balance = serializers.CharField()
    closing_balance = serializers.CharField()
    months = CashbookMonthSerializer(many=True)

    def to_representation(self, book):
        return {
            "year": book.year,
            "currency": cur.DEFAULT_CURRENCY,
            "categories": [
                {"key": key, "label": label(key, book.lang)}
                for key in CASHBOOK_CATEGORIES
            ],
            "opening_balance": money_str(book.opening_balance),
            "closing_balance": money_str(book.closing_balance),
            "months": [
                {
                    "month": f"{book.year:04d}-{m.month:02d}",
                    "money_in": {k: money_str(v) for k, v in m.money_in.items()},
                    "money_out": {k: money_str(v) for k, v in m.money_out.items()},
                    "total_in": money_str(m.total_in),
                    "total_out": money_str(m.total_out),
                    "closing_balance": money_str(m.closing_balance),
                }
                for m in book.months
            ],
        }

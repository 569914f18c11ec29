"""Input and output shapes of the statements (balance sheet, income statement,
changes in equity, cash flow).

Dates are ISO ``YYYY-MM-DD``; a bad date answers 400 ``invalid_date``. Every statement
carries the organisation and its period in words; balance sheet and income statement
add the prior year's column unless ``?compare=none``.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework import serializers

from api.fields import money_str
from api.ledger.serializers import ApiDateField
from ledger import currency as cur
from reports.documents import period_text
from reports.labels import LANGUAGES

MIN_DATE = dt.date(1900, 1, 2)
MAX_DATE = dt.date(9999, 12, 30)


class ReportDateField(ApiDateField):
    """An ISO date from ``MIN_DATE`` (so the day before exists) to ``MAX_DATE``;
    every failure carries code ``invalid_date``."""

    def __init__(self, **kwargs):
        super().__init__(min_date=MIN_DATE, max_date=MAX_DATE, **kwargs)


class LangMixin(serializers.Serializer):
    lang = serializers.ChoiceField(choices=LANGUAGES, default="id", required=False)


class AsOfQuerySerializer(LangMixin):
    as_of = ReportDateField(required=False, help_text="Default: today.")


class RangeQuerySerializer(LangMixin):
    start = ReportDateField(required=False, help_text="Default: 1 January of `end`.")
    end = ReportDateField(required=False, help_text="Default: today.")

    def validate(self, attrs):
        end = attrs.get("end") or timezone.localdate()
        start = attrs.get("start") or end.replace(month=1, day=1)
        if start > end:
            raise serializers.ValidationError(
                {"start": ["start must not be after end."]}, code="invalid_date"
            )
        return {**attrs, "start": start, "end": end}


class StatementLineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    code = serializers.CharField(help_text="Account code (account lines).")
    kind = serializers.CharField(help_text="heading | account | subtotal | total")
    amounts = serializers.ListField(
        child=serializers.CharField(allow_null=True), help_text="One per column."
    )


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    legal_number = serializers.CharField(help_text="Nomor badan hukum.")
    address = serializers.CharField()
    city = serializers.CharField()
    chair = serializers.CharField(help_text="Ketua (signs the statements).")
    treasurer = serializers.CharField(help_text="Bendahara.")
    supervisor = serializers.CharField(help_text="Pengawas.")


class ReportStatementSerializer(serializers.Serializer):
    """A statement: labelled lines with one amount per column, and key totals."""

    statement = serializers.CharField()
    title = serializers.CharField()
    lang = serializers.CharField()
    as_of = serializers.DateField(required=False)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    period = serializers.CharField(help_text="The period in words, as printed.")
    organisation = OrganisationSerializer()
    currency = serializers.CharField()
    columns = serializers.ListField(
        child=serializers.CharField(), help_text="This period, then the prior year's."
    )
    lines = StatementLineSerializer(many=True)
    totals = serializers.DictField(child=serializers.CharField())
    prior_totals = serializers.DictField(
        child=serializers.CharField(), required=False, help_text="Comparative column."
    )

    def to_representation(self, st):
        data = {
            "statement": st.kind,
            "title": st.title,
            "lang": st.lang,
        }
        if st.as_of:
            data["as_of"] = st.as_of.isoformat()
        if st.start:
            data["start"] = st.start.isoformat()
            data["end"] = st.end.isoformat()
        data.update(
            {
                "period": period_text(
                    as_of=st.as_of, start=st.start, end=st.end, lang=st.lang
                ),
                "organisation": st.organisation,
                "currency": cur.DEFAULT_CURRENCY,
                "columns": st.columns,
                "lines": [
                    {
                        "key": line.key,
                        "label": line.label,
                        "code": line.code,
                        "kind": line.kind,
                        "amounts": [
                            None if a is None else money_str(a) for a in line.amounts
                        ],
                    }
                    for line in st.lines
                ],
                "totals": {k: money_str(v) for k, v in st.totals.items()},
            }
        )
        if st.prior_totals:
            data["prior_totals"] = {k: money_str(v) for k, v in st.prior_totals.items()}
        return data


COMPARE_CHOICES = ("prior_year", "none")


class CompareMixin(serializers.Serializer):
    compare = serializers.ChoiceField(
        choices=COMPARE_CHOICES,
        default="prior_year",
        required=False,
        help_text="`none` drops the prior year's column.",
    )


class AsOfCompareQuerySerializer(CompareMixin, AsOfQuerySerializer):
    pass


class RangeCompareQuerySerializer(CompareMixin, RangeQuerySerializer):
    pass

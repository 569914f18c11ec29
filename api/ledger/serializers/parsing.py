"""Parsing helpers every API uses: dates within sane bounds, periods, ranges."""

from __future__ import annotations

import datetime as dt
import re

from rest_framework import serializers

from ledger.models import EntrySource, EntryStatus

#: Dates the API accepts anywhere (a query before 1900 or after 9999 is a typo; the
#: bounds also keep ``date - 1 day`` arithmetic safe).
QUERY_MIN_DATE = dt.date(1900, 1, 1)


QUERY_MAX_DATE = dt.date(9999, 12, 30)


PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


class ApiDateField(serializers.DateField):
    """An ISO date (YYYY-MM-DD) within bounds; failures carry ``invalid_date``."""

    def __init__(self, *, min_date=QUERY_MIN_DATE, max_date=QUERY_MAX_DATE, **kw):
        self.min_date = min_date
        self.max_date = max_date
        kw.setdefault("input_formats", ["iso-8601"])
        super().__init__(**kw)

    def to_internal_value(self, value):
        if not isinstance(value, str):
            raise serializers.ValidationError(
                "Give the date as a string YYYY-MM-DD.", code="invalid_date"
            )
        try:
            date = super().to_internal_value(value)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                "Give a real date as YYYY-MM-DD.", code="invalid_date"
            ) from exc
        if not (self.min_date <= date <= self.max_date):
            raise serializers.ValidationError(
                f"The date must be between {self.min_date} and {self.max_date}.",
                code="invalid_date",
            )
        return date


def parse_period(value: str) -> tuple[int, int]:
    """``"2026-03"`` → ``(2026, 3)``; anything else fails with ``invalid_period``."""
    match = PERIOD_RE.match(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 2000 <= year <= 2999:
            return year, month
    raise serializers.ValidationError(
        {"period": ["Give the period as YYYY-MM with a real month (2000-2999)."]},
        code="invalid_period",
    )


class AsOfQuerySerializer(serializers.Serializer):
    as_of = ApiDateField(
        required=False, help_text="Inclusive date (default: today, Asia/Jakarta)."
    )


class DateRangeQuerySerializer(serializers.Serializer):
    date_from = ApiDateField(required=False, help_text="From this date (inclusive).")
    date_to = ApiDateField(required=False, help_text="Up to this date (inclusive).")

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"date_to": ["date_to must not be before date_from."]},
                code="invalid_date",
            )
        return attrs


class JournalEntryFilterSerializer(DateRangeQuerySerializer):
    account = serializers.CharField(
        required=False, max_length=16, help_text="Entries with a line on this code."
    )
    source = serializers.ChoiceField(choices=EntrySource.choices, required=False)
    member = serializers.CharField(
        required=False,
        max_length=16,
        help_text="Entries with a line naming this member number.",
    )
    status = serializers.ChoiceField(choices=EntryStatus.choices, required=False)

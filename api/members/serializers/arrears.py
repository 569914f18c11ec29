"""The arrears report: ageing buckets per member, grouped by region."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import money_str
from api.ledger.serializers import ApiDateField


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

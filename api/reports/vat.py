"""``GET /api/v1/reports/vat/?period=YYYY-MM``: output VAT, input VAT and the balance
to pay or carry (PPN kurang / lebih bayar) of a month (``sales.vat_report``)."""

from __future__ import annotations

import re

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.common import query_data
from api.fields import money_str
from api.ledger.serializers import error_responses
from sales.vat_report import vat_report

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class VatQuerySerializer(serializers.Serializer):
    period = serializers.CharField(help_text="YYYY-MM, e.g. 2026-03.")

    def validate_period(self, value: str) -> tuple[int, int]:
        match = _PERIOD.match(value.strip())
        if not match or not 2000 <= int(match.group(1)) <= 2999:
            raise serializers.ValidationError(
                "Use YYYY-MM with a real month, e.g. 2026-03.", code="invalid_period"
            )
        return int(match.group(1)), int(match.group(2))


class VatReportSerializer(serializers.Serializer):
    period = serializers.CharField()
    currency = serializers.CharField()
    output_vat = serializers.CharField(help_text="PPN Keluaran of the month (2-1600).")
    input_vat = serializers.CharField(help_text="PPN Masukan of the month (1-1500).")
    carried_in = serializers.CharField(help_text="Lebih bayar from earlier months.")
    balance = serializers.CharField(help_text="output - input - carried in")
    to_pay = serializers.CharField(help_text="PPN kurang bayar.")
    carry_forward = serializers.CharField(help_text="PPN lebih bayar, carried on.")
    status = serializers.ChoiceField(choices=["kurang_bayar", "lebih_bayar", "nihil"])


class VatReportView(APIView):
    @extend_schema(
        operation_id="reports_vat",
        summary="Monthly VAT: output, input and the balance to pay or carry",
        parameters=[VatQuerySerializer],
        responses={200: VatReportSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        year, month = query_data(VatQuerySerializer, request)["period"]
        position = vat_report(year=year, month=month)
        body = {
            "period": f"{year:04d}-{month:02d}",
            "currency": "IDR",
            **{
                name: money_str(getattr(position, name))
                for name in (
                    "output_vat",
                    "input_vat",
                    "carried_in",
                    "balance",
                    "to_pay",
                    "carry_forward",
                )
            },
            "status": position.status,
        }
        return Response(VatReportSerializer(body).data)

"""``POST /api/v1/shu/{year}/cover-loss/``: cover a closed year's loss (treasurer).

The body names the covering equity account (the reserve 3-2100 by default), the amount
(whole rupiah in plain digits; the whole loss still uncovered by default) and the RAT
decision as ``reason``. One service call (``reports.services.shu_loss_cover``) posts the
entry and writes the audit record; the answer is the entry and what is left uncovered.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.common import IDEMPOTENCY_HEADER, body_data
from api.fields import AmountField, money_str
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.reports.serializers import ReportDateField
from ledger import currency as cur
from reports import selectors, services

YEAR_PATH = OpenApiParameter("year", int, OpenApiParameter.PATH, "The loss year.")


class LossCoverInSerializer(serializers.Serializer):
    account = serializers.CharField(
        required=False, max_length=16, help_text="Equity account; default 3-2100."
    )
    amount = AmountField(
        required=False, whole=True, help_text="Default: the whole uncovered loss."
    )
    reason = serializers.CharField(max_length=255, allow_blank=True)
    date = ReportDateField(required=False, help_text="Default: today.")


class LossCoverSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    entry = serializers.CharField(help_text="The posted entry's number.")
    hash = serializers.CharField()
    date = serializers.DateField()
    account = serializers.CharField()
    amount = serializers.CharField()
    currency = serializers.CharField()
    reason = serializers.CharField()
    loss = serializers.CharField(help_text="The year's loss.")
    loss_covered = serializers.CharField(help_text="Covered so far, this included.")
    loss_remaining = serializers.CharField(help_text="Still uncovered.")

    def to_representation(self, cover):
        fy = cover.fiscal_year
        return {
            "year": fy.year,
            "entry": cover.entry.number,
            "hash": cover.entry.hash,
            "date": cover.entry.date.isoformat(),
            "account": cover.account.code,
            "amount": money_str(cover.amount),
            "currency": cur.DEFAULT_CURRENCY,
            "reason": cover.reason,
            "loss": money_str(selectors.year_loss(fy=fy)),
            "loss_covered": money_str(selectors.loss_covered(fy=fy)),
            "loss_remaining": money_str(selectors.loss_remaining(fy=fy)),
        }


class ShuCoverLossView(APIView):
    @extend_schema(
        operation_id="shu_cover_loss",
        summary="Cover a closed year's loss from the reserve or another equity account",
        parameters=[YEAR_PATH, IDEMPOTENCY_HEADER],
        request=LossCoverInSerializer,
        responses={201: LossCoverSerializer, **error_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request, year: int) -> Response:
        services.year_check(year)
        body = body_data(LossCoverInSerializer, request)
        cover = services.shu_loss_cover(
            year=year,
            reason=body["reason"],
            account=body.get("account"),
            amount=body.get("amount"),
            date=body.get("date"),
            user=request.user,
        )
        return Response(LossCoverSerializer(cover).data, status=status.HTTP_201_CREATED)

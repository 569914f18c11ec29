"""Member payments (settling the oldest open items first) and their receipts."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, query_data
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.members import serializers as s
from api.members.views.base import MembersView, _today
from members import services
from members.models import (
    Allocation,
    Payment,
)
from members.receipts import receipt_pdf


def _payments() -> QuerySet[Payment]:
    return Payment.objects.select_related("member", "entry").prefetch_related(
        Prefetch("allocations", queryset=Allocation.objects.select_related("item"))
    )


class PaymentListView(MembersView):
    serializer_class = s.PaymentSerializer

    @extend_schema(
        summary="Member payments (?member=NUMBER)",
        parameters=[s.MemberQuerySerializer],
        responses={
            200: s.PaymentSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        number = query_data(s.MemberQuerySerializer, request).get("member")
        payments = self.scope_members(_payments()).order_by("-date", "-id")
        if number:
            payments = payments.filter(member__number=number)
        page = self.paginate_queryset(payments)
        return self.get_paginated_response(s.PaymentSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a payment: settles oldest items first, issues a receipt",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.PaymentInSerializer,
        responses={
            201: s.PaymentSerializer,
            **error_responses(400, 401, 403, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(s.PaymentInSerializer, request)
        payment = services.payment_record(
            member=data["member"],
            amount=data["amount"],
            method=data["method"],
            date=data.get("date") or _today(),
            reference=data.get("reference", ""),
            user=request.user,
        )
        payment = _payments().get(pk=payment.pk)
        return Response(
            s.PaymentSerializer(payment).data, status=status.HTTP_201_CREATED
        )


class PaymentDetailView(MembersView):
    serializer_class = s.PaymentSerializer

    @extend_schema(
        summary="One payment by receipt number",
        responses={200: s.PaymentSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        payment = get_or_404(self.scope_members(_payments()), number=number)
        return Response(s.PaymentSerializer(payment).data)


class ReceiptPdfView(MembersView):
    serializer_class = s.PaymentSerializer

    @extend_schema(
        summary="The printable receipt (kuitansi, PDF, Bahasa Indonesia)",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        payment = get_or_404(self.scope_members(_payments()), number=number)
        response = HttpResponse(
            receipt_pdf(payment=payment), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="{payment.number}.pdf"'
        return response

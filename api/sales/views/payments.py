"""Payments against sales invoices and their receipts."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, pdf_response
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.sales.filters import (
    PaymentFilter,
)
from api.sales.serializers import (
    SalesPaymentInSerializer,
    SalesPaymentSerializer,
)
from api.sales.views.base import ALL_READERS, PDF_RESPONSE
from sales import pdf, selectors, services
from sales.models import Invoice


class PaymentListView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = SalesPaymentSerializer
    filterset_class = PaymentFilter

    def get_queryset(self):
        return selectors.payments_visible_to(self.request.user)

    @extend_schema(
        operation_id="sales_payments_list",
        summary="Payments against invoices (a member sees only their own)",
        responses={
            200: SalesPaymentSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(SalesPaymentSerializer(page, many=True).data)

    @extend_schema(
        operation_id="sales_payments_create",
        summary="Record a (partial) payment of an invoice",
        parameters=[IDEMPOTENCY_HEADER],
        request=SalesPaymentInSerializer,
        responses={
            201: SalesPaymentSerializer,
            **error_responses(400, 401, 403, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(SalesPaymentInSerializer, request)
        invoice = Invoice.objects.filter(pk=data["invoice"]).first()
        if invoice is None:
            raise serializers.ValidationError(
                {"invoice": [f"Unknown invoice {data['invoice']}."]}
            )
        payment = services.payment_record(
            invoice=invoice,
            amount=data["amount"],
            method=data["method"],
            date=data["date"],
            user=request.user,
        )
        payment = get_or_404(selectors.payments_visible_to(request.user), pk=payment.pk)
        return Response(
            SalesPaymentSerializer(payment).data, status=status.HTTP_201_CREATED
        )


class PaymentDetailView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = SalesPaymentSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_payments_retrieve",
        summary="One payment",
        responses={200: SalesPaymentSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        payment = get_or_404(selectors.payments_visible_to(request.user), pk=pk)
        return Response(SalesPaymentSerializer(payment).data)


class PaymentReceiptView(GenericAPIView):
    read_roles = ALL_READERS
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_payments_receipt",
        summary="The payment receipt (kuitansi) as PDF",
        responses={**PDF_RESPONSE, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        payment = get_or_404(selectors.payments_visible_to(request.user), pk=pk)
        return pdf_response(pdf.receipt_pdf(payment), f"{payment.receipt_number}.pdf")

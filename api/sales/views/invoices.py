"""Sales invoices: draft, issue (posts), void (reverses) and the PDF."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, pdf_response
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.sales.filters import (
    InvoiceFilter,
)
from api.sales.serializers import (
    InvoiceInSerializer,
    InvoiceIssueInSerializer,
    InvoiceSerializer,
    InvoiceVoidInSerializer,
)
from api.sales.views.base import ALL_READERS, PDF_RESPONSE
from sales import pdf, selectors, services
from sales.models import Invoice


def _invoice_out(invoice: Invoice, request: Request) -> dict:
    fresh = get_or_404(selectors.invoice_list(user=request.user), pk=invoice.pk)
    return InvoiceSerializer(fresh).data


class InvoiceListView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = InvoiceSerializer
    filterset_class = InvoiceFilter

    def get_queryset(self):
        return selectors.invoice_list(user=self.request.user)

    @extend_schema(
        operation_id="sales_invoices_list",
        summary="Sales invoices (a member sees only their own)",
        responses={200: InvoiceSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(InvoiceSerializer(page, many=True).data)

    @extend_schema(
        operation_id="sales_invoices_create",
        summary="Create a draft invoice",
        request=InvoiceInSerializer,
        responses={201: InvoiceSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(InvoiceInSerializer, request)
        customer = data["customer"]
        invoice = services.invoice_create(
            date=data["date"],
            member=customer.get("member"),
            customer_name=customer.get("name", ""),
            customer_email=customer.get("email", ""),
            notes=data["notes"],
            lines=[
                services.InvoiceLineInput(
                    item=line["item"],
                    quantity=line["quantity"],
                    unit_price=line.get("unit_price"),
                    discount=line.get("discount") or 0,
                    description=line["description"],
                )
                for line in data["lines"]
            ],
            user=request.user,
        )
        return Response(_invoice_out(invoice, request), status=status.HTTP_201_CREATED)


class InvoiceDetailView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = InvoiceSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_invoices_retrieve",
        summary="One invoice",
        responses={200: InvoiceSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        invoice = get_or_404(selectors.invoice_list(user=request.user), pk=pk)
        return Response(InvoiceSerializer(invoice).data)


class InvoiceIssueView(GenericAPIView):
    serializer_class = InvoiceIssueInSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_invoices_issue",
        summary="Issue a draft: number it and post the sale",
        parameters=[IDEMPOTENCY_HEADER],
        request=InvoiceIssueInSerializer,
        responses={
            200: InvoiceSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        invoice = get_or_404(selectors.invoices_visible_to(request.user), pk=pk)
        data = body_data(InvoiceIssueInSerializer, request)
        invoice = services.invoice_issue(
            invoice=invoice, paid_from=data["paid_from"], user=request.user
        )
        return Response(_invoice_out(invoice, request))


class InvoiceVoidView(GenericAPIView):
    serializer_class = InvoiceVoidInSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_invoices_void",
        summary="Void an invoice without payments (reverses its entry)",
        parameters=[IDEMPOTENCY_HEADER],
        request=InvoiceVoidInSerializer,
        responses={
            200: InvoiceSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        invoice = get_or_404(selectors.invoices_visible_to(request.user), pk=pk)
        data = body_data(InvoiceVoidInSerializer, request)
        invoice = services.invoice_void(
            invoice=invoice,
            reason=data["reason"],
            date=data.get("date"),
            user=request.user,
        )
        return Response(_invoice_out(invoice, request))


class InvoicePdfView(GenericAPIView):
    read_roles = ALL_READERS
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_invoices_pdf",
        summary="The printable invoice (Bahasa Indonesia)",
        responses={**PDF_RESPONSE, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        invoice = get_or_404(selectors.invoice_list(user=request.user), pk=pk)
        name = invoice.number or f"draft-{invoice.pk}"
        return pdf_response(pdf.invoice_pdf(invoice), f"{name}.pdf")

"""Credit notes (nota kredit) through the API.

``POST /api/v1/sales/invoices/{id}/credit-note/`` with
``{"lines": [{"line": <invoice line id>, "quantity": n}], "refund": "cash"}``
(``refund``: cash, bank or credit; no ``lines``: everything not yet returned) posts
the return (``credit_note_create``).
``GET /api/v1/sales/credit-notes/{id}/`` and ``.../pdf/`` read one; a member reads
only the credit notes of their own invoices (others answer 404).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, pdf_response
from api.fields import money_str
from api.idempotency import idempotent
from api.ledger.serializers import ApiDateField, error_responses
from estama.roles import Role, user_member, user_role
from sales import selectors, services
from sales.credit_note_pdf import credit_note_pdf
from sales.models import CreditNote, CreditNoteLine, RefundMethod

ALL_READERS = frozenset({Role.TREASURER, Role.AUDITOR, Role.MEMBER})


class CreditNoteLineInSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, help_text="Invoice line id.")
    quantity = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class CreditNoteInSerializer(serializers.Serializer):
    lines = CreditNoteLineInSerializer(
        many=True, required=False, help_text="Omit to return the whole invoice."
    )
    refund = serializers.ChoiceField(choices=RefundMethod.choices)
    date = ApiDateField(required=False)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True)


class CreditNoteLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(source="invoice_line_id")
    item = serializers.CharField(source="invoice_line.item.sku")
    quantity = serializers.IntegerField()
    gross = serializers.SerializerMethodField()
    discount = serializers.SerializerMethodField()
    base = serializers.SerializerMethodField()
    tax = serializers.SerializerMethodField()
    cogs = serializers.SerializerMethodField()

    def get_gross(self, row) -> str:
        return money_str(row.gross)

    def get_discount(self, row) -> str:
        return money_str(row.discount)

    def get_base(self, row) -> str:
        return money_str(row.base)

    def get_tax(self, row) -> str:
        return money_str(row.tax)

    def get_cogs(self, row) -> str:
        return money_str(row.cogs)


class CreditNoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    invoice = serializers.IntegerField(source="invoice_id")
    invoice_number = serializers.CharField(source="invoice.number")
    date = serializers.DateField()
    refund = serializers.CharField()
    reason = serializers.CharField()
    currency = serializers.SerializerMethodField()
    subtotal = serializers.SerializerMethodField()
    discount = serializers.SerializerMethodField()
    tax = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    to_receivable = serializers.SerializerMethodField()
    refunded = serializers.SerializerMethodField()
    entry = serializers.CharField(source="entry.number")
    lines = CreditNoteLineSerializer(many=True)
    pdf_url = serializers.SerializerMethodField()

    def get_currency(self, note) -> str:
        return str(note.total.currency)

    def get_subtotal(self, note) -> str:
        return money_str(note.subtotal)

    def get_discount(self, note) -> str:
        return money_str(note.discount)

    def get_tax(self, note) -> str:
        return money_str(note.tax)

    def get_total(self, note) -> str:
        return money_str(note.total)

    def get_to_receivable(self, note) -> str:
        return money_str(note.to_receivable)

    def get_refunded(self, note) -> str:
        return money_str(note.refunded)

    def get_pdf_url(self, note) -> str:
        return f"/api/v1/sales/credit-notes/{note.pk}/pdf/"


def credit_notes_visible_to(user) -> QuerySet[CreditNote]:
    """Credit notes ``user`` may read, with what they render loaded up front."""
    notes = CreditNote.objects.select_related(
        "invoice", "invoice__member", "entry"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=CreditNoteLine.objects.select_related("invoice_line__item"),
        )
    )
    if user_role(user) == Role.MEMBER:
        member = user_member(user)
        return notes.filter(invoice__member=member) if member else notes.none()
    return notes


class InvoiceCreditNoteView(GenericAPIView):
    serializer_class = CreditNoteInSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_invoices_credit_note",
        summary="Return (part of) an invoice: a credit note to 4-1900 with VAT "
        "reversed, goods back in stock, the customer refunded or credited",
        parameters=[IDEMPOTENCY_HEADER],
        request=CreditNoteInSerializer,
        responses={
            201: CreditNoteSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        invoice = get_or_404(selectors.invoices_visible_to(request.user), pk=pk)
        data = body_data(CreditNoteInSerializer, request)
        lines = data.get("lines")
        note = services.credit_note_create(
            invoice=invoice,
            refund=data["refund"],
            lines=None
            if lines is None
            else [services.CreditNoteLineInput(**row) for row in lines],
            date=data.get("date"),
            reason=data.get("reason", ""),
            user=request.user,
        )
        note = credit_notes_visible_to(request.user).get(pk=note.pk)
        return Response(CreditNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class CreditNoteDetailView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = CreditNoteSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_credit_notes_retrieve",
        summary="One credit note (a member: only for their own invoices)",
        responses={200: CreditNoteSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        note = get_or_404(credit_notes_visible_to(request.user), pk=pk)
        return Response(CreditNoteSerializer(note).data)


class CreditNotePdfView(GenericAPIView):
    read_roles = ALL_READERS
    filter_backends: list = []

    @extend_schema(
        operation_id="sales_credit_notes_pdf",
        summary="The printable credit note (Bahasa Indonesia)",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="PDF"
            ),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        note = get_or_404(credit_notes_visible_to(request.user), pk=pk)
        return pdf_response(credit_note_pdf(note), f"{note.number}.pdf")

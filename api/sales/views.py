"""Sales endpoints: products, invoices (issue, void, PDF), payments (receipts),
purchases and expenses.

Each view parses input with a serializer, calls one service or selector and renders the
result. Treasurers write; auditors read everything; members read the catalog and only
their own invoices and payments (others' answer 404). Lists are paginated and load what
they render up front, so their query count does not depend on the page size.
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, pdf_response
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.sales.filters import (
    ExpenseFilter,
    InvoiceFilter,
    PaymentFilter,
    PurchaseFilter,
)
from api.sales.serializers import (
    ExpenseInSerializer,
    ExpenseSerializer,
    InvoiceInSerializer,
    InvoiceIssueInSerializer,
    InvoiceSerializer,
    InvoiceVoidInSerializer,
    ItemInSerializer,
    ItemPatchSerializer,
    ItemSerializer,
    PurchaseInSerializer,
    PurchasePayInSerializer,
    PurchaseSerializer,
    SalesPaymentInSerializer,
    SalesPaymentSerializer,
)
from estama.roles import Role
from sales import pdf, selectors, services
from sales.models import Invoice

ALL_READERS = frozenset({Role.TREASURER, Role.AUDITOR, Role.MEMBER})
PDF_RESPONSE = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")
}


# --- Products -------------------------------------------------------------------------


class ProductListView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = ItemSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="products_list",
        summary="The catalog",
        responses={200: ItemSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.item_list())
        return self.get_paginated_response(ItemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="products_create",
        summary="Add an item to the catalog",
        request=ItemInSerializer,
        responses={201: ItemSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(ItemInSerializer, request)
        item = services.item_create(**data, user=request.user)
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)


class ProductDetailView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = ItemSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="products_retrieve",
        summary="One item",
        responses={200: ItemSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, sku: str) -> Response:
        return Response(ItemSerializer(get_or_404(selectors.item_list(), sku=sku)).data)

    @extend_schema(
        operation_id="products_partial_update",
        summary="Change an item (name, price, tax code, seats, active)",
        request=ItemPatchSerializer,
        responses={200: ItemSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, sku: str) -> Response:
        item = get_or_404(selectors.item_list(), sku=sku)
        changes = body_data(ItemPatchSerializer, request)
        item = services.item_update(item=item, changes=changes, user=request.user)
        return Response(ItemSerializer(item).data)


# --- Invoices -------------------------------------------------------------------------


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


# --- Payments -------------------------------------------------------------------------


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


# --- Purchases ------------------------------------------------------------------------


class PurchaseListView(GenericAPIView):
    serializer_class = PurchaseSerializer
    filterset_class = PurchaseFilter

    def get_queryset(self):
        return selectors.purchase_list()

    @extend_schema(
        operation_id="purchases_list",
        summary="Purchases of goods into stock",
        responses={
            200: PurchaseSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(PurchaseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="purchases_create",
        summary="Receive goods into stock (cash, bank or on credit)",
        parameters=[IDEMPOTENCY_HEADER],
        request=PurchaseInSerializer,
        responses={201: PurchaseSerializer, **error_responses(400, 401, 403, 409, 422)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(PurchaseInSerializer, request)
        purchase = services.purchase_record(
            supplier=data["supplier"],
            date=data["date"],
            paid_from=data["paid_from"],
            lines=[services.PurchaseLineInput(**line) for line in data["lines"]],
            user=request.user,
        )
        purchase = get_or_404(selectors.purchase_list(), pk=purchase.pk)
        return Response(
            PurchaseSerializer(purchase).data, status=status.HTTP_201_CREATED
        )


class PurchaseDetailView(GenericAPIView):
    serializer_class = PurchaseSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="purchases_retrieve",
        summary="One purchase",
        responses={200: PurchaseSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            PurchaseSerializer(get_or_404(selectors.purchase_list(), pk=pk)).data
        )


class PurchasePayView(GenericAPIView):
    serializer_class = PurchasePayInSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="purchases_pay",
        summary="Pay a purchase made on credit, in full or in part",
        parameters=[IDEMPOTENCY_HEADER],
        request=PurchasePayInSerializer,
        responses={
            200: PurchaseSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        purchase = get_or_404(selectors.purchase_list(), pk=pk)
        data = body_data(PurchasePayInSerializer, request)
        services.purchase_pay(
            purchase=purchase,
            paid_from=data["paid_from"],
            date=data["date"],
            amount=data.get("amount"),
            user=request.user,
        )
        return Response(
            PurchaseSerializer(get_or_404(selectors.purchase_list(), pk=pk)).data
        )


# --- Expenses -------------------------------------------------------------------------


class ExpenseListView(GenericAPIView):
    serializer_class = ExpenseSerializer
    filterset_class = ExpenseFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.expense_list()

    @extend_schema(
        operation_id="expenses_list",
        summary="Expenses",
        responses={200: ExpenseSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ExpenseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="expenses_create",
        summary="Record an expense paid from cash or bank (optional attachment)",
        parameters=[IDEMPOTENCY_HEADER],
        request={
            "application/json": ExpenseInSerializer,
            "multipart/form-data": ExpenseInSerializer,
        },
        responses={201: ExpenseSerializer, **error_responses(400, 401, 403, 409, 422)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(ExpenseInSerializer, request)
        expense = services.expense_record(
            date=data["date"],
            account=data["account"],
            amount=data["amount"],
            paid_from=data["paid_from"],
            description=data["description"],
            attachment=data.get("attachment"),
            user=request.user,
        )
        expense = get_or_404(selectors.expense_list(), pk=expense.pk)
        return Response(ExpenseSerializer(expense).data, status=status.HTTP_201_CREATED)


class ExpenseDetailView(GenericAPIView):
    serializer_class = ExpenseSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="expenses_retrieve",
        summary="One expense",
        responses={200: ExpenseSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            ExpenseSerializer(get_or_404(selectors.expense_list(), pk=pk)).data
        )

"""Operating expenses paid by the cooperative."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.limits import JSONParser
from api.sales.filters import (
    ExpenseFilter,
)
from api.sales.serializers import (
    ExpenseInSerializer,
    ExpenseSerializer,
)
from sales import selectors, services


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
        summary="Record an expense paid from cash or bank (optional attachment; "
        "optional input VAT by tax code)",
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
            tax_code=data["tax_code"],
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

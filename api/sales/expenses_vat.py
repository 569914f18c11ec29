"""``POST /api/v1/expenses/`` with input VAT: the expense list view with ``tax_code``
passed to ``expense_record`` (VAT on the amount debited to 1-1500 PPN Masukan and
paid with it). Reading is unchanged (``api.sales.views.ExpenseListView``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.sales.serializers import ExpenseInSerializer, ExpenseSerializer
from api.sales.views import ExpenseListView
from sales import selectors, services


class ExpenseListVatView(ExpenseListView):
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

"""``/bank/reconciliation/``: statement vs ledger, explained line by line; marking a
month reconciled (only when the difference is zero)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.bank import serializers as s
from api.common import body_data, query_data
from api.fields import money_str
from api.ledger.serializers import error_responses
from bank.reconciliation import reconciliation, reconciliation_mark
from bank.statements import bank_account_get
from ledger.errors import InvalidDate


def reconciliation_data(report) -> dict:
    def amount(value):
        return None if value is None else money_str(value)

    return {
        "account": report.account,
        "as_of": report.as_of,
        "statement_balance": amount(report.statement_balance),
        "ledger_balance": money_str(report.ledger_balance),
        "difference": amount(report.difference),
        "explained": money_str(report.explained),
        "unexplained": amount(report.unexplained),
        "items": [
            {
                "kind": item.kind,
                "date": item.date,
                "description": item.description,
                "amount": money_str(item.amount),
                "ref": item.ref,
            }
            for item in report.items
        ],
    }


class ReconciliationView(GenericAPIView):
    serializer_class = s.ReconciliationSerializer
    filter_backends: list = []

    @extend_schema(
        summary="Reconciliation of a bank account on a date",
        parameters=[s.ReconciliationQuerySerializer],
        responses={200: s.ReconciliationSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = query_data(s.ReconciliationQuerySerializer, request)
        bank_account = bank_account_get(query["account"], create=False)
        report = reconciliation(bank_account=bank_account, as_of=query["as_of"])
        return Response(s.ReconciliationSerializer(reconciliation_data(report)).data)

    @extend_schema(
        summary="Mark a month reconciled (refused unless the difference is zero)",
        request=s.MarkInSerializer,
        responses={201: s.MarkSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(s.MarkInSerializer, request)
        year, month = (int(part) for part in data["period"].split("-"))
        if not 1 <= month <= 12:
            raise InvalidDate("Periode tidak valid.", errors={"period": ["YYYY-MM"]})
        mark = reconciliation_mark(
            bank_account=bank_account_get(data["account"]),
            year=year,
            month=month,
            user=request.user,
        )
        return Response(s.MarkSerializer(mark).data, status=201)

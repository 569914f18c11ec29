"""``/bank/lines/``: the lines to work through, and matching, booking, ignoring them.

``match/`` with an empty body confirms the suggestion; ``{"member": number}`` or
``{"invoice": id}`` corrects it; ``{"splits": [{"member", "amount"}, ...]}`` splits
the line over several members. Each posts the payment exactly as a manual payment,
dated on the bank line's date, with its receipt.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.bank import serializers as s
from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, query_data
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from bank import selectors, services
from bank.models import BankLine
from sales.models import Invoice

LINE_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, "Bank line id.")
WRITE_ERRORS = error_responses(400, 401, 403, 404, 409, 422)


def _line_out(line: BankLine) -> Response:
    fresh = selectors.bank_lines().get(pk=line.pk)
    return Response(s.BankLineSerializer(fresh).data)


class BankLineListView(GenericAPIView):
    serializer_class = s.BankLineSerializer
    filter_backends: list = []

    @extend_schema(
        summary="Bank lines (status: unmatched|suggested|matched|booked|ignored)",
        parameters=[s.LineFilterSerializer],
        responses={
            200: s.BankLineSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        filters = query_data(s.LineFilterSerializer, request)
        lines = selectors.bank_lines(
            status=filters.get("status", ""), account=filters.get("account", "")
        )
        page = self.paginate_queryset(lines)
        return self.get_paginated_response(s.BankLineSerializer(page, many=True).data)


class BankLineActionView(GenericAPIView):
    serializer_class = s.BankLineSerializer
    filter_backends: list = []

    def line(self, pk: int) -> BankLine:
        return get_or_404(BankLine.objects.all(), pk=pk)


class BankLineMatchView(BankLineActionView):
    @extend_schema(
        summary="Confirm (empty body), correct, or split a line as payments",
        parameters=[LINE_ID, IDEMPOTENCY_HEADER],
        request=s.MatchInSerializer,
        responses={200: s.BankLineSerializer, **WRITE_ERRORS},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        line = self.line(pk)
        data = body_data(s.MatchInSerializer, request)
        invoice = None
        if "invoice" in data:
            invoice = get_or_404(Invoice.objects.all(), pk=data["invoice"])
        splits = (
            [(part["member"], part["amount"]) for part in data["splits"]]
            if "splits" in data
            else None
        )
        line = services.line_match(
            line=line,
            member=data.get("member"),
            invoice=invoice,
            splits=splits,
            user=request.user,
        )
        return _line_out(line)


class BankLineBookView(BankLineActionView):
    @extend_schema(
        summary="Book a line to an account (bank charges, interest, suppliers)",
        parameters=[LINE_ID, IDEMPOTENCY_HEADER],
        request=s.BookInSerializer,
        responses={200: s.BankLineSerializer, **WRITE_ERRORS},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        line = self.line(pk)
        data = body_data(s.BookInSerializer, request)
        line = services.line_book(
            line=line,
            account=data["account"],
            memo=data.get("memo", ""),
            user=request.user,
        )
        return _line_out(line)


class BankLineIgnoreView(BankLineActionView):
    @extend_schema(
        summary="Set a line aside (posts nothing)",
        parameters=[LINE_ID],
        request=s.IgnoreInSerializer,
        responses={
            200: s.BankLineSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        line = self.line(pk)
        data = body_data(s.IgnoreInSerializer, request)
        line = services.line_ignore(
            line=line, reason=data.get("reason", ""), user=request.user
        )
        return _line_out(line)

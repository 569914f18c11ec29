"""Simpanan: balances by kind and simpanan sukarela deposits and withdrawals."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, query_data
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.members import serializers as s
from api.members.views.base import MembersView, _today
from members import selectors, services
from members.models import (
    ShareTransaction,
)


class SharesView(MembersView):
    serializer_class = s.SharesSerializer

    @extend_schema(
        summary="Simpanan balances by kind (cooperative totals, or ?member=NUMBER)",
        parameters=[s.MemberQuerySerializer],
        responses={200: s.SharesSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        number = query_data(s.MemberQuerySerializer, request).get("member")
        own = self.own_member()
        if own is not None or number:
            member = (
                own if own is not None and not number else self.member_by_number(number)
            )
            balances = selectors.member_share_balances(member=member)
            return Response(
                {"member": member.number, "balances": s.balances_data(balances)}
            )
        return Response(
            {"member": None, "balances": s.balances_data(selectors.share_totals())}
        )


class ShareTransactionListView(MembersView):
    serializer_class = s.ShareTransactionSerializer

    @extend_schema(
        summary="Simpanan sukarela movements (?member=NUMBER)",
        parameters=[s.MemberQuerySerializer],
        responses={
            200: s.ShareTransactionSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        number = query_data(s.MemberQuerySerializer, request).get("member")
        rows = self.scope_members(
            ShareTransaction.objects.select_related("member", "entry").order_by(
                "-date", "-id"
            )
        )
        if number:
            rows = rows.filter(member__number=number)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            s.ShareTransactionSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Deposit to or withdraw from simpanan sukarela",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.ShareTransactionInSerializer,
        responses={
            201: s.ShareTransactionSerializer,
            **error_responses(400, 401, 403, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(s.ShareTransactionInSerializer, request)
        row = services.share_transaction_record(
            member=data["member"],
            direction=data["direction"],
            amount=data["amount"],
            date=data.get("date") or _today(),
            method=data["method"],
            user=request.user,
        )
        return Response(
            s.ShareTransactionSerializer(row).data, status=status.HTTP_201_CREATED
        )

"""What a member reads about themselves: /me/ and the member statement."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import query_data
from api.fields import money_str
from api.ledger.serializers import error_responses
from api.members import serializers as s
from api.members.views.base import NUMBER_PATH, MembersView
from estama.roles import Role
from members import selectors
from reports.selectors import member_shu_years


class MemberStatementView(MembersView):
    serializer_class = s.StatementSerializer

    @extend_schema(
        summary="Every movement of the member's money with running balances",
        parameters=[NUMBER_PATH, s.StatementQuerySerializer],
        responses={200: s.StatementSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        year = query_data(s.StatementQuerySerializer, request).get("year")
        statement = selectors.member_statement(member=member, year=year)
        return Response(s.StatementSerializer(statement).data)


class MeView(MembersView):
    serializer_class = s.MeSerializer
    read_roles = frozenset({Role.MEMBER})

    @extend_schema(
        summary="The logged-in member: profile, outstanding dues, simpanan balances",
        responses={200: s.MeSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        member = self.own_member()
        items = list(selectors.member_open_items(member=member))
        data = {
            "member": s.MemberSerializer(member).data,
            "balances": s.balances_data(selectors.member_share_balances(member=member)),
            "outstanding": money_str(sum((i.outstanding for i in items), 0)),
            "credit": money_str(selectors.member_credit(member=member)),
            "currency": "IDR",
            "open_items": s.OpenItemSerializer(items, many=True).data,
            "shu": [
                {
                    "year": row.year,
                    "capital_share": money_str(row.capital_share),
                    "business_share": money_str(row.business_share),
                    "total": money_str(row.total),
                    "distributed": row.distributed,
                    "paid_out": row.paid_out,
                }
                for row in member_shu_years(member=member)
            ],
        }
        return Response(data)

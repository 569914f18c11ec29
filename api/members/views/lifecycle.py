"""A member's lifecycle: activate, suspend, reinstate, resign and leave.

Leaving is three steps: the resignation is requested, approved (the refund moves to
2-1300) and paid out.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.members import serializers as s
from api.members.views.base import NUMBER_PATH, MembersView
from estama.roles import Role
from members import services


class _StatusView(MembersView):
    serializer_class = s.MemberSerializer
    action = ""

    def post(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(s.ReasonInSerializer, request)
        if self.action == "activate":
            member = services.member_activate(
                member=member, date=data.get("date"), user=request.user
            )
        elif self.action == "suspend":
            member = services.member_suspend(
                member=member, reason=data.get("reason", ""), user=request.user
            )
        else:
            member = services.member_reinstate(
                member=member, reason=data.get("reason", ""), user=request.user
            )
        return Response(s.MemberSerializer(member).data)


def _status_view(action: str, summary: str):
    view = type(f"Member{action.title()}View", (_StatusView,), {"action": action})
    view.post = extend_schema(
        summary=summary,
        parameters=[NUMBER_PATH],
        request=s.ReasonInSerializer,
        responses={200: s.MemberSerializer, **error_responses(400, 401, 403, 404, 409)},
    )(view.post)
    return view


MemberActivateView = _status_view("activate", "Activate an applicant (bills pokok)")


MemberSuspendView = _status_view("suspend", "Suspend an active member")


MemberReinstateView = _status_view("reinstate", "Reinstate a suspended member")


class MemberResignView(MembersView):
    serializer_class = s.ResignationSerializer
    write_roles = frozenset({Role.TREASURER, Role.MEMBER})

    @extend_schema(
        summary="Request resignation (a member may ask for themselves)",
        parameters=[NUMBER_PATH],
        request=s.ResignInSerializer,
        responses={
            201: s.ResignationSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(s.ResignInSerializer, request)
        if self.own_member() is not None and data["kind"] != "resigned":
            raise PermissionDenied("A member may only ask to resign.")
        resignation = services.resignation_request(
            member=member,
            reason=data["reason"],
            kind=data["kind"],
            date=data.get("date"),
            user=request.user,
        )
        return Response(
            s.ResignationSerializer(resignation).data, status=status.HTTP_201_CREATED
        )


class MemberApproveResignationView(MembersView):
    serializer_class = s.ResignationSerializer

    @extend_schema(
        summary="Approve the pending resignation (refund moved to 2-1300)",
        parameters=[NUMBER_PATH, IDEMPOTENCY_HEADER],
        request=s.DateInSerializer,
        responses={
            200: s.ResignationSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(s.DateInSerializer, request)
        resignation = services.resignation_approve(
            member=member, date=data.get("date"), user=request.user
        )
        return Response(s.ResignationSerializer(resignation).data)


class MemberPayOutRefundView(MembersView):
    serializer_class = s.ResignationSerializer

    @extend_schema(
        summary="Pay out an approved refund (clears 2-1300)",
        parameters=[NUMBER_PATH, IDEMPOTENCY_HEADER],
        request=s.PayOutInSerializer,
        responses={
            200: s.ResignationSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(s.PayOutInSerializer, request)
        resignation = services.resignation_pay_out(
            member=member,
            method=data["method"],
            date=data.get("date"),
            user=request.user,
        )
        return Response(s.ResignationSerializer(resignation).data)

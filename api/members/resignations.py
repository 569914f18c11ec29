"""Asking to leave, with the date of the request (issue 12).

A resignation is dated the day it was asked for (``date``, default today, Asia/Jakarta):
the approval (``approve-resignation/``) cannot precede it. Everything else is as the
original resign view (a member may ask for themselves, only to resign).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import body_data
from api.ledger.serializers import ApiDateField, error_responses
from api.members import serializers as s
from api.members.views import NUMBER_PATH, MemberResignView
from members import services


class ResignWithDateInSerializer(s.ResignInSerializer):
    date = ApiDateField(
        required=False, help_text="The day the member asked to leave (default today)."
    )


class MemberResignDatedView(MemberResignView):
    @extend_schema(
        summary="Request resignation (a member may ask for themselves)",
        parameters=[NUMBER_PATH],
        request=ResignWithDateInSerializer,
        responses={
            201: s.ResignationSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(ResignWithDateInSerializer, request)
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

"""Regions and the member registry: list, register, read and change a member."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import body_data, query_data
from api.ledger.serializers import error_responses
from api.members import serializers as s
from api.members.views.base import NUMBER_PATH, MembersView
from estama.roles import Role
from members import services
from members.models import (
    Member,
    Region,
)


class RegionListView(MembersView):
    serializer_class = s.RegionSerializer

    @extend_schema(
        summary="The 38 kabupaten/kota of Jawa Timur (BPS codes)",
        responses={200: s.RegionSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(Region.objects.order_by("code"))
        return self.get_paginated_response(s.RegionSerializer(page, many=True).data)


class MemberListView(MembersView):
    serializer_class = s.MemberSerializer
    read_roles = frozenset({Role.TREASURER, Role.AUDITOR})

    @extend_schema(
        summary="Members (filters: region, status, category; search: name/number)",
        parameters=[s.MemberFilterSerializer],
        responses={
            200: s.MemberSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        filters = query_data(s.MemberFilterSerializer, request)
        members = Member.objects.select_related("region").order_by("number")
        for name in ("region", "status", "category"):
            if filters.get(name):
                members = members.filter(
                    **{f"{name}_id" if name == "region" else name: filters[name]}
                )
        if filters.get("search"):
            term = filters["search"]
            members = members.filter(
                Q(name__icontains=term) | Q(number__icontains=term)
            )
        page = self.paginate_queryset(members)
        return self.get_paginated_response(s.MemberSerializer(page, many=True).data)

    @extend_schema(
        summary="Register a member (status applicant; the response carries the number)",
        request=s.MemberInSerializer,
        responses={201: s.MemberSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(s.MemberInSerializer, request)
        member = services.member_create(**data, user=request.user)
        return Response(s.MemberSerializer(member).data, status=status.HTTP_201_CREATED)


class MemberDetailView(MembersView):
    serializer_class = s.MemberSerializer

    @extend_schema(
        summary="One member",
        parameters=[NUMBER_PATH],
        responses={200: s.MemberSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        return Response(s.MemberSerializer(self.member_by_number(number)).data)

    @extend_schema(
        summary="Change a member's registry data",
        parameters=[NUMBER_PATH],
        request=s.MemberPatchSerializer,
        responses={200: s.MemberSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, number: str) -> Response:
        member = self.member_by_number(number)
        data = body_data(s.MemberPatchSerializer, request)
        member = services.member_update(member=member, user=request.user, **data)
        return Response(s.MemberSerializer(member).data)

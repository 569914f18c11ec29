"""Dues: plans, issuing a period, open items, waivers and arrears."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, query_data
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.members import serializers as s
from api.members.views.base import MembersView, _today
from members import selectors, services
from members.models import (
    DuesPlan,
    OpenItem,
)


class DuesPlanListView(MembersView):
    serializer_class = s.DuesPlanSerializer

    @extend_schema(
        summary="Dues plans",
        responses={200: s.DuesPlanSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(DuesPlan.objects.order_by("kind", "name"))
        return self.get_paginated_response(s.DuesPlanSerializer(page, many=True).data)

    @extend_schema(
        summary="Create a dues plan",
        request=s.DuesPlanInSerializer,
        responses={201: s.DuesPlanSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(s.DuesPlanInSerializer, request)
        plan = services.dues_plan_create(**data, user=request.user)
        return Response(s.DuesPlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class DuesRunView(MembersView):
    serializer_class = s.DuesRunSerializer

    @extend_schema(
        summary="Issue a period: one item per active member per plan (idempotent)",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.DuesRunInSerializer,
        responses={
            200: s.DuesRunSerializer,
            **error_responses(400, 401, 403, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(s.DuesRunInSerializer, request)
        result = services.dues_issue_period(period=data["period"], user=request.user)
        return Response(
            {
                "period": result.period,
                "created": result.created,
                "skipped": result.skipped,
            }
        )


class OpenItemListView(MembersView):
    serializer_class = s.OpenItemSerializer

    @extend_schema(
        summary="Open items of every kind (filters: member, period, kind, status)",
        parameters=[s.OpenItemFilterSerializer],
        responses={
            200: s.OpenItemSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        filters = query_data(s.OpenItemFilterSerializer, request)
        items = self.scope_members(selectors.open_items())
        if filters.get("member"):
            items = items.filter(member__number=filters["member"])
        for name in ("period", "kind", "status"):
            if filters.get(name):
                items = items.filter(**{name: filters[name]})
        page = self.paginate_queryset(items)
        return self.get_paginated_response(s.OpenItemSerializer(page, many=True).data)


class OpenItemDetailView(MembersView):
    serializer_class = s.OpenItemSerializer

    @extend_schema(
        summary="One open item",
        responses={200: s.OpenItemSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        item = get_or_404(self.scope_members(selectors.open_items()), pk=pk)
        return Response(s.OpenItemSerializer(item).data)


class OpenItemWaiveView(MembersView):
    serializer_class = s.OpenItemSerializer

    @extend_schema(
        summary="Waive what is outstanding on an item (reason required)",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.WaiveInSerializer,
        responses={
            200: s.OpenItemSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        item = get_or_404(OpenItem.objects.select_related("member"), pk=pk)
        data = body_data(s.WaiveInSerializer, request)
        item = services.item_waive(
            item=item, reason=data["reason"], date=data.get("date"), user=request.user
        )
        return Response(s.OpenItemSerializer(item).data)


class ArrearsView(MembersView):
    serializer_class = s.ArrearsSerializer

    @extend_schema(
        summary="Arrears per member in ageing buckets, grouped by region",
        parameters=[s.ArrearsQuerySerializer],
        responses={200: s.ArrearsSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = query_data(s.ArrearsQuerySerializer, request)
        report = selectors.arrears_report(
            as_of=query.get("as_of") or _today(),
            region=query.get("region"),
            member=self.own_member(),
        )
        return Response(s.arrears_data(report))

"""Purchases of stock from suppliers and paying for them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.sales.filters import (
    PurchaseFilter,
)
from api.sales.serializers import (
    PurchaseInSerializer,
    PurchasePayInSerializer,
    PurchaseSerializer,
)
from sales import selectors, services


class PurchaseListView(GenericAPIView):
    serializer_class = PurchaseSerializer
    filterset_class = PurchaseFilter

    def get_queryset(self):
        return selectors.purchase_list()

    @extend_schema(
        operation_id="purchases_list",
        summary="Purchases of goods into stock",
        responses={
            200: PurchaseSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(PurchaseSerializer(page, many=True).data)

    @extend_schema(
        operation_id="purchases_create",
        summary="Receive goods into stock (cash, bank or on credit)",
        parameters=[IDEMPOTENCY_HEADER],
        request=PurchaseInSerializer,
        responses={201: PurchaseSerializer, **error_responses(400, 401, 403, 409, 422)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(PurchaseInSerializer, request)
        purchase = services.purchase_record(
            supplier=data["supplier"],
            date=data["date"],
            paid_from=data["paid_from"],
            lines=[services.PurchaseLineInput(**line) for line in data["lines"]],
            user=request.user,
        )
        purchase = get_or_404(selectors.purchase_list(), pk=purchase.pk)
        return Response(
            PurchaseSerializer(purchase).data, status=status.HTTP_201_CREATED
        )


class PurchaseDetailView(GenericAPIView):
    serializer_class = PurchaseSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="purchases_retrieve",
        summary="One purchase",
        responses={200: PurchaseSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            PurchaseSerializer(get_or_404(selectors.purchase_list(), pk=pk)).data
        )


class PurchasePayView(GenericAPIView):
    serializer_class = PurchasePayInSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="purchases_pay",
        summary="Pay a purchase made on credit, in full or in part",
        parameters=[IDEMPOTENCY_HEADER],
        request=PurchasePayInSerializer,
        responses={
            200: PurchaseSerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        purchase = get_or_404(selectors.purchase_list(), pk=pk)
        data = body_data(PurchasePayInSerializer, request)
        services.purchase_pay(
            purchase=purchase,
            paid_from=data["paid_from"],
            date=data["date"],
            amount=data.get("amount"),
            user=request.user,
        )
        return Response(
            PurchaseSerializer(get_or_404(selectors.purchase_list(), pk=pk)).data
        )

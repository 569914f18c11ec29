"""The catalog: products and services, with their prices and tax codes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import body_data, get_or_404
from api.ledger.serializers import error_responses
from api.sales.serializers import (
    ItemInSerializer,
    ItemPatchSerializer,
    ItemSerializer,
)
from api.sales.views.base import ALL_READERS
from sales import selectors, services


class ProductListView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = ItemSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="products_list",
        summary="The catalog",
        responses={200: ItemSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.item_list())
        return self.get_paginated_response(ItemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="products_create",
        summary="Add an item to the catalog",
        request=ItemInSerializer,
        responses={201: ItemSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(ItemInSerializer, request)
        item = services.item_create(**data, user=request.user)
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)


class ProductDetailView(GenericAPIView):
    read_roles = ALL_READERS
    serializer_class = ItemSerializer
    filter_backends: list = []

    @extend_schema(
        operation_id="products_retrieve",
        summary="One item",
        responses={200: ItemSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, sku: str) -> Response:
        return Response(ItemSerializer(get_or_404(selectors.item_list(), sku=sku)).data)

    @extend_schema(
        operation_id="products_partial_update",
        summary="Change an item (name, price, tax code, seats, active)",
        request=ItemPatchSerializer,
        responses={200: ItemSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, sku: str) -> Response:
        item = get_or_404(selectors.item_list(), sku=sku)
        changes = body_data(ItemPatchSerializer, request)
        item = services.item_update(item=item, changes=changes, user=request.user)
        return Response(ItemSerializer(item).data)

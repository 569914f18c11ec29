"""``/bank/rules/``, ``/bank/accounts/{code}/mapping/``, ``/bank/virtual-accounts/``:
what the treasurer sets up once."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.bank import serializers as s
from api.common import body_data
from api.ledger.serializers import error_responses
from bank import setup
from bank.models import BankRule, VirtualAccount
from bank.services import rule_create
from bank.statements import bank_account_get

CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, "Ledger code, e.g. 1-1200.")


class RuleListView(GenericAPIView):
    serializer_class = s.RuleSerializer
    filter_backends: list = []

    @extend_schema(
        summary="Booking rules",
        responses={200: s.RuleSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        rules = BankRule.objects.select_related("target", "bank_account__account")
        page = self.paginate_queryset(rules.filter(is_active=True).order_by("id"))
        return self.get_paginated_response(s.RuleSerializer(page, many=True).data)

    @extend_schema(
        summary="Add a rule (description contains PATTERN -> book to ACCOUNT)",
        request=s.RuleInSerializer,
        responses={201: s.RuleSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(s.RuleInSerializer, request)
        bank_account = (
            bank_account_get(data["bank_account"]) if data.get("bank_account") else None
        )
        rule = rule_create(
            name=data.get("name", ""),
            pattern=data["pattern"],
            account=data["account"],
            direction=data["direction"],
            bank_account=bank_account,
            user=request.user,
        )
        return Response(s.RuleSerializer(rule).data, status=201)


class MappingView(GenericAPIView):
    serializer_class = s.BankAccountSerializer
    filter_backends: list = []

    @extend_schema(
        summary="The bank account's settings (preset, saved column mapping)",
        parameters=[CODE],
        responses={200: s.BankAccountSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(
            s.BankAccountSerializer(bank_account_get(code, create=False)).data
        )

    @extend_schema(
        summary="Save the generic column mapping of the account's bank export",
        parameters=[CODE],
        request=s.MappingInSerializer,
        responses={200: s.BankAccountSerializer, **error_responses(400, 401, 403)},
    )
    def put(self, request: Request, code: str) -> Response:
        data = body_data(s.MappingInSerializer, request)
        bank_account = setup.mapping_save(
            account=code,
            mapping=data["mapping"],
            bank_name=data.get("bank_name", ""),
            user=request.user,
        )
        return Response(s.BankAccountSerializer(bank_account).data)


class VirtualAccountListView(GenericAPIView):
    serializer_class = s.VirtualAccountSerializer
    filter_backends: list = []

    @extend_schema(
        summary="Members' virtual-account numbers",
        responses={
            200: s.VirtualAccountSerializer(many=True),
            **error_responses(401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(
            VirtualAccount.objects.select_related("member").order_by("number")
        )
        return self.get_paginated_response(
            s.VirtualAccountSerializer(page, many=True).data
        )

    @extend_schema(
        summary="Give a member a virtual-account number",
        request=s.VirtualAccountInSerializer,
        responses={201: s.VirtualAccountSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = body_data(s.VirtualAccountInSerializer, request)
        va = setup.virtual_account_create(
            member=data["member"], number=data["number"], user=request.user
        )
        return Response(s.VirtualAccountSerializer(va).data, status=201)

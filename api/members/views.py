"""Members endpoints: regions, the registry and lifecycle, /me/, shares, dues,
payments and receipts.

Views parse input with a serializer, call one service or selector, and render the
result. The treasurer writes; the auditor reads everything and writes nothing; a
member reads only their own data and gets 404 for anyone else's (numbers cannot be
probed). The only write a member may make is asking to resign themselves.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, query_data
from api.fields import money_str
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.members import serializers as s
from members import selectors, services
from members.models import (
    Allocation,
    DuesPlan,
    Member,
    OpenItem,
    Payment,
    Region,
    ShareTransaction,
)
from members.receipts import receipt_pdf
from estama.roles import Role, user_member, user_role
from reports.selectors import member_shu_years

ALL_READERS = frozenset({Role.TREASURER, Role.AUDITOR, Role.MEMBER})
NUMBER_PATH = OpenApiParameter("number", str, OpenApiParameter.PATH, "Member number.")


def _today():
    return timezone.localdate()


class MembersView(GenericAPIView):
    """Base: ``own_member`` is the caller's member when they read as a member."""

    filter_backends: list = []
    read_roles = ALL_READERS

    def own_member(self) -> Member | None:
        if user_role(self.request.user) == Role.MEMBER:
            member = user_member(self.request.user)
            if member is None:
                raise Http404
            return member
        return None

    def scope_members(self, queryset: QuerySet, field: str = "member") -> QuerySet:
        member = self.own_member()
        if member is not None:
            return queryset.filter(**{field: member})
        return queryset

    def member_by_number(self, number: str) -> Member:
        own = self.own_member()
        if own is not None and own.number != number:
            raise Http404
        return get_or_404(Member.objects.select_related("region"), number=number)


# --- Regions and the registry --------------------------------------------------------


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
            member=member, reason=data["reason"], kind=data["kind"], user=request.user
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


# --- Shares --------------------------------------------------------------------------


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


# --- Dues ----------------------------------------------------------------------------


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


# --- Payments ------------------------------------------------------------------------


def _payments() -> QuerySet[Payment]:
    return Payment.objects.select_related("member", "entry").prefetch_related(
        Prefetch("allocations", queryset=Allocation.objects.select_related("item"))
    )


class PaymentListView(MembersView):
    serializer_class = s.PaymentSerializer

    @extend_schema(
        summary="Member payments (?member=NUMBER)",
        parameters=[s.MemberQuerySerializer],
        responses={
            200: s.PaymentSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        number = query_data(s.MemberQuerySerializer, request).get("member")
        payments = self.scope_members(_payments()).order_by("-date", "-id")
        if number:
            payments = payments.filter(member__number=number)
        page = self.paginate_queryset(payments)
        return self.get_paginated_response(s.PaymentSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a payment: settles oldest items first, issues a receipt",
        parameters=[IDEMPOTENCY_HEADER],
        request=s.PaymentInSerializer,
        responses={
            201: s.PaymentSerializer,
            **error_responses(400, 401, 403, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = body_data(s.PaymentInSerializer, request)
        payment = services.payment_record(
            member=data["member"],
            amount=data["amount"],
            method=data["method"],
            date=data.get("date") or _today(),
            reference=data.get("reference", ""),
            user=request.user,
        )
        payment = _payments().get(pk=payment.pk)
        return Response(
            s.PaymentSerializer(payment).data, status=status.HTTP_201_CREATED
        )


class PaymentDetailView(MembersView):
    serializer_class = s.PaymentSerializer

    @extend_schema(
        summary="One payment by receipt number",
        responses={200: s.PaymentSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        payment = get_or_404(self.scope_members(_payments()), number=number)
        return Response(s.PaymentSerializer(payment).data)


class ReceiptPdfView(MembersView):
    serializer_class = s.PaymentSerializer

    @extend_schema(
        summary="The printable receipt (kuitansi, PDF, Bahasa Indonesia)",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        payment = get_or_404(self.scope_members(_payments()), number=number)
        response = HttpResponse(
            receipt_pdf(payment=payment), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="{payment.number}.pdf"'
        return response

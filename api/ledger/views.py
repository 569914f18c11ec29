"""Ledger endpoints: accounts, journal entries, reversals, periods, trial balance.

Each view parses its input with a serializer, calls one service or selector and renders
the result. Readers are the treasurer and the auditor; only the treasurer writes.
Lists are paginated and load what they render up front, so their query count does not
grow with the page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.common import IDEMPOTENCY_HEADER, get_or_404, query_data
from api.fields import money_str
from api.idempotency import idempotent
from api.ledger.ledger_page import (
    AccountLedgerCursorPageSerializer,
    LedgerPageQuerySerializer,
)
from api.ledger.serializers import (
    AccountSerializer,
    AsOfQuerySerializer,
    EntryInSerializer,
    EntrySerializer,
    JournalEntryFilterSerializer,
    LedgerLineSerializer,
    PeriodSerializer,
    ReverseInSerializer,
    TrialBalanceSerializer,
    error_responses,
    parse_period,
)
from api.reports.renderers import PdfRenderer, XlsxRenderer
from ledger import services
from ledger.errors import InvalidAccount
from ledger.models import Account, EntryStatus, JournalEntry, JournalLine, Period
from ledger.selectors import (
    account_balance,
    account_ledger_page,
    chart_with_balances,
    trial_balance,
)

CODE_PATH = OpenApiParameter("code", str, OpenApiParameter.PATH, "Account code.")
NUMBER_PATH = OpenApiParameter("number", str, OpenApiParameter.PATH, "Entry number.")
PERIOD_PATH = OpenApiParameter("period", str, OpenApiParameter.PATH, "YYYY-MM.")


class LedgerView(GenericAPIView):
    """Filters are parsed by query serializers (stable ``invalid_date`` codes), not by
    django-filter."""

    filter_backends: list = []


def _today():
    return timezone.localdate()


# --- Accounts -------------------------------------------------------------------------


class AccountListView(LedgerView):
    serializer_class = AccountSerializer

    @extend_schema(
        operation_id="accounts_list",
        summary="Chart of accounts with balances",
        parameters=[AsOfQuerySerializer],
        responses={200: AccountSerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        as_of = query_data(AsOfQuerySerializer, request).get("as_of") or _today()
        page = self.paginate_queryset(chart_with_balances(as_of=as_of))
        return self.get_paginated_response(AccountSerializer(page, many=True).data)


class AccountDetailView(LedgerView):
    serializer_class = AccountSerializer
    pagination_class = None

    @extend_schema(
        operation_id="accounts_retrieve",
        summary="One account with its balance",
        parameters=[CODE_PATH, AsOfQuerySerializer],
        responses={200: AccountSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        as_of = query_data(AsOfQuerySerializer, request).get("as_of") or _today()
        chart = {
            a.code: (a, balance) for a, balance in chart_with_balances(as_of=as_of)
        }
        if code not in chart:
            raise Http404
        return Response(AccountSerializer(chart[code]).data)


class AccountLedgerView(LedgerView):
    serializer_class = LedgerLineSerializer
    pagination_class = None

    @extend_schema(
        operation_id="accounts_ledger",
        summary="An account's ledger with a running balance (cursor pages)",
        parameters=[CODE_PATH, LedgerPageQuerySerializer],
        responses={
            200: AccountLedgerCursorPageSerializer,
            **error_responses(400, 401, 403, 404),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        query = query_data(LedgerPageQuerySerializer, request)
        account = get_or_404(Account.objects.all(), code=code)
        if account.is_group:
            raise InvalidAccount(
                f"{account.code} adalah akun grup dan tidak memiliki baris.",
                errors={"code": ["A group account has no ledger; open a leaf."]},
            )
        date_from = query.get("date_from")
        opening = (
            account_balance(account=account, as_of=date_from - dt.timedelta(days=1))
            if date_from
            else Decimal(0)
        )
        page = account_ledger_page(
            account=account,
            date_from=date_from,
            date_to=query.get("date_to"),
            cursor=query.get("cursor"),
            last=query["last"],
            size=query["page_size"],
        )

        def link(cursor):
            if cursor is None:
                return None
            url = request.build_absolute_uri()
            url = remove_query_param(url, "last")
            return replace_query_param(url, "cursor", cursor)

        return Response(
            {
                "next": link(page.next_cursor),
                "previous": link(page.previous_cursor),
                "account": account.code,
                "currency": account.currency,
                "opening_balance": money_str(opening, account.currency),
                "results": LedgerLineSerializer(page.rows, many=True).data,
            }
        )


# --- Journal entries ------------------------------------------------------------------


def _entries() -> QuerySet[JournalEntry]:
    """Entries with everything ``EntrySerializer`` renders, in a fixed number of
    queries."""
    return JournalEntry.objects.select_related(
        "posted_by", "reverses", "reversed_by"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=JournalLine.objects.select_related("account", "member").order_by(
                "id"
            ),
        )
    )


def _filtered(query: dict) -> QuerySet[JournalEntry]:
    entries = _entries()
    if "date_from" in query:
        entries = entries.filter(date__gte=query["date_from"])
    if "date_to" in query:
        entries = entries.filter(date__lte=query["date_to"])
    if "source" in query:
        entries = entries.filter(source=query["source"])
    if "status" in query:
        entries = entries.filter(status=query["status"])
    if "account" in query:
        entries = entries.filter(
            Exists(
                JournalLine.objects.filter(
                    entry=OuterRef("pk"), account__code=query["account"]
                )
            )
        )
    if "member" in query:
        entries = entries.filter(
            Exists(
                JournalLine.objects.filter(
                    entry=OuterRef("pk"), member__number=query["member"]
                )
            )
        )
    return entries


def _entry_response(entry: JournalEntry, status_code: int = 200) -> Response:
    fresh = _entries().get(pk=entry.pk)
    return Response(EntrySerializer(fresh).data, status=status_code)


class JournalEntryListView(LedgerView):
    serializer_class = EntrySerializer

    @extend_schema(
        operation_id="journal_entries_list",
        summary="Journal entries (filterable)",
        parameters=[JournalEntryFilterSerializer],
        responses={200: EntrySerializer(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        entries = _filtered(query_data(JournalEntryFilterSerializer, request))
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(EntrySerializer(page, many=True).data)

    @extend_schema(
        operation_id="journal_entries_create",
        summary="Post a manual journal entry",
        parameters=[IDEMPOTENCY_HEADER],
        request=EntryInSerializer,
        responses={
            201: EntrySerializer,
            **error_responses(400, 401, 403, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        serializer = EntryInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = services.entry_post(
            date=data["date"],
            description=data["description"],
            reference=data["reference"],
            lines=[
                services.LineInput(
                    account=line["account"],
                    debit=line.get("debit"),
                    credit=line.get("credit"),
                    currency=line.get("currency"),
                    member=line.get("member"),
                    memo=line.get("memo", ""),
                )
                for line in data["lines"]
            ],
            source="manual",
            user=request.user,
        )
        return _entry_response(entry, status.HTTP_201_CREATED)


class JournalEntryDetailView(LedgerView):
    serializer_class = EntrySerializer
    pagination_class = None

    @extend_schema(
        operation_id="journal_entries_retrieve",
        summary="One journal entry",
        parameters=[NUMBER_PATH],
        responses={200: EntrySerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        return Response(EntrySerializer(get_or_404(_entries(), number=number)).data)


class JournalEntryReverseView(LedgerView):
    serializer_class = EntrySerializer
    pagination_class = None

    @extend_schema(
        operation_id="journal_entries_reverse",
        summary="Reverse a posted entry",
        parameters=[NUMBER_PATH, IDEMPOTENCY_HEADER],
        request=ReverseInSerializer,
        responses={
            201: EntrySerializer,
            **error_responses(400, 401, 403, 404, 409, 422),
        },
    )
    @idempotent
    def post(self, request: Request, number: str) -> Response:
        serializer = ReverseInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        original = get_or_404(
            JournalEntry.objects.filter(status=EntryStatus.POSTED), number=number
        )
        reversal = services.entry_reverse(
            entry=original,
            user=request.user,
            date=serializer.validated_data.get("date"),
            description=serializer.validated_data.get("description") or None,
        )
        return _entry_response(reversal, status.HTTP_201_CREATED)


# --- Periods --------------------------------------------------------------------------


class PeriodListView(LedgerView):
    serializer_class = PeriodSerializer

    @extend_schema(
        operation_id="periods_list",
        summary="Months that were ever locked, with their state",
        responses={200: PeriodSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        periods = Period.objects.select_related("changed_by").order_by(
            "-year", "-month"
        )
        page = self.paginate_queryset(periods)
        return self.get_paginated_response(PeriodSerializer(page, many=True).data)


class _PeriodChangeView(LedgerView):
    serializer_class = PeriodSerializer
    pagination_class = None
    service = None

    def post(self, request: Request, period: str) -> Response:
        year, month = parse_period(period)
        changed = type(self).service(year=year, month=month, user=request.user)
        return Response(PeriodSerializer(changed).data)


_PERIOD_SCHEMA = {
    "parameters": [PERIOD_PATH],
    "request": None,
    "responses": {200: PeriodSerializer, **error_responses(400, 401, 403)},
}


class PeriodLockView(_PeriodChangeView):
    service = staticmethod(services.period_lock)

    @extend_schema(
        operation_id="periods_lock", summary="Lock a month", **_PERIOD_SCHEMA
    )
    def post(self, request: Request, period: str) -> Response:
        return super().post(request, period)


class PeriodUnlockView(_PeriodChangeView):
    service = staticmethod(services.period_unlock)

    @extend_schema(
        operation_id="periods_unlock", summary="Unlock a month", **_PERIOD_SCHEMA
    )
    def post(self, request: Request, period: str) -> Response:
        return super().post(request, period)


# --- Reports --------------------------------------------------------------------------


class TrialBalanceView(LedgerView):
    """Trial balance (neraca saldo) as of a date. ``trial_balance_data`` builds the
    JSON-ready body so that other renderers can reuse it."""

    serializer_class = TrialBalanceSerializer
    pagination_class = None
    # ?format=xlsx|pdf downloads (api/reports/renderers.py reads this JSON body).
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, XlsxRenderer, PdfRenderer]

    def trial_balance_data(self, request: Request) -> dict:
        as_of = query_data(AsOfQuerySerializer, request).get("as_of") or _today()
        return TrialBalanceSerializer(trial_balance(as_of=as_of)).data

    @extend_schema(
        operation_id="reports_trial_balance",
        summary="Trial balance as of a date",
        parameters=[AsOfQuerySerializer],
        responses={200: TrialBalanceSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        return Response(self.trial_balance_data(request))

"""Reports endpoints: statements, fiscal years, SHU, ledger exports and the cash book.

Each view parses its input with a serializer, calls one selector or service and renders
the result. Statements also download as XLSX or PDF (``?format=xlsx|pdf``). Readers of
statements, years and exports are the treasurer and the auditor; the SHU preview and the
cash book are also open to members (a member's SHU preview shows only their own line;
the cash book names no member). Only the treasurer writes.
"""

from __future__ import annotations

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.common import IDEMPOTENCY_HEADER, body_data, query_data
from api.idempotency import idempotent
from api.ledger.serializers import error_responses
from api.reports.renderers import PdfRenderer, XlsxRenderer
from api.reports.serializers import (
    AsOfCompareQuerySerializer,
    CashbookQuerySerializer,
    CashbookSerializer,
    EntryRefSerializer,
    ExportQuerySerializer,
    FiscalYearSerializer,
    ManifestQuerySerializer,
    ManifestSerializer,
    RangeCompareQuerySerializer,
    RangeQuerySerializer,
    ReopenInSerializer,
    ReportStatementSerializer,
    ShuAllocationInSerializer,
    ShuDistributeInSerializer,
    ShuPayOutInSerializer,
    ShuPreviewSerializer,
)
from estama.roles import Role, user_member, user_role
from reports import selectors, services
from reports.exports.files import export_chunks
from reports.exports.general_ledger import xlsx_tempfile
from reports.exports.manifest import ledger_manifest

ALL_ROLES = frozenset({Role.TREASURER, Role.AUDITOR, Role.MEMBER})
YEAR_PATH = OpenApiParameter("year", int, OpenApiParameter.PATH, "Fiscal year.")
FORMAT_PARAM = OpenApiParameter(
    "format",
    str,
    OpenApiParameter.QUERY,
    required=False,
    enum=["json", "xlsx", "pdf"],
    description="`xlsx` or `pdf` downloads the statement.",
)
DOCUMENT_RESPONSES = {
    (200, "application/json"): ReportStatementSerializer,
    (200, XlsxRenderer.media_type): OpenApiTypes.BINARY,
    (200, PdfRenderer.media_type): OpenApiTypes.BINARY,
}


# --- Statements -----------------------------------------------------------------------


class _StatementView(APIView):
    """GET one statement. ``as_of`` statements take ``?as_of=``; range statements
    take ``?start=&end=``; all take ``?lang=id|en`` and ``?format=json|xlsx|pdf``."""

    renderer_classes = [JSONRenderer, XlsxRenderer, PdfRenderer]
    query_serializer = RangeQuerySerializer
    selector = staticmethod(selectors.income_statement)

    def get(self, request: Request) -> Response:
        query = query_data(self.query_serializer, request)
        if "start" in query:
            args = {"start": query["start"], "end": query["end"]}
        else:
            args = {"as_of": query.get("as_of") or timezone.localdate()}
        if "compare" in query:
            args["compare"] = query["compare"] != "none"
        return Response(
            ReportStatementSerializer(self.selector(**args, lang=query["lang"])).data
        )


def _statement_schema(operation_id: str, summary: str, query):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        parameters=[query, FORMAT_PARAM],
        # Errors are JSON whatever ``format`` asked (see the renderers).
        responses={
            **DOCUMENT_RESPONSES,
            **{
                (code, "application/json"): response
                for code, response in error_responses(400, 401, 403, 404).items()
            },
        },
    )


class BalanceSheetView(_StatementView):
    query_serializer = AsOfCompareQuerySerializer
    selector = staticmethod(selectors.balance_sheet)

    @_statement_schema(
        "reports_balance_sheet",
        "Balance sheet (laporan posisi keuangan) as of a date, and a year earlier",
        AsOfCompareQuerySerializer,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)


class IncomeStatementView(_StatementView):
    query_serializer = RangeCompareQuerySerializer
    selector = staticmethod(selectors.income_statement)

    @_statement_schema(
        "reports_income_statement",
        "Income statement (laporan perhitungan hasil usaha), and the year before",
        RangeCompareQuerySerializer,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)


class EquityChangesView(_StatementView):
    selector = staticmethod(selectors.equity_changes)

    @_statement_schema(
        "reports_equity_changes",
        "Changes in equity (laporan perubahan ekuitas) for a range",
        RangeQuerySerializer,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)


class CashFlowView(_StatementView):
    selector = staticmethod(selectors.cash_flow)

    @_statement_schema(
        "reports_cash_flow",
        "Cash flow (laporan arus kas, direct method) for a range",
        RangeQuerySerializer,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)


# --- Fiscal years ---------------------------------------------------------------------


class YearCloseView(APIView):
    @extend_schema(
        operation_id="years_close",
        summary="Close a fiscal year (closing entry on 31 December, months locked)",
        parameters=[YEAR_PATH, IDEMPOTENCY_HEADER],
        request=None,
        responses={200: FiscalYearSerializer, **error_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request, year: int) -> Response:
        services.year_check(year)
        fy = services.year_close(year=year, user=request.user)
        return Response(FiscalYearSerializer(fy).data)


class YearReopenView(APIView):
    @extend_schema(
        operation_id="years_reopen",
        summary="Reopen a closed fiscal year (reverses the closing entry; logged)",
        parameters=[YEAR_PATH, IDEMPOTENCY_HEADER],
        request=ReopenInSerializer,
        responses={200: FiscalYearSerializer, **error_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request, year: int) -> Response:
        services.year_check(year)
        body = body_data(ReopenInSerializer, request)
        fy = services.year_reopen(year=year, reason=body["reason"], user=request.user)
        return Response(FiscalYearSerializer(fy).data)


# --- SHU ------------------------------------------------------------------------------


class ShuPreviewView(APIView):
    read_roles = ALL_ROLES

    @extend_schema(
        operation_id="shu_preview",
        summary="The year's SHU, its parts and the per-member table",
        description="A member's token sees only their own line in `members`.",
        parameters=[YEAR_PATH],
        responses={200: ShuPreviewSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request, year: int) -> Response:
        services.year_check(year)
        preview = selectors.shu_preview(year=year)
        if user_role(request.user) == Role.MEMBER:
            member = user_member(request.user)
            preview.members = [r for r in preview.members if r.member.pk == member.pk]
        return Response(ShuPreviewSerializer(preview).data)


class ShuAllocationView(APIView):
    @extend_schema(
        operation_id="shu_allocation_set",
        summary="Store the year's SHU allocation table (parts must add up to 100%)",
        parameters=[YEAR_PATH],
        request=ShuAllocationInSerializer,
        responses={200: ShuPreviewSerializer, **error_responses(400, 401, 403, 409)},
    )
    def put(self, request: Request, year: int) -> Response:
        services.year_check(year)
        body = body_data(ShuAllocationInSerializer, request)
        services.shu_allocation_set(
            year=year, parts=[dict(part) for part in body["parts"]], user=request.user
        )
        return Response(ShuPreviewSerializer(selectors.shu_preview(year=year)).data)


def _entry_ref(entry) -> dict:
    return {"entry": entry.number, "hash": entry.hash, "date": entry.date.isoformat()}


class ShuDistributeView(APIView):
    @extend_schema(
        operation_id="shu_distribute",
        summary="Post the SHU distribution of a closed year (once)",
        parameters=[YEAR_PATH, IDEMPOTENCY_HEADER],
        request=ShuDistributeInSerializer,
        responses={201: EntryRefSerializer, **error_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request, year: int) -> Response:
        services.year_check(year)
        body = body_data(ShuDistributeInSerializer, request)
        entry = services.shu_distribute(
            year=year, date=body.get("date"), user=request.user
        )
        return Response(_entry_ref(entry), status=status.HTTP_201_CREATED)


class ShuPayOutView(APIView):
    @extend_schema(
        operation_id="shu_pay_out",
        summary="Pay members' SHU (cash/bank, or to simpanan sukarela by setting)",
        parameters=[YEAR_PATH, IDEMPOTENCY_HEADER],
        request=ShuPayOutInSerializer,
        responses={201: EntryRefSerializer, **error_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request, year: int) -> Response:
        services.year_check(year)
        body = body_data(ShuPayOutInSerializer, request)
        entry = services.shu_pay_out(
            year=year, method=body["method"], date=body.get("date"), user=request.user
        )
        return Response(_entry_ref(entry), status=status.HTTP_201_CREATED)


# --- Exports --------------------------------------------------------------------------


class IgnoreFormatNegotiation(DefaultContentNegotiation):
    """``?format=`` names the export format here, not a DRF renderer: always JSON
    for the responses DRF renders (errors, the manifest)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "beancount": "text/plain; charset=utf-8",
    "hledger": "text/plain; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "beancount": "beancount", "hledger": "journal"}


class LedgerExportView(APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreFormatNegotiation

    @extend_schema(
        operation_id="exports_ledger",
        summary="General ledger export: CSV, XLSX, Beancount or hledger (streamed)",
        parameters=[ExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "text/plain"): OpenApiTypes.BINARY,
            (200, XlsxRenderer.media_type): OpenApiTypes.BINARY,
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request):
        query = query_data(ExportQuerySerializer, request)
        fmt, start, end = query["format"], query["start"], query["end"]
        stem = f"buku-besar-{start.isoformat() if start else 'awal'}_{end.isoformat()}"
        if fmt == "xlsx":
            return FileResponse(
                xlsx_tempfile(start=start, end=end),
                as_attachment=True,
                filename=f"{stem}.xlsx",
                content_type=XlsxRenderer.media_type,
            )
        response = StreamingHttpResponse(
            export_chunks(fmt=fmt, start=start, end=end),
            content_type=CONTENT_TYPES[fmt],
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{stem}.{EXTENSIONS[fmt]}"'
        )
        return response


class LedgerManifestView(APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreFormatNegotiation

    @extend_schema(
        operation_id="exports_ledger_manifest",
        summary="Manifest of a ledger export: counts, head hash, totals, name mapping",
        parameters=[ManifestQuerySerializer],
        responses={
            200: ManifestSerializer,
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        query = query_data(ManifestQuerySerializer, request)
        manifest = ledger_manifest(
            start=query["start"], end=query["end"], fmt=query.get("format")
        )
        return Response(ManifestSerializer(manifest).data)


# --- Cash book ------------------------------------------------------------------------


class CashbookView(APIView):
    read_roles = ALL_ROLES

    @extend_schema(
        operation_id="cashbook",
        summary="Transparent cash book: money in and out per month and category",
        parameters=[CashbookQuerySerializer],
        responses={200: CashbookSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = query_data(CashbookQuerySerializer, request)
        year = query.get("year") or timezone.localdate().year
        return Response(
            CashbookSerializer(selectors.cashbook(year=year, lang=query["lang"])).data
        )

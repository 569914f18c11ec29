"""``/bank/statements/``: import a statement (lines become bank lines, not postings)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from api.bank import serializers as s
from api.common import IDEMPOTENCY_HEADER, body_data, query_data
from api.idempotency import idempotent
from api.imports.serializers import DryRunQuerySerializer
from api.imports.views import (
    JOB_RESPONSES,
    ImportUploadView,
    job_response,
    upload_bytes,
)
from api.ledger.serializers import error_responses
from bank.models import Statement
from imports.jobs import import_submit
from imports.models import ImportKind


class StatementView(ImportUploadView):
    @extend_schema(
        summary="Import a bank statement (CSV/XLSX with a preset, or OFX)",
        parameters=[DryRunQuerySerializer, IDEMPOTENCY_HEADER],
        request={"multipart/form-data": s.StatementInSerializer},
        responses={**JOB_RESPONSES, **error_responses(400, 401, 403, 422)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        query = query_data(DryRunQuerySerializer, request)
        data = body_data(s.StatementInSerializer, request)
        upload = data["file"]
        job = import_submit(
            kind=ImportKind.BANK,
            data=upload_bytes(upload),
            filename=upload.name or "",
            dry_run=query["dry_run"],
            options={"account": data["account"], "preset": data.get("preset", "")},
            user=request.user,
        )
        return job_response(job)

    @extend_schema(
        summary="Imported statements, newest first",
        responses={
            200: s.BankStatementSerializer(many=True),
            **error_responses(401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        statements = Statement.objects.select_related("bank_account__account")
        page = self.paginate_queryset(statements.order_by("-created_at", "-id"))
        return self.get_paginated_response(
            s.BankStatementSerializer(page, many=True).data
        )

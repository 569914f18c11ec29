"""Imports endpoints: members, opening balances, and the jobs that record them.

The treasurer imports; the auditor reads the job history; members have no access.
A small file is imported in the request (200 for a dry run, 201 for a real run); a
large one is queued (202) and ``GET /imports/jobs/{id}/`` reports its progress.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import IDEMPOTENCY_HEADER, body_data, get_or_404, query_data
from api.idempotency import idempotent
from api.imports import serializers as s
from api.ledger.serializers import error_responses
from imports.jobs import import_submit
from imports.models import ImportJob, ImportKind, JobStatus
from imports.reader import check_size

JOB_RESPONSES = {
    200: OpenApiResponse(s.ImportJobSerializer, description="Dry run: the report."),
    201: OpenApiResponse(s.ImportJobSerializer, description="Imported."),
    202: OpenApiResponse(s.ImportJobSerializer, description="Queued (large file)."),
}


def upload_bytes(upload) -> bytes:
    """The uploaded file's bytes, refusing an empty or oversized one unread."""
    check_size(upload.size or 0)
    return upload.read()


def job_response(job: ImportJob) -> Response:
    if job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        code = 202
    elif job.status == JobStatus.DONE and not job.dry_run:
        code = 201
    else:
        code = 200
    return Response(s.ImportJobSerializer(job).data, status=code)


class ImportUploadView(GenericAPIView):
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = s.ImportJobSerializer
    filter_backends: list = []


class MembersImportView(ImportUploadView):
    @extend_schema(
        summary="Import members from CSV/XLSX (?dry_run=1 reports without writing)",
        parameters=[s.DryRunQuerySerializer, IDEMPOTENCY_HEADER],
        request={"multipart/form-data": s.FileInSerializer},
        responses={**JOB_RESPONSES, **error_responses(400, 401, 403, 422)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        query = query_data(s.DryRunQuerySerializer, request)
        data = body_data(s.FileInSerializer, request)
        upload = data["file"]
        job = import_submit(
            kind=ImportKind.MEMBERS,
            data=upload_bytes(upload),
            filename=upload.name or "",
            dry_run=query["dry_run"],
            user=request.user,
        )
        return job_response(job)


class OpeningBalancesImportView(ImportUploadView):
    @extend_schema(
        summary="Import opening balances as one opening entry, then lock its month",
        parameters=[s.DryRunQuerySerializer, IDEMPOTENCY_HEADER],
        request={"multipart/form-data": s.OpeningInSerializer},
        responses={**JOB_RESPONSES, **error_responses(400, 401, 403, 409, 422)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        query = query_data(s.DryRunQuerySerializer, request)
        data = body_data(s.OpeningInSerializer, request)
        upload = data["file"]
        job = import_submit(
            kind=ImportKind.OPENING,
            data=upload_bytes(upload),
            filename=upload.name or "",
            dry_run=query["dry_run"],
            options={"date": data["date"].isoformat()},
            user=request.user,
        )
        return job_response(job)


class ImportJobListView(GenericAPIView):
    serializer_class = s.ImportJobSerializer
    filter_backends: list = []

    @extend_schema(
        summary="Imports, newest first (without their row reports)",
        responses={
            200: s.ImportJobSummarySerializer(many=True),
            **error_responses(401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        jobs = ImportJob.objects.select_related("created_by").defer("content", "result")
        page = self.paginate_queryset(jobs.order_by("-created_at", "-id"))
        return self.get_paginated_response(
            s.ImportJobSummarySerializer(page, many=True).data
        )


class ImportJobDetailView(GenericAPIView):
    serializer_class = s.ImportJobSerializer
    filter_backends: list = []

    @extend_schema(
        summary="One import: status, progress and the row-by-row report",
        responses={200: s.ImportJobSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        job = get_or_404(
            ImportJob.objects.select_related("created_by").defer("content"), pk=pk
        )
        return Response(s.ImportJobSerializer(job).data)

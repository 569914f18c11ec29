"""``GET /api/v1/audit-log/``: the audit trail for the treasurer and the auditor.

Newest first, in pages read by key (``?cursor=``; no count, so a page costs the same
after years of events). Filters: ``actor`` (username), ``action`` (exact, or a prefix
ending in ``.`` such as ``login.``), ``date_from`` / ``date_to`` (dates in
Asia/Jakarta), ``object_type`` (``app.model``) and ``object_id``. Each event carries
its chain position and hashes, so an auditor can check the chain against a signed
checkpoint.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from api.ledger.serializers import error_responses
from audit.models import AuditEvent
from audit.selectors import audit_events


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "at",
            "actor",
            "action",
            "object_type",
            "object_id",
            "note",
            "before",
            "after",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(field_name="actor__username")
    action = django_filters.CharFilter(method="filter_action")
    date_from = django_filters.DateFilter(method="filter_date_from")
    date_to = django_filters.DateFilter(method="filter_date_to")
    object_type = django_filters.CharFilter(field_name="object_type")
    object_id = django_filters.CharFilter(field_name="object_id")

    class Meta:
        model = AuditEvent
        fields = ["actor", "action", "date_from", "date_to", "object_type", "object_id"]

    def filter_action(self, queryset, name, value):
        if value.endswith("."):
            return queryset.filter(action__startswith=value)
        return queryset.filter(action=value)

    @staticmethod
    def _start_of(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(at__gte=self._start_of(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(at__lt=self._start_of(value + dt.timedelta(days=1)))


class _DateField(forms.DateField):
    """Dates Python can add a day to (``9999-12-31`` would overflow)."""


AuditEventFilter.base_filters["date_to"].field_class = _DateField


class AuditLogPagination(CursorPagination):
    ordering = "-seq"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class AuditLogView(GenericAPIView):
    """The audit trail (treasurer and auditor; members have no access)."""

    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    pagination_class = AuditLogPagination

    def get_queryset(self):
        return audit_events()

    @extend_schema(
        operation_id="audit_log_list",
        summary="The audit trail, newest first (cursor pages)",
        responses={
            200: AuditEventSerializer(many=True),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

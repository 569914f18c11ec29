"""Small helpers every API module shares: parsing input with a serializer, looking an
object up or answering 404, the documented ``Idempotency-Key`` header, PDF responses."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Replays the first response for a repeated key (per user).",
)


def query_data(serializer_class, request: Request) -> dict:
    """Validated query parameters (400 with field errors otherwise)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def body_data(serializer_class, request: Request, **kwargs) -> dict:
    """Validated request body (400 with field errors otherwise)."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def get_or_404(queryset: QuerySet, **lookup):
    """``queryset.get(**lookup)`` or 404, also for values no database column can hold
    (NUL bytes, out-of-range or mistyped keys)."""
    if any("\x00" in str(value) for value in lookup.values()):
        raise Http404
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

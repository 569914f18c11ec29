"""One place that turns every error into ``{"code", "detail", "errors"}``.

``code`` is stable and machine-readable; ``detail`` is a human message; ``errors`` maps
a
field path (``lines.0.debit``) to its messages. Domain errors carry their own code;
DRF's
errors get codes from their class; anything unexpected is left to Django (a bug,
logged).
"""

from __future__ import annotations

from django.core.exceptions import (
    ObjectDoesNotExist,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.limits import InvalidJson, RequestTooLarge
from ledger.errors import DomainError

KIND_STATUS = {
    "invalid": status.HTTP_400_BAD_REQUEST,
    "conflict": status.HTTP_409_CONFLICT,
    "not_found": status.HTTP_404_NOT_FOUND,
    "forbidden": status.HTTP_403_FORBIDDEN,
    "unprocessable": status.HTTP_422_UNPROCESSABLE_ENTITY,
}

#: Field-level codes specific enough to become the response's top-level code.
SPECIFIC_CODES = (
    "invalid_amount",
    "invalid_account",
    "invalid_currency",
    "invalid_member",
    "invalid_date",
    "invalid_period",
)

DRF_CODES = {
    # Subclasses of ParseError with their own codes come before it (api/limits.py).
    InvalidJson: "invalid_json",
    RequestTooLarge: "request_too_large",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.ParseError: "parse_error",
    exceptions.Throttled: "throttled",
}


def error_body(code: str, detail: str, errors: dict | None = None) -> dict:
    return {"code": code, "detail": detail, "errors": errors or {}}


def _flatten(detail, codes, prefix: str = "") -> tuple[dict[str, list[str]], list[str]]:
    """Flatten DRF's nested error detail into dotted paths, collecting leaf codes."""
    errors: dict[str, list[str]] = {}
    found: list[str] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            sub_codes = codes.get(key) if isinstance(codes, dict) else None
            path = f"{prefix}.{key}" if prefix else str(key)
            sub_errors, sub_found = _flatten(value, sub_codes, path)
            errors.update(sub_errors)
            found.extend(sub_found)
    elif (
        isinstance(detail, list)
        and detail
        and not all(isinstance(item, str) for item in detail)
    ):
        for index, value in enumerate(detail):
            sub_codes = codes[index] if isinstance(codes, list) else None
            path = f"{prefix}.{index}" if prefix else str(index)
            sub_errors, sub_found = _flatten(value, sub_codes, path)
            errors.update(sub_errors)
            found.extend(sub_found)
    elif isinstance(detail, list):
        if detail:
            errors[prefix or "non_field_errors"] = [str(item) for item in detail]
            found.extend(codes if isinstance(codes, list) else [str(codes)])
    elif detail:
        errors[prefix or "non_field_errors"] = [str(detail)]
        found.append(str(codes))
    return errors, found


def _validation_response(exc: exceptions.ValidationError) -> Response:
    errors, codes = _flatten(exc.detail, exc.get_codes())
    code = next((c for c in codes if c in SPECIFIC_CODES), "invalid")
    first_field, first_messages = next(iter(errors.items()), ("", ["Invalid input."]))
    field_label = "" if first_field == "non_field_errors" else f"{first_field}: "
    detail = f"{field_label}{first_messages[0]}"
    return Response(error_body(code, detail, errors), status=400)


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(
            error_body(exc.code, exc.message, exc.errors),
            status=KIND_STATUS.get(exc.kind, 400),
        )
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        exc = exceptions.ParseError(str(exc))
    if isinstance(exc, exceptions.ValidationError):
        return _validation_response(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = next(
        (value for cls, value in DRF_CODES.items() if isinstance(exc, cls)),
        getattr(exc, "default_code", "error"),
    )
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    response.data = error_body(code, str(detail))
    return response

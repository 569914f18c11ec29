"""Limits on what a request to the API may carry, answered in the JSON envelope.

- Body size: a request under ``/api/`` whose ``Content-Length`` passes
  ``ESTAMA_API_MAX_BODY_BYTES`` (default 5 MB) is answered 413 ``request_too_large``
  before anything reads it. Django's own limit on form fields
  (``DATA_UPLOAD_MAX_MEMORY_SIZE``) answers the same way through the exception handler.
- JSON nesting: ``JSONParser`` refuses a document nested deeper than
  ``ESTAMA_API_MAX_JSON_DEPTH`` (default 32) with 400 ``invalid_json``, also when it
  nests past the interpreter's recursion limit (no request body of ours nests deeper
  than four).
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

API_PREFIX = "/api/"


class InvalidJson(ParseError):
    default_code = "invalid_json"
    default_detail = _("Dokumen JSON tidak valid atau terlalu dalam bersarang.")


class RequestTooLarge(ParseError):
    status_code = 413
    default_code = "request_too_large"
    default_detail = _("Permintaan terlalu besar.")


def max_body_bytes() -> int:
    return settings.ESTAMA_API_MAX_BODY_BYTES


def json_depth(value) -> int:
    """How deeply arrays and objects nest in a parsed document (iterative)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser that refuses documents nested deeper than the limit.

    A document nested deeper than the interpreter's recursion limit stops the C
    decoder with ``RecursionError``; anything shallower is measured after parsing.
    Both answer 400 ``invalid_json``.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.ESTAMA_API_MAX_JSON_DEPTH
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise InvalidJson(f"JSON nesting deeper than {limit} levels.") from exc
        if json_depth(data) > limit:
            raise InvalidJson(f"JSON nesting deeper than {limit} levels.")
        return data


class BodyLimitMiddleware:
    """Refuse an API request whose declared body passes the limit (413, JSON)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > max_body_bytes():
                return JsonResponse(
                    {
                        "code": RequestTooLarge.default_code,
                        "detail": str(RequestTooLarge.default_detail),
                        "errors": {
                            "body": [f"At most {max_body_bytes()} bytes are accepted."]
                        },
                    },
                    status=413,
                )
        return self.get_response(request)

"""Django's error views, answering the JSON envelope for every path under ``/api/``.

DRF's exception handler covers what happens inside an API view. What happens before
one is reached (no route matches, a path id that is not a number, a request Django
refuses as suspicious) or after it fails with a bug comes through these handlers, set
in ``estama/urls.py``; outside ``/api/`` they defer to Django's HTML pages.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from api.exceptions import error_body
from api.limits import API_PREFIX


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(code: str, detail: str, status: int) -> JsonResponse:
    return JsonResponse(error_body(code, detail), status=status)


def bad_request(request, exception):
    if _is_api(request):
        return _json("bad_request", _("Permintaan tidak valid."), 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _is_api(request):
        return _json("permission_denied", _("Anda tidak berhak melakukan ini."), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _is_api(request):
        return _json("not_found", _("Tidak ditemukan."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _json("server_error", _("Terjadi kesalahan di server."), 500)
    return defaults.server_error(request)

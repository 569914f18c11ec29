"""What a locked-out client sees, and for how long.

django-axes counts failed logins per username and address (``ESTAMA_LOCKOUT_*``
settings). Once locked, even the right password is refused until the cool-off after
the last counted failure has passed; refused attempts do not extend it. The API
answers 429 ``locked_out`` in the JSON envelope with ``Retry-After``; the login pages
answer 429 with a page saying how long to wait.
"""

from __future__ import annotations

import datetime as dt

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def lockout_wait(request: HttpRequest, credentials: dict | None = None) -> dt.timedelta:
    """How long until this username may try again from this address."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    latest = None
    # The database handler keeps the time of the last failure; other handlers do not
    # expose it, and the whole cool-off is then the honest answer.
    for attempts in getattr(handler, "get_user_attempts", lambda *a: [])(
        request, credentials
    ):
        last = attempts.aggregate(last=Max("attempt_time"))["last"]
        if last is not None and (latest is None or last > latest):
            latest = last
    if latest is None:
        return cool_off
    return max(latest + cool_off - timezone.now(), dt.timedelta(seconds=1))


def wait_minutes(wait: dt.timedelta) -> int:
    """Whole minutes, rounded up, at least one."""
    return max(1, -(-int(wait.total_seconds()) // 60))


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the answer to a locked-out login attempt."""
    wait = lockout_wait(request, credentials)
    minutes = wait_minutes(wait)
    retry_after = str(int(wait.total_seconds()) + 1)
    if request.path_info.startswith(API_PREFIX):
        if original_response is not None and original_response.status_code == 429:
            return original_response  # the API view already answered the envelope
        detail = _(
            "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam "
            "%(minutes)d menit."
        ) % {"minutes": minutes}
        response = JsonResponse(
            {"code": "locked_out", "detail": detail, "errors": {}}, status=429
        )
    else:
        admin = request.path_info.startswith(reverse("admin:index"))
        response = render(
            request,
            "registration/locked_out.html",
            {
                "minutes": minutes,
                "login_url": reverse("admin:login" if admin else "login"),
                "show_reset": not admin,
            },
            status=429,
        )
    response["Retry-After"] = retry_after
    return response

"""The client's address, the same for the lockout (axes) and the API throttles.

Behind ``ESTAMA_PROXY_COUNT`` reverse proxies the address is taken from
``X-Forwarded-For`` the way DRF's throttles take it (``NUM_PROXIES``): the entry that
many hops from the right, which the outermost trusted proxy wrote. Without proxies it
is ``REMOTE_ADDR``, and a forged header changes nothing.
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.ESTAMA_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-min(proxies, len(hops))]

"""Request rate limits of the API (DRF throttles; 429 ``throttled`` in the envelope).

Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (set from the
``ESTAMA_API_THROTTLE_*`` environment variables): ``anon`` per address, ``user`` per
user, and ``login``, stricter, per address on ``POST /api/v1/auth/token/``. DRF's own
classes copy the rates once at import; these read them on every request, so a change
of settings (tests, a reload) takes effect. Counters live in the ``default`` cache:
in production set ``CACHE_URL`` to Redis so that all workers share them.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import (
    AnonRateThrottle,
    SimpleRateThrottle,
    UserRateThrottle,
)


class _CurrentRates:
    scope: str

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_CurrentRates, AnonRateThrottle):
    scope = "anon"


class UserThrottle(_CurrentRates, UserRateThrottle):
    scope = "user"


class LoginThrottle(_CurrentRates, SimpleRateThrottle):
    """Login attempts per client address, whoever is (or is not) logged in."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }

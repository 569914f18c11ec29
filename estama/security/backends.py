"""The lockout check, as the first authentication backend."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, skipped when ``authenticate`` gets no request.

    Every login over HTTP (the login page, the admin, the token endpoint) passes its
    request. Calls without one come from code on the server (the test client, the
    shell); axes would raise for them, and no remote client can reach them.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)

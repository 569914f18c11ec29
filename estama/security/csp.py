"""The Content-Security-Policy header on every response.

The policy (``ESTAMA_CSP``) allows scripts, styles, fonts and connections from our own
origin only: pages carry no inline script or style (Swagger UI is served from local
static files by a view whose init script is a separate URL), images may also be
``data:`` URIs, nothing may be embedded as an object or framed, and forms post only
back to us. A view that needs a different policy sets the header itself; this
middleware leaves it alone. ``ESTAMA_CSP_REPORT_ONLY`` sends the policy as
``Content-Security-Policy-Report-Only`` (for trying a stricter policy out).
"""

from __future__ import annotations

from django.conf import settings

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"


def policy_header(directives: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], ...}`` as a header value."""
    return "; ".join(
        " ".join([name, *sources]).strip() for name, sources in directives.items()
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        directives = settings.ESTAMA_CSP
        if directives and HEADER not in response and REPORT_ONLY_HEADER not in response:
            name = REPORT_ONLY_HEADER if settings.ESTAMA_CSP_REPORT_ONLY else HEADER
            response[name] = policy_header(directives)
        return response

"""Root of the API: ``/api/schema/``, ``/api/docs/`` and the versioned ``/api/v1/``.

Swagger UI's files come from drf-spectacular-sidecar (static files served by the app,
no CDN); the split view serves its start-up script as a separate file, so the page
needs no inline script (Content-Security-Policy ``script-src 'self'``).
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.audit_log import AuditLogView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("v1/", include("api.tokens.urls")),
    path("v1/audit-log/", AuditLogView.as_view(), name="audit-log"),
    path("v1/", include("api.ledger.urls")),
    path("v1/", include("api.members.urls")),
    path("v1/", include("api.sales.urls")),
    path("v1/", include("api.reports.urls")),
    path("v1/", include("api.imports.urls")),
    path("v1/", include("api.bank.urls")),
]

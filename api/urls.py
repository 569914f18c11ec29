"""Root of the API: ``/api/schema/``, ``/api/docs/`` and the versioned ``/api/v1/``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("v1/", include("api.tokens.urls")),
    path("v1/", include("api.ledger.urls")),
    path("v1/", include("api.members.urls")),
    path("v1/", include("api.sales.urls")),
    path("v1/", include("api.reports.urls")),
    path("v1/", include("api.imports.urls")),
    path("v1/", include("api.bank.urls")),
]

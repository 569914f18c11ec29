"""Routes of the reports API (filled in as the endpoints are built)."""

urlpatterns: list = []

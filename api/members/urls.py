"""Routes of the members API (filled in as the endpoints are built)."""

urlpatterns: list = []

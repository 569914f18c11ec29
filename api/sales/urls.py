"""Routes of the sales API (filled in as the endpoints are built)."""

urlpatterns: list = []

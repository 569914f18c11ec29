"""Routes of the ledger API (filled in as the endpoints are built)."""

urlpatterns: list = []

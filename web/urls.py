"""Routes of the web pages."""

urlpatterns: list = []

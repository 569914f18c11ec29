"""Routes of the login, logout and own-token endpoints (``/api/v1/auth/``)."""

from django.urls import path

from api import auth

urlpatterns = [
    path("auth/token/", auth.TokenView.as_view(), name="auth-token"),
    path("auth/logout/", auth.LogoutView.as_view(), name="auth-logout"),
    path("auth/tokens/", auth.TokenListView.as_view(), name="auth-token-list"),
    path(
        "auth/tokens/<int:id>/",
        auth.TokenDetailView.as_view(),
        name="auth-token-detail",
    ),
]

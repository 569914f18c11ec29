"""``Authorization: Token <secret>``: DRF authentication against hashed tokens.

The header format is the one DRF's ``TokenAuthentication`` used, so clients keep
working; what changed is behind it (hashed storage, expiry, revocation).
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api.tokens.services import token_authenticate

KEYWORD = "Token"
#: Longer than any secret we issue; a longer header is junk, not worth hashing.
MAX_SECRET_LENGTH = 256


class ApiTokenAuthentication(BaseAuthentication):
    keyword = KEYWORD

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2 or len(parts[1]) > MAX_SECRET_LENGTH:
            raise exceptions.AuthenticationFailed(
                "Header Authorization harus berbentuk 'Token <token>'."
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(
                "Token hanya boleh berisi karakter ASCII."
            ) from exc
        token = token_authenticate(secret=secret)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # A 401 (not 403) for a missing or bad token, with the scheme to use.
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The security scheme in the OpenAPI schema."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Token <token>` from `POST /api/v1/auth/token/`; expires after "
                "`ESTAMA_TOKEN_TTL_DAYS` days or on logout, password change or "
                "deactivation."
            ),
        }

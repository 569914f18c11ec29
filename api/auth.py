"""Logging in and out of the API, and a user's own tokens.

- ``POST /api/v1/auth/token/``: username, password and an optional device ``name``;
  answers a new ``token`` and when it ``expires``. Every login gets its own token.
  Wrong credentials and inactive users get the same 400 ``invalid_credentials``, so
  the endpoint does not reveal which usernames exist; after repeated failures the
  username is locked out from that address (429 ``locked_out``).
- ``POST /api/v1/auth/logout/``: revokes the token the request was made with.
- ``GET /api/v1/auth/tokens/``: the user's live tokens (never their secrets).
- ``DELETE /api/v1/auth/tokens/{id}/``: revokes one of them.

Clients send ``Authorization: Token <token>``.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.common import body_data, get_or_404
from api.ledger.serializers import ErrorSerializer, error_responses
from api.throttling import AnonThrottle, LoginThrottle, UserThrottle
from api.tokens import services
from api.tokens.models import ApiToken
from api.tokens.serializers import (
    ApiTokenSerializer,
    TokenIssuedSerializer,
    TokenRequestSerializer,
)

TOO_MANY = OpenApiResponse(
    ErrorSerializer,
    description=(
        "Too many requests (`throttled`) or too many failed logins for this username "
        "from this address (`locked_out`); `Retry-After` says when to try again."
    ),
)


class NotTokenAuthenticated(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "not_token_authenticated"
    default_detail = "Permintaan ini tidak memakai token, jadi tidak ada yang dicabut."


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonThrottle, LoginThrottle]

    @extend_schema(
        operation_id="auth_token_create",
        summary="Log in: get a new API token",
        request=TokenRequestSerializer,
        responses={200: TokenIssuedSerializer, **error_responses(400), 429: TOO_MANY},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = body_data(TokenRequestSerializer, request)
        issued = services.token_obtain(
            request=request._request,
            username=data["username"],
            password=data["password"],
            name=data["name"],
        )
        return Response(TokenIssuedSerializer(issued).data)


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserThrottle]

    @extend_schema(
        operation_id="auth_logout_create",
        summary="Log out: revoke the token of this request",
        request=None,
        responses={204: None, **error_responses(400, 401), 429: TOO_MANY},
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.auth, ApiToken):
            raise NotTokenAuthenticated()
        services.token_revoke(
            token=request.auth, actor=request.user, reason=services.REASON_LOGOUT
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserThrottle]
    serializer_class = ApiTokenSerializer
    filter_backends: list = []

    def get_queryset(self):
        return services.user_tokens(user=self.request.user)

    @extend_schema(
        operation_id="auth_tokens_list",
        summary="My API tokens (without their secrets)",
        responses={200: ApiTokenSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class TokenDetailView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserThrottle]

    @extend_schema(
        operation_id="auth_tokens_destroy",
        summary="Revoke one of my API tokens",
        responses={204: None, **error_responses(401, 404)},
    )
    def delete(self, request: Request, id: int) -> Response:
        token = get_or_404(services.user_tokens(user=request.user), pk=id)
        services.token_revoke(
            token=token, actor=request.user, reason=services.REASON_REVOKED
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

"""Input and output shapes of the token endpoints (the secret appears only in the
answer to a login, never in a list)."""

from __future__ import annotations

from rest_framework import serializers

from api.tokens.models import ApiToken


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )
    name = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="A label for the device, e.g. `Laptop bendahara`.",
    )


class TokenIssuedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="token.pk")
    name = serializers.CharField(source="token.name")
    token = serializers.CharField(
        source="secret", help_text="Send as `Authorization: Token <token>`."
    )
    expires = serializers.DateTimeField(source="token.expires_at")


class ApiTokenSerializer(serializers.ModelSerializer):
    created = serializers.DateTimeField(source="created_at")
    expires = serializers.DateTimeField(source="expires_at")
    last_used = serializers.DateTimeField(source="last_used_at", allow_null=True)

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "expires", "last_used"]
        read_only_fields = fields

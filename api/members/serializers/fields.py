"""Fields that refer to regions by BPS code and to members by number."""

from __future__ import annotations

from rest_framework import serializers

from members.models import (
    Member,
    Region,
)


class RegionField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                f"Unknown region code {data!r}.", code="invalid"
            ) from exc


class MemberNumberField(serializers.SlugRelatedField):
    """A member given by number; unknown numbers fail with ``invalid_member``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Member.objects.all())
        kwargs.setdefault("slug_field", "number")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data or len(data) > 16:
            raise serializers.ValidationError(
                "Give a member number.", code="invalid_member"
            )
        try:
            return self.get_queryset().get(number=data)
        except Member.DoesNotExist as exc:
            raise serializers.ValidationError(
                f"Unknown member {data!r}.", code="invalid_member"
            ) from exc

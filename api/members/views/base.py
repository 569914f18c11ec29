"""The base view of the members API: roles that read, and the caller's own member.

A member reading as a member is scoped to their own rows; any other member number
answers 404, so numbers cannot be probed.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter
from rest_framework.generics import GenericAPIView

from api.common import get_or_404
from estama.roles import Role, user_member, user_role
from members.models import (
    Member,
)

ALL_READERS = frozenset({Role.TREASURER, Role.AUDITOR, Role.MEMBER})


NUMBER_PATH = OpenApiParameter("number", str, OpenApiParameter.PATH, "Member number.")


def _today():
    return timezone.localdate()


class MembersView(GenericAPIView):
    """Base: ``own_member`` is the caller's member when they read as a member."""

    filter_backends: list = []
    read_roles = ALL_READERS

    def own_member(self) -> Member | None:
        if user_role(self.request.user) == Role.MEMBER:
            member = user_member(self.request.user)
            if member is None:
                raise Http404
            return member
        return None

    def scope_members(self, queryset: QuerySet, field: str = "member") -> QuerySet:
        member = self.own_member()
        if member is not None:
            return queryset.filter(**{field: member})
        return queryset

    def member_by_number(self, number: str) -> Member:
        own = self.own_member()
        if own is not None and own.number != number:
            raise Http404
        return get_or_404(Member.objects.select_related("region"), number=number)

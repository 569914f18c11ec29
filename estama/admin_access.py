"""Every write in the admin is the treasurer's.

Django's model permissions decide what a staff user may see. On top of them, each
Estama model admin and inline takes ``TreasurerOnlyWrites``: adding, changing and
deleting also require the treasurer role (``estama.roles``), and every action is
declared with ``treasurer_action``, so it is offered only to the treasurer
(``allowed_permissions``) and refuses anyone else even when the POST is forged. An
auditor is staff with view permissions: they see everything and change nothing,
whatever permissions their group may gain later.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from estama.roles import Role, user_role

TREASURER_PERMISSION = "treasurer"


def is_treasurer(request) -> bool:
    return user_role(request.user) == Role.TREASURER


class TreasurerOnlyWrites:
    """Mixin for ``ModelAdmin`` and inlines: add, change and delete need the treasurer.

    Put it first among the bases so that it wraps every other permission rule.
    """

    def has_treasurer_permission(self, request) -> bool:
        return is_treasurer(request)

    def has_add_permission(self, request, *args, **kwargs) -> bool:
        return is_treasurer(request) and super().has_add_permission(
            request, *args, **kwargs
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return is_treasurer(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_treasurer(request) and super().has_delete_permission(request, obj)


def treasurer_action(*, description: str) -> Callable:
    """``@admin.action`` for the treasurer only.

    The action is listed only for the treasurer (``permissions=["treasurer"]`` asks
    the model admin's ``has_treasurer_permission``), and the action itself raises
    ``PermissionDenied`` (403) before doing anything for anyone else.
    """

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def action(modeladmin, request, queryset):
            if not is_treasurer(request):
                raise PermissionDenied
            return func(modeladmin, request, queryset)

        return admin.action(
            description=description, permissions=[TREASURER_PERMISSION]
        )(action)

    return decorate

"""What the sales admins share: rupiah display, actions, read-only screens.

Actions run for the treasurer only and report each object that failed.
"""

from __future__ import annotations

from django.contrib import admin, messages

from estama.admin_access import TreasurerOnlyWrites
from ledger import currency as cur
from ledger.errors import DomainError


def _rp(money) -> str:
    return cur.format_idr(getattr(money, "amount", money))


class TreasurerActionsMixin:
    def _run(self, request, queryset, action, done_message):
        done = 0
        for obj in queryset.order_by("date", "id"):
            try:
                action(obj)
            except DomainError as exc:
                self.message_user(
                    request, f"{obj}: {exc.message} ({exc.code})", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message % done, messages.SUCCESS)


class ReadOnlyAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

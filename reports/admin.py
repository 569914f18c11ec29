"""Admin for fiscal years and SHU tables: read-only views and the year-end actions.

Closing a year is an action that goes through ``reports.services`` (so the admin never
bypasses a rule the API obeys) and is the treasurer's alone (``estama.admin_access``).
Nothing here is deleted or edited in place.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from ledger.errors import DomainError
from reports import services
from reports.models import FiscalYear, ShuPart


class ShuPartInline(TreasurerOnlyWrites, admin.TabularInline):
    model = ShuPart
    fields = ("position", "kind", "name", "percent", "account")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FiscalYear)
class FiscalYearAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = (
        "year",
        "status",
        "closing_entry",
        "closed_by",
        "closed_at",
        "shu_entry",
        "payout_entry",
    )
    list_filter = ("status",)
    readonly_fields = list_display
    fields = list_display
    inlines = [ShuPartInline]
    actions = ["close_years"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @treasurer_action(description=_("Tutup tahun buku terpilih"))
    def close_years(self, request, queryset):
        for fy in queryset.order_by("year"):
            try:
                services.year_close(year=fy.year, user=request.user)
            except DomainError as exc:
                self.message_user(request, f"{fy.year}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{fy.year} ditutup.", messages.SUCCESS)

"""The audit trail in the admin: read-only (the database refuses changes anyway)."""

from django.contrib import admin

from audit.models import AuditEvent
from estama.admin_access import TreasurerOnlyWrites


@admin.register(AuditEvent)
class AuditEventAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = ("seq", "at", "action", "actor", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_id", "note")
    date_hierarchy = "at"
    list_select_related = ("actor",)
    readonly_fields = (
        "seq",
        "at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "note",
        "before",
        "after",
        "prev_hash",
        "hash",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

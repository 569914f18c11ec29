"""Dues plans, open items (waived with a reason) and the reminders sent."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from members import services
from members.admin.actions import ReadOnlyMixin, ReasonForm, _action_form
from members.models import (
    DuesPlan,
    ItemStatus,
    OpenItem,
    ReminderSent,
)


@admin.register(DuesPlan)
class DuesPlanAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = ("name", "kind", "amount", "frequency", "category", "is_active")
    list_filter = ("kind", "frequency", "is_active")

    def get_readonly_fields(self, request, obj=None):
        return ("kind",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action="dues_plan.changed",
                target=obj,
                after={
                    name: str(form.cleaned_data[name]) for name in form.changed_data
                },
            )
            return
        created = services.dues_plan_create(
            name=obj.name,
            kind=obj.kind,
            amount=obj.amount.amount,
            frequency=obj.frequency,
            category=obj.category,
            user=request.user,
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OpenItem)
class OpenItemAdmin(TreasurerOnlyWrites, ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "member",
        "kind",
        "period",
        "due_date",
        "amount",
        "paid",
        "waived",
        "status",
    )
    list_filter = ("status", "kind", "period")
    search_fields = ("member__number", "member__name")
    list_select_related = ("member",)
    actions = ("waive",)

    @treasurer_action(description=_("Hapuskan sisa tagihan (dengan alasan)"))
    def waive(self, request, queryset):
        def apply(data):
            done = 0
            for item in queryset.filter(status=ItemStatus.OPEN).order_by("pk"):
                services.item_waive(item=item, reason=data["reason"], user=request.user)
                done += 1
            self.message_user(request, f"{done} tagihan dihapuskan.")

        return _action_form(
            self,
            request,
            queryset,
            form_class=ReasonForm,
            title=_("Hapuskan tagihan"),
            action="waive",
            apply=apply,
        )


@admin.register(ReminderSent)
class ReminderSentAdmin(TreasurerOnlyWrites, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("member", "period", "email", "sent_at")
    list_select_related = ("member",)

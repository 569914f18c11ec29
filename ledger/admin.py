"""The treasurer's admin for the ledger: accounts, journal entries, periods.

Invariants kept here as in the database: a posted entry is read-only and nothing in the
ledger is deleted. Drafts are edited in place; posting and reversing go through the
ledger services (admin actions), as does locking a period, so the admin never bypasses
a rule the API obeys. Every write here is the treasurer's (``estama.admin_access``):
the auditor sees everything and changes nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from ledger import currency as cur
from ledger import services
from ledger.errors import DomainError
from ledger.models import (
    Account,
    EntryStatus,
    JournalEntry,
    JournalLine,
    Period,
    VerificationRun,
)


@admin.register(Account)
class AccountAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = ("code", "name", "type", "parent", "is_group", "is_active")
    list_filter = ("type", "is_group", "is_active", "is_contra")
    search_fields = ("code", "name", "name_en")
    list_select_related = ("parent",)
    ordering = ("code",)
    autocomplete_fields = ("parent",)

    def get_readonly_fields(self, request, obj=None):
        # The code is part of every posted entry's hash, and a group or a currency
        # change would strand the lines: all three freeze once the account has lines.
        if obj is not None and obj.lines.exists():
            return ("code", "is_group", "currency")
        return ()

    def has_delete_permission(self, request, obj=None):
        return False


class JournalLineForm(forms.ModelForm):
    class Meta:
        model = JournalLine
        fields = ("account", "side", "amount", "member", "memo")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None:
            currency = str(amount.currency)
            if not cur.is_supported(currency):
                raise forms.ValidationError(_("Mata uang tidak didukung."))
            if amount.amount <= 0:
                raise forms.ValidationError(_("Jumlah harus positif."))
            if not cur.is_exact(amount.amount, currency):
                raise forms.ValidationError(
                    _("Jumlah rupiah harus bulat (tanpa pecahan).")
                )
            if amount.amount >= cur.MAX_AMOUNT:
                raise forms.ValidationError(_("Jumlah terlalu besar."))
        return amount


class JournalLineInline(TreasurerOnlyWrites, admin.TabularInline):
    model = JournalLine
    form = JournalLineForm
    extra = 0
    autocomplete_fields = ("account",)
    raw_id_fields = ("member",)

    def _is_draft(self, obj) -> bool:
        return obj is None or obj.status == EntryStatus.DRAFT

    def get_extra(self, request, obj=None, **kwargs):
        return 2 if obj is None else 0

    def has_add_permission(self, request, obj=None):
        return self._is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._is_draft(obj) and super().has_delete_permission(request, obj)


@admin.register(JournalEntry)
class JournalEntryAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = ("number", "date", "description", "source", "status")
    list_filter = ("status", "source", "date")
    search_fields = ("number", "description", "reference")
    date_hierarchy = "date"
    inlines = (JournalLineInline,)
    actions = ("post_drafts", "reverse_entries")
    fields = (
        "date",
        "description",
        "source",
        "reference",
        "number",
        "status",
        "reverses",
        "posted_by",
        "posted_at",
        "prev_hash",
        "hash",
    )
    readonly_fields = (
        "number",
        "status",
        "reverses",
        "posted_by",
        "posted_at",
        "prev_hash",
        "hash",
    )

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != EntryStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _run(self, request, queryset, action, done_message):
        done = 0
        for entry in queryset.order_by("date", "id"):
            try:
                action(entry)
            except DomainError as exc:
                self.message_user(
                    request, f"{entry}: {exc.message} ({exc.code})", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message % done, messages.SUCCESS)

    @treasurer_action(description=_("Posting draf"))
    def post_drafts(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda entry: services.entry_draft_post(entry=entry, user=request.user),
            _("%d draf diposting."),
        )

    @treasurer_action(description=_("Balik jurnal"))
    def reverse_entries(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda entry: services.entry_reverse(entry=entry, user=request.user),
            _("%d jurnal dibalik."),
        )


class PeriodAddForm(forms.ModelForm):
    class Meta:
        model = Period
        fields = ("year", "month", "is_locked")

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not (services.MIN_DATE.year <= year <= services.MAX_DATE.year):
            raise forms.ValidationError(_("Tahun di luar rentang."))
        return year

    def clean_month(self):
        month = self.cleaned_data["month"]
        if not (1 <= month <= 12):
            raise forms.ValidationError(_("Bulan harus 1 sampai 12."))
        return month

    def validate_unique(self):
        """An existing month is changed by the service, not refused as a duplicate."""


@admin.register(Period)
class PeriodAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = ("__str__", "is_locked", "changed_by", "changed_at")
    list_filter = ("is_locked", "year")
    list_select_related = ("changed_by",)
    actions = ("lock_periods", "unlock_periods")
    form = PeriodAddForm

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ("year", "month", "is_locked", "changed_by", "changed_at")
        return ()

    def has_change_permission(self, request, obj=None):
        # Existing rows change only through the lock / unlock actions (audited).
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        action = services.period_lock if obj.is_locked else services.period_unlock
        saved = action(year=obj.year, month=obj.month, user=request.user)
        obj.pk = saved.pk
        obj._state.adding = False

    def _set(self, request, queryset, action, done_message):
        for period in queryset:
            action(year=period.year, month=period.month, user=request.user)
        self.message_user(request, done_message % queryset.count(), messages.SUCCESS)

    @treasurer_action(description=_("Kunci periode"))
    def lock_periods(self, request, queryset):
        self._set(request, queryset, services.period_lock, _("%d periode dikunci."))

    @treasurer_action(description=_("Buka kunci periode"))
    def unlock_periods(self, request, queryset):
        self._set(request, queryset, services.period_unlock, _("%d periode dibuka."))


@admin.register(VerificationRun)
class VerificationRunAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    """The job history of ledger verifications: read-only, for treasurer and
    auditor (the admin's view permission), newest first."""

    list_display = (
        "started_at",
        "trigger",
        "mode",
        "ok",
        "entry_count",
        "audit_count",
        "problem_count",
        "first_broken",
        "checkpoint",
    )
    list_filter = ("ok", "trigger", "mode")
    date_hierarchy = "started_at"
    readonly_fields = [field.name for field in VerificationRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

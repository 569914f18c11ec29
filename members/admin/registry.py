"""The member registry and the treasurer's bulk actions on members.

The list flags members in arrears; a member's page shows their items, payments and
status history.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from estama.admin_access import TreasurerOnlyWrites, treasurer_action
from ledger import currency as cur
from ledger.errors import DomainError
from members import selectors, services
from members.admin.actions import (
    DateForm,
    PaymentForm,
    PeriodForm,
    ReadOnlyMixin,
    _action_form,
)
from members.models import (
    ItemStatus,
    Member,
    MemberStatusChange,
    OpenItem,
    Payment,
)


class InArrearsFilter(admin.SimpleListFilter):
    title = _("menunggak")
    parameter_name = "in_arrears"

    def lookups(self, request, model_admin):
        return [("yes", _("Ya")), ("no", _("Tidak"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(in_arrears=True)
        if self.value() == "no":
            return queryset.filter(in_arrears=False)
        return queryset


class OpenItemInline(TreasurerOnlyWrites, ReadOnlyMixin, admin.TabularInline):
    model = OpenItem
    fields = ("kind", "period", "due_date", "amount", "paid", "waived", "status")
    readonly_fields = fields
    extra = 0
    ordering = ("-due_date", "-id")
    verbose_name_plural = _("tagihan")


class StatusChangeInline(TreasurerOnlyWrites, ReadOnlyMixin, admin.TabularInline):
    model = MemberStatusChange
    fields = ("from_status", "to_status", "reason", "changed_by", "changed_at")
    readonly_fields = fields
    extra = 0


class PaymentInline(TreasurerOnlyWrites, ReadOnlyMixin, admin.TabularInline):
    model = Payment
    fields = ("number", "date", "amount", "method", "reference")
    readonly_fields = fields
    extra = 0


@admin.register(Member)
class MemberAdmin(TreasurerOnlyWrites, admin.ModelAdmin):
    list_display = (
        "number",
        "name",
        "category",
        "region",
        "status",
        "joined_on",
        "arrears_flag",
    )
    list_filter = ("status", "category", InArrearsFilter, "region")
    search_fields = ("number", "name")
    list_select_related = ("region",)
    readonly_fields = ("number", "status", "left_reason", "left_on", "balances")
    fields = (
        "number",
        "name",
        "category",
        "region",
        "email",
        "phone",
        "joined_on",
        "status",
        "left_reason",
        "left_on",
        "user",
        "balances",
    )
    raw_id_fields = ("user",)
    inlines = (OpenItemInline, PaymentInline, StatusChangeInline)
    actions = (
        "issue_dues",
        "record_payment",
        "activate",
        "approve_resignation",
    )
    list_per_page = 100

    def get_queryset(self, request):
        overdue = OpenItem.objects.filter(
            member=OuterRef("pk"),
            status=ItemStatus.OPEN,
            due_date__lt=timezone.localdate(),
        )
        return super().get_queryset(request).annotate(in_arrears=Exists(overdue))

    @admin.display(boolean=True, description=_("menunggak"), ordering="in_arrears")
    def arrears_flag(self, obj):
        return obj.in_arrears

    @admin.display(description=_("saldo"))
    def balances(self, obj):
        if obj.pk is None:
            return "-"
        values = selectors.member_share_balances(member=obj)
        outstanding = selectors.member_outstanding(member=obj)
        credit = selectors.member_credit(member=obj)
        return format_html(
            "Pokok {} &middot; Wajib {} &middot; Sukarela {}<br>"
            "Tunggakan/tagihan terbuka {} &middot; Titipan {}",
            cur.format_idr(values["pokok"]),
            cur.format_idr(values["wajib"]),
            cur.format_idr(values["sukarela"]),
            cur.format_idr(outstanding),
            cur.format_idr(credit),
        )

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            services.member_update(member=obj, user=request.user, **changes)
        else:
            created = services.member_create(
                name=obj.name,
                category=obj.category,
                region=obj.region,
                joined_on=obj.joined_on,
                email=obj.email,
                phone=obj.phone,
                user_account=obj.user,
                user=request.user,
            )
            obj.pk, obj.number = created.pk, created.number

    def has_delete_permission(self, request, obj=None):
        return False

    @treasurer_action(description=_("Terbitkan tagihan untuk satu periode"))
    def issue_dues(self, request, queryset):
        def apply(data):
            result = services.dues_issue_period(
                period=data["period"], user=request.user
            )
            self.message_user(
                request,
                f"Periode {result.period}: {result.created} tagihan dibuat, "
                f"{result.skipped} dilewati (sudah ada).",
            )

        return _action_form(
            self,
            request,
            queryset,
            form_class=PeriodForm,
            title=_("Terbitkan tagihan (semua anggota aktif)"),
            action="issue_dues",
            apply=apply,
        )

    @treasurer_action(description=_("Catat pembayaran"))
    def record_payment(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Pilih tepat satu anggota."), messages.ERROR)
            return None

        def apply(data):
            payment = services.payment_record(
                member=queryset.get(), user=request.user, **data
            )
            self.message_user(
                request, f"Pembayaran dicatat: kuitansi {payment.number}."
            )

        return _action_form(
            self,
            request,
            queryset,
            form_class=PaymentForm,
            title=_("Catat pembayaran anggota"),
            action="record_payment",
            apply=apply,
        )

    @treasurer_action(description=_("Aktifkan (tagih simpanan pokok)"))
    def activate(self, request, queryset):
        done = 0
        for member in queryset.order_by("pk"):
            try:
                services.member_activate(member=member, user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, exc.message, messages.WARNING)
        self.message_user(request, f"{done} anggota diaktifkan.")

    @treasurer_action(description=_("Setujui pengunduran diri"))
    def approve_resignation(self, request, queryset):
        def apply(data):
            for member in queryset.order_by("pk"):
                try:
                    resignation = services.resignation_approve(
                        member=member, date=data["date"], user=request.user
                    )
                    self.message_user(
                        request,
                        f"{member.number}: pengembalian "
                        f"{cur.format_idr(resignation.refund.amount)}.",
                    )
                except DomainError as exc:
                    self.message_user(request, exc.message, messages.WARNING)

        return _action_form(
            self,
            request,
            queryset,
            form_class=DateForm,
            title=_("Setujui pengunduran diri"),
            action="approve_resignation",
            apply=apply,
        )

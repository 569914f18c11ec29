"""The treasurer's main screen: members, dues plans, open items, payments, sukarela.

Every write goes through ``members.services`` (admin actions with intermediate forms),
so the admin obeys the same rules as the API. Lists annotate what they show (region,
in-arrears flag) so that they make a constant number of queries for any page size.
Nothing here deletes anything.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from ledger import currency as cur
from ledger.errors import DomainError
from members import selectors, services
from members.models import (
    DuesPlan,
    ItemStatus,
    Member,
    MemberStatusChange,
    OpenItem,
    Payment,
    PaymentMethod,
    ReminderSent,
    Resignation,
    ResignationStatus,
    ShareTransaction,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _action_form(modeladmin, request, queryset, *, form_class, title, action, apply):
    """Render an intermediate form for an action; on submit call ``apply(form)``."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        try:
            apply(form.cleaned_data)
        except DomainError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
        return None
    return TemplateResponse(
        request,
        "members/admin/action_form.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "objects": list(queryset[:20]),
            "action": action,
            "opts": modeladmin.model._meta,
        },
    )


class PeriodForm(forms.Form):
    period = forms.RegexField(
        label=_("Periode (YYYY-MM)"), regex=r"^\d{4}-\d{2}$", max_length=7
    )


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Jumlah (Rp)"), min_value=1, decimal_places=0)
    method = forms.ChoiceField(label=_("Cara bayar"), choices=PaymentMethod.choices)
    date = forms.DateField(label=_("Tanggal"), initial=timezone.localdate)
    reference = forms.CharField(label=_("Referensi"), required=False, max_length=100)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=255)


class DateForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), initial=timezone.localdate)


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


class OpenItemInline(ReadOnlyMixin, admin.TabularInline):
    model = OpenItem
    fields = ("kind", "period", "due_date", "amount", "paid", "waived", "status")
    readonly_fields = fields
    extra = 0
    ordering = ("-due_date", "-id")
    verbose_name_plural = _("tagihan")


class StatusChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = MemberStatusChange
    fields = ("from_status", "to_status", "reason", "changed_by", "changed_at")
    readonly_fields = fields
    extra = 0


class PaymentInline(ReadOnlyMixin, admin.TabularInline):
    model = Payment
    fields = ("number", "date", "amount", "method", "reference")
    readonly_fields = fields
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
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

    @admin.action(description=_("Terbitkan tagihan untuk satu periode"))
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

    @admin.action(description=_("Catat pembayaran"))
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

    @admin.action(description=_("Aktifkan (tagih simpanan pokok)"))
    def activate(self, request, queryset):
        done = 0
        for member in queryset.order_by("pk"):
            try:
                services.member_activate(member=member, user=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, exc.message, messages.WARNING)
        self.message_user(request, f"{done} anggota diaktifkan.")

    @admin.action(description=_("Setujui pengunduran diri"))
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


@admin.register(DuesPlan)
class DuesPlanAdmin(admin.ModelAdmin):
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
class OpenItemAdmin(ReadOnlyMixin, admin.ModelAdmin):
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

    @admin.action(description=_("Hapuskan sisa tagihan (dengan alasan)"))
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


@admin.register(Payment)
class PaymentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "date", "member", "amount", "method", "receipt")
    search_fields = ("number", "member__number", "member__name", "reference")
    list_filter = ("method",)
    list_select_related = ("member",)

    @admin.display(description=_("kuitansi"))
    def receipt(self, obj):
        return format_html(
            '<a href="/api/v1/payments/{}/receipt.pdf">PDF</a>', obj.number
        )


@admin.register(ShareTransaction)
class ShareTransactionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("date", "member", "direction", "amount", "method")
    list_filter = ("direction",)
    search_fields = ("member__number", "member__name")
    list_select_related = ("member",)


@admin.register(Resignation)
class ResignationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("member", "kind", "status", "requested_on", "refund", "paid_on")
    list_filter = ("status", "kind")
    list_select_related = ("member",)
    actions = ("pay_out",)

    @admin.action(description=_("Bayar pengembalian (tunai)"))
    def pay_out(self, request, queryset):
        for resignation in queryset.filter(status=ResignationStatus.APPROVED):
            try:
                services.resignation_pay_out(
                    member=resignation.member, method="cash", user=request.user
                )
            except DomainError as exc:
                self.message_user(request, exc.message, messages.WARNING)


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("member", "period", "email", "sent_at")
    list_select_related = ("member",)

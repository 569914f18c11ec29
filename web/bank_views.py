"""The treasurer's bank page: upload statements, work through the lines with the
keyboard, see the reconciliation and mark a month reconciled.

Plain server-rendered forms (``static/js/bank.js`` only adds keyboard shortcuts);
each POST calls one service and redirects back with a message. The auditor sees the
same page without forms; members have no such page (404).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from bank import selectors, services
from bank.errors import InvalidMatch
from bank.models import BankLine, BankRule
from bank.reconciliation import last_reconciled, reconciliation, reconciliation_mark
from bank.statements import PRESETS, bank_account_get
from estama.roles import Role, user_role
from imports.jobs import import_submit
from imports.reader import check_size
from ledger.errors import DomainError
from members.models import Member
from web.access import staff_page

STATUS_FILTERS = [
    ("open", _lazy("Belum selesai")),
    ("unmatched", _lazy("Belum cocok")),
    ("suggested", _lazy("Ada usulan")),
    ("matched", _lazy("Dicocokkan")),
    ("booked", _lazy("Dibukukan")),
    ("ignored", _lazy("Diabaikan")),
]


class StatementForm(forms.Form):
    file = forms.FileField(label=_lazy("Berkas mutasi (CSV, XLSX atau OFX)"))
    account = forms.CharField(label=_lazy("Kode akun bank"), initial="1-1200")
    preset = forms.ChoiceField(
        label=_lazy("Format"),
        required=False,
        choices=[("", _lazy("Otomatis / terakhir dipakai"))]
        + [(name, name.upper()) for name in sorted(PRESETS)],
    )


def _writer(request: HttpRequest) -> None:
    if user_role(request.user) != Role.TREASURER:
        raise PermissionDenied


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not target.startswith("/bank/"):
        target = reverse("web:bank")
    return redirect(target)


def _as_of(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


@staff_page
def bank_page(request: HttpRequest) -> HttpResponse:
    """``/bank/``: lines (open ones first), the reconciliation, the upload form."""
    status = request.GET.get("status", "open")
    account = request.GET.get("account", "1-1200")
    lines = selectors.bank_lines(
        status="" if status in ("open", "all") else status, account=account
    )
    if status == "open":
        lines = lines.filter(status__in=["unmatched", "suggested"])
    as_of = _as_of(request)
    report, error = None, None
    try:
        report = reconciliation(
            bank_account=bank_account_get(account, create=False), as_of=as_of
        )
    except DomainError as exc:
        error = exc.message
    can_write = user_role(request.user) == Role.TREASURER
    return render(
        request,
        "web/bank.html",
        {
            "nav": "bank",
            "can_write": can_write,
            "form": StatementForm(initial={"account": account}) if can_write else None,
            "lines": list(lines[:200]),
            "status": status,
            "statuses": STATUS_FILTERS,
            "account": account,
            "as_of": as_of,
            "period": f"{as_of:%Y-%m}",
            "report": report,
            "report_error": error,
            "marks": last_reconciled(),
            "rules": list(
                BankRule.objects.filter(is_active=True).select_related("target")
            ),
            "next": request.get_full_path(),
        },
    )


@staff_page
def bank_upload(request: HttpRequest) -> HttpResponse:
    _writer(request)
    if request.method != "POST":
        return redirect("web:bank")
    form = StatementForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas dan kode akun bank."))
        return redirect("web:bank")
    upload = form.cleaned_data["file"]
    try:
        check_size(upload.size or 0)
        job = import_submit(
            kind="bank",
            data=upload.read(),
            filename=upload.name or "",
            options={
                "account": form.cleaned_data["account"],
                "preset": form.cleaned_data["preset"],
            },
            user=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:bank")
    if job.result:
        counts, summary = job.result["counts"], job.result["summary"]
        messages.success(
            request,
            _(
                "%(new)s mutasi baru, %(seen)s sudah pernah diimpor; %(booked)s "
                "dibukukan aturan, %(suggested)s diberi usulan."
            )
            % {
                "new": counts["created"],
                "seen": counts["unchanged"],
                "booked": summary.get("booked", 0),
                "suggested": summary.get("suggested", 0),
            },
        )
    else:
        messages.success(request, _("Mutasi sedang diimpor di latar belakang."))
    return redirect(f"{reverse('web:bank')}?account={form.cleaned_data['account']}")


@staff_page
def bank_line_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """``/bank/lines/<id>/<match|book|ignore>/`` (POST)."""
    _writer(request)
    if request.method != "POST":
        return redirect("web:bank")
    line = get_object_or_404(BankLine, pk=pk)
    try:
        if action == "match":
            number = request.POST.get("member", "").strip()
            member = None
            if number:
                member = Member.objects.filter(number=number).first()
                if member is None:
                    raise InvalidMatch(
                        _("Anggota %(number)s tidak dikenal.") % {"number": number}
                    )
            services.line_match(line=line, member=member, user=request.user)
        elif action == "book":
            services.line_book(
                line=line,
                account=request.POST.get("account", "").strip(),
                memo=request.POST.get("memo", ""),
                user=request.user,
            )
        elif action == "ignore":
            services.line_ignore(
                line=line, reason=request.POST.get("reason", ""), user=request.user
            )
        else:
            raise PermissionDenied
        messages.success(request, _("Mutasi #%(id)s selesai.") % {"id": line.pk})
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(request)


@staff_page
def bank_reconcile(request: HttpRequest) -> HttpResponse:
    """``/bank/reconcile/`` (POST): mark a month reconciled."""
    _writer(request)
    if request.method != "POST":
        return redirect("web:bank")
    account = request.POST.get("account", "")
    try:
        year, month = (int(x) for x in request.POST.get("period", "").split("-"))
        mark = reconciliation_mark(
            bank_account=bank_account_get(account),
            year=year,
            month=month,
            user=request.user,
        )
        messages.success(
            request,
            _("Bulan %(period)s ditandai sudah direkonsiliasi.")
            % {"period": f"{mark.year}-{mark.month:02d}"},
        )
    except ValueError:
        messages.error(request, _("Periode harus YYYY-MM."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(request)


@staff_page
def bank_rule_add(request: HttpRequest) -> HttpResponse:
    """``/bank/rules/`` (POST): "description contains PATTERN -> book to ACCOUNT"."""
    _writer(request)
    if request.method != "POST":
        return redirect("web:bank")
    try:
        rule = services.rule_create(
            name=request.POST.get("name", ""),
            pattern=request.POST.get("pattern", ""),
            account=request.POST.get("account", "").strip(),
            direction=request.POST.get("direction", "any"),
            user=request.user,
        )
        messages.success(
            request,
            _("Aturan disimpan: %(pattern)s → %(account)s.")
            % {"pattern": rule.pattern, "account": rule.target.code},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(request)

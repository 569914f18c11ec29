"""The pages: member home, statement, receipts, the cash book and the dashboard.

Views are interfaces: each one checks access (``web.access``), calls selectors of the
domain apps and renders a template. No view computes money itself.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bank.reconciliation import last_reconciled
from estama.roles import Role, user_member, user_role
from ledger.currency import format_idr
from members.selectors import arrears_report
from reports import selectors as reports_selectors
from reports.selectors import CASHBOOK_CATEGORIES
from web import selectors, svg
from web.access import known_user_page, staff_page
from web.member_views import member_home


def _month_label(year: int, month: int) -> str:
    return f"{str(MONTHS_3[month]).title()} {year % 100:02d}"


def _region_label(name: str) -> str:
    return name.replace("Kabupaten ", "Kab. ")


def _year_param(request: HttpRequest, default: int) -> int:
    """The ``?year=`` filter, kept within a sane range; anything else is the default."""
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return default


def _percent(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1))}%"


def _admin_links(*, can_write: bool) -> list[tuple[str, str]]:
    """Links into the admin, where the treasurer enters data: recording a payment and
    issuing dues are actions on the member list, invoices are issued and paid by
    actions on the invoice list. Only models registered in the admin are linked; the
    auditor gets no "new entry" link."""
    actions = [
        (_("Anggota: catat pembayaran, terbitkan iuran"), "members", "member", ""),
        (_("Rencana iuran"), "members", "duesplan", ""),
        (_("Tagihan anggota"), "members", "openitem", ""),
        (_("Jurnal baru"), "ledger", "journalentry", "add"),
        (_("Faktur penjualan"), "sales", "invoice", ""),
        (_("Jurnal umum"), "ledger", "journalentry", ""),
    ]
    registered = {
        (model._meta.app_label, model._meta.model_name)
        for model in admin.site._registry
    }
    links = []
    for label, app, model, action in actions:
        if (app, model) not in registered or (action == "add" and not can_write):
            continue
        try:
            url = reverse(f"admin:{app}_{model}_{action or 'changelist'}")
        except NoReverseMatch:
            continue
        links.append((label, url))
    return links


def home(request: HttpRequest) -> HttpResponse:
    """``/``: the member's own page; the treasurer and auditor go to the dashboard."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next=/")
    role = user_role(request.user)
    if role in (Role.TREASURER, Role.AUDITOR):
        return redirect("web:dashboard")
    if role == Role.MEMBER:
        return member_home(request, member=user_member(request.user))
    return render(request, "web/no_role.html", status=403)


@known_user_page
def cashbook(request: HttpRequest) -> HttpResponse:
    """``/cashbook/``: the cooperative's cash and bank book of one year, open to
    every member; it shows no member's name or number (``reports.selectors.cashbook``
    aggregates by month and category only)."""
    today = timezone.localdate()
    year = _year_param(request, today.year)
    lang = "en" if get_language() == "en" else "id"
    book = reports_selectors.cashbook(year=year, lang=lang)
    months = [m for m in book.months if year < today.year or m.month <= today.month]
    labels = [_month_label(year, m.month) for m in months]
    closing = months[-1].closing_balance if months else book.opening_balance
    chart = svg.line_chart(
        ident="cashbook",
        title=_("Kas dan bank %(year)s") % {"year": year},
        desc=_(
            "Uang masuk, uang keluar dan saldo kas dan bank di akhir setiap bulan "
            "tahun %(year)s; saldo awal %(opening)s, saldo terakhir %(closing)s."
        )
        % {
            "year": year,
            "opening": format_idr(book.opening_balance),
            "closing": format_idr(closing),
        },
        labels=labels,
        series=[
            svg.Series(_("Saldo"), [m.closing_balance for m in months]),
            svg.Series(_("Uang masuk"), [m.total_in for m in months]),
            svg.Series(_("Uang keluar"), [m.total_out for m in months]),
        ],
    )
    categories = [(key, book.category_label(key)) for key in CASHBOOK_CATEGORIES]
    rows = [
        (
            label,
            [(name, m.money_in[key], m.money_out[key]) for key, name in categories],
            m,
        )
        for label, m in zip(labels, months, strict=True)
    ]
    totals = [
        (
            sum((m.money_in[key] for m in months), Decimal(0)),
            sum((m.money_out[key] for m in months), Decimal(0)),
        )
        for key, _label in categories
    ]
    return render(
        request,
        "web/cashbook.html",
        {
            "nav": "cashbook",
            "chart": chart,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "opening": book.opening_balance,
            "closing": closing,
            "total_in": sum((m.total_in for m in months), Decimal(0)),
            "total_out": sum((m.total_out for m in months), Decimal(0)),
            "categories": categories,
            "rows": rows,
            "totals": totals,
        },
    )


@staff_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """``/dashboard/``: what the treasurer looks at first (the auditor reads it too)."""
    today = timezone.localdate()
    positions = selectors.cash_position_by_month(as_of=today, months=12)
    labels = [_month_label(p.year, p.month) for p in positions]
    current = positions[-1]
    position_chart = svg.line_chart(
        ident="position",
        title=_("Posisi kas dan bank, 12 bulan terakhir"),
        desc=_(
            "Saldo kas dan bank di akhir setiap bulan dari %(first)s sampai "
            "%(last)s. Saldo sekarang: kas %(cash)s, bank %(bank)s."
        )
        % {
            "first": labels[0],
            "last": labels[-1],
            "cash": format_idr(current.cash),
            "bank": format_idr(current.bank),
        },
        labels=labels,
        series=[
            svg.Series(_("Kas"), [p.cash for p in positions]),
            svg.Series(_("Bank"), [p.bank for p in positions]),
            svg.Series(_("Jumlah"), [p.total for p in positions]),
        ],
    )
    regions = selectors.dues_collection_by_region(year=today.year, month=today.month)
    billed = sum((r.billed for r in regions), Decimal(0))
    paid = sum((r.paid for r in regions), Decimal(0))
    overall = (paid / billed * 100).quantize(Decimal("0.1")) if billed else Decimal(0)
    collection_chart = svg.bar_chart(
        ident="collection",
        title=_("Iuran terkumpul bulan %(month)s per kabupaten/kota")
        % {"month": _month_label(today.year, today.month)},
        desc=_(
            "Persentase iuran dan simpanan wajib periode %(period)s yang sudah "
            "dibayar, untuk %(count)s kabupaten/kota. Seluruhnya %(rate)s."
        )
        % {
            "period": f"{today.year:04d}-{today.month:02d}",
            "count": len(regions),
            "rate": _percent(overall),
        },
        labels=[_region_label(r.name) for r in regions],
        values=[r.rate for r in regions],
        value_label=_percent,
        max_value=Decimal(100),
        label_width=150,
    )
    context = {
        "nav": "dashboard",
        "role_auditor": user_role(request.user) == Role.AUDITOR,
        "today": today,
        "current": current,
        "position_chart": position_chart,
        "collection_chart": collection_chart,
        "regions": regions,
        "billed": billed,
        "paid": paid,
        "overall": overall,
        "entries": list(selectors.entries_recent(limit=10)),
        "links": _admin_links(can_write=user_role(request.user) == Role.TREASURER),
        "bank_reconciled": last_reconciled(),
    }
    ageing = _ageing(as_of=today)
    context["ageing"] = ageing
    context["ageing_total"] = sum((row["amount"] for row in ageing), Decimal(0))
    context["ageing_chart"] = svg.bar_chart(
        ident="ageing",
        title=_("Umur tunggakan per %(date)s") % {"date": formats.date_format(today)},
        desc=_("Jumlah tagihan anggota yang belum dibayar menurut umurnya: %(rows)s.")
        % {
            "rows": "; ".join(
                f"{row['label']} {format_idr(row['amount'])}" for row in ageing
            )
        },
        labels=[row["label"] for row in ageing],
        values=[row["amount"] for row in ageing],
        bar_height=22,
        label_width=150,
        links=[row["url"] for row in ageing],
    )
    return render(request, "web/dashboard.html", context)


def _ageing(*, as_of: dt.date) -> list[dict]:
    """Arrears ageing buckets (``members.selectors.arrears_report``): per bucket the
    amount outstanding and how many members owe something in it."""
    report = arrears_report(as_of=as_of)
    labels = {
        "not_due": _("Belum jatuh tempo"),
        "d1_30": _("1–30 hari"),
        "d31_90": _("31–90 hari"),
        "d91_180": _("91–180 hari"),
        "over_180": _("Lebih dari 180 hari"),
    }
    rows = [member for region in report.regions for member in region.members]
    return [
        {
            "key": key,
            "label": label,
            "count": sum(1 for row in rows if row.buckets[key] > 0),
            "amount": report.totals[key],
            "url": reverse("web:arrears")
            + ("" if key == "not_due" else f"?bucket={key}"),
        }
        for key, label in labels.items()
    ]

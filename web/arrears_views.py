"""Tunggakan: members in arrears, sortable and filtered by region and age bucket,
exported to XLSX, with email reminders to the selected members and a WhatsApp
click-to-chat link per member.

Reads come from ``members.arrears`` (one aggregate query per page); reminders go
through ``members.services.reminders.arrears_reminders_send`` (at most one per member
per month, sent after commit).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ledger.currency import format_idr
from members.arrears import (
    OVERDUE_BUCKETS,
    SORTS,
    ArrearsFilter,
    arrears_members,
    arrears_totals,
    bucket_of,
)
from members.models import Region
from members.services.reminders import arrears_reminders_send
from reports.documents import Document, xlsx_bytes
from web.access import can_write, staff_write_page
from web.whatsapp import wa_link

PAGE_SIZE = 50

BUCKET_LABELS = {
    "not_due": gettext_lazy("Belum jatuh tempo"),
    "d1_30": gettext_lazy("1–30 hari"),
    "d31_90": gettext_lazy("31–90 hari"),
    "d91_180": gettext_lazy("91–180 hari"),
    "over_180": gettext_lazy("Lebih dari 180 hari"),
}

COLUMNS = [
    ("number", gettext_lazy("Nomor")),
    ("name", gettext_lazy("Nama")),
    ("region", gettext_lazy("Kabupaten/kota")),
    ("total", gettext_lazy("Tunggakan")),
    ("months", gettext_lazy("Periode")),
    ("age", gettext_lazy("Umur tertua")),
]


def _filters(request: HttpRequest) -> ArrearsFilter:
    params = request.GET
    bucket = params.get("bucket", "")
    sort = params.get("sort", "-total")
    return ArrearsFilter(
        as_of=timezone.localdate(),
        region=params.get("region", "").strip()[:4],
        bucket=bucket if bucket in OVERDUE_BUCKETS else "",
        sort=sort if sort.lstrip("-") in SORTS else "-total",
    )


def _query(filters: ArrearsFilter, **changes) -> str:
    values = {"region": filters.region, "bucket": filters.bucket, "sort": filters.sort}
    values.update(changes)
    return urlencode({key: value for key, value in values.items() if value})


def _reminder_text(row: dict, as_of) -> str:
    return _(
        "Yth. %(name)s (%(number)s), menurut catatan Estama masih ada tagihan "
        "iuran/simpanan yang belum dibayar sebesar %(total)s, yang tertua jatuh tempo "
        "%(oldest)s. Mohon dibayar kepada bendahara. Terima kasih."
    ) % {
        "name": row["member__name"],
        "number": row["member__number"],
        "total": format_idr(row["total"]),
        "oldest": f"{row['oldest']:%d-%m-%Y}",
    }


def _xlsx(filters: ArrearsFilter) -> HttpResponse:
    rows = arrears_members(filters=filters)
    doc = Document(
        title=_("Daftar tunggakan anggota"),
        subtitle=_("Per %(date)s") % {"date": f"{filters.as_of:%d-%m-%Y}"},
        columns=[
            _("Nomor"),
            _("Nama"),
            _("Kabupaten/kota"),
            _("Umur tertua"),
            _("Jatuh tempo tertua"),
            _("Telepon"),
            _("Email"),
            _("Periode"),
            _("Tunggakan"),
        ],
        text_columns=7,
        filename="tunggakan",
    )
    total = 0
    for row in rows:
        doc.rows.append(
            (
                [
                    row["member__number"],
                    row["member__name"],
                    row["member__region__name"],
                    str(
                        BUCKET_LABELS[
                            bucket_of(oldest=row["oldest"], as_of=filters.as_of)
                        ]
                    ),
                    f"{row['oldest']:%Y-%m-%d}",
                    row["member__phone"],
                    row["member__email"],
                    row["months"],
                    row["total"],
                ],
                "line",
            )
        )
        total += row["total"]
    doc.rows.append((["", _("Jumlah"), "", "", "", "", "", None, total], "total"))
    response = HttpResponse(
        xlsx_bytes(doc),
        content_type="application/vnd.openxmlformats-officedocument."
        "spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tunggakan-{filters.as_of:%Y-%m-%d}.xlsx"'
    )
    return response


@staff_write_page
def arrears(request: HttpRequest) -> HttpResponse:
    """``/kas/tunggakan/``: the list (``?region=&bucket=&sort=&page=``);
    ``?format=xlsx`` downloads every row of the same filters."""
    filters = _filters(request)
    if request.GET.get("format") == "xlsx":
        return _xlsx(filters)
    page = Paginator(arrears_members(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            **row,
            "bucket": BUCKET_LABELS[
                bucket_of(oldest=row["oldest"], as_of=filters.as_of)
            ],
            "age_days": (filters.as_of - row["oldest"]).days,
            "whatsapp": wa_link(
                phone=row["member__phone"], text=_reminder_text(row, filters.as_of)
            ),
            "has_phone": bool(row["member__phone"]),
        }
        for row in page.object_list
    ]
    current = filters.sort.lstrip("-")
    descending = filters.sort.startswith("-")
    columns = [
        {
            "key": key,
            "label": label,
            "url": "?"
            + _query(filters, sort=key if current == key and descending else f"-{key}"),
            "sort": (
                ("descending" if descending else "ascending") if current == key else ""
            ),
        }
        for key, label in COLUMNS
    ]
    return render(
        request,
        "web/arrears.html",
        {
            "nav": "arrears",
            "filters": filters,
            "regions": Region.objects.order_by("name").values_list("code", "name"),
            "buckets": [(key, BUCKET_LABELS[key]) for key in OVERDUE_BUCKETS],
            "columns": columns,
            "rows": rows,
            "page": page,
            "query": _query(filters),
            "totals": arrears_totals(filters=filters),
            "read_only": not can_write(request),
            "xlsx_url": "?" + _query(filters, format="xlsx"),
        },
    )


@staff_write_page
def arrears_remind(request: HttpRequest) -> HttpResponse:
    """POST ``/kas/tunggakan/ingatkan/``: email a reminder to the selected members
    (treasurer only; at most once per member this month)."""
    back = reverse("web:arrears")
    query = request.POST.get("query", "")
    if query:
        back = f"{back}?{query}"
    if request.method != "POST":
        return redirect(back)
    ids = [int(pk) for pk in request.POST.getlist("members") if pk.isdigit()]
    if not ids:
        messages.warning(request, _("Pilih dulu anggota yang akan diingatkan."))
        return redirect(back)
    sent = arrears_reminders_send(member_ids=ids, user=request.user)
    skipped = len(set(ids)) - sent
    text = _("%(sent)s pengingat email dikirim.") % {"sent": sent}
    if skipped:
        text += " " + _(
            "%(skipped)s dilewati: tanpa email, tanpa tunggakan, atau sudah "
            "diingatkan bulan ini."
        ) % {"skipped": skipped}
    messages.success(request, text)
    return redirect(back)

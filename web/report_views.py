"""Laporan: a financial statement for a year, a month or a date range, optionally
beside the same period of the prior year; on screen, as PDF or as XLSX. Ekspor
auditor: the general ledger in a chosen format and range, written in the background
with a manifest that carries the file's SHA-256.

The statements come from ``reports.selectors`` (the same objects the API renders);
the files from ``reports.documents`` and ``reports.exports``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jobs.models import Job, JobKind
from jobs.services import job_create
from reports import selectors as report_selectors
from reports.documents import Document, date_text, pdf_bytes, xlsx_bytes
from reports.exports.files import EXPORT_FORMATS
from web.access import staff_page
from web.tasks import ledger_export_job

STATEMENTS = {
    "balance_sheet": (gettext_lazy("Laporan posisi keuangan"), True),
    "income_statement": (gettext_lazy("Laporan hasil usaha"), False),
    "equity_changes": (gettext_lazy("Laporan perubahan ekuitas"), False),
    "cash_flow": (gettext_lazy("Laporan arus kas"), False),
}
MODES = {
    "year": gettext_lazy("Satu tahun"),
    "month": gettext_lazy("Satu bulan"),
    "range": gettext_lazy("Rentang tanggal"),
}


@dataclass(frozen=True)
class ReportRequest:
    statement: str
    mode: str
    start: dt.date
    end: dt.date
    compare: bool


def _date(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31) else None


def _parse(params) -> tuple[ReportRequest, list[str]]:
    today = timezone.localdate()
    errors = []
    statement = params.get("statement", "income_statement")
    if statement not in STATEMENTS:
        statement = "income_statement"
    mode = params.get("mode", "year")
    if mode not in MODES:
        mode = "year"
    year = params.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
    if mode == "year":
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif mode == "month":
        month_text = params.get("month", "") or f"{today:%Y-%m}"
        try:
            y, m = (int(part) for part in month_text.split("-"))
            start = dt.date(y, m, 1)
            end = dt.date(y, m, calendar.monthrange(y, m)[1])
        except ValueError:
            errors.append(_("Bulan tidak valid; gunakan pemilih bulan."))
            start, end = today.replace(day=1), today
    else:
        start = _date(params.get("start")) or dt.date(today.year, 1, 1)
        end = _date(params.get("end")) or today
        if start > end:
            errors.append(_("Tanggal awal sesudah tanggal akhir."))
            start, end = end, start
    return (
        ReportRequest(statement, mode, start, end, params.get("compare") == "1"),
        errors,
    )


def _prior(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _statement(kind: str, start: dt.date, end: dt.date, lang: str):
    selector = getattr(report_selectors, kind)
    if STATEMENTS[kind][1]:
        return selector(as_of=end, lang=lang)
    return selector(start=start, end=end, lang=lang)


def _merge(current, prior) -> list[tuple]:
    """Rows ``(label, kind, amounts...)``: the current statement's amounts, then the
    prior period's (by line key; a line only in the prior period is kept in place)."""
    prior_by_key = {line.key: line for line in prior.lines} if prior else {}
    width = len(current.columns)
    rows = []
    seen = set()
    for line in current.lines:
        seen.add(line.key)
        other = prior_by_key.get(line.key)
        amounts = list(line.amounts)
        if prior is not None:
            amounts += list(other.amounts) if other else [None] * width
        rows.append((line.label, line.kind, amounts))
    if prior is not None:
        for line in prior.lines:
            if line.key not in seen:
                rows.append(
                    (line.label, line.kind, [None] * width + list(line.amounts))
                )
    return rows


def _period_text(req: ReportRequest, lang: str) -> str:
    if STATEMENTS[req.statement][1]:
        return _("Per %(date)s") % {"date": date_text(req.end, lang)}
    return _("Periode %(start)s s.d. %(end)s") % {
        "start": date_text(req.start, lang),
        "end": date_text(req.end, lang),
    }


@staff_page
def reports(request: HttpRequest) -> HttpResponse:
    """``/laporan/?statement=&mode=year|month|range&year=&month=&start=&end=
    &compare=1&format=pdf|xlsx``."""
    lang = "en" if get_language() == "en" else "id"
    req, errors = _parse(request.GET)
    current = _statement(req.statement, req.start, req.end, lang)
    prior = None
    if req.compare and len(current.columns) == 1:
        prior = _statement(req.statement, _prior(req.start), _prior(req.end), lang)
    columns = list(current.columns)
    if prior is not None:
        columns = [f"{c} {req.end.year}" for c in columns] + [
            f"{c} {req.end.year - 1}" for c in prior.columns
        ]
    rows = _merge(current, prior)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "xlsx"):
        doc = Document(
            title=current.title,
            subtitle=_period_text(req, lang),
            columns=[_("Akun"), *columns],
            filename=f"{req.statement}-{req.start:%Y%m%d}-{req.end:%Y%m%d}",
        )
        doc.rows = [([label, *amounts], kind) for label, kind, amounts in rows]
        content, mime = (
            (pdf_bytes(doc), "application/pdf")
            if fmt == "pdf"
            else (
                xlsx_bytes(doc),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        )
        response = HttpResponse(content, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="{doc.filename}.{fmt}"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    today = timezone.localdate()
    return render(
        request,
        "web/reports.html",
        {
            "nav": "reports",
            "req": req,
            "errors": errors,
            "statements": [(key, title) for key, (title, _x) in STATEMENTS.items()],
            "modes": list(MODES.items()),
            "years": range(today.year, today.year - 10, -1),
            "statement": current,
            "columns": columns,
            "rows": rows,
            "compared": prior is not None,
            "period_text": _period_text(req, lang),
            "query": query.urlencode(),
        },
    )


@staff_page
def ledger_export(request: HttpRequest) -> HttpResponse:
    """``/laporan/ekspor/``: choose format and range; POST starts the export job
    (treasurer and auditor alike: exporting changes nothing in the books)."""
    today = timezone.localdate()
    errors = []
    if request.method == "POST":
        fmt = request.POST.get("format", "")
        start = _date(request.POST.get("start")) if request.POST.get("start") else None
        end = _date(request.POST.get("end")) or today
        if fmt not in EXPORT_FORMATS:
            errors.append(_("Pilih format ekspor."))
        if start and start > end:
            errors.append(_("Tanggal awal sesudah tanggal akhir."))
        if not errors:
            job = job_create(
                kind=JobKind.LEDGER_EXPORT,
                params={
                    "format": fmt,
                    "start": start.isoformat() if start else None,
                    "end": end.isoformat(),
                },
                total=1,
                user=request.user,
            )
            transaction.on_commit(lambda: ledger_export_job.delay(job.pk))
            return redirect("web:job", pk=job.pk)
    recent = Job.objects.filter(kind=JobKind.LEDGER_EXPORT).select_related(
        "created_by"
    )[:10]
    return render(
        request,
        "web/export.html",
        {
            "nav": "reports",
            "formats": EXPORT_FORMATS,
            "start": dt.date(today.year, 1, 1),
            "end": today,
            "errors": errors,
            "recent": list(recent),
        },
    )

"""The treasurer's upload page for imports (members, opening balances).

A plain server-rendered form: choose what to import, the file, and whether it is a
dry run; the page shows the report row by row. The auditor sees the history of
imports and their reports but no form; members have no such page (404).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from estama.roles import Role, user_role
from imports.errors import ImportInvalid
from imports.jobs import import_submit
from imports.models import ImportJob, ImportKind
from imports.reader import check_size
from ledger.errors import DomainError
from web.access import staff_page

KINDS = [(ImportKind.MEMBERS, _("Anggota")), (ImportKind.OPENING, _("Saldo awal"))]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"), choices=KINDS)
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))
    date = forms.DateField(
        label=_("Tanggal saldo awal"),
        required=False,
        help_text=_("Hanya untuk saldo awal, mis. 2025-12-31."),
    )
    dry_run = forms.BooleanField(
        label=_("Uji coba saja (tidak menyimpan apa pun)"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportKind.OPENING and not data.get("date"):
            self.add_error("date", _("Tanggal saldo awal wajib diisi."))
        return data


@staff_page
def imports_page(request: HttpRequest) -> HttpResponse:
    """``/imports/``: upload (treasurer) and the history of imports."""
    can_write = user_role(request.user) == Role.TREASURER
    form = ImportForm() if can_write else None
    job, error = None, None
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            date = form.cleaned_data.get("date")
            try:
                check_size(upload.size or 0)
                job = import_submit(
                    kind=form.cleaned_data["kind"],
                    data=upload.read(),
                    filename=upload.name or "",
                    dry_run=form.cleaned_data["dry_run"],
                    options={"date": date.isoformat()} if date else {},
                    user=request.user,
                )
            except DomainError as exc:
                error = exc
    jobs = ImportJob.objects.select_related("created_by").defer("content", "result")
    shown = request.GET.get("job", "")
    if job is None and shown.isdigit():
        job = ImportJob.objects.filter(pk=int(shown)).first()
    status = 400 if error is not None else 200
    return render(
        request,
        "web/imports.html",
        {
            "nav": "imports",
            "form": form,
            "job": job,
            "result": job.result if job else None,
            "error": error,
            "issues": error.issues if isinstance(error, ImportInvalid) else [],
            "jobs": list(jobs[:20]),
        },
        status=status,
    )

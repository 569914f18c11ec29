"""DRF renderers that turn report JSON into XLSX and PDF downloads (``?format=``).

They understand two bodies: a statement (``StatementSerializer``: ``columns`` and
``lines``) and the trial balance (``accounts`` with ``debit``/``credit``). An error
response (status >= 400) is rendered as JSON whatever the format asked, so clients
always get the ``{"code", "detail", "errors"}`` body.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone
from rest_framework.renderers import BaseRenderer

from estama.organisation import organisation
from reports.documents import (
    Document,
    date_text,
    organisation_lines,
    pdf_bytes,
    period_text,
    signature_block,
    xlsx_bytes,
)
from reports.labels import label

FILENAMES = {
    "balance_sheet": "laporan-posisi-keuangan",
    "income_statement": "laporan-hasil-usaha",
    "equity_changes": "laporan-perubahan-ekuitas",
    "cash_flow": "laporan-arus-kas",
}


def _subtitle(data: dict, lang: str) -> tuple[str, str]:
    if data.get("as_of"):
        day = dt.date.fromisoformat(data["as_of"])
        return period_text(as_of=day, lang=lang), data["as_of"]
    start = dt.date.fromisoformat(data["start"])
    end = dt.date.fromisoformat(data["end"])
    text = period_text(start=start, end=end, lang=lang)
    return text, f"{data['start']}_{data['end']}"


def _sign_off(doc: Document, org: dict, lang: str) -> Document:
    """Letterhead and signature block of the organisation (statements an auditor
    files carry both)."""
    doc.header = organisation_lines(org, lang)
    doc.signatures = signature_block(org, lang)
    today = date_text(timezone.localdate(), lang)
    doc.place_date = f"{org['city']}, {today}" if org.get("city") else today
    return doc


def _org() -> dict:
    return organisation().as_dict()


def document_from_data(data: dict, lang: str = "id") -> Document:
    """A ``Document`` from a statement or trial balance JSON body."""
    if "lines" in data and "columns" in data:
        lang = data.get("lang", lang)
        subtitle, suffix = _subtitle(data, lang)
        doc = Document(
            title=data["title"],
            subtitle=subtitle,
            columns=[label("account", lang), *data["columns"]],
            filename=f"{FILENAMES.get(data['statement'], 'laporan')}-{suffix}",
        )
        for line in data["lines"]:
            doc.rows.append(([line["label"], *line["amounts"]], line["kind"]))
        return _sign_off(doc, data.get("organisation") or _org(), lang)
    if "accounts" in data and "total_debit" in data:
        subtitle, suffix = _subtitle({"as_of": data["as_of"]}, lang)
        doc = Document(
            title=label("trial_balance", lang),
            subtitle=subtitle,
            columns=[
                label("code", lang),
                label("account", lang),
                label("debit", lang),
                label("credit", lang),
            ],
            text_columns=2,
            filename=f"neraca-saldo-{suffix}",
        )
        for row in data["accounts"]:
            debit = row["debit"] if row["debit"] not in ("0", "") else None
            credit = row["credit"] if row["credit"] not in ("0", "") else None
            doc.rows.append(([row["code"], row["name"], debit, credit], "account"))
        doc.rows.append(
            (
                [
                    "",
                    label("subtotal", lang),
                    data["total_debit"],
                    data["total_credit"],
                ],
                "total",
            )
        )
        # A working paper, not a filed statement: letterhead, no signature block.
        doc.header = organisation_lines(_org(), lang)
        return doc
    raise ValueError("This body has no document form.")


class _DocumentRenderer(BaseRenderer):
    charset = None
    render_style = "binary"
    extension = ""
    builder = staticmethod(xlsx_bytes)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response = context.get("response")
        request = context.get("request")
        if response is not None and response.status_code >= 400:
            response["Content-Type"] = "application/json"
            return json.dumps(data).encode()
        lang = "id"
        if request is not None and request.query_params.get("lang") == "en":
            lang = "en"
        doc = document_from_data(data, lang)
        if response is not None:
            response["Content-Disposition"] = (
                f'attachment; filename="{doc.filename}.{self.extension}"'
            )
        return self.builder(doc)


class XlsxRenderer(_DocumentRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    extension = "xlsx"
    builder = staticmethod(xlsx_bytes)


class PdfRenderer(_DocumentRenderer):
    media_type = "application/pdf"
    format = "pdf"
    extension = "pdf"
    builder = staticmethod(pdf_bytes)

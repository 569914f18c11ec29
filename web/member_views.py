"""The member's own pages: home, statement (and its PDF), receipts and invoices.

Every view receives ``member`` from ``web.access.member_page``: the logged-in user's
own member. Nothing here takes a member from the URL, so no one can read another
member's data; a document number that is not the member's own answers 404.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from members import selectors as member_selectors
from members.receipts import receipt_pdf
from reports.selectors import member_shu, member_shu_years
from sales.pdf import invoice_pdf
from sales.pdf import receipt_pdf as sales_receipt_pdf
from web import selectors
from web.access import member_page
from web.member_selectors import member_bills, member_payments, share_history
from web.pdf import statement_pdf

ZERO = Decimal(0)


def _year_param(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return None


def _account_namer():
    names = selectors.account_names()
    english = get_language() == "en"

    def name(code: str) -> str:
        pair = names.get(code)
        if pair is None:
            return code
        return pair[1] if english else pair[0]

    return name


def _pdf_response(content: bytes, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def member_home(request: HttpRequest, *, member) -> HttpResponse:
    """``/`` for a member: card, status, outstanding dues, simpanan and SHU."""
    today = timezone.localdate()
    items = list(member_selectors.member_open_items(member=member))
    overdue = [item for item in items if item.due_date < today]
    shares = member_selectors.member_share_balances(member=member)
    shu_year = today.year - 1
    shu = member_shu(member=member, year=shu_year)
    return render(
        request,
        "web/home.html",
        {
            "nav": "home",
            "member": member,
            "items": items,
            "overdue_count": len(overdue),
            "outstanding": sum((i.outstanding_amount for i in items), ZERO),
            "overdue_total": sum((i.outstanding_amount for i in overdue), ZERO),
            "today": today,
            "shares": [
                (_("Simpanan pokok"), shares.get("pokok", ZERO)),
                (_("Simpanan wajib"), shares.get("wajib", ZERO)),
                (_("Simpanan sukarela"), shares.get("sukarela", ZERO)),
            ],
            "shares_total": sum(shares.values(), ZERO),
            "shu": shu,
            "shu_year": shu_year,
            "payment_accounts": settings.ESTAMA_PAYMENT_ACCOUNTS,
            "qris_image": settings.ESTAMA_PAYMENT_QRIS_IMAGE,
        },
    )


@member_page
def statement(request: HttpRequest, *, member) -> HttpResponse:
    """``/me/statement/``: the member's money in plain words: Simpanan saya (what
    they paid, with a short history), Tagihan (bills by period), Pembayaran (with
    receipts) and SHU per year. No account codes, no debit or credit. ``?year=``
    limits bills and payments to one year; ``?tp=`` and ``?pp=`` page them."""
    year = _year_param(request)
    bills = member_bills(member=member)
    payments = member_payments(member=member)
    if year is not None:
        bills = bills.filter(due_date__year=year)
        payments = payments.filter(date__year=year)
    shares = member_selectors.member_share_balances(member=member)
    today = timezone.localdate()
    return render(
        request,
        "web/statement.html",
        {
            "nav": "statement",
            "member": member,
            "year": year,
            "years": range(today.year, min(member.joined_on.year, today.year) - 1, -1),
            "shares": [
                (_("Simpanan pokok"), shares.get("pokok", ZERO)),
                (_("Simpanan wajib"), shares.get("wajib", ZERO)),
                (_("Simpanan sukarela"), shares.get("sukarela", ZERO)),
            ],
            "shares_total": sum(shares.values(), ZERO),
            "history": share_history(member=member, limit=10),
            "bills": Paginator(bills, 12).get_page(request.GET.get("tp")),
            "payments": Paginator(payments, 10).get_page(request.GET.get("pp")),
            "shu_years": member_shu_years(member=member, limit=5),
            "year_query": f"year={year}&" if year else "",
        },
    )


@member_page
def statement_download(request: HttpRequest, *, member) -> HttpResponse:
    """``/me/statement/pdf/``: the same statement as a PDF file."""
    year = _year_param(request)
    result = member_selectors.member_statement(member=member, year=year)
    content = statement_pdf(statement=result, account_name=_account_namer())
    suffix = f"-{year}" if year else ""
    return _pdf_response(content, f"mutasi-{member.number}{suffix}.pdf", inline=False)


@member_page
def receipts(request: HttpRequest, *, member) -> HttpResponse:
    """``/me/receipts/``: the member's receipts (payments) and invoices."""
    return render(
        request,
        "web/receipts.html",
        {
            "nav": "receipts",
            "receipts": list(selectors.member_receipts(member=member)),
            "invoices": list(selectors.member_invoices(user=request.user)),
            "invoice_receipts": list(
                selectors.member_invoice_receipts(user=request.user)
            ),
        },
    )


@member_page
def document_download(request: HttpRequest, number: str, *, member) -> HttpResponse:
    """``/me/receipts/<number>.pdf``: one of the member's own receipts (dues and
    shares), invoices or invoice payment receipts; any other number (someone
    else's, or none) is 404."""
    payment = selectors.member_receipts(member=member).filter(number=number).first()
    if payment is not None:
        return _pdf_response(receipt_pdf(payment=payment), f"{number}.pdf", inline=True)
    invoice = (
        selectors.member_invoices(user=request.user)
        .select_related("member")
        .filter(number=number)
        .first()
    )
    if invoice is not None:
        return _pdf_response(invoice_pdf(invoice), f"{number}.pdf", inline=True)
    invoice_payment = (
        selectors.member_invoice_receipts(user=request.user)
        .filter(receipt_number=number)
        .first()
    )
    if invoice_payment is not None:
        return _pdf_response(
            sales_receipt_pdf(invoice_payment), f"{number}.pdf", inline=True
        )
    raise Http404

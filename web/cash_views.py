"""Terima pembayaran: find a member, see what they owe, record the money, land on
the receipt (print, PDF, email, WhatsApp).

Payments post through ``members.services.payment_record``, the same service the API
uses. The auditor opens the same pages read-only (no form; a POST answers 403).

A double-submitted form posts once: each rendered form carries a one-time token, and
the token of a saved payment is remembered in the session with its receipt number, so
a second submit of the same form goes to the same receipt.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ledger.currency import format_idr
from ledger.errors import DomainError
from members.models import Allocation, Member, Payment
from members.payment_preview import payment_preview
from members.receipts import receipt_pdf
from members.services import payment_record
from members.services.receipt_mail import receipt_email_send
from web import selectors
from web.access import can_write, staff_page, staff_write_page
from web.forms import PaymentForm, ReceiptEmailForm
from web.whatsapp import wa_link

SESSION_KEY = "estama_saved_payments"


def _saved_receipt(request: HttpRequest, token: str) -> str | None:
    return request.session.get(SESSION_KEY, {}).get(token)


def _remember(request: HttpRequest, token: str, number: str) -> None:
    saved = dict(request.session.get(SESSION_KEY, {}))
    saved[token] = number
    request.session[SESSION_KEY] = dict(list(saved.items())[-50:])


def _apply_domain_error(form: PaymentForm, exc: DomainError) -> None:
    """Show the service's refusal next to the field it concerns (else on top)."""
    editable = ("amount", "method", "date", "reference")
    field = next((name for name in exc.errors if name in editable), None)
    form.add_error(field, exc.message)


@staff_write_page
def receive(request: HttpRequest) -> HttpResponse:
    """``/kas/terima/``: search (``?q=``), pick a member (``?member=NUMBER``), see the
    open items and what an amount settles (``action=preview``), save
    (``action=save``, treasurer only)."""
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    query = request.GET.get("q", "").strip()
    number = source.get("member", "").strip()
    results: list[Member] = []
    member = None
    if number:
        member = Member.objects.select_related("region").filter(number=number).first()
        if member is None:
            messages.warning(
                request, _("Anggota %(number)s tidak ditemukan.") % {"number": number}
            )
    elif query:
        results = selectors.member_search(query=query)
        if len(results) == 1:
            member = results[0]
    form = preview = None
    if member is not None:
        amount = None
        if request.method == "POST":
            form = PaymentForm(request.POST)
            if form.is_valid():
                amount = form.cleaned_data["amount"]
                if request.POST.get("action") == "save":
                    response = _save(request, form=form, member=member)
                    if response is not None:
                        return response
        preview = payment_preview(member=member, amount=amount, as_of=today)
        if form is None and can_write(request):
            form = PaymentForm(
                initial={
                    "member": member.number,
                    "token": uuid.uuid4().hex,
                    "amount": f"{preview.amount:.0f}" if preview.amount else "",
                    "date": today,
                }
            )
    return render(
        request,
        "web/receive.html",
        {
            "nav": "receive",
            "query": query,
            "results": results,
            "member": member,
            "preview": preview,
            "form": form if can_write(request) else None,
            "read_only": not can_write(request),
        },
    )


def _save(request: HttpRequest, *, form: PaymentForm, member: Member):
    """Record the payment of a valid form; the redirect to its receipt, or None
    (with the service's refusal on the form)."""
    token = form.cleaned_data["token"]
    done = _saved_receipt(request, token)
    if done:
        return redirect("web:receipt", number=done)
    data = form.cleaned_data
    try:
        payment = payment_record(
            member=member,
            amount=data["amount"],
            method=data["method"],
            date=data["date"],
            reference=data["reference"],
            user=request.user,
        )
    except DomainError as exc:
        _apply_domain_error(form, exc)
        return None
    _remember(request, token, payment.number)
    messages.success(
        request,
        _("Pembayaran %(amount)s dari %(name)s tercatat: kuitansi %(number)s.")
        % {
            "amount": format_idr(payment.amount.amount),
            "name": member.name,
            "number": payment.number,
        },
    )
    return redirect("web:receipt", number=payment.number)


@staff_page
def member_lookup(request: HttpRequest) -> JsonResponse:
    """``/kas/anggota.json?q=``: the type-ahead's suggestions (number, name, region,
    status and the URL of the member's payment form)."""
    base = reverse("web:receive")
    rows = selectors.member_search(query=request.GET.get("q", ""), limit=10)
    return JsonResponse(
        {
            "results": [
                {
                    "number": m.number,
                    "name": m.name,
                    "region": m.region.name,
                    "status": m.get_status_display(),
                    "url": f"{base}?member={m.number}",
                }
                for m in rows
            ]
        }
    )


def _payment(number: str) -> Payment:
    payment = (
        Payment.objects.select_related("member", "member__region", "entry")
        .filter(number=number)
        .first()
    )
    if payment is None:
        raise Http404
    return payment


def _share_text(payment: Payment) -> str:
    return _(
        "Kuitansi %(number)s: pembayaran %(amount)s dari %(name)s (%(member)s) "
        "tanggal %(date)s sudah diterima. Terima kasih. — Bendahara Estama"
    ) % {
        "number": payment.number,
        "amount": format_idr(payment.amount.amount),
        "name": payment.member.name,
        "member": payment.member.number,
        "date": f"{payment.date:%d-%m-%Y}",
    }


@staff_write_page
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    """``/kas/kuitansi/<number>/``: the receipt on screen with Print, PDF, email
    (POST, treasurer) and a WhatsApp share link."""
    payment = _payment(number)
    email_form = ReceiptEmailForm(initial={"email": payment.member.email})
    if request.method == "POST":
        email_form = ReceiptEmailForm(request.POST)
        if email_form.is_valid():
            try:
                sent_to = receipt_email_send(
                    payment=payment,
                    to=email_form.cleaned_data["email"],
                    user=request.user,
                )
            except DomainError as exc:
                email_form.add_error("email", exc.message)
            else:
                messages.success(
                    request,
                    _("Kuitansi %(number)s dikirim ke %(email)s.")
                    % {"number": payment.number, "email": sent_to},
                )
                return redirect("web:receipt", number=payment.number)
    allocations = list(
        Allocation.objects.filter(payment=payment)
        .select_related("item")
        .order_by("item__due_date", "item__kind_order", "id")
    )
    return render(
        request,
        "web/receipt.html",
        {
            "nav": "receive",
            "payment": payment,
            "allocations": allocations,
            "settled": sum((a.amount.amount for a in allocations), 0),
            "email_form": email_form if can_write(request) else None,
            "whatsapp": wa_link(phone=payment.member.phone, text=_share_text(payment)),
        },
    )


@staff_page
def receipt_download(request: HttpRequest, number: str) -> HttpResponse:
    """``/kas/kuitansi/<number>.pdf``: the printable receipt."""
    payment = _payment(number)
    response = HttpResponse(
        receipt_pdf(payment=payment), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{payment.number}.pdf"'
    return response

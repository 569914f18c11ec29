"""Terima pembayaran: search, open items, the allocation preview, saving through the
payment service, the receipt page (PDF, email, WhatsApp), auditor read-only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from ledger.chart import account_code
from ledger.models import JournalLine
from members.models import ItemStatus, OpenItem, Payment

pytestmark = pytest.mark.django_db


def _form(client, member) -> dict:
    response = client.get(f"/kas/terima/?member={member.number}")
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form.initial.get(name, "") for name in form.fields} | {
        "method": "cash",
        "date": form.initial["date"].isoformat(),
    }


def test_search_by_name_lists_members_and_a_single_hit_opens_the_form(
    web_client, treasurer, portal, make_member
):
    make_member("Sari Rahayu", region="3501")
    client = web_client(treasurer)

    many = client.get("/kas/terima/?q=sari")
    one = client.get(f"/kas/terima/?q={portal.budi.number}")

    assert many.status_code == 200 and many.context["member"] is None
    assert {m.name for m in many.context["results"]} == {
        "Sari Wulandari",
        "Sari Rahayu",
    }
    assert one.context["member"] == portal.budi
    assert one.context["form"] is not None


def test_form_shows_open_items_and_prefills_what_is_owed(web_client, treasurer, portal):
    # Budi owes 2 x 25.000 and paid 10.000 on the oldest: 40.000 open
    client = web_client(treasurer)

    response = client.get(f"/kas/terima/?member={portal.budi.number}")

    preview = response.context["preview"]
    assert preview.owed == Decimal(40000)
    assert response.context["form"].initial["amount"] == "40000"
    assert [line.outstanding for line in preview.lines] == [
        Decimal(15000),
        Decimal(25000),
    ]
    html = response.content.decode()
    assert "Rp 40.000" in html and "Iuran anggota" in html


def test_preview_shows_which_bills_an_amount_settles_and_the_credit(
    web_client, treasurer, portal
):
    client = web_client(treasurer)
    data = _form(client, portal.budi) | {"amount": "Rp 50.000", "action": "preview"}

    response = client.post("/kas/terima/", data)

    assert response.status_code == 200
    preview = response.context["preview"]
    assert [line.settled for line in preview.lines] == [Decimal(15000), Decimal(25000)]
    assert preview.overpaid == Decimal(10000)
    assert "menjadi titipan anggota" in response.content.decode()
    assert not Payment.objects.filter(member=portal.budi, amount=50000).exists()


def test_saving_posts_through_the_payment_service_and_lands_on_the_receipt(
    web_client, treasurer, portal
):
    client = web_client(treasurer)
    data = _form(client, portal.budi) | {
        "amount": "20.000",
        "method": "qris",
        "reference": "QR-991",
        "action": "save",
    }

    response = client.post("/kas/terima/", data)

    payment = Payment.objects.get(member=portal.budi, reference="QR-991")
    assert response.status_code == 302
    assert response["Location"] == f"/kas/kuitansi/{payment.number}/"
    assert payment.amount.amount == Decimal(20000) and payment.method == "qris"
    # QRIS money lands in the bank; the oldest item is paid, the next one partly
    bank = JournalLine.objects.get(
        entry=payment.entry, account__code=account_code("bank")
    )
    assert bank.amount.amount == Decimal(20000)
    items = OpenItem.objects.filter(member=portal.budi).order_by("due_date")
    assert [i.status for i in items] == [ItemStatus.PAID, ItemStatus.OPEN]
    # a second submit of the same form posts nothing more
    again = client.post("/kas/terima/", data)
    assert again["Location"] == response["Location"]
    assert Payment.objects.filter(member=portal.budi, reference="QR-991").count() == 1


def test_invalid_amount_is_refused_on_the_form_and_nothing_is_posted(
    web_client, treasurer, portal
):
    client = web_client(treasurer)
    before = Payment.objects.count()
    for amount in ("12,5", "0", "abc", "-100"):
        data = _form(client, portal.budi) | {"amount": amount, "action": "save"}
        response = client.post("/kas/terima/", data)
        assert response.status_code == 200
        assert response.context["form"].errors["amount"]
    assert Payment.objects.count() == before


def test_receipt_page_pdf_email_and_whatsapp(
    web_client, treasurer, portal, django_capture_on_commit_callbacks
):
    portal.budi.phone = "0812-3456-7890"
    portal.budi.save(update_fields=["phone"])
    client = web_client(treasurer)
    url = f"/kas/kuitansi/{portal.budi_receipt}/"

    page = client.get(url)
    pdf = client.get(f"/kas/kuitansi/{portal.budi_receipt}.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"email": "budi@example.org"})

    assert page.status_code == 200
    assert page.context["whatsapp"].startswith("https://wa.me/6281234567890?text=")
    assert portal.budi_receipt in page.context["whatsapp"]
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@example.org"]
    assert message.attachments[0][0] == f"{portal.budi_receipt}.pdf"


def test_lookup_json_for_the_type_ahead(web_client, treasurer, portal):
    response = web_client(treasurer).get("/kas/anggota.json?q=wulan")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["number"] for row in rows] == [portal.sari.number]
    assert rows[0]["url"] == f"/kas/terima/?member={portal.sari.number}"


def test_auditor_reads_but_cannot_post(web_client, auditor, portal):
    client = web_client(auditor)

    page = client.get(f"/kas/terima/?member={portal.budi.number}")
    post = client.post(
        "/kas/terima/",
        {"member": portal.budi.number, "amount": "1000", "action": "save"},
    )
    mail_post = client.post(f"/kas/kuitansi/{portal.budi_receipt}/", {"email": ""})

    assert page.status_code == 200 and page.context["form"] is None
    assert "Simpan dan buat kuitansi" not in page.content.decode()
    assert "Tagihan anggota (pengawas)" in page.content.decode()
    assert post.status_code == 403 and mail_post.status_code == 403
    assert Payment.objects.filter(member=portal.budi).count() == 1


def test_members_and_anonymous_cannot_open_the_cash_desk(web_client, portal):
    member = web_client(portal.sari.user)
    assert member.get("/kas/terima/").status_code == 404
    assert member.get(f"/kas/kuitansi/{portal.sari_receipt}/").status_code == 404
    assert member.get("/kas/anggota.json?q=sari").status_code == 404
    anonymous = web_client(None).get("/kas/terima/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_receive_and_receipt_query_counts_are_constant(
    web_client, treasurer, portal, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.services.payments import payment_record

    client = web_client(treasurer)
    url = f"/kas/terima/?member={portal.budi.number}"

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    # when Budi has more open items and more payments
    from members.services import dues_issue_period

    for period in ("2026-05", "2026-06", "2026-07"):
        dues_issue_period(period=period)
    payment = payment_record(
        member=portal.budi, amount=Decimal(1000), method="cash", date=portal.today
    )
    for n in range(3):
        payment_record(
            member=portal.budi,
            amount=Decimal(100 + n),
            method="cash",
            date=portal.today,
        )
    with django_assert_max_num_queries(len(first)):
        assert len(client.get(url).context["preview"].lines) == 5
    assert len(first) <= 15
    with django_assert_max_num_queries(12):
        client.get(f"/kas/kuitansi/{payment.number}/")
    with django_assert_max_num_queries(12):
        client.get("/kas/terima/?q=an")

"""Tunggakan: the list of members in arrears, filters, sorting, XLSX, reminders."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from members.models import ReminderSent
from members.services import dues_issue_period, dues_plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(db, make_member, treasurer):
    """Three members billed Rp 25.000 a month since May 2026 (all overdue by
    December); Sari pays May, so her oldest item is June."""
    from members.services.payments import payment_record

    dues_plan_create(name="Iuran", kind="iuran", amount=Decimal(25000))
    sari = make_member("Sari", region="3578")
    budi = make_member("Budi", region="3507")
    ani = make_member("Ani", region="3507")
    ani.phone = "081234567890"
    ani.save(update_fields=["phone"])
    for month in range(5, 12):
        dues_issue_period(period=f"2026-{month:02d}")
    payment_record(
        member=sari, amount=Decimal(25000), method="cash", date=dt.date(2026, 11, 1)
    )
    return sari, budi, ani


LABELS = {
    "d1_30": "1–30 hari",
    "d31_90": "31–90 hari",
    "d91_180": "91–180 hari",
    "over_180": "Lebih dari 180 hari",
}


def _bucket(days: int) -> str:
    if days <= 30:
        return "d1_30"
    if days <= 90:
        return "d31_90"
    return "d91_180" if days <= 180 else "over_180"


def _rows(response):
    return [(row["member__name"], row["total"]) for row in response.context["rows"]]


def test_lists_members_with_amount_months_bucket_and_region(
    web_client, treasurer, overdue
):
    response = web_client(treasurer).get("/kas/tunggakan/")

    assert response.status_code == 200
    rows = {row["member__name"]: row for row in response.context["rows"]}
    # the tests run in December 2026 or later: every issued month is overdue
    assert rows["Budi"]["total"] == Decimal(175000) and rows["Budi"]["months"] == 7
    assert rows["Sari"]["total"] == Decimal(150000) and rows["Sari"]["months"] == 6
    assert rows["Budi"]["member__region__name"] == "Kabupaten Malang"
    days = (timezone.localdate() - dt.date(2026, 5, 31)).days
    assert rows["Budi"]["age_days"] == days
    assert str(rows["Budi"]["bucket"]) == LABELS[_bucket(days)]
    assert response.context["totals"] == {
        "members": 3,
        "total": Decimal(175000 * 2 + 150000),
    }
    assert rows["Ani"]["whatsapp"].startswith("https://wa.me/6281234567890?text=")


def test_filter_by_region_and_sort_by_any_column(web_client, treasurer, overdue):
    client = web_client(treasurer)

    malang = client.get("/kas/tunggakan/?region=3507&sort=name")
    by_total = client.get("/kas/tunggakan/?sort=total")
    by_name_desc = client.get("/kas/tunggakan/?sort=-name")

    assert [name for name, _ in _rows(malang)] == ["Ani", "Budi"]
    assert [name for name, _ in _rows(by_total)][0] == "Sari"
    assert [name for name, _ in _rows(by_name_desc)] == ["Sari", "Budi", "Ani"]
    for key in ("number", "region", "months", "age", "-age", "nonsense"):
        assert client.get(f"/kas/tunggakan/?sort={key}").status_code == 200


def test_filter_by_bucket_of_the_oldest_item(web_client, treasurer, overdue):
    client = web_client(treasurer)
    # Budi's and Ani's oldest due date is 31 May 2026
    bucket = _bucket((timezone.localdate() - dt.date(2026, 5, 31)).days)

    response = client.get(f"/kas/tunggakan/?bucket={bucket}")

    names = {name for name, _ in _rows(response)}
    assert {"Budi", "Ani"} <= names
    other = "d1_30" if bucket != "d1_30" else "over_180"
    others = _rows(client.get(f"/kas/tunggakan/?bucket={other}"))
    assert not {"Budi", "Ani"} & {name for name, _ in others}


def test_xlsx_export_has_every_row_and_a_total(web_client, treasurer, overdue):
    response = web_client(treasurer).get(
        "/kas/tunggakan/?format=xlsx&region=3507&sort=name"
    )

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert [row[1] for row in values] == ["Ani", "Budi", "Jumlah"]
    assert values[-1][-1] == 350000


def test_reminders_go_to_the_selected_members_once_a_month(
    web_client, treasurer, overdue, django_capture_on_commit_callbacks
):
    sari, budi, _ani = overdue
    client = web_client(treasurer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/kas/tunggakan/ingatkan/", {"members": [sari.pk, budi.pk]}
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/kas/tunggakan/ingatkan/", {"members": [sari.pk]})

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([sari.email, budi.email])
    assert ReminderSent.objects.count() == 2


def test_auditor_reads_the_list_but_cannot_send_reminders(web_client, auditor, overdue):
    sari, *_ = overdue
    client = web_client(auditor)

    page = client.get("/kas/tunggakan/")
    post = client.post("/kas/tunggakan/ingatkan/", {"members": [sari.pk]})

    assert page.status_code == 200
    assert "Tunggakan anggota (pengawas)" in page.content.decode()
    assert 'name="members"' not in page.content.decode()
    assert post.status_code == 403
    assert not ReminderSent.objects.exists()


def test_dashboard_ageing_chart_links_to_the_list(web_client, treasurer, overdue):
    html = web_client(treasurer).get("/dashboard/").content.decode()

    assert '<a href="/kas/tunggakan/?bucket=over_180" class="bar-link">' in html


def test_arrears_query_count_is_constant(web_client, treasurer, overdue, make_member):
    client = web_client(treasurer)
    with CaptureQueriesContext(connection) as before:
        client.get("/kas/tunggakan/")
    for n in range(6):
        make_member(f"Anggota {n}", region="3501")
    dues_issue_period(period="2026-04")

    with CaptureQueriesContext(connection) as after:
        response = client.get("/kas/tunggakan/")

    assert len(response.context["rows"]) == 9
    assert len(after) == len(before) <= 12

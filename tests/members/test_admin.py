"""The treasurer's admin: constant-query lists, member page, actions via services."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from members.models import OpenItem, Payment
from members.services import dues_issue_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    user = User.objects.create_superuser("admin", "a@example.org", "rahasia-123")
    client = Client()
    client.force_login(user)
    return client


def test_member_list_is_constant_query(
    admin_client, new_member, plans, django_assert_max_num_queries
):
    for i in range(3):
        new_member(f"Anggota {i}")
    dues_issue_period(period="2026-01")
    with django_assert_max_num_queries(12) as few:
        assert admin_client.get("/admin/members/member/").status_code == 200
    for i in range(30):
        new_member(f"Lagi {i}", region="3507")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(
            "/admin/members/member/?in_arrears=yes&region__code__exact=3507"
        )
    assert response.status_code == 200
    assert (
        admin_client.get(
            "/admin/members/member/?q=Lagi&status__exact=active"
        ).status_code
        == 200
    )


def test_member_page_shows_balances_and_items(admin_client, new_member):
    member = new_member("Ani")
    response = admin_client.get(f"/admin/members/member/{member.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rp 100.000" in body and "pokok" in body


def test_actions_issue_pay_and_waive(admin_client, new_member, plans):
    member = new_member("Ani")
    url = "/admin/members/member/"
    # the intermediate form, then the submission
    form = admin_client.post(
        url, {"action": "issue_dues", "_selected_action": [member.pk]}
    )
    assert form.status_code == 200 and b"YYYY-MM" in form.content
    admin_client.post(
        url,
        {
            "action": "issue_dues",
            "_selected_action": [member.pk],
            "apply": "1",
            "period": "2026-02",
        },
    )
    assert OpenItem.objects.filter(period="2026-02").count() == 2
    admin_client.post(
        url,
        {
            "action": "record_payment",
            "_selected_action": [member.pk],
            "apply": "1",
            "amount": "100000",
            "method": "cash",
            "date": "2026-02-03",
            "reference": "",
        },
    )
    assert Payment.objects.get().amount.amount == Decimal(100000)
    item = OpenItem.objects.get(kind="iuran")
    admin_client.post(
        "/admin/members/openitem/",
        {
            "action": "waive",
            "_selected_action": [item.pk],
            "apply": "1",
            "reason": "sakit",
        },
    )
    item.refresh_from_db()
    assert item.status == "waived" and item.waive_reason == "sakit"
    assert admin_client.get("/admin/members/duesplan/").status_code == 200
    assert admin_client.get("/admin/members/payment/").status_code == 200
    assert admin_client.get("/admin/members/openitem/").status_code == 200

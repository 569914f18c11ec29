"""Login, logout, password reset by email, the language switch and Rupiah display."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from djmoney.money import Money

pytestmark = pytest.mark.django_db


def test_login_page_has_labelled_fields_and_csrf(web_client):
    html = web_client().get("/login/").content.decode()

    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert "csrfmiddlewaretoken" in html
    assert 'href="#content"' in html  # skip link
    assert 'lang="id"' in html


def test_member_logs_in_and_lands_on_home(web_client, portal):
    client = web_client()

    response = client.post(
        "/login/",
        {"username": portal.sari.user.username, "password": portal.password},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/"
    assert portal.sari.number in response.content.decode()


def test_wrong_password_shows_an_error(web_client, portal):
    response = web_client().post(
        "/login/", {"username": portal.sari.user.username, "password": "salah"}
    )

    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(web_client, portal):
    client = web_client(portal.sari.user)

    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")

    assert response.status_code == 302 and response["Location"] == "/login/"
    assert client.get("/").status_code == 302


def test_password_reset_by_email_full_flow(web_client, portal, mailoutbox):
    client = web_client()
    email = portal.sari.user.email = "sari@example.org"
    portal.sari.user.save(update_fields=["email"])

    # when Sari asks for a reset link
    response = client.post("/password-reset/", {"email": email})
    assert response["Location"] == "/password-reset/sent/"
    assert client.get(response["Location"]).status_code == 200

    # then an email in Indonesian carries the link
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Atur ulang kata sandi Estama"
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)

    # and following it lets her choose a new password and log in with it
    form = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Kopi-Tubruk-2026", "new_password2": "Kopi-Tubruk-2026"},
        follow=True,
    )
    assert "Kata sandi tersimpan" in done.content.decode()
    assert client.login(username=portal.sari.user.username, password="Kopi-Tubruk-2026")


def test_pages_are_in_indonesian_by_default(web_client, portal):
    html = web_client(portal.sari.user).get("/").content.decode()

    assert "Tagihan belum lunas" in html
    assert "Anggota biasa" in html


def test_language_switch_to_english(web_client, portal):
    client = web_client(portal.sari.user)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()

    assert response.status_code == 302
    assert 'lang="en"' in html
    assert "Outstanding dues" in html
    assert "Membership card" in html
    assert "Valid while dues are paid up" in html
    # model labels (Indonesian msgids) come out in English too
    assert "Ordinary member" in html and "Active" in html
    assert "Tagihan belum lunas" not in html


def test_english_dashboard_and_cashbook(web_client, treasurer, portal):
    client = web_client(treasurer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    dashboard = client.get("/dashboard/").content.decode()
    cashbook = client.get("/cashbook/").content.decode()

    assert (
        "Treasurer&#x27;s dashboard" in dashboard
        or "Treasurer's dashboard" in dashboard
    )
    assert "Arrears ageing" in dashboard
    assert "Dues &amp; shares" in cashbook and "Money in" in cashbook


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234567"), "Rp 1.234.567"),
        (Decimal("0"), "Rp 0"),
        (Decimal("-25000"), "-Rp 25.000"),
        (Money(150000, "IDR"), "Rp 150.000"),
        (1000000, "Rp 1.000.000"),
        ("42000", "Rp 42.000"),
        (None, ""),
        ("not a number", ""),
    ],
)
def test_rupiah_filter(value, shown):
    template = Template("{% load estama %}{{ value|rupiah }}")

    assert template.render(Context({"value": value})) == shown

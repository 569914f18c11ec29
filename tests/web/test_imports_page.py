"""The treasurer's import page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import ImportJob
from members.models import Member
from tests.imports.conftest import data_file

pytestmark = pytest.mark.django_db
URL = "/imports/"


def _post(client, name, **fields):
    return client.post(
        URL,
        {
            "kind": "members",
            "file": SimpleUploadedFile(name, data_file(name)),
            **fields,
        },
    )


def test_treasurer_dry_runs_then_imports(web_client, treasurer):
    client = web_client(treasurer)
    page = client.get(URL)
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content
    dry = _post(client, "anggota_utf8_bom.csv", dry_run="on")
    assert dry.status_code == 200
    assert "Siti Nur’aini" in dry.content.decode()
    assert not Member.objects.exists()
    real = _post(client, "anggota_utf8_bom.csv")
    assert real.status_code == 200
    assert Member.objects.count() == 5
    assert ImportJob.objects.count() == 2


def test_errors_are_listed_and_nothing_is_imported(web_client, treasurer):
    response = _post(web_client(treasurer), "anggota_bermasalah.csv")
    assert response.status_code == 400
    assert "baris 3, kolom &#x27;tanggal_bergabung&#x27;" in response.content.decode()
    assert not Member.objects.exists()


def test_auditor_reads_history_without_a_form(web_client, treasurer, auditor):
    _post(web_client(treasurer), "anggota_utf8_bom.csv")
    client = web_client(auditor)
    page = client.get(URL)
    assert page.status_code == 200
    assert b'<form method="post" enctype' not in page.content
    assert b"anggota_utf8_bom.csv" in page.content
    job = ImportJob.objects.get()
    assert "Siti" in client.get(f"{URL}?job={job.pk}").content.decode()
    assert _post(client, "anggota_utf8_bom.csv").status_code == 403


def test_members_and_anonymous_get_no_page(web_client, make_member):
    member = make_member(login=True)
    assert web_client(member.user).get(URL).status_code == 404
    assert web_client(None).get(URL).status_code == 302


def test_dashboard_links_to_imports(web_client, treasurer):
    assert b'href="/imports/"' in web_client(treasurer).get("/dashboard/").content

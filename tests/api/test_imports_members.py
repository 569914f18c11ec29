"""POST /api/v1/imports/members/ and the import jobs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from imports.models import ImportJob
from members.models import Member
from tests.imports.conftest import csv_bytes, data_file

pytestmark = pytest.mark.django_db
URL = "/api/v1/imports/members/"


def _upload(name: str, data: bytes | None = None):
    return {"file": SimpleUploadedFile(name, data or data_file(name))}


def test_dry_run_answers_200_with_the_report_and_writes_nothing(treasurer_client):
    response = treasurer_client.post(
        f"{URL}?dry_run=1", _upload("anggota_utf8_bom.csv"), format="multipart"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "done" and body["dry_run"] is True
    assert body["result"]["counts"]["created"] == 5
    assert body["result"]["rows"][0]["row"] == 2
    assert not Member.objects.exists()


def test_real_run_answers_201_and_the_job_is_kept(treasurer_client, auditor_client):
    response = treasurer_client.post(
        URL, _upload("members_english.xlsx"), format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert Member.objects.count() == 3
    job_id = response.json()["id"]
    detail = auditor_client.get(f"/api/v1/imports/jobs/{job_id}/")
    assert detail.status_code == 200
    assert detail.json()["result"]["counts"]["created"] == 3
    listing = auditor_client.get("/api/v1/imports/jobs/")
    assert listing.json()["results"][0]["id"] == job_id
    assert "result" not in listing.json()["results"][0]


def test_rejected_file_answers_the_error_envelope_naming_row_and_column(
    treasurer_client,
):
    response = treasurer_client.post(
        URL, _upload("anggota_bermasalah.csv"), format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_invalid"
    assert "rows.3.tanggal_bergabung" in body["errors"]
    assert "baris 2, kolom 'kabupaten_kota'" in body["detail"]
    assert not Member.objects.exists()
    assert not ImportJob.objects.exists()


def test_unreadable_files_answer_import_file_invalid(treasurer_client):
    for name, data in [
        ("kosong.csv", b""),
        ("rumus.csv", csv_bytes([["nama"], ["=1+2"]])),
        ("x.xlsx", b"PK\x03\x04junk"),
    ]:
        response = treasurer_client.post(
            URL, {"file": SimpleUploadedFile(name, data)}, format="multipart"
        )
        assert response.status_code == 400, name
        assert response.json()["code"] in ("import_file_invalid", "invalid"), name


def test_missing_file_is_a_field_error(treasurer_client):
    response = treasurer_client.post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


@override_settings(ESTAMA_IMPORT_MAX_BYTES=100)
def test_an_oversized_upload_is_refused(treasurer_client):
    response = treasurer_client.post(
        URL, _upload("anggota_utf8_bom.csv"), format="multipart"
    )
    assert response.status_code == 400
    assert "terlalu besar" in response.json()["detail"]


@override_settings(ESTAMA_IMPORT_BACKGROUND_BYTES=10)
def test_a_large_file_runs_in_the_background_with_progress(
    treasurer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = treasurer_client.post(
            URL, _upload("anggota_windows1252.csv"), format="multipart"
        )
    assert response.status_code == 202
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.status == "done"  # Celery is eager in the embedded default
    assert (job.progress_done, job.progress_total) == (5, 5)
    assert job.content is None
    assert Member.objects.count() == 5
    body = treasurer_client.get(f"/api/v1/imports/jobs/{job.pk}/").json()
    assert body["progress"] == {"done": 5, "total": 5}


@override_settings(ESTAMA_IMPORT_BACKGROUND_BYTES=10)
def test_a_background_import_that_is_refused_ends_failed(
    treasurer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = treasurer_client.post(
            URL, _upload("anggota_bermasalah.csv"), format="multipart"
        )
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.status == "failed"
    assert job.error["code"] == "import_invalid"
    assert not Member.objects.exists()


def test_permissions(auditor_client, client_for, make_member):
    assert (
        auditor_client.post(
            URL, _upload("anggota_utf8_bom.csv"), format="multipart"
        ).status_code
        == 403
    )
    member = make_member(login=True)
    member_client = client_for(member.user)
    assert (
        member_client.post(
            URL, _upload("anggota_utf8_bom.csv"), format="multipart"
        ).status_code
        == 403
    )
    assert member_client.get("/api/v1/imports/jobs/").status_code == 403
    assert client_for(None).get("/api/v1/imports/jobs/").status_code in (401, 403)


def test_job_list_makes_a_constant_number_of_queries(
    treasurer_client, django_assert_max_num_queries
):
    for _ in range(3):
        treasurer_client.post(
            f"{URL}?dry_run=1", _upload("anggota_utf8_bom.csv"), format="multipart"
        )
    with django_assert_max_num_queries(6):
        response = treasurer_client.get("/api/v1/imports/jobs/")
    assert response.json()["count"] == 3


def test_idempotency_key_replays_a_real_import(treasurer_client):
    headers = {"HTTP_IDEMPOTENCY_KEY": "impor-1"}
    first = treasurer_client.post(
        URL, _upload("anggota_utf8_bom.csv"), format="multipart", **headers
    )
    second = treasurer_client.post(
        URL, _upload("anggota_utf8_bom.csv"), format="multipart", **headers
    )
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert ImportJob.objects.count() == 1

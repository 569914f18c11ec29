"""Bad input of every shape answers 4xx with a code, never 500."""

import json

import pytest

from ledger.models import JournalEntry

URL = "/api/v1/journal-entries/"


def good():
    return {
        "date": "2026-01-15",
        "description": "Uji",
        "lines": [
            {"account": "1-1100", "debit": "1000"},
            {"account": "4-9100", "credit": "1000"},
        ],
    }


def with_line(index, **changes):
    payload = good()
    payload["lines"][index].update(changes)
    return payload


def without(key):
    payload = good()
    del payload[key]
    return payload


BAD_BODIES = [
    ([], "invalid"),
    ("just a string", "invalid"),
    (None, "invalid"),
    ({}, "invalid"),
    (without("date"), "invalid"),
    (without("description"), "invalid"),
    (without("lines"), "invalid"),
    ({**good(), "date": None}, "invalid"),
    ({**good(), "date": "2026-02-30"}, "invalid_date"),
    ({**good(), "date": 20260115}, "invalid_date"),
    ({**good(), "date": "1899-01-01"}, "invalid_date"),
    ({**good(), "date": "3000-01-01"}, "invalid_date"),
    ({**good(), "description": None}, "invalid"),
    ({**good(), "description": ""}, "invalid"),
    ({**good(), "description": "x" * 100_000}, "invalid"),
    ({**good(), "description": {"a": 1}}, "invalid"),
    ({**good(), "description": "nul\x00byte"}, "invalid"),
    ({**good(), "reference": "r" * 101}, "invalid"),
    ({**good(), "lines": {"account": "1-1100"}}, "invalid"),
    ({**good(), "lines": "1-1100"}, "invalid"),
    ({**good(), "lines": []}, "invalid"),
    ({**good(), "lines": [None, None]}, "invalid"),
    ({**good(), "lines": [[], []]}, "invalid"),
    ({**good(), "lines": good()["lines"][:1]}, "too_few_lines"),
    (with_line(0, debit=1000.0), "invalid_amount"),
    (with_line(0, debit=1e400), "parse_error"),  # JSON has no Infinity
    (with_line(0, debit=True), "invalid_amount"),
    (with_line(0, debit="abc"), "invalid_amount"),
    (with_line(0, debit="NaN"), "invalid_amount"),
    (with_line(0, debit="Infinity"), "invalid_amount"),
    (with_line(0, debit="-1000"), "invalid_amount"),
    (with_line(0, debit="0"), "invalid_amount"),
    (with_line(0, debit="1" * 40), "invalid_amount"),
    (with_line(0, debit="1e5"), "invalid_amount"),  # plain digits only
    (with_line(0, debit="1_000"), "invalid_amount"),
    (with_line(0, debit="\u0661\u0660\u0660"), "invalid_amount"),  # Arabic-Indic 100
    (with_line(0, debit=None), "invalid_line"),
    (with_line(0, debit=None, credit=None), "invalid_line"),
    (with_line(0, credit="1000"), "invalid_line"),
    (with_line(0, account="9-9999"), "invalid_account"),
    (with_line(0, account="1-1"), "invalid_account"),
    (with_line(0, account=None), "invalid"),
    (with_line(0, account=["1-1100"]), "invalid"),
    (with_line(0, account="x" * 17), "invalid"),
    (with_line(0, currency="USD"), "invalid_currency"),
    (with_line(0, currency=None), "invalid"),
    (with_line(0, member="NOPE"), "invalid_member"),
    (with_line(0, member=123), "invalid_member"),
    (with_line(0, member={"n": 1}), "invalid"),
    (with_line(0, memo="m" * 256), "invalid"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload,code", BAD_BODIES, ids=[str(i) for i in range(len(BAD_BODIES))]
)
def test_bad_post_bodies_are_400_with_code(treasurer_client, payload, code):
    response = treasurer_client.post(
        URL, json.dumps(payload), content_type="application/json"
    )

    assert response.status_code == 400, response.data
    assert set(response.data) == {"code", "detail", "errors"}
    assert response.data["code"] == code
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw", [b"{", b"not json", b'{"date": }', b"\xff\xfe", b"[1,2", b"9" * 5000]
)
def test_malformed_json_is_400_parse_error(treasurer_client, raw):
    response = treasurer_client.post(URL, raw, content_type="application/json")

    assert response.status_code == 400
    assert response.data["code"] == "parse_error"


@pytest.mark.django_db
def test_unsupported_media_type_is_415(treasurer_client):
    response = treasurer_client.post(URL, "a=b", content_type="text/plain")

    assert response.status_code == 415
    assert response.data["code"] == "unsupported_media_type"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/accounts/%00/",
        "/api/v1/accounts/%00/ledger/",
        "/api/v1/journal-entries/%00/",
        "/api/v1/accounts/" + "x" * 5000 + "/",
    ],
)
def test_odd_path_values_are_404(treasurer_client, path):
    response = treasurer_client.get(path)

    assert response.status_code == 404
    assert response.data["code"] == "not_found"


@pytest.mark.django_db
def test_reverse_with_odd_bodies_never_500(treasurer_client):
    number = treasurer_client.post(URL, good(), format="json").data["number"]
    for raw in ([], {"date": "x"}, {"date": None}, {"description": ["a"]}, "s"):
        response = treasurer_client.post(
            f"{URL}{number}/reverse/", json.dumps(raw), content_type="application/json"
        )
        assert response.status_code == 400, (raw, response.data)
    assert treasurer_client.post(f"{URL}%00/reverse/", {}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "x"},
        {"date_to": "2026-01-01", "date_from": "2026-02-01"},
        {"source": "nope"},
        {"status": "nope"},
        {"account": "\x00"},
        {"member": "m" * 100},
        {"page": "abc"},
        {"page": "999"},
        {"page_size": "-1"},
    ],
)
def test_bad_list_filters_are_4xx(treasurer_client, params):
    response = treasurer_client.get(URL, params)

    assert 400 <= response.status_code < 500 or (
        response.status_code == 200 and set(params) == {"page_size"}
    )
    if response.status_code >= 400:
        assert "code" in response.data

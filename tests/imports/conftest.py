"""Helpers for the import tests: the shipped sample files and a quick way to build
small CSV / XLSX files for the edge cases."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.web.fixtures import web_client  # noqa: F401

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"


def data_file(name: str) -> bytes:
    return (DATA / name).read_bytes()


def csv_bytes(rows: list[list[object]], *, sep: str = ",", encoding="utf-8") -> bytes:
    return "\r\n".join(sep.join(str(c) for c in row) for row in rows).encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def verify():
    """Assert ``verify_ledger`` is green."""
    from ledger.integrity import ledger_verify

    def check():
        report = ledger_verify()
        assert report.ok, report.problems

    return check

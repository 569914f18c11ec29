"""Writing an export and its manifest to files (used by ``manage.py export_ledger``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

from ledger.selectors import posted_lines
from reports.exports.general_ledger import csv_chunks, xlsx_write
from reports.exports.journals import journal_chunks
from reports.exports.manifest import ledger_manifest

EXPORT_FORMATS = ("csv", "xlsx", "beancount", "hledger")


def export_chunks(*, fmt: str, start: dt.date | None, end: dt.date, on_progress=None):
    """Text chunks of a text format (csv, beancount, hledger)."""
    if fmt == "csv":
        return csv_chunks(start=start, end=end, on_progress=on_progress)
    return journal_chunks(fmt=fmt, start=start, end=end, on_progress=on_progress)


def export_line_count(*, start: dt.date | None, end: dt.date) -> int:
    """How many posted ledger lines the export of the range writes (the progress
    total of ``ledger_export_write``)."""
    lines = posted_lines().filter(entry__date__lte=end)
    if start is not None:
        lines = lines.filter(entry__date__gte=start)
    return lines.count()


def ledger_export_write(
    *,
    fmt: str,
    path: str,
    start: dt.date | None,
    end: dt.date,
    on_progress=None,
) -> dict:
    """Write the export to ``path`` and its manifest to ``path + ".manifest.json"``;
    the manifest names the file with its size and SHA-256, so the auditor can check
    the file they received is the one written. ``on_progress(n)`` is called as
    ledger lines are written (``export_line_count`` is the total).

    Returns:
        The manifest.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown format {fmt!r}.")
    if fmt == "xlsx":
        xlsx_write(start=start, end=end, path=path, on_progress=on_progress)
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            for chunk in export_chunks(
                fmt=fmt, start=start, end=end, on_progress=on_progress
            ):
                handle.write(chunk)
    manifest = ledger_manifest(start=start, end=end, fmt=fmt)
    manifest["file"] = file_fingerprint(path)
    with open(f"{path}.manifest.json", "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
    return manifest


def file_fingerprint(path: str) -> dict:
    """``{"name", "bytes", "sha256"}`` of a written file (read in 1 MiB blocks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {
        "name": os.path.basename(path),
        "bytes": os.path.getsize(path),
        "sha256": digest.hexdigest(),
    }

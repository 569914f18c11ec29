"""Shared by the import commands: read the file, show progress, print the report,
map domain errors to a CommandError naming row and column."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from imports.errors import ImportInvalid
from imports.reader import check_size
from imports.results import ImportResult, RowAction
from ledger.errors import DomainError


def read_file(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Berkas tidak ditemukan: {path}")
    try:
        check_size(file.stat().st_size)
    except DomainError as exc:
        raise CommandError(f"{exc.code}: {exc.message}") from exc
    return file.read_bytes()


def run_import(command, runner, *, path: str, progress: bool = True, **kwargs):
    """Call ``runner`` on the file and print its report; raise CommandError when it
    refuses (nothing was written)."""
    data = read_file(path)
    bar = None

    def on_progress(done: int, total: int) -> None:
        nonlocal bar
        if not progress or total < 1000:
            return
        if bar is None:
            bar = tqdm(total=total, unit="baris", file=command.stderr)
        bar.update(done - bar.n)

    try:
        result = runner(
            data=data, filename=Path(path).name, progress=on_progress, **kwargs
        )
    except ImportInvalid as exc:
        lines = [f"{exc.code}: {exc.message}"]
        lines += [f"  {issue.text}" for issue in exc.issues[:50]]
        raise CommandError("\n".join(lines)) from exc
    except DomainError as exc:
        raise CommandError(f"{exc.code}: {exc.message}") from exc
    finally:
        if bar is not None:
            bar.close()
    print_report(command, result)
    return result


def print_report(command, result: ImportResult) -> None:
    for row in result.rows:
        if row.action == RowAction.ERROR:
            for issue in row.issues:
                command.stdout.write(f"baris {row.line}: error: {issue.text}")
        elif row.action != RowAction.UNCHANGED or result.dry_run:
            changed = ", ".join(
                f"{name} {before!r} -> {after!r}"
                for name, (before, after) in row.changes.items()
            )
            command.stdout.write(
                f"baris {row.line}: {row.action} {row.key} {row.label}"
                + (f" ({changed})" if changed else "")
            )
    counts = ", ".join(f"{name} {count}" for name, count in result.counts.items())
    prefix = "Uji coba (tidak ada yang disimpan)" if result.dry_run else "Selesai"
    command.stdout.write(f"{prefix}: {counts}.")
    for name, value in result.summary.items():
        if name != "filename":
            command.stdout.write(f"{name}: {value}")

"""Domain errors of the imports (stable snake_case codes).

Every error names the row and the column it is about: ``errors`` maps
``rows.<row>.<column>`` (the column as its header reads in the file) or ``file`` to
messages, and the message itself says "baris 5, kolom 'tanggal_bergabung'".
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.errors import DomainError

#: At most this many problems are reported for one file (the first ones, in order).
MAX_REPORTED = 200


@dataclass(frozen=True)
class Issue:
    """One problem of an import file: ``row`` 0 means the file as a whole."""

    row: int
    column: str
    message: str

    @property
    def key(self) -> str:
        if not self.row:
            return f"file.{self.column}" if self.column else "file"
        return f"rows.{self.row}.{self.column}" if self.column else f"rows.{self.row}"

    @property
    def text(self) -> str:
        where = []
        if self.row:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


def issues_errors(issues: list[Issue]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for issue in issues[:MAX_REPORTED]:
        errors.setdefault(issue.key, []).append(issue.text)
    return errors


class ImportInvalid(DomainError):
    """The file (or a row of it) cannot be imported; nothing was written."""

    code = "import_invalid"
    default_message = "The file cannot be imported."

    def __init__(self, issues: list[Issue], message: str | None = None):
        self.issues = issues
        first = issues[0].text if issues else ""
        more = f" (+{len(issues) - 1} masalah lain)" if len(issues) > 1 else ""
        super().__init__(
            message or f"Berkas tidak dapat diimpor: {first}{more}",
            errors=issues_errors(issues),
        )


class ImportFileInvalid(ImportInvalid):
    """The file itself is unusable: empty, too large, not CSV/XLSX, unknown or
    missing columns, formulas, cells that do not parse."""

    code = "import_file_invalid"


class ImportConflict(DomainError):
    """Someone changed the same records while the file was being imported; nothing
    of the file was written and running it again sees their change."""

    code = "import_conflict"
    kind = "conflict"
    default_message = "The records changed during the import; run it again."

"""The report an import gives back: one line per row of the file.

A dry run returns it without writing; a real run returns it after writing everything
(or raises ``ImportInvalid`` and writes nothing). ``as_dict`` is what the API, the
page and the command render.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from imports.errors import Issue


class RowAction(models.TextChoices):
    CREATED = "created", _("Baru")
    UPDATED = "updated", _("Diubah")
    UNCHANGED = "unchanged", _("Tidak berubah")
    ERROR = "error", _("Galat")


@dataclass
class RowResult:
    line: int
    action: str = RowAction.UNCHANGED
    key: str = ""
    label: str = ""
    changes: dict[str, list[str]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def fail(self, column: str, message: str) -> None:
        self.action = RowAction.ERROR
        self.issues.append(Issue(self.line, column, message))

    def as_dict(self) -> dict:
        return {
            "row": self.line,
            "action": self.action,
            "key": self.key,
            "label": self.label,
            "changes": self.changes,
            "errors": [
                {"column": issue.column, "message": issue.message}
                for issue in self.issues
            ],
        }


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    #: Problems of the file as a whole (an unbalanced opening entry, a locked month).
    problems: list[Issue] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        return [*self.problems, *(issue for row in self.rows for issue in row.issues)]

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.action for row in self.rows)
        return {action: counted.get(action, 0) for action in RowAction.values}

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "counts": self.counts,
            "summary": self.summary,
            "problems": [issue.text for issue in self.problems],
            "rows": [row.as_dict() for row in self.rows],
        }

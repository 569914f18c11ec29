"""Running a verification as a job: verify, write the verified checkpoint, record the
run (``VerificationRun``). The nightly task and ``verify_ledger`` both call this."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ledger.checkpoints import checkpoint_write
from ledger.integrity.report import VerifyReport
from ledger.integrity.verify import ledger_verify
from ledger.models import VerificationMode, VerificationRun, VerificationTrigger

MAX_STORED_PROBLEMS = 200


def verification_run(
    *,
    full: bool,
    trigger: str = VerificationTrigger.COMMAND,
    checkpoints_dir: str | Path | None = None,
    write_checkpoint: bool = True,
) -> tuple[VerifyReport, VerificationRun]:
    """Verify the ledger (``ledger_verify``) and record the run.

    Args:
        full: everything, or only what was added since the last verified checkpoint.
        trigger: who ran it (``VerificationTrigger``).
        checkpoints_dir: where checkpoints are read and written (default
            ``ESTAMA_CHECKPOINT_DIR``).
        write_checkpoint: after a successful run, write a signed ``verified``
            checkpoint of the state verified (the next incremental run starts there).

    Returns:
        (the report, the stored ``VerificationRun``).
    """
    started = timezone.now()
    report = ledger_verify(full=full, checkpoints_dir=checkpoints_dir)
    written = ""
    if report.ok and write_checkpoint:
        reason = "nightly" if trigger != VerificationTrigger.COMMAND else "verify"
        written = checkpoint_write(
            reason=reason,
            verified=True,
            state=report.state,
            directory=checkpoints_dir,
        ).name
    first = report.first_broken
    with transaction.atomic():
        run = VerificationRun.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            trigger=trigger,
            mode=VerificationMode(report.mode),
            ok=report.ok,
            entry_count=report.entry_count,
            chain_seq=report.chain_seq,
            head_hash=report.head_hash,
            audit_count=report.audit_count,
            problem_count=len(report.problems),
            first_broken=(
                (first.number or first.message)[:255] if first is not None else ""
            ),
            problems=[p.as_dict() for p in report.problems[:MAX_STORED_PROBLEMS]],
            checkpoint=written,
        )
    return report, run


def verification_latest() -> VerificationRun | None:
    """The most recent verification run (None before the first)."""
    return VerificationRun.objects.order_by("-started_at", "-id").first()

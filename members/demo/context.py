"""The demo's shared context, the registry of steps and the runner.

A step is ``fn(ctx: DemoContext)``; ``demo_run`` runs every registered step in order
with one context, so later steps find what earlier ones left in ``ctx.data``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Member
from members.services.common import due_date_for

YEAR = 2026


DEMO_MARKER_USER = "bendahara"


@dataclass
class DemoContext:
    rng: random.Random
    members: int
    password: str
    today: dt.date
    write: Callable[[str], None]
    data: dict = field(default_factory=dict)

    @property
    def last_month(self) -> int:
        """The last month of 2026 to simulate (the current one, or December)."""
        if self.today.year > YEAR:
            return 12
        return max(1, self.today.month if self.today.year == YEAR else 1)


DemoStep = Callable[[DemoContext], None]


DEMO_STEPS: list[DemoStep] = []


def register_demo_step(step: DemoStep) -> DemoStep:
    """Append ``step`` to the steps seed_demo runs (idempotent; usable as decorator)."""
    if step not in DEMO_STEPS:
        DEMO_STEPS.append(step)
    return step


def demo_seeded() -> bool:
    """True when demo (or real) data is already there: seed_demo then does nothing."""
    User = get_user_model()
    return (
        User.objects.filter(username=DEMO_MARKER_USER).exists()
        or Member.objects.exists()
    )


def _weighted(rng: random.Random, options) -> str:
    names, weights = zip(*options, strict=True)
    return rng.choices(names, weights=weights)[0]


def _day(rng: random.Random, year: int, month: int, low: int, high: int) -> dt.date:
    last = due_date_for(year, month).day if month else 28
    return dt.date(year, month, min(rng.randint(low, high), last))


def demo_run(
    *, members: int, seed: int, password: str, write: Callable[[str], None]
) -> DemoContext:
    """Run every registered step in order with one shared context."""
    ctx = DemoContext(
        rng=random.Random(seed),
        members=members,
        password=password,
        today=timezone.localdate(),
        write=write,
    )
    for step in DEMO_STEPS:
        step(ctx)
    return ctx

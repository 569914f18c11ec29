"""Demo data for ``manage.py seed_demo``: a realistic cooperative built through the
services, so that the ledger is real and ``verify_ledger`` stays green.

Other apps add their own steps: define ``<app>/demo.py`` and call
``register_demo_step(fn)`` at import; the command imports every installed app's ``demo``
module, then runs ``DEMO_STEPS`` in order. A step is ``fn(ctx: DemoContext)``.

The members steps, registered below in the order they run: staff users, dues plans, ~N
members over the 38 regions (mostly ``biasa``), pokok for everyone, monthly iuran and
wajib from 2026-01 to the current month of 2026 with realistic payment behaviour (most
pay on time, some late, some in arrears, a few pay the year in advance), sukarela
deposits and withdrawals, a few waivers, suspensions, applicants and resignations.
"""

from members.demo.context import (
    DEMO_MARKER_USER,
    DEMO_STEPS,
    YEAR,
    DemoContext,
    DemoStep,
    demo_run,
    demo_seeded,
    register_demo_step,
)
from members.demo.dues import PROFILES, dues_and_payments_step
from members.demo.lifecycle import lifecycle_step
from members.demo.registry import (
    CATEGORIES,
    FIRST_NAMES,
    LAST_NAMES,
    PLANS,
    members_step,
    plans_step,
    staff_step,
)

# Registered here, not by decorators in each module, so that the order the steps run in
# does not depend on the order imports happen to be sorted in.
for _step in (
    staff_step,
    plans_step,
    members_step,
    dues_and_payments_step,
    lifecycle_step,
):
    register_demo_step(_step)

__all__ = [
    "CATEGORIES",
    "DEMO_MARKER_USER",
    "DEMO_STEPS",
    "DemoContext",
    "DemoStep",
    "FIRST_NAMES",
    "LAST_NAMES",
    "PLANS",
    "PROFILES",
    "YEAR",
    "demo_run",
    "demo_seeded",
    "dues_and_payments_step",
    "lifecycle_step",
    "members_step",
    "plans_step",
    "register_demo_step",
    "staff_step",
]

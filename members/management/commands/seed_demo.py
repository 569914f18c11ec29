"""``manage.py seed_demo [--members N] [--seed S] [--password P]``: load a realistic
demo cooperative through the services (see ``members/demo.py``). Idempotent: when data
is already there it prints "already seeded" and changes nothing. Steps of other apps
come from their ``demo`` modules (``register_demo_step``)."""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from members.demo import demo_run, demo_seeded

DEFAULT_PASSWORD = "estama-demo"


class Command(BaseCommand):
    help = "Load demo data: members, dues, payments, sukarela (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=500)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default=None)

    def handle(self, *args, members=500, seed=2026, password=None, **options):
        if members < 1:
            raise CommandError("--members must be at least 1.")
        if demo_seeded():
            self.stdout.write("Demo data already seeded; nothing changed.")
            return
        autodiscover_modules("demo")
        given = password or os.environ.get("ESTAMA_PASSWORD")
        password = given or DEFAULT_PASSWORD
        started = time.monotonic()
        with transaction.atomic():
            demo_run(
                members=members,
                seed=seed,
                password=password,
                write=lambda line: self.stdout.write(f"  {line}"),
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded in {time.monotonic() - started:.1f}s. Log in as bendahara, "
                "auditor or a member number in lowercase (e.g. jtm-00001)."
            )
        )
        if not given:
            self.stdout.write(f"Password for every demo user: {DEFAULT_PASSWORD}")

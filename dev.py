#!/usr/bin/env python3
"""Estama's two commands, with nothing but Python 3.11+ assumed.

    python3.11 dev.py run    set up, migrate SQLite in var/, load demo data, serve :8000
    python3.11 dev.py test   set up and run the whole test suite (pytest args follow)

Set-up means: a virtualenv in .venv with the pinned requirements, reinstalled only when
a requirements file changed. DATABASE_URL, when set, points both commands elsewhere
(e.g. PostgreSQL); see README.md.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".requirements.sha256"
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def sh(*args: str | Path, **env: str) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run(
        [str(a) for a in args], cwd=ROOT, env={**os.environ, **env}, check=False
    )
    if completed.returncode:
        sys.exit(completed.returncode)


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - a newcomer may run an old python3
        sys.exit("Estama needs Python 3.11 or newer (run: python3.11 dev.py ...).")
    if not PYTHON.exists():
        print(f"Creating virtualenv in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
        sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    digest = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in REQUIREMENTS)
    ).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        sh(PYTHON, "-m", "pip", "install", "--quiet", "-r", "requirements-dev.txt")
        STAMP.write_text(digest)
    (ROOT / "var").mkdir(exist_ok=True)


def run(args: list[str]) -> None:
    address = args[0] if args else "127.0.0.1:8000"
    env = {"DJANGO_SETTINGS_MODULE": "estama.settings.local"}
    sh(PYTHON, "manage.py", "migrate", "--noinput", **env)
    sh(PYTHON, "manage.py", "seed_demo", **env)
    sh(PYTHON, "manage.py", "runserver", address, **env)


def test(args: list[str]) -> None:
    sh(PYTHON, "-m", "pytest", *args)


def main() -> None:
    commands = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    setup()
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()

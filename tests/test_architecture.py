"""Modules stay readable: no product module (outside migrations and tests) passes 400
lines, and the median stays small. The layer contracts are checked by import-linter
(`lint-imports`, run by .ci/run and configured in pyproject.toml)."""

from __future__ import annotations

import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def _product_modules() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        ROOT / name
        for name in listed
        if "/migrations/" not in name
        and not name.startswith("tests/")
        and (ROOT / name).exists()
    ]


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_product_module_passes_400_lines():
    too_long = {
        str(path.relative_to(ROOT)): _lines(path)
        for path in _product_modules()
        if _lines(path) > LIMIT
    }
    assert too_long == {}, f"split these along their seams: {too_long}"


def test_the_median_module_stays_small():
    sizes = [_lines(path) for path in _product_modules()]
    assert len(sizes) > 50
    assert statistics.median(sizes) <= 170

"""Progress bars and one-line summaries of long management commands.

A command shows a tqdm bar on stdout with the exact total of the work it will do
and ends with one summary line in the language asked for (``--lang id|en``, default
the site's ``LANGUAGE_CODE``).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from tqdm import tqdm

LANGS = ("id", "en")


def add_progress_arguments(parser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="Language of the summary line (id or en; default LANGUAGE_CODE).",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="Never show the progress bar."
    )


def language(option: str | None) -> str:
    chosen = option or str(settings.LANGUAGE_CODE)[:2]
    return chosen if chosen in LANGS else "id"


@contextmanager
def progress_bar(*, total: int, desc: str, unit: str, stream, enabled: bool = True):
    """Yield an ``update(n)`` callable driving a bar of ``total`` steps on
    ``stream`` (no bar when disabled or when there is nothing to do)."""
    if not enabled or total <= 0:
        yield None
        return
    # Django's OutputWrapper ends every write with a newline: give tqdm the real
    # stream so the bar redraws in place.
    out = getattr(stream, "_out", stream)
    bar = tqdm(total=total, desc=desc, unit=unit, file=out, leave=True)
    try:
        yield bar.update
    finally:
        bar.close()

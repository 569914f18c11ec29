"""WhatsApp click-to-chat links (``https://wa.me/<phone>?text=...``).

Indonesian numbers are written ``0812...``, ``+62 812...`` or ``62812...``; wa.me
wants the international form without ``+`` (``62812...``). Without a usable number
the link opens WhatsApp's own contact picker (``https://wa.me/?text=...``).
"""

from __future__ import annotations

import re
from urllib.parse import quote


def wa_phone(phone: str) -> str:
    """``"0812-3456-789"`` -> ``"628123456789"``; ``""`` when it is no phone number."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if 9 <= len(digits) <= 15 else ""


def wa_link(*, phone: str, text: str) -> str:
    """The click-to-chat URL sending ``text`` to ``phone``."""
    return f"https://wa.me/{wa_phone(phone)}?text={quote(text, safe='')}"

"""Template filters of the web pages.

Invariant: money is shown only through ``ledger.currency.format_idr``
(``Rp 1.234.567``), so every page formats rupiah the same way; a value that is not
a number renders as an empty string rather than raising in the middle of a page.
"""

from __future__ import annotations

from django import template

from ledger.currency import format_idr, to_decimal

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """``{{ amount|rupiah }}`` -> ``Rp 1.234.567`` (Money, Decimal, int or string)."""
    if value is None or value == "":
        return ""
    number = to_decimal(value)
    if number is None:
        return ""
    return format_idr(number)


@register.simple_tag(takes_context=True)
def estama_role(context) -> str:
    """``{% estama_role as role %}``: the request user's role (treasurer, auditor,
    member or none), for choosing the navigation."""
    from estama.roles import user_role

    request = context.get("request")
    return str(user_role(getattr(request, "user", None)))


@register.filter
def period_label(value) -> str:
    """``"2026-03"`` -> ``Maret 2026`` (in the page's language); ``"2026"`` stays;
    empty -> ``–``."""
    from django.utils.dates import MONTHS

    text = str(value or "")
    if len(text) == 7 and text[4] == "-" and text[5:].isdigit():
        month = int(text[5:])
        if 1 <= month <= 12:
            return f"{MONTHS[month]} {text[:4]}"
    return text or "–"

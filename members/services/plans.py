"""Dues plans: what is billed (iuran or simpanan wajib), how often, to whom."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from members.errors import InvalidMember
from members.models import DuesFrequency, DuesKind, DuesPlan, MemberCategory


def dues_plan_create(
    *,
    name: str,
    kind: str,
    amount: Decimal,
    frequency: str = DuesFrequency.MONTHLY,
    category: str = "",
    user=None,
) -> DuesPlan:
    """Create a dues plan: iuran or wajib, monthly or annual, one or all categories.

    Raises:
        InvalidMember: an unknown kind, frequency or category, or a bad amount.
    """
    errors = {}
    if kind not in DuesKind.values:
        errors["kind"] = ["Use iuran or wajib."]
    if frequency not in DuesFrequency.values:
        errors["frequency"] = ["Use monthly or annual."]
    if category and category not in MemberCategory.values:
        errors["category"] = ["Unknown category."]
    if amount is None or amount <= 0 or not cur.is_exact(amount, "IDR"):
        errors["amount"] = ["A positive whole-rupiah amount is required."]
    if not (name or "").strip():
        errors["name"] = ["Required."]
    elif DuesPlan.objects.filter(name=name.strip()).exists():
        errors["name"] = ["A plan with this name exists."]
    if errors:
        raise InvalidMember("Rencana iuran tidak valid.", errors=errors)
    with transaction.atomic():
        plan = DuesPlan.objects.create(
            name=name.strip(),
            kind=kind,
            amount=Money(amount, "IDR"),
            frequency=frequency,
            category=category or "",
        )
        audit_record(
            actor=user,
            action="dues_plan.created",
            target=plan,
            after={"name": plan.name, "kind": kind, "amount": cur.plain(amount)},
        )
    return plan

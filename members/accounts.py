"""Which ledger account each kind of member money posts to.

- pokok / wajib: equity 3-1100 / 3-1200 by default (SAK EP allows it); with
  ``ESTAMA_MEMBER_CAPITAL_AS_LIABILITY`` they go to the liability accounts 2-1210 /
  2-1220 instead. ``capital_account_code`` is the one place that decides.
- member credit (an overpayment held for the member, "titipan anggota"): liability
  2-1230, one balance per member through ``member=`` on its lines. With
  ``ESTAMA_OVERPAYMENT_TO = "sukarela"`` overpayments go to simpanan sukarela 2-1200
  instead and no credit is held.
"""

from __future__ import annotations

from django.conf import settings

from ledger.chart import account_code, has_field

#: Accounts this app adds to the seed chart (code, name, English name); parent 2-1.
EXTRA_ACCOUNTS = [
    ("2-1210", "Simpanan Pokok (Liabilitas)", "Principal Shares (Liability)"),
    ("2-1220", "Simpanan Wajib (Liabilitas)", "Mandatory Shares (Liability)"),
    ("2-1230", "Titipan Anggota", "Member Credit (Overpayments)"),
]

CAPITAL_LIABILITY = {"pokok": "2-1210", "wajib": "2-1220"}
MEMBER_CREDIT = "2-1230"


def member_accounts_seed(account_model) -> int:
    """Create the accounts of ``EXTRA_ACCOUNTS`` that are missing (idempotent); all
    of them hold member money (``requires_member``)."""
    parent = account_model.objects.filter(code="2-1").first()
    existing = set(
        account_model.objects.filter(
            code__in=[row[0] for row in EXTRA_ACCOUNTS]
        ).values_list("code", flat=True)
    )
    created = 0
    flag = (
        {"requires_member": True} if has_field(account_model, "requires_member") else {}
    )
    for code, name, name_en in EXTRA_ACCOUNTS:
        if code in existing:
            continue
        account_model.objects.create(
            code=code,
            name=name,
            name_en=name_en,
            type="liability",
            is_contra=False,
            is_group=False,
            parent=parent,
            currency="IDR",
            **flag,
        )
        created += 1
    return created


def capital_account_code(kind: str) -> str:
    """The account pokok or wajib posts to, per ESTAMA_MEMBER_CAPITAL_AS_LIABILITY."""
    if settings.ESTAMA_MEMBER_CAPITAL_AS_LIABILITY:
        return CAPITAL_LIABILITY[kind]
    return account_code(kind)


def capital_account_codes(kind: str) -> list[str]:
    """Both possible accounts of ``kind`` (balances read both: the setting may have
    changed after postings were made)."""
    return [account_code(kind), CAPITAL_LIABILITY[kind]]


def accrual_credit_code(kind: str) -> str:
    """The account an open item of ``kind`` (pokok, wajib, iuran) is accrued to."""
    if kind == "iuran":
        return account_code("dues_revenue")
    return capital_account_code(kind)


def member_credit_code() -> str:
    return MEMBER_CREDIT


def overpayment_code() -> str:
    """Where an overpayment goes: member credit (default) or simpanan sukarela."""
    if settings.ESTAMA_OVERPAYMENT_TO == "sukarela":
        return account_code("sukarela")
    return MEMBER_CREDIT


def money_account_code(method: str) -> str:
    """Cash (1-1100) for ``cash``; bank (1-1200) for ``bank`` and ``qris`` (QRIS
    payments settle into the cooperative's bank account)."""
    return account_code("bank" if method in ("bank", "qris") else "cash")


def member_money_account_codes() -> list[str]:
    """Accounts whose member-tagged lines are the member's own money: what they owe
    (dues, other receivables, invoices) and what the cooperative holds for them
    (simpanan, credit, refunds and SHU payable). A member's statement shows these;
    the cash and revenue sides of the same entries are the cooperative's."""
    from ledger.chart import MEMBER_ACCOUNT_ROLES

    codes = {account_code(role) for role in MEMBER_ACCOUNT_ROLES}
    codes |= set(CAPITAL_LIABILITY.values()) | {MEMBER_CREDIT}
    codes.add(account_code("trade_receivable"))
    return sorted(codes)

"""Setting a bank account up: its generic column mapping, members' virtual accounts."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from audit.services import audit_record
from bank.errors import InvalidMatch
from bank.models import BankAccount, VirtualAccount
from bank.presets import mapping_check
from bank.statements import bank_account_get
from members.models import Member


def mapping_save(
    *, account: str, mapping: dict, bank_name: str = "", user=None
) -> BankAccount:
    """Save the column mapping of a bank's export for the account kept on ledger
    account ``account``; later statements with preset ``generic`` (or none) use it.

    Raises:
        InvalidBankAccount, InvalidPreset (an incomplete mapping).
    """
    clean = mapping_check(mapping)
    with transaction.atomic():
        bank_account = bank_account_get(account)
        before = bank_account.mapping
        bank_account.mapping = clean
        bank_account.preset = "generic"
        if bank_name:
            bank_account.bank_name = bank_name[:60]
        bank_account.save(update_fields=["mapping", "preset", "bank_name"])
        audit_record(
            actor=user,
            action="bank_account.mapping_saved",
            target=bank_account,
            before={"mapping": before},
            after={"mapping": clean},
        )
    return bank_account


def virtual_account_create(*, member: Member, number: str, user=None) -> VirtualAccount:
    """Give a member a virtual-account number (matched in bank descriptions).

    Raises:
        InvalidMatch: an empty number or one another member has.
    """
    number = "".join((number or "").split())
    if not number.isalnum() or len(number) > 32:
        raise InvalidMatch(
            "Nomor virtual account tidak valid.",
            errors={"number": ["Letters and digits, at most 32."]},
        )
    try:
        with transaction.atomic():
            va = VirtualAccount.objects.create(member=member, number=number)
            audit_record(
                actor=user,
                action="virtual_account.created",
                target=va,
                after={"number": number, "member": member.number},
            )
    except IntegrityError as exc:
        raise InvalidMatch(
            f"Nomor virtual account {number} sudah dipakai.",
            errors={"number": ["Already in use."]},
        ) from exc
    return va

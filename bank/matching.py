"""Suggesting what an incoming bank line pays, with a confidence and the reason.

For money in, in this order (the first that finds something wins):
    1. a sales invoice number in the description (an issued, unpaid invoice);
    2. a member's virtual-account number;
    3. a member number;
    4. a member's full name (only when exactly one member has it).
Confidence is 100 when the identifier is found AND the amount equals what is open
(the invoice's outstanding, or the member's open items), so "exact" means both; less
otherwise (see ``CONFIDENCE``). Money out is never matched to members: rules book it
(``rules_apply``) or the treasurer books it by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bank.models import BankLine, BankRule, RuleDirection, VirtualAccount
from imports.values import fold
from members.models import Member, MemberStatus
from members.selectors import member_outstanding
from sales.models import Invoice, InvoiceStatus

EXACT = 100
CONFIDENCE = {"invoice": 80, "virtual_account": 90, "number": 85, "name": 50}
NAME_EXACT = 70
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]*[A-Za-z0-9]")


@dataclass(frozen=True)
class Suggestion:
    member: Member | None
    invoice: Invoice | None
    confidence: int
    reason: str


def _tokens(text: str) -> set[str]:
    return {token.upper() for token in _TOKEN.findall(text or "")}


class Matcher:
    """Looks up, once for a batch of lines, every identifier their descriptions
    mention, and the members' names."""

    def __init__(self, lines: list[BankLine]):
        tokens: set[str] = set()
        for line in lines:
            tokens |= _tokens(line.description) | _tokens(line.reference)
        self.invoices = {
            invoice.number.upper(): invoice
            for invoice in Invoice.objects.filter(
                number__in=tokens,
                status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID),
            ).select_related("member")
        }
        self.virtual = {
            va.number.upper(): va.member
            for va in VirtualAccount.objects.filter(number__in=tokens).select_related(
                "member"
            )
        }
        self.numbers = {
            m.number.upper(): m
            for m in Member.objects.filter(number__in=tokens).exclude(
                status=MemberStatus.LEFT
            )
        }
        self.names: dict[str, list[Member]] = {}
        for member in Member.objects.exclude(status=MemberStatus.LEFT).only(
            "id", "number", "name", "status"
        ):
            key = fold(member.name)
            if len(key) >= 6 and " " in key:
                self.names.setdefault(key, []).append(member)
        self._outstanding: dict[int, Decimal] = {}

    def outstanding(self, member: Member) -> Decimal:
        if member.pk not in self._outstanding:
            self._outstanding[member.pk] = member_outstanding(member=member)
        return self._outstanding[member.pk]

    def suggest(self, line: BankLine) -> Suggestion | None:
        amount = line.amount.amount
        if amount <= 0:
            return None
        tokens = _tokens(line.description) | _tokens(line.reference)
        for token in sorted(tokens):
            invoice = self.invoices.get(token)
            if invoice is not None:
                exact = invoice.outstanding.amount == amount
                return Suggestion(
                    invoice.member,
                    invoice,
                    EXACT if exact else CONFIDENCE["invoice"],
                    f"nomor faktur {invoice.number}"
                    + (" dan jumlah sama dengan sisa tagihan" if exact else ""),
                )
        for kind, table, label in (
            ("virtual_account", self.virtual, "virtual account"),
            ("number", self.numbers, "nomor anggota"),
        ):
            for token in sorted(tokens):
                member = table.get(token)
                if member is not None:
                    return self._member(member, amount, CONFIDENCE[kind], label, token)
        text = f" {fold(line.description)} "
        found = [
            members
            for name, members in self.names.items()
            if name in text
            and re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text)
        ]
        if len(found) == 1 and len(found[0]) == 1:
            member = found[0][0]
            exact = self.outstanding(member) == amount
            return Suggestion(
                member,
                None,
                NAME_EXACT if exact else CONFIDENCE["name"],
                f"nama anggota {member.name}"
                + (" dan jumlah sama dengan tunggakan" if exact else ""),
            )
        return None

    def _member(self, member, amount, confidence, label, token) -> Suggestion:
        exact = self.outstanding(member) == amount
        return Suggestion(
            member,
            None,
            EXACT if exact else confidence,
            f"{label} {token} ({member.number} {member.name})"
            + (" dan jumlah sama dengan tunggakan" if exact else ""),
        )


def rule_for(line: BankLine, rules: list[BankRule]) -> BankRule | None:
    """The first active rule (oldest first) whose pattern the description contains."""
    text = fold(line.description)
    direction = RuleDirection.IN if line.amount.amount > 0 else RuleDirection.OUT
    for rule in rules:
        if not rule.is_active:
            continue
        if rule.bank_account_id not in (None, line.bank_account_id):
            continue
        if rule.direction not in (RuleDirection.ANY, direction):
            continue
        if fold(rule.pattern) in text:
            return rule
    return None

"""Input and output shapes of the bank API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import AmountField, money_str
from bank.models import BankLine, BankRule, LineStatus, RuleDirection, Statement
from bank.statements import PRESETS
from members.models import Member


class StatementInSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV, XLSX or OFX, at most 50 MB.")
    account = serializers.CharField(
        max_length=16, help_text="Ledger code of the bank account, e.g. 1-1200."
    )
    preset = serializers.ChoiceField(
        choices=sorted(PRESETS),
        required=False,
        allow_blank=True,
        help_text="bca, mandiri, bri, ofx, generic (empty: OFX or the account's last).",
    )


class BankStatementSerializer(serializers.ModelSerializer):
    account = serializers.CharField(source="bank_account.account.code")

    class Meta:
        model = Statement
        fields = [
            "id",
            "account",
            "filename",
            "preset",
            "first_date",
            "last_date",
            "lines_new",
            "lines_seen",
            "created_at",
        ]


class LineFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=LineStatus.choices, required=False, allow_blank=True
    )
    account = serializers.CharField(required=False, allow_blank=True, max_length=16)


class SuggestionSerializer(serializers.Serializer):
    member = serializers.CharField(allow_null=True)
    member_name = serializers.CharField(allow_null=True)
    invoice = serializers.IntegerField(allow_null=True)
    invoice_number = serializers.CharField(allow_null=True)
    confidence = serializers.IntegerField()
    reason = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    amount = serializers.CharField()
    member = serializers.CharField(allow_null=True)
    invoice = serializers.CharField(allow_null=True)
    account = serializers.CharField(allow_null=True)
    entry = serializers.CharField()
    receipt = serializers.CharField(allow_null=True)


class BankLineSerializer(serializers.ModelSerializer):
    account = serializers.CharField(source="bank_account.account.code")
    amount = serializers.SerializerMethodField()
    balance = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    suggestion = serializers.SerializerMethodField()
    matches = serializers.SerializerMethodField()

    class Meta:
        model = BankLine
        fields = [
            "id",
            "account",
            "date",
            "description",
            "reference",
            "amount",
            "balance",
            "currency",
            "status",
            "suggestion",
            "matches",
            "note",
        ]

    @extend_schema_field({"type": "string", "format": "decimal"})
    def get_amount(self, line: BankLine) -> str:
        return money_str(line.amount)

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True})
    def get_balance(self, line: BankLine) -> str | None:
        return money_str(line.balance) if line.balance is not None else None

    def get_currency(self, line: BankLine) -> str:
        return str(line.amount.currency)

    @staticmethod
    def _suggestion(line: BankLine) -> dict | None:
        if not (line.suggested_member_id or line.suggested_invoice_id):
            return None
        member, invoice = line.suggested_member, line.suggested_invoice
        return {
            "member": member.number if member else None,
            "member_name": member.name if member else None,
            "invoice": invoice.pk if invoice else None,
            "invoice_number": invoice.number if invoice else None,
            "confidence": line.confidence,
            "reason": line.reason,
        }

    @extend_schema_field(SuggestionSerializer(allow_null=True))
    def get_suggestion(self, line: BankLine) -> dict | None:
        return self._suggestion(line)

    @extend_schema_field(MatchSerializer(many=True))
    def get_matches(self, line: BankLine) -> list[dict]:
        return [
            {
                "amount": money_str(m.amount),
                "member": m.member.number if m.member else None,
                "invoice": m.invoice.number if m.invoice else None,
                "account": m.account.code if m.account else None,
                "entry": m.entry.number,
                "receipt": (
                    m.member_payment.number
                    if m.member_payment
                    else m.sales_payment.receipt_number
                    if m.sales_payment
                    else None
                ),
            }
            for m in line.matches.all()
        ]


class SplitSerializer(serializers.Serializer):
    member = serializers.SlugRelatedField(
        slug_field="number", queryset=Member.objects.all()
    )
    amount = AmountField(whole=True)


class MatchInSerializer(serializers.Serializer):
    member = serializers.SlugRelatedField(
        slug_field="number", queryset=Member.objects.all(), required=False
    )
    invoice = serializers.IntegerField(required=False, min_value=1)
    splits = SplitSerializer(many=True, required=False, allow_empty=False)


class BookInSerializer(serializers.Serializer):
    account = serializers.CharField(max_length=16)
    memo = serializers.CharField(required=False, allow_blank=True, max_length=200)


class IgnoreInSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ReconciliationQuerySerializer(serializers.Serializer):
    account = serializers.CharField(max_length=16)
    as_of = serializers.DateField()


class ReconciliationItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["opening", "bank_line", "ledger_line"])
    date = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    amount = serializers.CharField(help_text="Effect on statement minus ledger.")
    ref = serializers.CharField(help_text="Bank line id or entry number.")


class ReconciliationSerializer(serializers.Serializer):
    account = serializers.CharField()
    as_of = serializers.DateField()
    statement_balance = serializers.CharField(allow_null=True)
    ledger_balance = serializers.CharField()
    difference = serializers.CharField(allow_null=True)
    explained = serializers.CharField()
    unexplained = serializers.CharField(allow_null=True)
    items = ReconciliationItemSerializer(many=True)


class MarkInSerializer(serializers.Serializer):
    account = serializers.CharField(max_length=16)
    period = serializers.RegexField(r"^\d{4}-\d{2}$", help_text="YYYY-MM")


class MarkSerializer(serializers.Serializer):
    account = serializers.CharField(source="bank_account.account.code")
    period = serializers.SerializerMethodField()
    as_of = serializers.DateField()
    balance = serializers.SerializerMethodField()
    marked_by = serializers.CharField(source="marked_by.username", allow_null=True)
    marked_at = serializers.DateTimeField()

    def get_period(self, mark) -> str:
        return f"{mark.year:04d}-{mark.month:02d}"

    def get_balance(self, mark) -> str:
        return money_str(mark.statement_balance)


class RuleSerializer(serializers.ModelSerializer):
    account = serializers.CharField(source="target.code")
    bank_account = serializers.CharField(
        source="bank_account.account.code", allow_null=True
    )

    class Meta:
        model = BankRule
        fields = ["id", "name", "pattern", "direction", "account", "bank_account"]


class RuleInSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=80)
    pattern = serializers.CharField(max_length=80)
    direction = serializers.ChoiceField(
        choices=RuleDirection.choices, required=False, default="any"
    )
    account = serializers.CharField(max_length=16, help_text="Book to this account.")
    bank_account = serializers.CharField(
        required=False, allow_blank=True, max_length=16
    )


class MappingInSerializer(serializers.Serializer):
    mapping = serializers.DictField(
        child=serializers.CharField(max_length=80),
        help_text="date, description, amount | debit + credit, balance, reference "
        "-> the header of that column in the bank's export.",
    )
    bank_name = serializers.CharField(required=False, allow_blank=True, max_length=60)


class BankAccountSerializer(serializers.Serializer):
    account = serializers.CharField(source="account.code")
    bank_name = serializers.CharField()
    preset = serializers.CharField()
    mapping = serializers.DictField(child=serializers.CharField())


class VirtualAccountInSerializer(serializers.Serializer):
    member = serializers.SlugRelatedField(
        slug_field="number", queryset=Member.objects.all()
    )
    number = serializers.CharField(max_length=32)


class VirtualAccountSerializer(serializers.Serializer):
    number = serializers.CharField()
    member = serializers.CharField(source="member.number")

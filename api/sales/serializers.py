"""Input and output shapes of the sales API (products, invoices, payments, purchases,
expenses).

Input serializers only parse: SKUs and account codes stay strings (the services
resolve them and answer ``invalid_item`` / ``invalid_account``); a member number is
resolved here so that an unknown one fails with ``invalid_member``. Output money is a
plain-digit decimal string with a sibling ``currency``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import AmountField, MoneyOutField, money_str
from api.ledger.serializers import ApiDateField
from ledger.services import MAX_DATE, MIN_DATE
from members.models import Member
from sales.models import (
    ItemKind,
    PaidFrom,
    PaymentMethod,
    TaxCode,
)


class DateField(ApiDateField):
    """A document date within the ledger's posting bounds (``invalid_date``)."""

    def __init__(self, **kwargs):
        super().__init__(min_date=MIN_DATE, max_date=MAX_DATE, **kwargs)


def described_choice(choices, **kwargs) -> serializers.ChoiceField:
    """A ChoiceField documented as a string with a pattern instead of an OpenAPI enum
    component, for field names (``kind``, ``paid_from``) that other modules use with
    other choice sets (their enum components would collide)."""
    values = [c[0] if isinstance(c, (list, tuple)) else c for c in choices]
    schema = {
        "type": "string",
        "pattern": "^(" + "|".join(values) + ")$",
        "description": " | ".join(values),
    }
    field_class = extend_schema_field(schema)(
        type("DescribedChoiceField", (serializers.ChoiceField,), {})
    )
    return field_class(choices=choices, **kwargs)


class QuantityField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=1_000_000, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, (bool, float)):
            self.fail("invalid")
        return super().to_internal_value(data)


def _money(value) -> str:
    return money_str(value)


# --- Products -------------------------------------------------------------------------


class ItemSerializer(serializers.Serializer):
    sku = serializers.CharField()
    name = serializers.CharField()
    kind = described_choice(ItemKind.choices)
    unit = serializers.CharField()
    price = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    tax_code = serializers.ChoiceField(choices=TaxCode.choices)
    is_active = serializers.BooleanField()
    event_date = serializers.DateField(allow_null=True)
    seats = serializers.IntegerField(allow_null=True)
    seats_sold = serializers.IntegerField()
    seats_left = serializers.IntegerField(allow_null=True)
    stock_qty = serializers.IntegerField()
    stock_value = serializers.SerializerMethodField()
    average_cost = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "example": "150000"})
    def get_price(self, item) -> str:
        return _money(item.price)

    def get_currency(self, item) -> str:
        return str(item.price.currency)

    @extend_schema_field({"type": "string", "example": "4500000"})
    def get_stock_value(self, item) -> str:
        return _money(item.stock_value)

    @extend_schema_field({"type": "string", "example": "45000.000000"})
    def get_average_cost(self, item) -> str:
        return f"{item.average_cost:f}"


class ItemInSerializer(serializers.Serializer):
    sku = serializers.RegexField(r"^[A-Za-z0-9._-]+$", max_length=32)
    name = serializers.CharField(max_length=150)
    kind = described_choice(ItemKind.choices)
    unit = serializers.CharField(max_length=20, required=False, default="pcs")
    price = AmountField(positive=False, whole=True)
    tax_code = serializers.ChoiceField(choices=TaxCode.choices, default=TaxCode.NONE)
    event_date = DateField(required=False, allow_null=True, default=None)
    seats = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True, default=None
    )


class ItemPatchSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    unit = serializers.CharField(max_length=20, required=False)
    price = AmountField(positive=False, whole=True, required=False)
    tax_code = serializers.ChoiceField(choices=TaxCode.choices, required=False)
    is_active = serializers.BooleanField(required=False)
    event_date = DateField(required=False, allow_null=True)
    seats = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )


# --- Invoices -------------------------------------------------------------------------


class CustomerInSerializer(serializers.Serializer):
    member = serializers.CharField(max_length=16, required=False)
    name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(required=False, allow_blank=True, default="")

    def validate_member(self, value: str) -> Member:
        member = Member.objects.filter(number=value).first()
        if member is None:
            raise serializers.ValidationError(
                f"Unknown member {value!r}.", code="invalid_member"
            )
        return member

    def validate(self, attrs):
        if ("member" in attrs) == bool(attrs.get("name", "").strip()):
            raise serializers.ValidationError(
                "Give either a member number or a customer name.", code="invalid"
            )
        return attrs


class InvoiceLineInSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=32, help_text="SKU")
    quantity = QuantityField()
    unit_price = AmountField(
        positive=False, whole=True, required=False, help_text="Default: item price."
    )
    discount = AmountField(positive=False, whole=True, required=False)
    description = serializers.CharField(max_length=255, required=False, default="")


class InvoiceInSerializer(serializers.Serializer):
    customer = CustomerInSerializer()
    date = DateField()
    lines = InvoiceLineInSerializer(many=True, allow_empty=False, max_length=200)
    notes = serializers.CharField(max_length=255, required=False, default="")


class InvoiceIssueInSerializer(serializers.Serializer):
    paid_from = serializers.ChoiceField(
        choices=PaidFrom.choices,
        required=False,
        default="",
        help_text="cash|bank makes it a cash sale (paid on issue).",
    )


class InvoiceVoidInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255, required=False, default="")
    date = DateField(required=False, help_text="Reversal date; default today.")


class InvoiceLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The line's id (credit notes name it).")
    item = serializers.CharField(source="item.sku")
    description = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.SerializerMethodField()
    discount = serializers.SerializerMethodField()
    base = serializers.SerializerMethodField()
    tax_code = serializers.CharField()
    tax = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()

    def get_unit_price(self, line) -> str:
        return _money(line.unit_price)

    def get_discount(self, line) -> str:
        return _money(line.discount)

    def get_base(self, line) -> str:
        return _money(line.base)

    def get_tax(self, line) -> str:
        return _money(line.tax)

    def get_total(self, line) -> str:
        return _money(line.line_total)


class CustomerSerializer(serializers.Serializer):
    member = serializers.CharField(source="member.number", allow_null=True)
    name = serializers.CharField(source="customer_name")
    email = serializers.CharField(source="customer_email")


class InvoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    date = serializers.DateField()
    customer = CustomerSerializer(source="*")
    lines = InvoiceLineSerializer(many=True)
    currency = serializers.SerializerMethodField()
    subtotal = serializers.SerializerMethodField()
    discount_total = serializers.SerializerMethodField()
    tax_total = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    amount_paid = serializers.SerializerMethodField()
    outstanding = serializers.SerializerMethodField()
    paid_from = serializers.CharField()
    entry = serializers.CharField(source="entry.number", allow_null=True)
    void_entry = serializers.CharField(source="void_entry.number", allow_null=True)
    void_reason = serializers.CharField()
    notes = serializers.CharField()
    issued_at = serializers.DateTimeField(allow_null=True)
    voided_at = serializers.DateTimeField(allow_null=True)

    def get_currency(self, invoice) -> str:
        return str(invoice.total.currency)

    def get_subtotal(self, invoice) -> str:
        return _money(invoice.subtotal)

    def get_discount_total(self, invoice) -> str:
        return _money(invoice.discount_total)

    def get_tax_total(self, invoice) -> str:
        return _money(invoice.tax_total)

    def get_total(self, invoice) -> str:
        return _money(invoice.total)

    def get_amount_paid(self, invoice) -> str:
        return _money(invoice.amount_paid)

    def get_outstanding(self, invoice) -> str:
        return _money(invoice.outstanding)


# --- Payments -------------------------------------------------------------------------


class SalesPaymentInSerializer(serializers.Serializer):
    invoice = serializers.IntegerField(min_value=1, max_value=2**62)
    amount = AmountField(whole=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    date = DateField()


class SalesPaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt_number = serializers.CharField()
    invoice = serializers.IntegerField(source="invoice_id")
    invoice_number = serializers.CharField(source="invoice.number")
    date = serializers.DateField()
    amount = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    method = serializers.CharField()
    entry = serializers.CharField(source="entry.number")

    def get_amount(self, payment) -> str:
        return _money(payment.amount)

    def get_currency(self, payment) -> str:
        return str(payment.amount.currency)


# --- Purchases ------------------------------------------------------------------------


class PurchaseLineInSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=32, help_text="SKU of a goods item")
    quantity = QuantityField()
    unit_cost = AmountField(whole=True)
    tax_code = serializers.ChoiceField(choices=TaxCode.choices, default=TaxCode.NONE)


class PurchaseInSerializer(serializers.Serializer):
    supplier = serializers.CharField(max_length=150)
    date = DateField()
    lines = PurchaseLineInSerializer(many=True, allow_empty=False, max_length=200)
    paid_from = described_choice(["cash", "bank", "credit"])


class PurchasePayInSerializer(serializers.Serializer):
    paid_from = serializers.ChoiceField(choices=PaidFrom.choices)
    date = DateField()
    amount = AmountField(
        whole=True,
        required=False,
        help_text="Default: the whole remaining balance; less pays part of it.",
    )


class PurchaseLineSerializer(serializers.Serializer):
    item = serializers.CharField(source="item.sku")
    quantity = serializers.IntegerField()
    unit_cost = MoneyOutField()
    total = MoneyOutField(help_text="quantity x unit cost, VAT excluded")
    tax_code = serializers.CharField()
    tax = MoneyOutField(help_text="Input VAT (PPN Masukan) of the line.")


class SupplierPaymentSerializer(serializers.Serializer):
    date = serializers.DateField()
    amount = serializers.SerializerMethodField()
    paid_with = serializers.CharField()
    entry = serializers.CharField(source="entry.number")

    def get_amount(self, payment) -> str:
        return _money(payment.amount)


class PurchaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    supplier = serializers.CharField(source="supplier.name")
    date = serializers.DateField()
    paid_from = serializers.CharField()
    status = serializers.CharField()
    total = serializers.SerializerMethodField()
    tax_total = MoneyOutField(help_text="Input VAT (PPN Masukan), in the total.")
    currency = serializers.SerializerMethodField()
    amount_paid = serializers.SerializerMethodField()
    outstanding = serializers.SerializerMethodField()
    lines = PurchaseLineSerializer(many=True)
    entry = serializers.CharField(source="entry.number")
    payments = SupplierPaymentSerializer(many=True)
    paid_on = serializers.DateField(allow_null=True)

    def get_total(self, purchase) -> str:
        return _money(purchase.total)

    def get_amount_paid(self, purchase) -> str:
        return _money(purchase.amount_paid)

    def get_outstanding(self, purchase) -> str:
        return _money(purchase.outstanding)

    def get_currency(self, purchase) -> str:
        return str(purchase.total.currency)


# --- Expenses -------------------------------------------------------------------------


class ExpenseInSerializer(serializers.Serializer):
    date = DateField()
    account = serializers.CharField(max_length=16)
    amount = AmountField(whole=True, help_text="VAT excluded.")
    tax_code = serializers.ChoiceField(choices=TaxCode.choices, default=TaxCode.NONE)
    paid_from = serializers.ChoiceField(choices=PaidFrom.choices)
    description = serializers.CharField(max_length=255)
    attachment = serializers.FileField(required=False, max_length=200)


class ExpenseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    account = serializers.CharField(source="account.code")
    account_name = serializers.CharField(source="account.name")
    amount = serializers.SerializerMethodField()
    tax_code = serializers.CharField()
    tax = MoneyOutField(help_text="Input VAT (PPN Masukan) paid with the expense.")
    currency = serializers.SerializerMethodField()
    paid_from = serializers.CharField()
    description = serializers.CharField()
    attachment = serializers.SerializerMethodField()
    entry = serializers.CharField(source="entry.number")

    def get_amount(self, expense) -> str:
        return _money(expense.amount)

    def get_currency(self, expense) -> str:
        return str(expense.amount.currency)

    def get_attachment(self, expense) -> str | None:
        return expense.attachment.name if expense.attachment else None

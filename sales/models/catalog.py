"""The catalog: goods, training events and consulting packages.

Invariants:
    - ``sku`` is unique and URL-safe (letters, digits, ``.``, ``_``, ``-``);
    - prices exclude VAT; ``tax_code`` says how VAT is added (see sales.services.tax);
    - goods carry their stock as a quantity *and* a value in whole rupiah; the value
      changes only together with a posting to Persediaan (1-1400) of the same amount,
      so the sum of item values always equals that account's balance; the average
      unit cost is ``stock_value / stock_qty``;
    - a training event never sells more seats than it has (CHECK constraint, and the
      item row is locked while seats are taken).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sales.models.fields import money_field

SKU_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9._-]+$", _("SKU hanya huruf, angka, titik, garis bawah dan minus.")
)


class ItemKind(models.TextChoices):
    GOODS = "goods", _("Barang")
    TRAINING = "training", _("Pelatihan")
    CONSULTING = "consulting", _("Konsultasi")


class TaxCode(models.TextChoices):
    NONE = "none", _("Tanpa PPN")
    PPN = "ppn", _("PPN 12% x 11/12 (efektif 11%)")
    PPN_LUXURY = "ppn_luxury", _("PPN 12% barang mewah")


class ItemQuerySet(models.QuerySet):
    def goods(self):
        return self.filter(kind=ItemKind.GOODS)


class Item(models.Model):
    sku = models.CharField(
        _("SKU"), max_length=32, unique=True, validators=[SKU_VALIDATOR]
    )
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=12, choices=ItemKind.choices)
    unit = models.CharField(_("satuan"), max_length=20, default="pcs")
    price = money_field(_("harga jual"))
    tax_code = models.CharField(
        _("kode pajak"), max_length=12, choices=TaxCode.choices, default=TaxCode.NONE
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    event_date = models.DateField(_("tanggal acara"), null=True, blank=True)
    seats = models.PositiveIntegerField(_("kursi"), null=True, blank=True)
    seats_sold = models.PositiveIntegerField(_("kursi terjual"), default=0)
    stock_qty = models.IntegerField(_("stok"), default=0)
    stock_value = models.DecimalField(
        _("nilai stok"), max_digits=20, decimal_places=2, default=Decimal(0)
    )
    last_unit_cost = models.DecimalField(
        _("harga pokok terakhir"), max_digits=24, decimal_places=6, default=Decimal(0)
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["sku"]
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ItemKind.values), name="item_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(tax_code__in=TaxCode.values),
                name="item_tax_code_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__isnull=True)
                | models.Q(seats_sold__lte=models.F("seats")),
                name="item_seats_not_oversold",
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="item_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.name}"

    @property
    def is_stock_tracked(self) -> bool:
        return self.kind == ItemKind.GOODS

    @property
    def average_cost(self) -> Decimal:
        """Moving-average unit cost (6 decimals); the last cost when nothing is on
        hand."""
        if self.stock_qty > 0:
            return (self.stock_value / self.stock_qty).quantize(Decimal("0.000001"))
        return self.last_unit_cost

    @property
    def seats_left(self) -> int | None:
        return None if self.seats is None else self.seats - self.seats_sold

"""Purchases of goods into stock, and the suppliers they come from.

Invariants:
    - a purchase posts one entry: Dr Persediaan (1-1400) per line, Cr cash, bank or
      trade payable (2-1100, memo names the supplier); each line's total is whole
      rupiah and is added to the item's stock value together with its quantity;
    - a purchase on credit is open until paid in full, in one or more supplier
      payments (``SupplierPayment``), each posting Dr 2-1100 / Cr cash or bank;
      ``0 <= amount_paid <= total`` (CHECK) and ``amount_paid`` is the sum of those
      payments (a cash or bank purchase is paid by its own entry: ``amount_paid`` is
      its total and it has no supplier payments);
    - input VAT (PPN Masukan): lines carry the tax code of the supplier's tax
      invoice; the purchase's VAT is computed on its total per tax code, split over
      its lines by largest remainder, and debited to 1-1500 (it is recoverable, so it
      is not part of the stock's cost); ``total`` is what is owed, VAT included:
      ``total = sum(line.total) + tax_total``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sales.models.catalog import TaxCode
from sales.models.fields import money_field


class Supplier(models.Model):
    name = models.CharField(_("nama"), max_length=150, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pemasok")
        verbose_name_plural = _("pemasok")

    def __str__(self) -> str:
        return self.name


class PurchaseStatus(models.TextChoices):
    OPEN = "open", _("Belum dibayar")
    PAID = "paid", _("Lunas")


class Purchase(models.Model):
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("pemasok"),
        on_delete=models.PROTECT,
        related_name="purchases",
    )
    date = models.DateField(_("tanggal"))
    paid_from = models.CharField(_("dibayar dari"), max_length=8)
    status = models.CharField(_("status"), max_length=8, choices=PurchaseStatus.choices)
    total = money_field(_("total"))
    tax_total = money_field(_("PPN masukan"))
    entry = models.OneToOneField(
        "ledger.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )
    amount_paid = money_field(_("dibayar"))
    paid_on = models.DateField(_("tanggal bayar"), null=True, blank=True)
    paid_with = models.CharField(_("dibayar dengan"), max_length=8, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("pembelian")
        verbose_name_plural = _("pembelian")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(paid_from__in=["cash", "bank", "credit"]),
                name="purchase_paid_from_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PurchaseStatus.values),
                name="purchase_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_paid__gte=0)
                & models.Q(amount_paid__lte=models.F("total")),
                name="purchase_paid_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"PB #{self.pk} {self.supplier_id}"

    @property
    def outstanding(self):
        return self.total - self.amount_paid


class PurchaseLine(models.Model):
    purchase = models.ForeignKey(
        Purchase, on_delete=models.PROTECT, related_name="lines"
    )
    item = models.ForeignKey(
        "sales.Item",
        verbose_name=_("produk"),
        on_delete=models.PROTECT,
        related_name="purchase_lines",
    )
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_cost = money_field(_("harga pokok satuan"))
    total = money_field(_("total"))
    tax_code = models.CharField(
        _("kode pajak"), max_length=12, choices=TaxCode.choices, default=TaxCode.NONE
    )
    tax = money_field(_("PPN masukan"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("baris pembelian")
        verbose_name_plural = _("baris pembelian")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="purchase_line_quantity_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} x{self.quantity}"


class SupplierPayment(models.Model):
    """One payment of a purchase made on credit (Dr 2-1100 / Cr cash or bank)."""

    purchase = models.ForeignKey(
        Purchase,
        verbose_name=_("pembelian"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    date = models.DateField(_("tanggal"))
    amount = money_field(_("jumlah"))
    paid_with = models.CharField(_("dibayar dengan"), max_length=8)
    entry = models.OneToOneField(
        "ledger.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("pembayaran pemasok")
        verbose_name_plural = _("pembayaran pemasok")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="supplier_payment_amount_pos"
            ),
            models.CheckConstraint(
                condition=models.Q(paid_with__in=["cash", "bank"]),
                name="supplier_payment_paid_with_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purchase} {self.date} {self.amount}"

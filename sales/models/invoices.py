"""Sales invoices and their lines.

Invariants:
    - an invoice is created as a draft (no number, nothing in the books); issuing gives
      it the next number of its year (``INV-2026-00001``, gapless) and posts exactly
      one balanced entry (``entry``);
    - an issued invoice is never edited or deleted: a mistake is voided by reversing
      its entry (``void_entry``), which puts stock and seats back; a draft voided
      before issue has neither number nor entry (CHECK constraints);
    - ``total = sum(line.base + line.tax)``; ``amount_credited`` is what credit notes
      took off what the customer owes; ``0 <= amount_paid``, ``0 <= amount_credited``
      and ``amount_paid + amount_credited <= total`` (CHECK); the status follows:
      issued (nothing settled), partially paid, paid (nothing outstanding);
    - returns are credit notes (``sales.CreditNote``), never edits of the invoice;
    - lines carry their computed base (quantity x unit price - discount), VAT and, for
      goods, the cost of goods sold posted at issue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sales.models.catalog import TaxCode
from sales.models.fields import money_field


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ISSUED = "issued", _("Terbit")
    PARTIALLY_PAID = "partially_paid", _("Dibayar sebagian")
    PAID = "paid", _("Lunas")
    VOID = "void", _("Batal")


#: Statuses of an invoice that is in the books and counts as a sale.
SOLD_STATUSES = (
    InvoiceStatus.ISSUED,
    InvoiceStatus.PARTIALLY_PAID,
    InvoiceStatus.PAID,
)


class InvoiceQuerySet(models.QuerySet):
    def sold(self):
        return self.filter(status__in=SOLD_STATUSES)


class Invoice(models.Model):
    # NULL while a draft: drafts have no number yet.
    number = models.CharField(  # noqa: DJ001
        _("nomor"), max_length=24, unique=True, null=True, blank=True
    )
    date = models.DateField(_("tanggal"))
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("anggota"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    customer_name = models.CharField(_("nama pelanggan"), max_length=150)
    customer_email = models.EmailField(_("email pelanggan"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InvoiceStatus.choices,
        default=InvoiceStatus.DRAFT,
    )
    paid_from = models.CharField(
        _("tunai dari"),
        max_length=8,
        blank=True,
        help_text=_("Kosong untuk penjualan kredit; cash/bank untuk penjualan tunai."),
    )
    subtotal = money_field(_("subtotal"))
    discount_total = money_field(_("diskon"))
    tax_total = money_field(_("PPN"))
    total = money_field(_("total"))
    amount_paid = money_field(_("dibayar"))
    amount_credited = money_field(
        _("dikreditkan"),
        help_text=_("Bagian tagihan yang dihapus oleh nota kredit (retur)."),
    )
    entry = models.OneToOneField(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    void_entry = models.OneToOneField(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    void_reason = models.CharField(_("alasan batal"), max_length=255, blank=True)
    notes = models.CharField(_("catatan"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("faktur penjualan")
        verbose_name_plural = _("faktur penjualan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=InvoiceStatus.values),
                name="invoice_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_paid__gte=0)
                & models.Q(amount_credited__gte=0)
                & models.Q(
                    amount_paid__lte=models.F("total") - models.F("amount_credited")
                ),
                name="invoice_settled_within_total",
            ),
            # A draft, or a draft voided before issue, has nothing in the books;
            # anything else has its number and entry.
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[InvoiceStatus.DRAFT, InvoiceStatus.VOID],
                    entry__isnull=True,
                )
                | models.Q(number__isnull=False, entry__isnull=False),
                name="invoice_issued_has_number_and_entry",
            ),
            # An issued invoice is voided only by reversing its entry.
            models.CheckConstraint(
                condition=~models.Q(status=InvoiceStatus.VOID)
                | models.Q(entry__isnull=True)
                | models.Q(void_entry__isnull=False),
                name="invoice_void_has_reversal",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "date"], name="invoice_status_date"),
            models.Index(fields=["member", "date"], name="invoice_member_date"),
        ]

    def __str__(self) -> str:
        return self.number or f"draft #{self.pk}"

    @property
    def outstanding(self):
        return self.total - self.amount_paid - self.amount_credited

    @property
    def is_member_sale(self) -> bool:
        return self.member_id is not None


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    item = models.ForeignKey(
        "sales.Item",
        verbose_name=_("produk"),
        on_delete=models.PROTECT,
        related_name="invoice_lines",
    )
    description = models.CharField(_("uraian"), max_length=255)
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = money_field(_("harga satuan"))
    discount = money_field(_("diskon"))
    base = money_field(_("dasar pengenaan"))
    tax_code = models.CharField(_("kode pajak"), max_length=12, choices=TaxCode.choices)
    tax = money_field(_("PPN"))
    cogs = money_field(_("harga pokok"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("baris faktur")
        verbose_name_plural = _("baris faktur")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="invoice_line_quantity_pos"
            ),
            models.CheckConstraint(
                condition=models.Q(base__gte=0) & models.Q(discount__gte=0),
                name="invoice_line_base_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} {self.item_id} x{self.quantity}"

    @property
    def line_total(self):
        return self.base + self.tax

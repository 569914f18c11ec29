"""Creating and changing catalog items.

Stock quantity, value and seats sold are never set here: they move only with
purchases, issued invoices and voids (see purchases.py and invoices.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.errors import InvalidAmount
from sales.errors import DuplicateSku, InvalidItem
from sales.models import Item, ItemKind, TaxCode

EDITABLE_FIELDS = (
    "name",
    "unit",
    "price",
    "tax_code",
    "is_active",
    "event_date",
    "seats",
)


def _snapshot(item: Item) -> dict:
    return {
        "sku": item.sku,
        "name": item.name,
        "kind": item.kind,
        "unit": item.unit,
        "price": cur.plain(item.price.amount),
        "tax_code": item.tax_code,
        "is_active": item.is_active,
        "event_date": item.event_date.isoformat() if item.event_date else None,
        "seats": item.seats,
    }


def _check_price(price: Decimal, currency: str) -> None:
    if price < 0 or not cur.is_exact(price, currency) or price >= cur.MAX_AMOUNT:
        raise InvalidAmount(
            "Harga harus rupiah bulat dan tidak negatif.",
            errors={"price": ["Give a whole, non-negative amount."]},
        )


def _check_shape(item: Item) -> None:
    if item.kind not in ItemKind.values:
        raise InvalidItem("Jenis produk tidak dikenal.", errors={"kind": ["Unknown."]})
    if item.tax_code not in TaxCode.values:
        raise InvalidItem(
            "Kode pajak tidak dikenal.", errors={"tax_code": ["Unknown tax code."]}
        )
    if item.kind != ItemKind.TRAINING and (item.seats is not None or item.event_date):
        raise InvalidItem(
            "Hanya pelatihan yang memiliki tanggal acara dan kursi.",
            errors={"seats": ["Only training items have seats and an event date."]},
        )
    if item.seats is not None and item.seats < item.seats_sold:
        raise InvalidItem(
            f"Sudah terjual {item.seats_sold} kursi; kursi tidak bisa lebih sedikit.",
            errors={"seats": [f"{item.seats_sold} seats are already sold."]},
        )


def item_create(
    *,
    sku: str,
    name: str,
    kind: str,
    price: Decimal,
    currency: str = cur.DEFAULT_CURRENCY,
    tax_code: str = TaxCode.NONE,
    unit: str = "pcs",
    event_date: dt.date | None = None,
    seats: int | None = None,
    user=None,
) -> Item:
    """Add an item to the catalog.

    Args:
        sku: unique code (letters, digits, ``.``, ``_``, ``-``).
        kind: goods, training or consulting.
        price: sale price excluding VAT, whole rupiah.
        tax_code: none, ppn or ppn_luxury.
        event_date / seats: training only; ``seats=None`` means unlimited.

    Returns:
        The new item (no stock: goods come into stock through ``purchase_record``).

    Raises:
        DuplicateSku, InvalidItem, InvalidAmount.
    """
    _check_price(price, currency)
    item = Item(
        sku=sku.strip(),
        name=name.strip(),
        kind=kind,
        unit=unit or "pcs",
        price=Money(price, currency),
        tax_code=tax_code,
        event_date=event_date,
        seats=seats,
    )
    _check_shape(item)
    with transaction.atomic():
        if Item.objects.filter(sku__iexact=item.sku).exists():
            raise DuplicateSku(
                f"SKU {item.sku} sudah dipakai.", errors={"sku": ["Already in use."]}
            )
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError as exc:
            raise DuplicateSku(
                f"SKU {item.sku} sudah dipakai.", errors={"sku": ["Already in use."]}
            ) from exc
        audit_record(
            actor=user, action="item.created", target=item, after=_snapshot(item)
        )
    return item


def item_update(*, item: Item, changes: dict, user=None) -> Item:
    """Change an item's descriptive fields, price, tax code, seats or event date.

    Args:
        changes: a subset of ``EDITABLE_FIELDS``; ``price`` is a Decimal.

    Returns:
        The updated item.

    Raises:
        InvalidItem, InvalidAmount.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidItem(
            "Kolom ini tidak dapat diubah.",
            errors={name: ["This field cannot be changed."] for name in unknown},
        )
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        before = _snapshot(item)
        for name, value in changes.items():
            if name == "price":
                _check_price(value, str(item.price.currency))
                value = Money(value, str(item.price.currency))
            setattr(item, name, value)
        _check_shape(item)
        item.save(update_fields=list(changes))
        audit_record(
            actor=user,
            action="item.updated",
            target=item,
            before=before,
            after=_snapshot(item),
        )
    return item

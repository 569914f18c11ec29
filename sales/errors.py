"""Errors of the sales capability, each with a stable code (see ledger.errors)."""

from __future__ import annotations

from ledger.errors import DomainError


class InsufficientStock(DomainError):
    code = "insufficient_stock"
    kind = "conflict"
    default_message = "Not enough stock on hand."


class SeatsSoldOut(DomainError):
    code = "seats_sold_out"
    kind = "conflict"
    default_message = "Not enough seats left for this training."


class InvalidInvoiceStatus(DomainError):
    code = "invalid_invoice_status"
    kind = "conflict"
    default_message = "The invoice is not in a state that allows this."


class InvoiceHasPayments(DomainError):
    code = "invoice_has_payments"
    kind = "conflict"
    default_message = "An invoice with payments cannot be voided."


class Overpayment(DomainError):
    code = "overpayment"
    default_message = "The payment is more than the invoice's outstanding amount."


class EmptyInvoice(DomainError):
    code = "empty_invoice"
    default_message = "An invoice needs at least one line and a positive total."


class InvalidDiscount(DomainError):
    code = "invalid_discount"
    default_message = "A discount cannot exceed the line amount."


class InvalidItem(DomainError):
    code = "invalid_item"
    default_message = "The item cannot be used here."


class InvalidCustomer(DomainError):
    code = "invalid_customer"
    default_message = "The customer is not valid."


class DuplicateSku(DomainError):
    code = "duplicate_sku"
    kind = "conflict"
    default_message = "An item with this SKU already exists."


class PurchaseAlreadyPaid(DomainError):
    code = "purchase_already_paid"
    kind = "conflict"
    default_message = "The purchase is already paid."


class InvalidReturn(DomainError):
    code = "invalid_return"
    default_message = "The lines returned are not on the invoice or exceed its sale."


class InvalidRefund(DomainError):
    code = "invalid_refund"
    default_message = "The refund method cannot be used for this credit note."

"""Writes of the members app (each one business operation in one transaction)."""

from members.services.billing import credit_consume, pokok_bill
from members.services.capital import unpaid_capital_unaccrue
from members.services.dues import IssueResult, dues_issue_period
from members.services.payments import payment_record, receipt_number_next
from members.services.plans import dues_plan_create
from members.services.refunds import credit_refund
from members.services.registry import (
    member_activate,
    member_create,
    member_reinstate,
    member_suspend,
    member_update,
    members_activate,
)
from members.services.resignations import (
    resignation_approve,
    resignation_pay_out,
    resignation_request,
)
from members.services.shares import share_transaction_record
from members.services.waivers import item_waive

__all__ = [
    "IssueResult",
    "credit_consume",
    "credit_refund",
    "dues_issue_period",
    "dues_plan_create",
    "item_waive",
    "member_activate",
    "member_create",
    "member_reinstate",
    "member_suspend",
    "member_update",
    "members_activate",
    "payment_record",
    "pokok_bill",
    "receipt_number_next",
    "resignation_approve",
    "resignation_pay_out",
    "resignation_request",
    "share_transaction_record",
    "unpaid_capital_unaccrue",
]

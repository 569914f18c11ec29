"""The treasurer's main screen: members, dues plans, open items, payments, sukarela.

Every write goes through ``members.services`` (admin actions with intermediate forms),
so the admin obeys the same rules as the API. Lists annotate what they show (region,
in-arrears flag) so that they make a constant number of queries for any page size.
Nothing here deletes anything, and every write is the treasurer's
(``estama.admin_access``). Importing this package registers every model admin.
"""

from members.admin.actions import (
    DateForm,
    PaymentForm,
    PeriodForm,
    ReadOnlyMixin,
    ReasonForm,
)
from members.admin.dues import DuesPlanAdmin, OpenItemAdmin, ReminderSentAdmin
from members.admin.money import PaymentAdmin, ResignationAdmin, ShareTransactionAdmin
from members.admin.registry import (
    InArrearsFilter,
    MemberAdmin,
    OpenItemInline,
    PaymentInline,
    StatusChangeInline,
)

__all__ = [
    "DateForm",
    "DuesPlanAdmin",
    "InArrearsFilter",
    "MemberAdmin",
    "OpenItemAdmin",
    "OpenItemInline",
    "PaymentAdmin",
    "PaymentForm",
    "PaymentInline",
    "PeriodForm",
    "ReadOnlyMixin",
    "ReasonForm",
    "ReminderSentAdmin",
    "ResignationAdmin",
    "ShareTransactionAdmin",
    "StatusChangeInline",
]

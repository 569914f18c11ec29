from .dues import DuesFrequency, DuesKind, DuesPlan, ItemKind, ItemStatus, OpenItem
from .history import MemberStatusChange, Resignation, ResignationStatus
from .members import LeftReason, Member, MemberCategory, MemberStatus
from .payments import Allocation, AllocationSource, Payment, PaymentMethod
from .regions import Region
from .reminders import ReminderSent
from .shares import ShareDirection, ShareTransaction

__all__ = [
    "Allocation",
    "AllocationSource",
    "DuesFrequency",
    "DuesKind",
    "DuesPlan",
    "ItemKind",
    "ItemStatus",
    "LeftReason",
    "Member",
    "MemberCategory",
    "MemberStatus",
    "MemberStatusChange",
    "OpenItem",
    "Payment",
    "PaymentMethod",
    "Region",
    "ReminderSent",
    "Resignation",
    "ResignationStatus",
    "ShareDirection",
    "ShareTransaction",
]

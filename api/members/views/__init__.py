"""Members endpoints, one module per resource.

Regions, the registry and lifecycle, /me/, shares, dues, payments and receipts.

Views parse input with a serializer, call one service or selector, and render the
result. The treasurer writes; the auditor reads everything and writes nothing; a member
reads only their own data and gets 404 for anyone else's (numbers cannot be probed). The
only write a member may make is asking to resign themselves.
"""

from api.members.views.base import ALL_READERS, NUMBER_PATH, MembersView
from api.members.views.dues import (
    ArrearsView,
    DuesPlanListView,
    DuesRunView,
    OpenItemDetailView,
    OpenItemListView,
    OpenItemWaiveView,
)
from api.members.views.lifecycle import (
    MemberActivateView,
    MemberApproveResignationView,
    MemberPayOutRefundView,
    MemberReinstateView,
    MemberResignView,
    MemberSuspendView,
)
from api.members.views.me import MemberStatementView, MeView
from api.members.views.payments import (
    PaymentDetailView,
    PaymentListView,
    ReceiptPdfView,
)
from api.members.views.registry import MemberDetailView, MemberListView, RegionListView
from api.members.views.shares import SharesView, ShareTransactionListView

__all__ = [
    "ALL_READERS",
    "ArrearsView",
    "DuesPlanListView",
    "DuesRunView",
    "MeView",
    "MemberActivateView",
    "MemberApproveResignationView",
    "MemberDetailView",
    "MemberListView",
    "MemberPayOutRefundView",
    "MemberReinstateView",
    "MemberResignView",
    "MemberStatementView",
    "MemberSuspendView",
    "MembersView",
    "NUMBER_PATH",
    "OpenItemDetailView",
    "OpenItemListView",
    "OpenItemWaiveView",
    "PaymentDetailView",
    "PaymentListView",
    "ReceiptPdfView",
    "RegionListView",
    "ShareTransactionListView",
    "SharesView",
]

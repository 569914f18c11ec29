"""Input and output shapes of the members API, one module per resource.

Members are referred to by number, regions by BPS code, items by id, payments by
receipt number. Money is a plain-digit string with a sibling ``currency``.
"""

from api.members.serializers.arrears import (
    ArrearsMemberSerializer,
    ArrearsQuerySerializer,
    ArrearsRegionSerializer,
    ArrearsSerializer,
    BucketsSerializer,
    arrears_data,
    buckets_data,
)
from api.members.serializers.dues import (
    DuesPlanInSerializer,
    DuesPlanSerializer,
    DuesRunInSerializer,
    DuesRunSerializer,
    OpenItemFilterSerializer,
    OpenItemSerializer,
    WaiveInSerializer,
)
from api.members.serializers.fields import MemberNumberField, RegionField
from api.members.serializers.me import (
    MemberShuSerializer,
    MeSerializer,
    StatementQuerySerializer,
    StatementRowSerializer,
    StatementSerializer,
)
from api.members.serializers.payments import (
    AllocationSerializer,
    MemberQuerySerializer,
    PaymentInSerializer,
    PaymentSerializer,
)
from api.members.serializers.registry import (
    DateInSerializer,
    MemberFilterSerializer,
    MemberInSerializer,
    MemberPatchSerializer,
    MemberSerializer,
    PayOutInSerializer,
    ReasonInSerializer,
    RegionSerializer,
    ResignationSerializer,
    ResignInSerializer,
)
from api.members.serializers.shares import (
    BalancesSerializer,
    SharesSerializer,
    ShareTransactionInSerializer,
    ShareTransactionSerializer,
    balances_data,
)

__all__ = [
    "AllocationSerializer",
    "ArrearsMemberSerializer",
    "ArrearsQuerySerializer",
    "ArrearsRegionSerializer",
    "ArrearsSerializer",
    "BalancesSerializer",
    "BucketsSerializer",
    "DateInSerializer",
    "DuesPlanInSerializer",
    "DuesPlanSerializer",
    "DuesRunInSerializer",
    "DuesRunSerializer",
    "MeSerializer",
    "MemberFilterSerializer",
    "MemberInSerializer",
    "MemberNumberField",
    "MemberPatchSerializer",
    "MemberQuerySerializer",
    "MemberSerializer",
    "MemberShuSerializer",
    "OpenItemFilterSerializer",
    "OpenItemSerializer",
    "PayOutInSerializer",
    "PaymentInSerializer",
    "PaymentSerializer",
    "ReasonInSerializer",
    "RegionField",
    "RegionSerializer",
    "ResignInSerializer",
    "ResignationSerializer",
    "ShareTransactionInSerializer",
    "ShareTransactionSerializer",
    "SharesSerializer",
    "StatementQuerySerializer",
    "StatementRowSerializer",
    "StatementSerializer",
    "WaiveInSerializer",
    "arrears_data",
    "balances_data",
    "buckets_data",
]

"""Input and output shapes of the ledger API, one module per resource.

Input serializers only parse: codes and numbers stay strings except members, which are
resolved to rows in one query so that an unknown number fails with ``invalid_member``.
Every rule about money (balance, whole rupiah, postable accounts, locked periods) is the
posting service's; its errors reach the client through ``api/exceptions.py``. Output
money is a plain-digit decimal string with a sibling ``currency``.
"""

from api.ledger.serializers.accounts import (
    AccountLedgerPageSerializer,
    AccountSerializer,
    LedgerLineSerializer,
)
from api.ledger.serializers.entries import (
    EntryInSerializer,
    EntryLineSerializer,
    EntrySerializer,
    LineInSerializer,
    ReverseInSerializer,
)
from api.ledger.serializers.errors import ErrorSerializer, error_responses
from api.ledger.serializers.parsing import (
    PERIOD_RE,
    QUERY_MAX_DATE,
    QUERY_MIN_DATE,
    ApiDateField,
    AsOfQuerySerializer,
    DateRangeQuerySerializer,
    JournalEntryFilterSerializer,
    parse_period,
)
from api.ledger.serializers.reports import (
    PeriodSerializer,
    TrialBalanceRowSerializer,
    TrialBalanceSerializer,
)

__all__ = [
    "AccountLedgerPageSerializer",
    "AccountSerializer",
    "ApiDateField",
    "AsOfQuerySerializer",
    "DateRangeQuerySerializer",
    "EntryInSerializer",
    "EntryLineSerializer",
    "EntrySerializer",
    "ErrorSerializer",
    "JournalEntryFilterSerializer",
    "LedgerLineSerializer",
    "LineInSerializer",
    "PERIOD_RE",
    "PeriodSerializer",
    "QUERY_MAX_DATE",
    "QUERY_MIN_DATE",
    "ReverseInSerializer",
    "TrialBalanceRowSerializer",
    "TrialBalanceSerializer",
    "error_responses",
    "parse_period",
]

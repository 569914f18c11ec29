"""An account's ledger page by page, read by key: the query and page serializers.

Pages are linked by opaque cursors (``next`` / ``previous`` are ready-made URLs), so
the first, a middle and the last page cost the same however long the ledger is, and no
request counts every line. ``?last=true`` opens at the end.
"""

from __future__ import annotations

from rest_framework import serializers

from api.ledger.serializers import DateRangeQuerySerializer, LedgerLineSerializer

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


class LedgerPageQuerySerializer(DateRangeQuerySerializer):
    cursor = serializers.CharField(
        required=False,
        max_length=200,
        help_text="From a page's next or previous link; omit for the first page.",
    )
    last = serializers.BooleanField(
        required=False, default=False, help_text="Open at the last page."
    )
    page_size = serializers.IntegerField(
        required=False,
        default=DEFAULT_PAGE_SIZE,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text="Lines per page.",
    )


class AccountLedgerCursorPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The following page.")
    previous = serializers.URLField(allow_null=True, help_text="The page before.")
    account = serializers.CharField(help_text="Account code.")
    currency = serializers.CharField()
    opening_balance = serializers.CharField(
        help_text="Normal-side balance before date_from (0 without date_from)."
    )
    results = LedgerLineSerializer(many=True)

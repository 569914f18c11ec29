"""Who may call what in the API, generated from the URL configuration.

Every route under ``/api/`` and every method its view answers has a row in ``MATRIX``
with the expected outcome for each role, in the order of ``ROLES``: anonymous, a member
(who owns the rows the path points at), another member, the auditor, the treasurer.

- ``ok``: authorised (any answer but 401/403/404 and never a 5xx);
- ``401`` / ``403``: refused; ``404``: hidden (another member's data, never probed).

Each request is real (token-authenticated test client, an empty JSON body for writes).
A refused write must change nothing: not one row, not one status. A route or method
that is not in the table fails ``test_every_api_route_has_a_row``: new ones need a row.

The world is built once (``setUpTestData``) and every route runs in a savepoint that
is rolled back, so the whole matrix costs one world, not one per route.
"""

from __future__ import annotations

from django.db import transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from api.tokens.services import token_issue
from tests.authz.world import ROLES, build_world, posted_state, row_counts
from tests.conftest import token_for

READ_ALL = "401 ok ok ok ok"  # any logged-in role reads (members: their own share)
READ_OWN = "401 ok 404 ok ok"  # a member reads their own row; another member: 404
STAFF_READ = "401 403 403 ok ok"  # treasurer and auditor read
TREASURER = "401 403 403 403 ok"  # only the treasurer writes
OPEN = "ok ok ok ok ok"

#: (url name, method) -> expected outcome per role, in ROLES order.
MATRIX: dict[tuple[str, str], str] = {
    ("schema", "get"): OPEN,
    ("docs", "get"): OPEN,
    ("auth-token", "post"): OPEN,
    ("audit-log", "get"): STAFF_READ,
    ("auth-logout", "post"): "401 ok ok ok ok",  # revokes the token it came with
    ("auth-token-list", "get"): "401 ok ok ok ok",  # one's own tokens only
    # The member's second device: only the member may revoke it.
    ("auth-token-detail", "delete"): "401 ok 404 404 404",
    # Ledger
    ("account-list", "get"): STAFF_READ,
    ("account-detail", "get"): STAFF_READ,
    ("account-ledger", "get"): STAFF_READ,
    ("entry-list", "get"): STAFF_READ,
    ("entry-list", "post"): TREASURER,
    ("entry-detail", "get"): STAFF_READ,
    ("entry-reverse", "post"): TREASURER,
    ("period-list", "get"): STAFF_READ,
    ("period-lock", "post"): TREASURER,
    ("period-unlock", "post"): TREASURER,
    ("trial-balance", "get"): STAFF_READ,
    # Members
    ("region-list", "get"): READ_ALL,
    ("member-list", "get"): STAFF_READ,
    ("member-list", "post"): TREASURER,
    ("member-detail", "get"): READ_OWN,
    ("member-detail", "patch"): TREASURER,
    ("member-activate", "post"): TREASURER,
    ("member-suspend", "post"): TREASURER,
    ("member-reinstate", "post"): TREASURER,
    ("member-resign", "post"): "401 ok 404 403 ok",  # a member may ask to resign
    ("member-approve-resignation", "post"): TREASURER,
    ("member-pay-out-refund", "post"): TREASURER,
    ("member-statement", "get"): READ_OWN,
    ("me", "get"): "401 ok ok 403 403",
    ("shares", "get"): READ_ALL,
    ("share-transactions", "get"): READ_ALL,
    ("share-transactions", "post"): TREASURER,
    ("dues-plans", "get"): READ_ALL,
    ("dues-plans", "post"): TREASURER,
    ("dues-runs", "post"): TREASURER,
    ("dues-invoices", "get"): READ_ALL,
    ("dues-invoice", "get"): READ_OWN,
    ("dues-invoice-waive", "post"): TREASURER,
    ("dues-arrears", "get"): READ_ALL,
    ("payment-list", "get"): READ_ALL,
    ("payment-list", "post"): TREASURER,
    ("payment-detail", "get"): READ_OWN,
    ("payment-receipt", "get"): READ_OWN,
    ("receipt-pdf", "get"): READ_OWN,
    # Sales
    ("products", "get"): READ_ALL,
    ("products", "post"): TREASURER,
    ("product-detail", "get"): READ_ALL,
    ("product-detail", "patch"): TREASURER,
    ("sales-invoices", "get"): READ_ALL,
    ("sales-invoices", "post"): TREASURER,
    ("sales-invoice-detail", "get"): READ_OWN,
    ("sales-invoice-issue", "post"): TREASURER,
    ("sales-invoice-void", "post"): TREASURER,
    ("sales-invoice-pdf", "get"): READ_OWN,
    ("sales-invoice-credit-note", "post"): TREASURER,
    ("sales-credit-note-detail", "get"): READ_OWN,
    ("sales-credit-note-pdf", "get"): READ_OWN,
    ("member-refund-credit", "post"): TREASURER,
    ("reports-vat", "get"): STAFF_READ,
    # Imports and the bank
    ("import-members", "post"): TREASURER,
    ("import-opening-balances", "post"): TREASURER,
    ("import-jobs", "get"): STAFF_READ,
    ("import-job", "get"): STAFF_READ,
    ("bank-statements", "get"): STAFF_READ,
    ("bank-statements", "post"): TREASURER,
    ("bank-lines", "get"): STAFF_READ,
    ("bank-line-match", "post"): TREASURER,
    ("bank-line-book", "post"): TREASURER,
    ("bank-line-ignore", "post"): TREASURER,
    ("bank-reconciliation", "get"): STAFF_READ,
    ("bank-reconciliation", "post"): TREASURER,
    ("bank-rules", "get"): STAFF_READ,
    ("bank-rules", "post"): TREASURER,
    ("bank-mapping", "get"): STAFF_READ,
    ("bank-mapping", "put"): TREASURER,
    ("bank-virtual-accounts", "get"): STAFF_READ,
    ("bank-virtual-accounts", "post"): TREASURER,
    ("sales-payments", "get"): READ_ALL,
    ("sales-payments", "post"): TREASURER,
    ("sales-payment-detail", "get"): READ_OWN,
    ("sales-payment-receipt", "get"): READ_OWN,
    ("purchases", "get"): STAFF_READ,
    ("purchases", "post"): TREASURER,
    ("purchase-detail", "get"): STAFF_READ,
    ("purchase-pay", "post"): TREASURER,
    ("expenses", "get"): STAFF_READ,
    ("expenses", "post"): TREASURER,
    ("expense-detail", "get"): STAFF_READ,
    # Reports, year end, SHU, exports
    ("reports-balance-sheet", "get"): STAFF_READ,
    ("reports-income-statement", "get"): STAFF_READ,
    ("reports-equity-changes", "get"): STAFF_READ,
    ("reports-cash-flow", "get"): STAFF_READ,
    ("years-close", "post"): TREASURER,
    ("years-reopen", "post"): TREASURER,
    ("shu-preview", "get"): READ_ALL,
    ("shu-allocation", "put"): TREASURER,
    ("shu-distribute", "post"): TREASURER,
    ("shu-pay-out", "post"): TREASURER,
    ("shu-cover-loss", "post"): TREASURER,
    ("exports-ledger", "get"): STAFF_READ,
    ("exports-ledger-manifest", "get"): STAFF_READ,
    ("cashbook", "get"): READ_ALL,
}

METHODS = ("get", "post", "put", "patch", "delete")
SAFE = {"get", "head", "options"}


def api_routes() -> dict[tuple[str, str], URLPattern]:
    """Every (url name, method) the URL configuration serves under /api/."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    found = {}
    for route, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("api/"):
            continue
        view = getattr(pattern.callback, "cls", None) or getattr(
            pattern.callback, "view_class", None
        )
        for method in METHODS:
            if hasattr(view, method):
                found[(pattern.name, method)] = pattern
    return found


def path_kwargs(world) -> dict[str, dict]:
    """The path arguments of each route: rows the member owns, where there are any."""
    member = {"number": world.member.number}
    device = token_issue(user=world.member.user, name="ponsel").token
    return {
        "auth-token-detail": {"id": device.pk},
        "account-detail": {"code": "1-1100"},
        "account-ledger": {"code": "1-1100"},
        "entry-detail": {"number": world.posted_entry.number},
        "entry-reverse": {"number": world.posted_entry.number},
        "period-lock": {"period": "2026-03"},
        "period-unlock": {"period": "2025-12"},
        **dict.fromkeys(
            (
                "member-detail",
                "member-activate",
                "member-suspend",
                "member-reinstate",
                "member-resign",
                "member-approve-resignation",
                "member-pay-out-refund",
                "member-statement",
            ),
            member,
        ),
        "dues-invoice": {"pk": world.item.pk},
        "dues-invoice-waive": {"pk": world.item.pk},
        "payment-detail": {"number": world.payment.number},
        "payment-receipt": {"number": world.payment.number},
        "receipt-pdf": {"number": world.payment.number},
        "product-detail": {"sku": world.sku},
        "sales-invoice-detail": {"pk": world.invoice.pk},
        "sales-invoice-issue": {"pk": world.draft_invoice.pk},
        "sales-invoice-void": {"pk": world.invoice.pk},
        "sales-invoice-pdf": {"pk": world.invoice.pk},
        "sales-invoice-credit-note": {"pk": world.invoice.pk},
        "sales-credit-note-detail": {"pk": world.credit_note.pk},
        "sales-credit-note-pdf": {"pk": world.credit_note.pk},
        "member-refund-credit": member,
        "import-job": {"pk": world.import_job.pk},
        "bank-line-match": {"pk": world.bank_line.pk},
        "bank-line-book": {"pk": world.bank_line.pk},
        "bank-line-ignore": {"pk": world.bank_line.pk},
        "bank-mapping": {"code": "1-1200"},
        "sales-payment-detail": {"pk": world.sales_payment.pk},
        "sales-payment-receipt": {"pk": world.sales_payment.pk},
        "purchase-detail": {"pk": world.purchase.pk},
        "purchase-pay": {"pk": world.purchase.pk},
        "expense-detail": {"pk": world.expense.pk},
        "years-close": {"year": 2025},
        "years-reopen": {"year": 2025},
        "shu-preview": {"year": 2025},
        "shu-allocation": {"year": 2025},
        "shu-distribute": {"year": 2025},
        "shu-pay-out": {"year": 2025},
        "shu-cover-loss": {"year": 2025},
    }


def test_every_api_route_has_a_row():
    assert set(api_routes()) == set(MATRIX), "add the new route to MATRIX"
    for expected in MATRIX.values():
        assert len(expected.split()) == len(ROLES)


def outcome_matches(expected: str, response) -> bool:
    if expected == "ok":
        return response.status_code < 500 and response.status_code not in (
            401,
            403,
            404,
        )
    return response.status_code == int(expected)


class ApiAuthorizationMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.tokens = {
            role: token_for(user)
            for role, user in cls.world.users.items()
            if user is not None
        }

    def client_as(self, role: str) -> APIClient:
        client = APIClient()
        if role in self.tokens:
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client

    def test_every_route_and_method_by_role(self):
        from django.urls import reverse

        routes = api_routes()
        kwargs = path_kwargs(self.world)
        for (name, method), expected_row in sorted(MATRIX.items()):
            if (name, method) not in routes:
                continue  # reported by test_every_api_route_has_a_row
            url = reverse(name, kwargs=kwargs.get(name, {}))
            with transaction.atomic():
                for role, expected in zip(ROLES, expected_row.split(), strict=True):
                    with self.subTest(route=name, method=method, role=role):
                        before = (row_counts(), posted_state())
                        call = getattr(self.client_as(role), method)
                        response = (
                            call(url)
                            if method in SAFE
                            else call(url, {}, format="json")
                        )
                        assert outcome_matches(expected, response), (
                            f"{method.upper()} {url} as {role}: expected {expected}, "
                            f"got {response.status_code}"
                        )
                        if response.status_code >= 400:
                            assert response.json().keys() == {
                                "code",
                                "detail",
                                "errors",
                            }
                        if expected != "ok" and method not in SAFE:
                            assert (row_counts(), posted_state()) == before
                transaction.set_rollback(True)

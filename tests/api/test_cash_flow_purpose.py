"""Cash flow by what the money was for (issue 12), through the API: member payments
take the kind of the items they settle, non-cash lines never show as cash, and the
cash book follows the same rules."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.models import Account
from ledger.selectors import trial_balance
from ledger.services import LineInput, entry_post
from members.models import Member, OpenItem
from members.services import unpaid_capital_unaccrue
from tests.reports.fixtures import post

pytestmark = pytest.mark.django_db
D = Decimal
URL = "/api/v1/reports/cash-flow/?start=2026-01-01&end=2026-12-31"


def _rows(body) -> dict[str, str]:
    return {line["key"]: line["amounts"][0] for line in body["lines"]}


def _member(client, name="Siti") -> Member:
    number = client.post(
        "/api/v1/members/",
        {
            "name": name,
            "category": "biasa",
            "region": "3578",
            "email": "s@example.org",
            "joined_on": "2026-01-02",
        },
    ).data["number"]
    activated = client.post(
        f"/api/v1/members/{number}/activate/", {"date": "2026-01-02"}
    )
    assert activated.status_code == 200, activated.content
    return Member.objects.get(number=number)


def _pay(client, member, amount, date):
    response = client.post(
        "/api/v1/payments/",
        {"member": member.number, "amount": amount, "method": "cash", "date": date},
    )
    assert response.status_code == 201, response.content
    return response.data


def test_member_payments_take_the_kind_of_the_items_they_settle(treasurer_client):
    client = treasurer_client
    # given pokok 100.000 billed on activation, and iuran 25.000 + wajib 50.000 a month
    member = _member(client)
    for name, kind, amount in (
        ("Iuran", "iuran", "25000"),
        ("Wajib", "wajib", "50000"),
    ):
        client.post(
            "/api/v1/dues/plans/", {"name": name, "kind": kind, "amount": amount}
        )
    client.post("/api/v1/dues/runs/", {"period": "2026-01"})
    # when the member pays 200.000 (25.000 too much, held as their credit), February
    # is billed (the credit pays 25.000 of its wajib) and then paid with 50.000
    _pay(client, member, "200000", "2026-02-01")
    client.post("/api/v1/dues/runs/", {"period": "2026-02"})
    _pay(client, member, "50000", "2026-03-01")
    body = client.get(URL).json()
    rows = _rows(body)
    # then simpanan is financing, iuran operating, the credit financing (titipan)
    assert rows["flow:simpanan_pokok"] == "100000"
    assert rows["flow:simpanan_wajib"] == "75000"
    assert rows["flow:simpanan_sukarela"] == "25000"
    assert rows["flow:receipts_dues"] == "50000"
    assert body["totals"]["financing"] == "200000"
    assert body["totals"]["operating"] == "50000"
    assert body["totals"]["net_change"] == body["totals"]["closing_cash"] == "250000"
    assert not [k for k in rows if k.startswith("account:")]


def test_credit_used_by_a_payment_is_not_cash(treasurer_client):
    # given pokok 100.000 open and 30.000 deposited earlier as the member's credit
    member = _member(treasurer_client)
    post(
        dt.date(2026, 1, 10),
        "Titipan anggota",
        ("1-1100", "D", 30_000),
        ("2-1230", "C", 30_000, member),
    )
    # when a payment of 70.000 and the credit settle the pokok
    payment = _pay(treasurer_client, member, "70000", "2026-01-20")
    assert [(a["kind"], a["amount"]) for a in payment["allocations"]] == [
        ("pokok", "100000")
    ]
    rows = _rows(treasurer_client.get(URL).json())
    # then the payment's cash is pokok, and the credit stays what it was (a deposit)
    assert rows["flow:simpanan_pokok"] == "70000"
    assert rows["flow:simpanan_sukarela"] == "30000"


def test_old_accrued_simpanan_counts_once_before_and_after_it_left_capital(
    treasurer_client, make_member
):
    client = treasurer_client
    # given simpanan wajib 50.000 billed the old way (Dr 1-1310 / Cr 3-1200) and
    # 20.000 of it paid while it was accrued (that payment credited 1-1310)
    member = make_member("Citra")
    accrual = entry_post(
        date=dt.date(2026, 1, 1),
        description="Tagihan simpanan wajib (cara lama)",
        lines=[
            LineInput("1-1310", debit=D(50000), member=member),
            LineInput("3-1200", credit=D(50000), member=member),
        ],
    )
    OpenItem.objects.create(
        member=member,
        kind="wajib",
        bill_key="plan-old",
        period="2026-01",
        due_date=dt.date(2026, 1, 31),
        amount=D(50000),
        account_code="3-1200",
        run_token="old",
        entry=accrual,
    )
    _pay(client, member, "20000", "2026-01-15")
    # when its unpaid rest is taken off capital, iuran 25.000 is billed for
    # February, and one payment settles the wajib (on 3-1200) and the iuran (1-1310)
    assert unpaid_capital_unaccrue(date=dt.date(2026, 2, 1)) == 1
    client.post(
        "/api/v1/dues/plans/", {"name": "Iuran", "kind": "iuran", "amount": 25000}
    )
    client.post("/api/v1/dues/runs/", {"period": "2026-02"})
    payment = _pay(client, member, "55000", "2026-02-20")
    assert sorted((a["kind"], a["amount"]) for a in payment["allocations"]) == [
        ("iuran", "25000"),
        ("wajib", "30000"),
    ]
    body = client.get(URL).json()
    rows = _rows(body)
    # then every rupiah is counted once, by what it paid for
    assert rows["flow:simpanan_wajib"] == "50000"
    assert rows["flow:receipts_dues"] == "25000"
    assert body["totals"]["net_change"] == body["totals"]["closing_cash"] == "75000"
    assert not [k for k in rows if k.startswith("account:")]
    assert set(rows) & {"flow:other_operating", "flow:simpanan_sukarela"} == set()


def test_a_cash_sale_of_stocked_goods_shows_no_cost_of_goods_as_cash(
    treasurer_client,
):
    client = treasurer_client
    item = {
        "sku": "KAOS-01",
        "name": "Kaos IPSPI",
        "kind": "goods",
        "price": "100000",
        "tax_code": "ppn",
    }
    assert client.post("/api/v1/products/", item, format="json").status_code == 201
    bought = client.post(
        "/api/v1/purchases/",
        {
            "supplier": "CV Sablon",
            "date": "2026-03-02",
            "paid_from": "cash",
            "lines": [{"item": "KAOS-01", "quantity": 5, "unit_cost": "43000"}],
        },
        format="json",
    )
    assert bought.status_code == 201, bought.content
    invoice = client.post(
        "/api/v1/sales/invoices/",
        {
            "customer": {"name": "Pembeli Umum"},
            "date": "2026-03-10",
            "lines": [{"item": "KAOS-01", "quantity": 1}],
        },
        format="json",
    ).json()
    sold = client.post(
        f"/api/v1/sales/invoices/{invoice['id']}/issue/",
        {"paid_from": "cash"},
        format="json",
    )
    assert sold.status_code == 200 and sold.json()["amount_paid"] == "111000"
    body = client.get(URL).json()
    rows = _rows(body)
    # the sale's cash, VAT included, is one sales receipt; stock bought is the only
    # money paid to suppliers (the cost of the shirt sold moved no cash)
    assert rows["flow:receipts_sales"] == "111000"
    assert rows["flow:payments_suppliers"] == "-215000"
    assert body["totals"]["operating"] == "-104000"
    assert set(rows) & {"flow:payments_taxes", "flow:other_operating"} == set()
    # and the cash book reads the same: 111.000 in from sales, 215.000 out to buy
    book = client.get("/api/v1/cashbook/?year=2026").json()
    march = book["months"][2]
    assert march["money_in"]["sales_services"] == "111000"
    assert march["money_out"]["purchases"] == "215000"
    assert march["money_in"]["purchases"] == "0"


def test_refunds_shu_sukarela_equipment_and_capital(treasurer_client, make_member):
    ani = make_member("Ani", number="CF-001")
    rows_in = [
        ("Modal penyertaan", ("1-1200", "D", 5_000_000), ("3-1300", "C", 5_000_000)),
        ("Sukarela", ("1-1100", "D", 400_000), ("2-1200", "C", 400_000, ani)),
        ("Tarik sukarela", ("2-1200", "D", 150_000, ani), ("1-1100", "C", 150_000)),
        ("Refund keluar", ("2-1300", "D", 300_000, ani), ("1-1100", "C", 300_000)),
        ("SHU dibayar", ("2-1400", "D", 200_000, ani), ("1-1100", "C", 200_000)),
        ("Laptop", ("1-2100", "D", 4_000_000), ("1-1200", "C", 4_000_000)),
        ("Setor ke bank", ("1-1200", "D", 100_000), ("1-1100", "C", 100_000)),
    ]
    for description, *lines in rows_in:
        post(dt.date(2026, 5, 1), description, *lines)
    body = treasurer_client.get(URL).json()
    rows = _rows(body)
    assert rows["flow:equity_other"] == "5000000"
    assert rows["flow:simpanan_sukarela"] == "250000"
    assert rows["flow:member_refunds"] == "-300000"
    assert rows["flow:shu_paid"] == "-200000"
    assert rows["flow:fixed_assets"] == "-4000000"
    assert body["totals"]["investing"] == "-4000000"
    assert body["totals"]["financing"] == "4750000"
    assert body["totals"]["operating"] == "0"  # the transfer moved nothing


def test_cash_flow_query_count_does_not_grow_with_entries(
    treasurer_client, make_member, django_assert_max_num_queries
):
    member = _member(treasurer_client)
    for day in range(1, 21):
        post(
            dt.date(2026, 4, day),
            "Jasa",
            ("1-1100", "D", 1_000_000),
            ("4-1210", "C", 1_000_000),
        )
    _pay(treasurer_client, member, "100000", "2026-04-25")
    with django_assert_max_num_queries(12):
        response = treasurer_client.get(URL)
    assert response.status_code == 200
    assert response.json()["totals"]["operating"] == "20000000"


CODES = ["1-1100", "1-1200", "1-1400", "4-1110", "5-1100", "2-1600", "6-1200", "3-1300"]
legs = st.tuples(st.sampled_from(CODES), st.integers(min_value=1, max_value=10**8))
postings = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(2025, 11, 1), max_value=dt.date(2026, 12, 31)),
        st.lists(legs, min_size=1, max_size=3),
        st.lists(legs, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=postings,
    start=st.dates(min_value=dt.date(2025, 12, 1), max_value=dt.date(2026, 12, 31)),
    days=st.integers(min_value=0, max_value=400),
)
def test_opening_plus_net_change_is_closing_cash_for_any_postings(
    treasurer_client, rows, start, days
):
    Account.objects.filter(code__in=CODES).update(is_active=True)
    for date, debits, credits in rows:
        total = sum(a for _, a in debits)
        # credits scaled to the debits' total, the last one takes the rest
        weights = [a for _, a in credits]
        amounts = [total * w // sum(weights) for w in weights]
        amounts[-1] += total - sum(amounts)
        lines = [LineInput(account=c, debit=D(a)) for c, a in debits]
        lines += [
            LineInput(account=c, credit=D(a))
            for (c, _), a in zip(credits, amounts, strict=True)
            if a > 0
        ]
        entry_post(date=date, description="acak", lines=lines)
    end = min(start + dt.timedelta(days=days), dt.date(2027, 6, 30))
    body = treasurer_client.get(
        f"/api/v1/reports/cash-flow/?start={start}&end={end}"
    ).json()
    totals = {k: D(v) for k, v in body["totals"].items()}
    assert totals["opening_cash"] + totals["net_change"] == totals["closing_cash"]
    assert totals["net_change"] == (
        totals["operating"] + totals["investing"] + totals["financing"]
    )
    tb = {r.account.code: r.balance for r in trial_balance(as_of=end).rows}
    assert totals["closing_cash"] == tb.get("1-1100", D(0)) + tb.get("1-1200", D(0))

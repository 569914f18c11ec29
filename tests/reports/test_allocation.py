from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.allocation import allocate
from reports.errors import InvalidAllocation, NothingToAllocate

D = Decimal


def test_anugerah_widya_shares():
    # given KSP "Anugerah": SHU 2,000,000; capital pool 20%, business pool 30%
    pools = allocate(D(2_000_000), [D(20), D(30), D(50)])
    capital_pool, business_pool = pools[0], pools[1]
    # when Widya's simpanan 500,000 of 10,000,000 and purchases 1,000,000 of 15,000,000
    capital = allocate(capital_pool, [D(500_000), D(9_500_000)])[0]
    business = allocate(business_pool, [D(1_000_000), D(14_000_000)])[0]
    # then the published figures
    assert (capital, business, capital + business) == (20_000, 40_000, 60_000)


def test_smpn20_posts_every_rupiah():
    # given SHU 7,097,245 split 25/45/15/2.5/5/2.5/5 (half-up per line loses 1)
    percents = [D("25"), D("45"), D("15"), D("2.5"), D("5"), D("2.5"), D("5")]
    parts = allocate(D(7_097_245), percents)
    assert sum(parts) == D(7_097_245)
    # floors leave 2 rupiah: one to the largest fraction (.75, the 15% part), one to
    # the first of the tied .25 fractions (the 25% part, earliest in the table)
    assert parts == [
        D(1_774_312),
        D(3_193_760),
        D(1_064_587),
        D(177_431),
        D(354_862),
        D(177_431),
        D(354_862),
    ]
    # the exact quotas differ from the parts by less than one rupiah each
    for part, pct in zip(parts, percents, strict=True):
        assert abs(part - D(7_097_245) * pct / 100) < 1


def test_ties_go_to_the_earlier_position():
    assert allocate(D(2), [D(1), D(1), D(1)]) == [D(1), D(1), D(0)]
    assert allocate(D(1), [D(1), D(1)], keys=["JTM-2", "JTM-1"]) == [D(1), D(0)]


def test_zero_weights_get_zero_and_all_zero_is_refused():
    assert allocate(D(10), [D(0), D(3), D(0)]) == [D(0), D(10), D(0)]
    assert allocate(D(0), [D(0), D(0)]) == [D(0), D(0)]
    with pytest.raises(NothingToAllocate):
        allocate(D(5), [D(0), D(0)])
    with pytest.raises(NothingToAllocate):
        allocate(D(5), [])


@pytest.mark.parametrize(
    ("total", "weights"),
    [(D(-1), [D(1)]), (D("1.5"), [D(1)]), (D(1), [D(-1), D(2)])],
)
def test_invalid_input_is_refused(total, weights):
    with pytest.raises(InvalidAllocation):
        allocate(total, weights)


def test_keys_must_match_weights():
    with pytest.raises(InvalidAllocation):
        allocate(D(1), [D(1)], keys=["a", "b"])


@given(
    total=st.integers(min_value=0, max_value=10**13),
    weights=st.lists(
        st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
        min_size=1,
        max_size=40,
    ),
)
def test_parts_sum_exactly_and_stay_within_one_of_quota(total, weights):
    if sum(weights) == 0:
        return
    parts = allocate(D(total), weights)
    assert sum(parts) == total
    base = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert part == part.to_integral_value()
        quota = D(total) * weight / base
        assert abs(part - quota) < 1
        if weight == 0:
            assert part == 0

"""kpi_options.settlement against a plain rational model (fractions), at any amount and any
collateral per pair; tests/integration/test_settlement_math.py checks it against the pair itself."""

from fractions import Fraction
from math import ceil, floor

from hypothesis import given
from hypothesis import strategies as st

from kpi_options.payouts.math import WAD
from kpi_options.settlement import collateral_for, pairs_for, settle_split

amounts = st.integers(min_value=0, max_value=10**30)
cpps = st.integers(min_value=1, max_value=10**24)
shares = st.integers(min_value=0, max_value=WAD)


@given(amounts, cpps)
def test_collateral_for__any_amount__is_the_exact_worth_rounded_up(tokens, cpp):
    assert collateral_for(tokens, cpp) == ceil(Fraction(tokens * cpp, WAD))


@given(amounts, cpps, shares)
def test_settle_split__any_amount__each_side_floored_never_above_the_backing(tokens, cpp, share):
    long_paid, short_paid = settle_split(tokens, cpp, share)
    backing = floor(Fraction(tokens * cpp, WAD))
    assert long_paid == floor(Fraction(backing * share, WAD))
    assert short_paid == floor(Fraction(backing * (WAD - share), WAD))
    assert long_paid + short_paid <= backing <= collateral_for(tokens, cpp)


@given(amounts, cpps)
def test_pairs_for__any_collateral__the_most_pairs_it_pays_for(collateral, cpp):
    pairs = pairs_for(collateral, cpp)
    assert collateral_for(pairs, cpp) <= collateral < collateral_for(pairs + 1, cpp)
    assert pairs == floor(Fraction(collateral * WAD, cpp))

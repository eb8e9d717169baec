"""UMA's eight payout libraries: known values (reference §5.11), UMA's test cases (§9.4) and the
validation gaps this project closes (zero strikes/ranges, base share above 1).

Expected values come from the reference's vectors or from the formula evaluated here with exact
fractions, never from the Python twin.
"""

from fractions import Fraction
from math import floor

import ape
import pytest

E = 10**18
INT256_MAX = 2**255 - 1


@pytest.fixture
def configure(pair_info_mock, launcher):
    """Deploy a pair stand-in, set ``args`` on ``library`` for it, and return a price -> share function."""

    def _configure(library, *args):
        pair = pair_info_mock()
        library.setLongShortPairParameters(pair, *args, sender=launcher)

        def share(price):
            return pair.percentageLongCollateralAtExpiry(library, price)

        share.pair = pair
        return share

    return _configure


def wad_floor(value: Fraction) -> int:
    return floor(value * E)


# ------------------------------------------------------------------ Linear


def test_linear__reference_vectors(linear_library, configure):
    share = configure(linear_library, 2000 * E, 1000 * E)
    assert share(1500 * E) == 500_000_000_000_000_000
    assert share(1333 * E) == 333_000_000_000_000_000
    assert share(900 * E) == 0
    assert share(2100 * E) == E
    assert share(-(10**30)) == 0


def test_linear__arbitrary_prices_between_bounds__match_formula(linear_library, configure):
    share = configure(linear_library, 2000 * E, 1000 * E)
    for price in range(1000 * E, 2001 * E, 37 * E):
        assert share(price) == (price - 1000 * E) * E // (1000 * E)


def test_linear__set_and_fetch(linear_library, configure):
    share = configure(linear_library, 2000 * E, 1000 * E)
    assert linear_library.longShortPairParameters(share.pair) == (2000 * E, 1000 * E)


@pytest.mark.parametrize(("upper", "lower"), [(1000 * E, 2000 * E), (5, 5)])
def test_linear__bounds_not_increasing__reverts(
    linear_library, pair_info_mock, launcher, upper, lower
):
    pair = pair_info_mock()
    with ape.reverts(linear_library.InvalidBounds, upperBound=upper, lowerBound=lower):
        linear_library.setLongShortPairParameters(pair, upper, lower, sender=launcher)


def test_linear__widest_bounds__no_overflow(linear_library, configure):
    # UMA's checked `P - L` would overflow here; the result is the exact floor.
    """Invariants: I-5 (docs/INVARIANTS.md)."""
    share = configure(linear_library, INT256_MAX, -(2**255))
    assert share(0) == wad_floor(Fraction(2**255, 2**256 - 1))


# ------------------------------------------------------------------ FlooredLinear


def test_floored_linear__reference_vectors(floored_linear_library, configure):
    share = configure(floored_linear_library, 2000 * E, 1000 * E, E // 2)
    assert share(1500 * E) == 750_000_000_000_000_000
    assert share(900 * E) == E // 2
    assert share(2100 * E) == E
    assert (
        configure(floored_linear_library, 4000 * E, 2000 * E, E // 5)(3500 * E)
        == 800_000_000_000_000_000
    )
    assert configure(floored_linear_library, 2000 * E, 1000 * E, 3 * E // 10)(1333 * E) == (
        533_100_000_000_000_000
    )


def test_floored_linear__arbitrary_prices__match_umas_multiply_first_test_formula(
    floored_linear_library, configure
):
    # UMA's test computes f + (1 - f)(P - L)/(U - L) multiplying first; at these points the
    # contract's divide-first order gives the same value (reference §9.4).
    share = configure(floored_linear_library, 2000 * E, 1000 * E, E // 2)
    for price in range(1000 * E, 2001 * E, 100 * E):
        assert share(price) == E // 2 + (E - E // 2) * (price - 1000 * E) // (1000 * E)


def test_floored_linear__divide_then_multiply__truncates_twice(floored_linear_library, configure):
    # U - L = 3 wei, f = 0.1: the fraction floor(1e18 / 3) is truncated before the multiplication,
    # so the result is 1 wei below the one-step value 0.1 + 0.9 / 3 = 0.4.
    share = configure(floored_linear_library, 3, 0, E // 10)
    assert share(1) == 399_999_999_999_999_999


def test_floored_linear__set_and_fetch(floored_linear_library, configure):
    share = configure(floored_linear_library, 2000 * E, 1000 * E, E // 2)
    assert floored_linear_library.longShortPairParameters(share.pair) == (
        2000 * E,
        1000 * E,
        E // 2,
    )


def test_floored_linear__swapped_bounds__reverts(floored_linear_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(
        floored_linear_library.InvalidBounds, upperBound=1000 * E, lowerBound=2000 * E
    ):
        floored_linear_library.setLongShortPairParameters(
            pair, 1000 * E, 2000 * E, 0, sender=launcher
        )


def test_floored_linear__floor_above_one__reverts(floored_linear_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(floored_linear_library.InvalidFloorPercentage, floorPercentage=3 * E // 2):
        floored_linear_library.setLongShortPairParameters(
            pair, 2000 * E, 1000 * E, 3 * E // 2, sender=launcher
        )


# ------------------------------------------------------------------ BinaryOption


def test_binary_option__uma_cases(binary_option_library, configure):
    share = configure(binary_option_library, 3000 * E)
    assert binary_option_library.longShortPairParameters(share.pair) == (True, 3000 * E)
    assert share(2500 * E) == 0
    assert share(3000 * E) == E
    assert share(3000 * E - 1) == 0
    assert share(3500 * E) == E
    for price in range(1000 * E, 10_001 * E, 500 * E):
        assert share(price) == (E if price >= 3000 * E else 0)


def test_binary_option__zero_and_negative_strikes__allowed(binary_option_library, configure):
    # 0 is a real strike here (the explicit isSet flag marks "set"), as in UMA.
    at_zero = configure(binary_option_library, 0)
    assert binary_option_library.isParameterSet(at_zero.pair)
    assert (at_zero(-1), at_zero(0)) == (0, E)
    negative = configure(binary_option_library, -5 * E)
    assert (negative(-5 * E - 1), negative(-5 * E)) == (0, E)


# ------------------------------------------------------------------ CoveredCall


def test_covered_call__uma_cases(covered_call_library, configure):
    share = configure(covered_call_library, 400 * E)
    assert covered_call_library.longShortPairStrikePrices(share.pair) == 400 * E
    assert share(300 * E) == 0
    assert share(400 * E) == 0
    assert share(500 * E) == 200_000_000_000_000_000
    for price in range(500 * E, 2001 * E, 125 * E):
        assert share(price) == (price - 400 * E) * E // price
    assert share(10**36) < E
    assert share(-(10**20)) == 0


def test_covered_call__reference_vector(covered_call_library, configure):
    assert configure(covered_call_library, 3000 * E)(3500 * E) == 142_857_142_857_142_857


def test_covered_call__largest_price__no_overflow(covered_call_library, configure):
    # UMA's (P - K) * 1e18 overflows for such prices and would block settlement forever.
    """Invariants: I-5 (docs/INVARIANTS.md)."""
    share = configure(covered_call_library, 400 * E)
    assert share(INT256_MAX) == wad_floor(Fraction(INT256_MAX - 400 * E, INT256_MAX))
    assert share(INT256_MAX) < E


def test_covered_call__zero_strike__reverts(covered_call_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(covered_call_library.StrikePriceZero):
        covered_call_library.setLongShortPairParameters(pair, 0, sender=launcher)
    assert not covered_call_library.isParameterSet(pair)


# ------------------------------------------------------------------ CappedYieldDollar


def test_capped_yield_dollar__uma_cases(capped_yield_dollar_library, configure):
    share = configure(capped_yield_dollar_library, 10 * E)
    assert capped_yield_dollar_library.lowPriceRanges(share.pair) == 10 * E
    assert share(9 * E) == E
    assert share(10 * E) == E
    assert share(20 * E) == 5 * 10**17
    assert share(40 * E) == 25 * 10**16
    assert share(-(10**30)) == E


def test_capped_yield_dollar__reference_vector(capped_yield_dollar_library, configure):
    assert configure(capped_yield_dollar_library, 4 * E)(12 * E) == 333_333_333_333_333_333


def test_capped_yield_dollar__zero_range__reverts(
    capped_yield_dollar_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    with ape.reverts(capped_yield_dollar_library.LowPriceRangeZero):
        capped_yield_dollar_library.setLongShortPairParameters(pair, 0, sender=launcher)


# ------------------------------------------------------------------ RangeBond


def test_range_bond__uma_cases(range_bond_library, configure):
    share = configure(range_bond_library, 50 * E, 10 * E)
    assert range_bond_library.longShortPairParameters(share.pair) == (50 * E, 10 * E)
    assert share(9 * E) == E
    assert share(60 * E) == 2 * 10**17
    assert share(20 * E) == 5 * 10**17
    assert share(33 * E) == 303_030_303_030_303_030
    assert share(5_555 * 10**15) == E


def test_range_bond__arbitrary_prices__match_financial_form(range_bond_library, configure):
    # Long payout T = min(N/P, N/R1) + max(N/R2 * (P - R2)/P, 0) with N = R1 * cpp, per unit of cpp.
    low, high, cpp = Fraction(10), Fraction(50), Fraction(10)
    notional = low * cpp
    share = configure(range_bond_library, 50 * E, 10 * E)
    for price_e15 in (5_555, 11_000, 33_000, 55_000, 66_000, 111_000):
        p = Fraction(price_e15, 1000)
        total = min(notional / p, notional / low) + max(notional / high * (p - high) / p, 0)
        assert share(price_e15 * 10**15) == wad_floor(total / cpp)


def test_range_bond__swapped_ranges__reverts(range_bond_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(range_bond_library.InvalidBounds, highPriceRange=10 * E, lowPriceRange=50 * E):
        range_bond_library.setLongShortPairParameters(pair, 10 * E, 50 * E, sender=launcher)


def test_range_bond__zero_low_range__reverts(range_bond_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(range_bond_library.LowPriceRangeZero):
        range_bond_library.setLongShortPairParameters(pair, 50 * E, 0, sender=launcher)


# ------------------------------------------------------------------ SimpleSuccessToken


def test_simple_success_token__uma_cases(simple_success_token_library, configure):
    share = configure(simple_success_token_library, 400 * E)
    assert simple_success_token_library.longShortPairStrikePrices(share.pair) == 400 * E
    assert share(300 * E) == 5 * 10**17
    assert share(0) == 5 * 10**17
    assert share(500 * E) == 6 * 10**17
    assert share(10**36) < E
    assert share(INT256_MAX) < E


def test_simple_success_token__reference_vector(simple_success_token_library, configure):
    assert configure(simple_success_token_library, 20 * E)(30 * E) == 666_666_666_666_666_666


def test_simple_success_token__zero_strike__reverts(
    simple_success_token_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    with ape.reverts(simple_success_token_library.StrikePriceZero):
        simple_success_token_library.setLongShortPairParameters(pair, 0, sender=launcher)


# ------------------------------------------------------------------ SuccessToken


@pytest.mark.parametrize(
    ("base", "at_300", "at_0", "at_500"),
    [(E // 2, E // 2, E // 2, 6 * 10**17), (E // 5, E // 5, E // 5, 36 * 10**16)],
)
def test_success_token__uma_cases(success_token_library, configure, base, at_300, at_0, at_500):
    share = configure(success_token_library, 400 * E, base)
    assert success_token_library.longShortPairParameters(share.pair) == (400 * E, base)
    assert share(300 * E) == at_300
    assert share(0) == at_0
    assert share(500 * E) == at_500
    assert share(10**36) < E


def test_success_token__base_one__pays_one_everywhere(success_token_library, configure):
    share = configure(success_token_library, 400 * E, E)
    assert [share(p) for p in (-1, 0, 400 * E, 10**40, INT256_MAX)] == [E] * 5


def test_success_token__zero_strike__reverts(success_token_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(success_token_library.StrikePriceZero):
        success_token_library.setLongShortPairParameters(pair, 0, E // 2, sender=launcher)


@pytest.mark.parametrize("base", [0, E + 1, 2**256 - 1])
def test_success_token__base_out_of_range__reverts(
    success_token_library, pair_info_mock, launcher, base
):
    pair = pair_info_mock()
    with ape.reverts(success_token_library.InvalidBasePercentage, basePercentage=base):
        success_token_library.setLongShortPairParameters(pair, 400 * E, base, sender=launcher)

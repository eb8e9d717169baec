"""Pure-Python properties of the payout twins (fast, many examples; no chain).

The on-chain equality with these twins is checked in test_payout_differential.py.
"""

from decimal import Decimal, localcontext

import pytest
from eth_abi import decode
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_options.payouts import (
    LIBRARIES,
    WAD,
    BoundedLog,
    FlooredLinear,
    Linear,
    PiecewiseLinear,
    ln_wad,
    payout_library,
)

from .strategies import TWINS, assert_monotone, prices, prices_for

NAMES = sorted(LIBRARIES)
MANY = settings(max_examples=settings.default.max_examples * 8)


@pytest.mark.parametrize("name", NAMES)
@MANY
@given(data=st.data())
def test_twin__any_price__output_within_zero_and_one(name, data):
    """Invariants: I-5 (docs/INVARIANTS.md)."""
    twin = data.draw(TWINS[name])
    for price in data.draw(st.lists(prices_for(twin), min_size=1, max_size=20)):
        assert 0 <= twin.percentage_long(price) <= WAD


@pytest.mark.parametrize("name", NAMES)
@MANY
@given(data=st.data())
def test_twin__sorted_prices__monotone_where_shape_is(name, data):
    """Invariants: I-19 (docs/INVARIANTS.md)."""
    twin = data.draw(TWINS[name])
    ordered = sorted(data.draw(st.lists(prices_for(twin), min_size=2, max_size=20)))
    assert_monotone(twin, ordered, [twin.percentage_long(p) for p in ordered])


@pytest.mark.parametrize(
    "params",
    [{"strike_price": 2}, {"strike_price": 2, "base_percentage": WAD // 2}],
    ids=["SimpleSuccessToken", "SuccessToken"],
)
def test_success_tokens__tiny_prices__dip_from_umas_truncation_order(params):
    """Invariants: I-19 (docs/INVARIANTS.md)."""
    # UMA's order, kept on purpose: floor(0.5 * (P - K)) first, then / P. With K = 2 wei:
    # P = 8 wei -> 0.5 + floor(3 * 1e18 / 8) = 0.875; P = 9 wei -> 0.5 + floor(3 * 1e18 / 9).
    name = "SuccessToken" if "base_percentage" in params else "SimpleSuccessToken"
    twin = payout_library(name, params)
    assert twin.percentage_long(8) == 875 * 10**15
    assert twin.percentage_long(9) == 833_333_333_333_333_333


@pytest.mark.parametrize("name", NAMES)
@MANY
@given(data=st.data())
def test_twin__config_and_encoding__round_trip(name, data):
    twin = data.draw(TWINS[name])
    config = {field: getattr(twin, field) for field in twin.field_names()}
    config = {k: list(v) if isinstance(v, tuple) else v for k, v in config.items()}
    assert payout_library(name, config) == twin
    decoded = decode(list(twin.abi_types), twin.encode_parameters())
    assert tuple(list(v) if isinstance(v, tuple) else v for v in decoded) == twin.setter_args()


@MANY
@given(data=st.data())
def test_piecewise_two_points__equals_linear(data):
    linear = data.draw(TWINS["Linear"])
    curve = PiecewiseLinear([linear.lower_bound, linear.upper_bound], [0, WAD])
    for price in data.draw(st.lists(prices_for(linear), min_size=1, max_size=20)):
        assert curve.percentage_long(price) == linear.percentage_long(price)


@MANY
@given(data=st.data())
def test_piecewise_two_points__floored__at_most_one_wei_above_umas_double_truncation(data):
    floored: FlooredLinear = data.draw(TWINS["FlooredLinear"])
    curve = PiecewiseLinear(
        [floored.lower_bound, floored.upper_bound], [floored.floor_percentage, WAD]
    )
    for price in data.draw(st.lists(prices_for(floored), min_size=1, max_size=20)):
        difference = curve.percentage_long(price) - floored.percentage_long(price)
        assert 0 <= difference <= 1


def _log_formula(low: int, high: int, price: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 90
        lo, hi = Decimal(low), Decimal(high)
        t = min(hi, max(Decimal(price), lo))
        return (1 - ((hi + lo) / t - 1).ln() / (hi / lo).ln()) / 2 * WAD


@MANY
@given(data=st.data())
def test_bounded_log__within_1e_6_of_formula_and_symmetric(data):
    twin: BoundedLog = data.draw(TWINS["BoundedLog"])
    low, high = twin.min_price, twin.max_price
    price = data.draw(st.integers(low, high) | prices)
    value = twin.percentage_long(price)
    assert abs(Decimal(value) - _log_formula(low, high, price)) <= Decimal(10**12)
    bounded = min(high, max(price, low))
    mirrored = twin.percentage_long(low + high - bounded)
    assert WAD - 1 <= value + mirrored <= WAD


@MANY
@given(x=st.integers(1, 2**255 - 1) | st.integers(1, 10**40))
def test_ln_wad__close_to_true_logarithm(x):
    with localcontext() as ctx:
        ctx.prec = 100
        exact = (Decimal(x) / WAD).ln() * WAD
    assert abs(Decimal(ln_wad(x)) - exact) <= 2


@given(upper=st.integers(-(10**6), 10**6), lower=st.integers(-(10**6), 10**6))
def test_linear_from_config__bounds_not_increasing__value_error_names_field(upper, lower):
    if upper > lower:
        assert Linear.from_config({"upperBound": upper, "lowerBound": lower}).upper_bound == upper
    else:
        with pytest.raises(ValueError, match="upper_bound"):
            Linear.from_config({"upper_bound": upper, "lower_bound": lower})

"""Hypothesis strategies for payout-library parameters and prices.

Parameters are built to satisfy each library's validation by construction (no ``assume``), and
cover the whole contract domain: int256 prices including the extremes, huge strikes, tiny ranges.
"""

from hypothesis import strategies as st

from kpi_options.ancillary.multiple_values import pack
from kpi_options.payouts import (
    INT256_MAX,
    INT256_MIN,
    LIBRARIES,
    UINT128_MAX,
    UINT256_MAX,
    WAD,
    PayoutLibrary,
)

from .multi_strategies import answers as multi_metric_answers
from .multi_strategies import multi_metric

E = WAD

# Prices: the whole int256 range, the "human" range around typical 1e18-scaled prices, and edges.
prices = st.one_of(
    st.integers(INT256_MIN, INT256_MAX),
    st.integers(-(10**24), 10**30),
    st.integers(-1000, 1000),
    st.sampled_from([INT256_MIN, INT256_MIN + 1, -1, 0, 1, E, INT256_MAX - 1, INT256_MAX]),
)


# Prices near a set of anchor values (strikes, bounds), where the branches change.
def near(*anchors: int):
    return st.builds(
        lambda a, d: max(INT256_MIN, min(INT256_MAX, a + d)),
        st.sampled_from(anchors),
        st.integers(-(10**19), 10**19) | st.integers(-3, 3),
    )


shares = st.one_of(st.integers(0, WAD), st.sampled_from([0, 1, WAD // 2, WAD - 1, WAD]))
signed_params = st.one_of(
    st.integers(INT256_MIN, INT256_MAX), st.integers(-(10**30), 10**30), st.integers(-100, 100)
)
positive_params = st.one_of(
    st.integers(1, UINT256_MAX), st.integers(1, 10**30), st.integers(1, 100)
)


@st.composite
def increasing(draw, min_size: int, max_size: int) -> list[int]:
    """A strictly increasing list of int256 values."""
    values = draw(st.lists(signed_params, min_size=min_size, max_size=max_size, unique=True))
    while len(values) < min_size:  # unique lists can come out short only if min_size > pool
        values.append(draw(signed_params))
        values = list(set(values))
    return sorted(values)


@st.composite
def bounds(draw) -> tuple[int, int]:
    """(upper, lower) with upper > lower."""
    a, b = draw(st.lists(signed_params, min_size=2, max_size=2, unique=True))
    return max(a, b), min(a, b)


@st.composite
def linear(draw):
    upper, lower = draw(bounds())
    return LIBRARIES["Linear"](upper, lower)


@st.composite
def floored_linear(draw):
    upper, lower = draw(bounds())
    return LIBRARIES["FlooredLinear"](upper, lower, draw(shares))


@st.composite
def range_bond(draw):
    low = draw(st.integers(1, UINT256_MAX - 1) | st.integers(1, 10**30))
    high = draw(st.integers(low + 1, UINT256_MAX) | st.integers(low + 1, low + 10**30))
    return LIBRARIES["RangeBond"](min(high, UINT256_MAX), low)


@st.composite
def milestones(draw):
    thresholds = draw(increasing(1, 16))
    payouts = sorted(draw(st.lists(shares, min_size=len(thresholds), max_size=len(thresholds))))
    base = draw(st.integers(0, payouts[0]))
    return LIBRARIES["Milestones"](base, thresholds, payouts)


@st.composite
def piecewise_linear(draw):
    xs = draw(increasing(2, 16))
    ys = draw(st.lists(shares, min_size=len(xs), max_size=len(xs)))
    return LIBRARIES["PiecewiseLinear"](xs, ys)


@st.composite
def bounded_log(draw):
    largest_low = UINT128_MAX * 10**6 // (10**6 + 1) - 1  # leaves room for the narrowest range
    low = draw(st.integers(1, 10**30) | st.integers(1, largest_low) | st.integers(1, 10))
    narrowest = low + max(1, low // 10**6)
    high = draw(st.integers(narrowest, min(UINT128_MAX, narrowest + 10**30)) | st.just(UINT128_MAX))
    return LIBRARIES["BoundedLog"](low, max(high, narrowest))


TWINS: dict[str, st.SearchStrategy[PayoutLibrary]] = {
    "Linear": linear(),
    "FlooredLinear": floored_linear(),
    "BinaryOption": st.builds(LIBRARIES["BinaryOption"], signed_params),
    "CoveredCall": st.builds(LIBRARIES["CoveredCall"], positive_params),
    "CappedYieldDollar": st.builds(LIBRARIES["CappedYieldDollar"], positive_params),
    "RangeBond": range_bond(),
    "SimpleSuccessToken": st.builds(LIBRARIES["SimpleSuccessToken"], positive_params),
    "SuccessToken": st.builds(
        LIBRARIES["SuccessToken"], positive_params, st.integers(1, WAD) | st.just(WAD)
    ),
    "Milestones": milestones(),
    "PiecewiseLinear": piecewise_linear(),
    "BoundedLog": bounded_log(),
    "MultiMetric": multi_metric(),
}
assert set(TWINS) == set(LIBRARIES)


def anchors(twin: PayoutLibrary) -> list[int]:
    """The twin's parameter values that are prices (where the curve changes branch).

    For MultiMetric the prices are UMIP-183 packings: every value at its lower, every value at
    its upper bound."""
    if twin.short_name == "MultiMetric":
        return [
            pack([m.lower_bound for m in twin.metrics]),
            pack([m.upper_bound for m in twin.metrics]),
        ]
    values: list[int] = []
    for name in twin.field_names():
        value = getattr(twin, name)
        if "percentage" in name or name == "payouts":
            continue
        values.extend(value if isinstance(value, tuple) else [value])
    return [max(INT256_MIN, min(INT256_MAX, v)) for v in values]


def prices_for(twin: PayoutLibrary):
    """Prices anywhere, plus prices close to the twin's own branch points (for MultiMetric,
    UMIP-183 answers of every kind: valid packings, special answers, stray bits)."""
    if twin.short_name == "MultiMetric":
        return st.one_of(prices, multi_metric_answers(twin))
    return st.one_of(prices, near(*anchors(twin)))


# Shapes whose output never decreases (+1) or never increases (-1) as the price rises.
MONOTONE_DIRECTION = {
    "Linear": 1,
    "FlooredLinear": 1,
    "BinaryOption": 1,
    "CoveredCall": 1,
    "CappedYieldDollar": -1,
    "RangeBond": -1,
    "SimpleSuccessToken": 1,
    "SuccessToken": 1,
    "Milestones": 1,
    "BoundedLog": 1,
    "MultiMetric": 0,  # monotone in each packed value, not in the packed integer (see its tests)
}


# UMA's success tokens truncate `(1 - b)(P - K)` before dividing by P, so the output can dip by
# up to 1e18 / P + 1 wei as P rises (e.g. K = 2 wei: P = 8 wei gives 0.875, P = 9 wei 0.8333...).
# For prices of at least 1.0 (1e18) the dip is at most 2 wei.
TRUNCATION_DIPS = {"SimpleSuccessToken", "SuccessToken"}


def allowed_dip(twin: PayoutLibrary, price: int) -> int:
    """How far the output may fall, going up to ``price``, because of UMA's truncation order."""
    if twin.short_name in TRUNCATION_DIPS and price > 0:
        return WAD // price + 1
    return 0


def assert_monotone(twin: PayoutLibrary, ordered_prices: list[int], outputs: list[int]) -> None:
    """Outputs at ascending prices move in the shape's direction (up to ``allowed_dip``)."""
    direction = monotone_direction(twin)
    for (_, before), (price, after) in zip(
        zip(ordered_prices, outputs, strict=True),
        list(zip(ordered_prices, outputs, strict=True))[1:],
        strict=False,
    ):
        if direction > 0:
            assert after >= before - allowed_dip(twin, price), (price, before, after)
        elif direction < 0:
            assert after <= before, (price, before, after)


def monotone_direction(twin: PayoutLibrary) -> int:
    """+1, -1, or 0 (no monotonicity promised: a piecewise curve whose points go up and down)."""
    if twin.short_name == "PiecewiseLinear":
        ys = list(twin.percentages)
        if ys == sorted(ys):
            return 1
        if ys == sorted(ys, reverse=True):
            return -1
        return 0
    return MONOTONE_DIRECTION[twin.short_name]

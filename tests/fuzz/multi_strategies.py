"""Hypothesis strategies for the MultiMetric payout library: valid parameters by construction
(bounds inside 32 bits, weights that sum to exactly 1e18) and UMIP-183 answers of every kind.
"""

from hypothesis import strategies as st

from kpi_options.ancillary.multiple_values import (
    INT256_MAX,
    INT256_MIN,
    MAX_VALUE,
    MAX_VALUES,
    TOO_EARLY,
    UNRESOLVABLE,
    VALUE_BITS,
    pack,
)
from kpi_options.payouts.multi import MAX_STEPS, Metric, MultiMetric

WAD = 10**18

u32 = st.integers(0, MAX_VALUE)
shares = st.one_of(st.integers(0, WAD), st.sampled_from([0, 1, WAD // 2, WAD - 1, WAD]))


@st.composite
def weights(draw, count: int) -> list[int]:
    """``count`` weights in [0, 1e18] summing to exactly 1e18 (cut points on [0, 1e18])."""
    cuts = sorted(
        draw(
            st.lists(
                st.integers(0, WAD) | st.sampled_from([0, 1, WAD - 1, WAD]),
                min_size=count - 1,
                max_size=count - 1,
            )
        )
    )
    edges = [0, *cuts, WAD]
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


@st.composite
def metric_bounds(draw) -> tuple[int, int]:
    """(lower, upper) with lower < upper <= 2**32 - 1: anywhere, narrow, or at the 32-bit edges."""
    kind = draw(st.sampled_from(["any", "narrow", "edges", "human"]))
    if kind == "narrow":
        lower = draw(st.integers(0, MAX_VALUE - 1))
        return lower, draw(st.integers(lower + 1, min(MAX_VALUE, lower + 3)))
    if kind == "edges":
        return draw(st.sampled_from([(0, 1), (0, MAX_VALUE), (MAX_VALUE - 1, MAX_VALUE)]))
    if kind == "human":
        lower = draw(st.integers(0, 10_000))
        return lower, draw(st.integers(lower + 1, 1_000_000))
    a, b = draw(st.lists(u32, min_size=2, max_size=2, unique=True))
    return min(a, b), max(a, b)


@st.composite
def multi_metric(draw) -> MultiMetric:
    """A valid MultiMetric twin with 1 to 7 metrics."""
    count = draw(st.integers(1, MAX_VALUES))
    ws = draw(weights(count))
    metrics = []
    for weight in ws:
        lower, upper = draw(metric_bounds())
        steps = draw(st.sampled_from([0, 0, 1, 2, 3, 10, MAX_STEPS]) | st.integers(0, MAX_STEPS))
        metrics.append(Metric(lower, upper, weight, steps))
    minimum = draw(shares)
    unresolvable = draw(shares)
    return MultiMetric(tuple(metrics), minimum, unresolvable, draw(st.booleans()))


def near_bounds(metric: Metric):
    """Values at, just below and just above a metric's bounds, clamped to 32 bits."""
    return st.builds(
        lambda anchor, delta: max(0, min(MAX_VALUE, anchor + delta)),
        st.sampled_from([metric.lower_bound, metric.upper_bound]),
        st.integers(-3, 3),
    )


def value_lists(twin: MultiMetric):
    """One value per metric: anywhere in 32 bits, or near that metric's bounds."""
    return st.tuples(*(u32 | near_bounds(m) for m in twin.metrics)).map(list)


def answers(twin: MultiMetric):
    """int256 answers: valid packings (mostly), the two special answers, negative prices, and
    packings with a stray bit above the last metric (invalid)."""
    count = len(twin.metrics)
    valid = value_lists(twin).map(pack)
    stray = st.builds(
        lambda packed, bit: packed | (1 << bit),
        valid,
        st.integers(VALUE_BITS * count, 254),
    )
    return st.one_of(
        valid,
        valid,
        valid,
        st.sampled_from([UNRESOLVABLE, TOO_EARLY, -1, INT256_MIN + 1]),
        stray,
        st.integers(INT256_MIN, INT256_MAX),
    )

"""UMIP-117 rule texts: canonical forms round-trip, seed 001's phrasings are read, prose is not."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_options.errors import UnknownForm
from kpi_options.keeper.rules import (
    DAY,
    UNITS,
    Average,
    FallbackSource,
    Goal,
    Increase,
    Interval,
    Peak,
    Twap,
    parse_aggregation,
    parse_fallback,
    parse_goal,
    parse_interval,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Resolve to last available block from request.", Interval.LAST),
        ("Resolve to exact request timestamp in full seconds.", Interval.EXACT),
        ("Resolve to the last available daily data updated at midnight UTC.", Interval.DAILY),
        ("resolve to the last available  daily data updated at midnight utc", Interval.DAILY),
        ("daily at 24:00 UTC", Interval.DAILY),
    ],
)
def test_parse_interval__seed_001_phrasings__read(text, expected):
    assert parse_interval(text) is expected


@pytest.mark.parametrize("interval", list(Interval))
def test_parse_interval__canonical_text__round_trips(interval):
    assert parse_interval(interval.text) is interval


@pytest.mark.parametrize("text", ["Resolve to the end of last month from request.", "weekly", None])
def test_parse_interval__other_forms__unknown_form(text):
    with pytest.raises(UnknownForm) as info:
        parse_interval(text)
    assert info.value.rule == "Interval" and not info.value.voters_share


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-hour TWAP before the request timestamp.", Twap(3600)),
        ("7-day average before the request timestamp.", Average(7 * DAY)),
        ("Peak value from 1627776000 till request timestamp.", Peak(1627776000)),
        ("Increase compared to 30 days before the request timestamp.", Increase(30 * DAY, False)),
        (
            "Positive increase compared to 1 week before the request timestamp (set to 0 if decreased).",
            Increase(7 * DAY, True),
        ),
        (None, None),
    ],
)
def test_parse_aggregation__forms__read(text, expected):
    assert parse_aggregation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Peak value of hourly TVL from 1627776000 till request timestamp.",  # "hourly": not read
        "Positive increase in user count compared to 1 month before the request timestamp "
        "(set to 0 if user count has decreased).",  # months are not fixed lengths
        "0-hour TWAP before the request timestamp.",
        "median of the week",
    ],
)
def test_parse_aggregation__prose_or_ambiguous__unknown_form(text):
    with pytest.raises(UnknownForm) as info:
        parse_aggregation(text)
    assert info.value.rule == "Aggregation"


durations = st.builds(
    lambda n, u: n * UNITS[u], st.integers(1, 500), st.sampled_from(sorted(UNITS))
)


@given(
    st.one_of(
        st.builds(Twap, durations),
        st.builds(Average, durations),
        st.builds(Peak, st.integers(0, 2**40)),
        st.builds(Increase, durations, st.booleans()),
    )
)
def test_parse_aggregation__canonical_text__round_trips(rule):
    assert parse_aggregation(rule.text) == rule


@given(
    st.sampled_from(["at least", "above", "at most", "below"]), st.decimals("-1e9", "1e9", places=3)
)
def test_parse_goal__canonical_text__round_trips(comparison, threshold):
    goal = Goal(comparison, threshold)
    assert parse_goal(goal.text) == goal


@pytest.mark.parametrize(
    ("comparison", "value", "met"),
    [
        ("at least", "1500", True),
        ("at least", "1499", False),
        ("above", "1500", False),
        ("below", "1", True),
    ],
)
def test_goal_met__comparisons__as_written(comparison, value, met):
    assert Goal(comparison, Decimal(1500)).met(Decimal(value)) is met


def test_parse_goal__prose__unknown_form():
    with pytest.raises(UnknownForm):
        parse_goal("return the metric only if TVL reached 1500 million USD")


def test_parse_fallback__canonical__read_and_prose_ignored():
    source = FallbackSource("https://example.org/tvl", "data.series[t].TVL")
    assert parse_fallback(source.text) == source
    assert parse_fallback("If Subgraph query is down, fall back to DeFi Lama measure.") is None
    assert parse_fallback(None) is None

"""Resolving one metric: Interval, Aggregation, UMIP-117 steps, Fallback, early goal, Unresolved.

Aggregations are checked against a plain per-second model; the rounding steps against
``kpi_options.ancillary.resolve_metric``.
"""

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.rules import resolve_metric
from kpi_options.errors import (
    MissingKey,
    NoDataPoint,
    NotJson,
    SourceDown,
    SourceTimeout,
    UnknownForm,
)
from kpi_options.keeper.formats import Point
from kpi_options.keeper.resolve import (
    IGNORE_PRICE,
    finish,
    pick,
    raw_metric,
    recipe_from_ancillary,
    resolve,
    resolve_early,
    unresolved_answer,
)
from kpi_options.keeper.rules import DAY, Average, Increase, Interval, Peak, Twap
from kpi_options.keeper.sources import HttpSource
from tests.fixtures.metric_server import closed_port_url, defillama_document

D = Decimal
T0 = 1_800_000_000 - 1_800_000_000 % DAY  # a midnight UTC
FETCH = HttpSource(timeout=0.5)


def fields(endpoint, **extra):
    base = {
        "Metric": "TVL in billions of USD",
        "Method": "https://example.org/method.md",
        "Endpoint": endpoint,
        "Key": "tvl[].totalLiquidityUSD",
        "Interval": Interval.DAILY.text,
        "RawRounding": "-7",
        "Scaling": "-9",
        "Rounding": "2",
        "Unresolved": "0.1",
    }
    base.update(extra)
    return {k: v for k, v in base.items() if v is not None}


def pts(*pairs):
    return [Point(t, D(v)) for t, v in pairs]


# --- Interval ------------------------------------------------------------------------------------


def test_pick__daily__midnight_point_ignoring_intraday():
    series = pts((T0 - DAY, 1), (T0, 2), (T0 + 3600, 3))
    assert pick(series, Interval.DAILY, T0 + 7200, url=None).value == 2


def test_pick__daily_midnight_not_published__no_data_point():
    with pytest.raises(NoDataPoint, match="midnight UTC") as info:
        pick(pts((T0 - DAY, 1), (T0 + 60, 3)), Interval.DAILY, T0 + 7200, url="u")
    assert info.value.rule == "Interval" and info.value.url == "u"


def test_pick__last__needs_a_later_point_first():
    series = pts((T0, 1), (T0 + 10, 2))
    with pytest.raises(NoDataPoint, match="no data after"):
        pick(series, Interval.LAST, T0 + 10, url=None)
    assert pick(series + pts((T0 + 20, 3)), Interval.LAST, T0 + 15, url=None).value == 2


def test_pick__exact__only_that_second():
    series = pts((T0, 1), (T0 + 10, 2))
    assert pick(series, Interval.EXACT, T0 + 10, url=None).value == 2
    with pytest.raises(NoDataPoint, match="exactly"):
        pick(series, Interval.EXACT, T0 + 9, url=None)


# --- Aggregation against a plain model -----------------------------------------------------------


def model_value_at(series, t):
    return [p.value for p in series if p.timestamp <= t][-1]


series_st = st.lists(
    st.tuples(st.integers(0, 200), st.integers(-1000, 1000)),
    min_size=1,
    max_size=12,
    unique_by=lambda x: x[0],
)


@given(series_st, st.integers(1, 150), st.integers(0, 200))
def test_raw_metric__twap__matches_per_second_model(raw_points, window, t):
    series = sorted(pts(*raw_points), key=lambda p: p.timestamp) + pts((10_000, 0))
    try:
        value, _, _ = raw_metric(series, Interval.LAST, Twap(window), t, url=None)
    except NoDataPoint:
        assert not any(p.timestamp <= t - window for p in series)
        return
    with localcontext() as ctx:
        ctx.prec = 200  # the engine's precision
        model = sum(model_value_at(series, s) for s in range(t - window, t)) / D(window)
    assert value == model


@given(series_st, st.integers(1, 150), st.integers(0, 200))
def test_raw_metric__average_peak_increase__match_model(raw_points, window, t):
    series = sorted(pts(*raw_points), key=lambda p: p.timestamp) + pts((10_000, 0))
    inside = [p.value for p in series if t - window < p.timestamp <= t]
    if inside and any(p.timestamp <= t for p in series):
        with localcontext() as ctx:
            ctx.prec = 200  # the engine's precision
            mean = sum(inside) / len(inside)
        assert raw_metric(series, Interval.LAST, Average(window), t, url=None)[0] == mean
    peak_in = [p.value for p in series if t - window <= p.timestamp <= t]
    if peak_in:
        assert raw_metric(series, Interval.LAST, Peak(t - window), t, url=None)[0] == max(peak_in)
    if any(p.timestamp <= t - window for p in series):
        diff = model_value_at(series, t) - model_value_at(series, t - window)
        assert raw_metric(series, Interval.LAST, Increase(window, False), t, url=None)[0] == diff
        assert raw_metric(series, Interval.LAST, Increase(window, True), t, url=None)[0] == max(
            diff, 0
        )


def test_raw_metric__daily_twap__uses_midnight_points_only():
    series = pts((T0 - DAY, 100), (T0 - DAY + 3600, 999), (T0, 200))
    value, used, _ = raw_metric(series, Interval.DAILY, Twap(DAY), T0 + DAY // 2, url=None)
    assert value == D(150) and [p.timestamp for p in used] == [T0 - DAY, T0]


# --- UMIP-117 steps ------------------------------------------------------------------------------


@given(
    st.decimals("-1e15", "1e15", places=6, allow_nan=False),
    st.one_of(st.none(), st.integers(-9, 4)),
    st.one_of(st.none(), st.integers(-9, 4)),
    st.integers(-3, 6),
)
def test_finish__any_fields__equals_resolve_metric(raw, raw_rounding, scaling, rounding):
    f = {"Rounding": str(rounding)}
    if raw_rounding is not None:
        f["RawRounding"] = str(raw_rounding)
    if scaling is not None:
        f["Scaling"] = str(scaling)
    value, steps = finish(raw, f)
    assert value == resolve_metric(raw, f)
    assert [s.name for s in steps][-1] == "Rounding"


def test_finish__umip_example__each_step_recorded():
    value, steps = finish(D("754321000.5"), {"RawRounding": "-7", "Scaling": "-9", "Rounding": "2"})
    assert value == D("0.75")
    assert [(s.name, D(s.value)) for s in steps] == [
        ("raw", D("754321000.5")),
        ("RawRounding", D("750000000")),
        ("Scaling", D("0.75")),
        ("Rounding", D("0.75")),
    ]


# --- whole resolution through the local server ---------------------------------------------------


def test_resolve__defillama_daily__value_steps_and_points(metric_server):
    url = metric_server.route(
        "/protocol/a", defillama_document([(T0 - DAY, 5e8), (T0, 754_321_000), (T0 + 60, 9e9)])
    )
    answer = resolve(recipe_from_ancillary(fields(url)), T0 + 3600, FETCH)
    assert answer.ok and answer.value == D("0.75") and answer.price == 75 * 10**16
    assert answer.url == url and answer.points == (Point(T0, D(754_321_000)),)
    assert answer.as_json()["steps"][0]["step"] == "select"


def test_resolve__stamped_onchain_bytes__same_answer(metric_server):
    url = metric_server.route("/protocol/b", defillama_document([(T0, 754_321_000)]))
    stamped = anc.AncillaryData(fields(url)).with_stamps("0x" + "ab" * 20).to_bytes()
    assert resolve(recipe_from_ancillary(stamped), T0 + 5, FETCH).value == D("0.75")


@pytest.mark.parametrize(
    ("setup", "error", "rule"),
    [
        (lambda s: closed_port_url(), SourceDown, "Endpoint"),
        (
            lambda s: s.route("/slow", defillama_document([(T0, 1)]), delay=1.5),
            SourceTimeout,
            "Endpoint",
        ),
        (lambda s: s.route("/html", body=b"<html>", content_type="text/html"), NotJson, "Endpoint"),
        (lambda s: s.route("/nokey", {"tvl_": []}), MissingKey, "Key"),
        (
            lambda s: s.route("/nopoint", defillama_document([(T0 - DAY, 1)])),
            NoDataPoint,
            "Interval",
        ),
    ],
)
def test_resolve__failure_modes__no_answer_naming_url_and_rule(metric_server, setup, error, rule):
    url = setup(metric_server)
    result = resolve(recipe_from_ancillary(fields(url)), T0 + 5, FETCH)
    assert not result.ok
    assert (
        isinstance(result.reason, error) and result.reason.rule == rule and result.reason.url == url
    )
    assert url in str(result.reason)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("Interval", "Resolve to the end of last month from request."),
        ("Aggregation", "Median over the quarter."),
        ("Key", "tvlUSD"),
        ("Rounding", "two"),
        ("Endpoint", None),
    ],
)
def test_recipe__unknown_form__refused_naming_field(field, value):
    with pytest.raises(UnknownForm) as info:
        recipe_from_ancillary(fields("https://example.org/x", **{field: value}))
    assert info.value.rule == field


def test_resolve__endpoint_down__machine_readable_fallback_used(metric_server):
    fb = metric_server.route("/fallback", {"s": [{"t": T0, "v": "2.5e8"}]})
    f = fields(
        closed_port_url(),
        Fallback=f"If the Endpoint gives no answer, resolve from {fb} with Key s[t].v.",
    )
    answer = resolve(recipe_from_ancillary(f), T0 + 5, FETCH)
    assert (
        answer.ok and answer.rule == "Fallback" and answer.url == fb and answer.value == D("0.25")
    )


def test_resolve__both_sources_fail__reason_is_the_endpoints(metric_server):
    f = fields(
        closed_port_url(),
        Fallback=f"If the Endpoint gives no answer, resolve from {closed_port_url()} with Key s[].v.",
    )
    result = resolve(recipe_from_ancillary(f), T0, FETCH)
    assert not result.ok and result.reason.rule == "Endpoint" and len(result.attempts) == 2


def test_resolve_early__goal_met_or_not__value_or_ignore(metric_server):
    goal = "Return the resolved metric if it is at least 0.5 at the request timestamp, else the ignore price."
    url = metric_server.route("/protocol/e", defillama_document([(T0, 4e8), (T0 + DAY, 6e8)]))
    recipe = recipe_from_ancillary(fields(url, EarlyExpiryGoal=goal))
    assert resolve_early(recipe, T0 + 5, FETCH).price == IGNORE_PRICE
    assert resolve_early(recipe, T0 + DAY + 5, FETCH).value == D("0.6")
    no_goal = resolve_early(recipe_from_ancillary(fields(url)), T0 + 5, FETCH)
    assert not no_goal.ok and no_goal.reason.rule == "EarlyExpiryGoal"


def test_unresolved_answer__as_written__not_rounded():
    recipe = recipe_from_ancillary(fields("https://example.org/x", Unresolved="0.125"))
    answer = unresolved_answer(
        recipe, SourceDown("down", rule="Endpoint", url="https://example.org/x")
    )
    assert (
        answer.value == D("0.125") and answer.price == 125 * 10**15 and answer.rule == "Unresolved"
    )

"""Resolve ONE metric: (recipe from the request's ancillary data, request timestamp) -> answer or
reason. Pure apart from the injected ``fetch``; no chain access.

Order (UMIP-117 after UMIPs PR #547): fetch the Endpoint -> the series at ``Key`` -> Interval and
Aggregation give the raw metric -> ``RawRounding`` -> ``Scaling`` (x10^n) -> post-processing (none
unless the caller passes one) -> ``Rounding`` (default 0, half-up, ties away from zero). Rounding
itself is :func:`kpi_options.ancillary.round_half_up`; the result is checked against
:func:`kpi_options.ancillary.resolve_metric` so the two can never disagree.

A failure is a :class:`NoAnswer` carrying a typed reason; a ``Fallback`` in its machine-readable
form is tried only when the Endpoint gives no answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, localcontext
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.rules import (
    int_field,
    resolve_metric,
    round_half_up,
    unresolved_value,
    validate_general_kpi,
)
from kpi_options.errors import NoDataPoint, ResolutionError, UnknownForm
from kpi_options.keeper import rules
from kpi_options.keeper.formats import Point, SeriesKey, extract_series, parse_key
from kpi_options.keeper.rules import Average, Goal, Increase, Interval, Peak, Twap
from kpi_options.keeper.sources import Fetcher
from kpi_options.units import IGNORE_PRICE, format_decimal, to_contract_units

#: ``type(int256).min``: the price that rejects an early-expiry request.
IGNORE_PRICE = IGNORE_PRICE
_PRECISION = 200


@dataclass(frozen=True)
class Recipe:
    """Everything the bot needs to resolve a request, read from its ancillary fields."""

    fields: dict[str, str]
    endpoint: str
    key: SeriesKey
    interval: Interval
    aggregation: rules.Aggregation | None
    unresolved: Decimal
    goal: Goal | None = None
    fallback: rules.FallbackSource | None = None
    fallback_key: SeriesKey | None = None
    early_expiration: bool = False
    notes: tuple[str, ...] = ()


def recipe_from_ancillary(data: bytes | str | Mapping[str, str]) -> Recipe:
    """Read a recipe from ancillary data as stored on chain (stamps allowed) or from fields.

    Raises :class:`UnknownForm` naming the field the bot cannot follow.
    """
    early = False
    if isinstance(data, Mapping):
        fields = dict(data)
    else:
        try:
            decoded = anc.AncillaryData.decode(data, strict=True)
        except anc.AncillaryError as exc:
            raise UnknownForm(
                f"ancillary data cannot be read: {exc}", rule=exc.key or "ancillary data"
            ) from exc
        fields, early = dict(decoded.fields), decoded.early_expiration
    checked = validate_general_kpi(fields)
    for issue in checked.errors:
        if issue.key in anc.INTEGER_KEYS + ("Unresolved", "Endpoint"):
            raise UnknownForm(issue.message, rule=issue.key)
    if not fields.get("Endpoint"):
        raise UnknownForm("no Endpoint field: nothing to fetch", rule="Endpoint")
    if "Key" not in fields:
        raise UnknownForm("no Key field: the bot does not pick a value itself", rule="Key")
    notes = []
    fallback = rules.parse_fallback(fields.get("Fallback"))
    fallback_key = None
    if fallback is not None:
        fallback_key = parse_key(fallback.key, rule="Fallback")
    elif "Fallback" in fields:
        notes.append("Fallback is prose for voters; the bot does not act on it")
    return Recipe(
        fields=fields,
        endpoint=fields["Endpoint"],
        key=parse_key(fields["Key"]),
        interval=rules.parse_interval(fields.get("Interval")),
        aggregation=rules.parse_aggregation(fields.get("Aggregation")),
        unresolved=unresolved_value(fields),
        goal=rules.parse_goal(fields.get(rules.GOAL_KEY)),
        fallback=fallback,
        fallback_key=fallback_key,
        early_expiration=early,
        notes=tuple(notes),
    )


# --- answers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of the computation, for the evidence record."""

    name: str
    value: str  # the value after this step, as exact decimal text
    detail: str = ""

    def as_json(self) -> dict:
        return {"step": self.name, "value": self.value, "detail": self.detail}


@dataclass(frozen=True)
class Answer:
    """A value the bot can justify: ``value`` in metric units, ``price`` in 1e18 contract units."""

    value: Decimal
    price: int
    raw: Decimal | None
    url: str | None
    points: tuple[Point, ...]
    steps: tuple[Step, ...]
    rule: str = "Endpoint"  # where the data came from: Endpoint, Fallback, Unresolved

    ok = True

    def as_json(self) -> dict:
        return {
            "url": self.url,
            "source_rule": self.rule,
            "points": [p.as_json() for p in self.points],
            "raw": None if self.raw is None else str(self.raw),
            "steps": [s.as_json() for s in self.steps],
            "value": format_decimal(self.value) if self.price != IGNORE_PRICE else "ignore",
            "price": str(self.price),
        }


@dataclass(frozen=True)
class NoAnswer:
    """No value: ``reason`` says why (rule and URL); ``attempts`` lists every source tried."""

    reason: ResolutionError
    attempts: tuple[ResolutionError, ...] = field(default=())

    ok = False


Resolution = Answer | NoAnswer


def _text(value: Decimal) -> str:
    """Exact plain decimal text (no exponent)."""
    return format_decimal(Decimal(value))


def _when(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


# --- picking and aggregating ---------------------------------------------------------------------


def admitted(points: list[Point], interval: Interval) -> list[Point]:
    """The points an Interval lets aggregations use (DAILY: midnight UTC points only)."""
    if interval is Interval.DAILY:
        return [p for p in points if p.timestamp % rules.DAY == 0]
    return list(points)


def pick(points: list[Point], interval: Interval, t: int, *, url: str | None) -> Point:
    """The point that answers for time ``t`` under ``interval``, or :class:`NoDataPoint`."""
    if interval is Interval.EXACT:
        for p in points:
            if p.timestamp == t:
                return p
        raise NoDataPoint(f"no data point at exactly {t} ({_when(t)})", rule="Interval", url=url)
    if interval is Interval.DAILY:
        midnight = t - t % rules.DAY
        for p in points:
            if p.timestamp == midnight:
                return p
        raise NoDataPoint(
            f"no daily point at midnight UTC {_when(midnight)} (the last one at or before {t})",
            rule="Interval",
            url=url,
        )
    before = [p for p in points if p.timestamp <= t]
    if not before:
        raise NoDataPoint(f"no data point at or before {t} ({_when(t)})", rule="Interval", url=url)
    if not any(p.timestamp > t for p in points):
        raise NoDataPoint(
            f"the source has no data after {t} ({_when(t)}) yet, so a later point at or before it "
            "may still appear",
            rule="Interval",
            url=url,
        )
    return before[-1]


def raw_metric(
    points: list[Point],
    interval: Interval,
    aggregation: rules.Aggregation | None,
    t: int,
    *,
    url: str | None,
) -> tuple[Decimal, tuple[Point, ...], str]:
    """The raw metric at ``t``: (value, points used, how)."""
    end = pick(points, interval, t, url=url)
    if aggregation is None:
        return end.value, (end,), f"{interval.name} point at {end.timestamp}"
    series = admitted(points, interval)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        if isinstance(aggregation, Twap):
            start = t - aggregation.window
            first = [p for p in series if p.timestamp <= start]
            if not first:
                raise NoDataPoint(
                    f"no data point at or before the TWAP window start {start} ({_when(start)})",
                    rule="Aggregation",
                    url=url,
                )
            used = [first[-1]] + [p for p in series if start < p.timestamp <= t]
            total = Decimal(0)
            for i, p in enumerate(used):
                a = max(p.timestamp, start)
                b = used[i + 1].timestamp if i + 1 < len(used) else t
                total += p.value * (b - a)
            return total / aggregation.window, tuple(used), f"TWAP over [{start}, {t}]"
        if isinstance(aggregation, Average):
            start = t - aggregation.window
            used = [p for p in series if start < p.timestamp <= t]
            if not used:
                raise NoDataPoint(f"no data point in ({start}, {t}]", rule="Aggregation", url=url)
            return (
                sum((p.value for p in used), Decimal(0)) / len(used),
                tuple(used),
                f"mean of {len(used)} points in ({start}, {t}]",
            )
        if isinstance(aggregation, Peak):
            used = [p for p in series if aggregation.start <= p.timestamp <= t]
            if not used:
                raise NoDataPoint(
                    f"no data point in [{aggregation.start}, {t}]", rule="Aggregation", url=url
                )
            top = max(used, key=lambda p: p.value)
            return top.value, (top,), f"peak of {len(used)} points in [{aggregation.start}, {t}]"
        if isinstance(aggregation, Increase):
            earlier = pick(points, interval, t - aggregation.lookback, url=url)
            diff = end.value - earlier.value
            if aggregation.positive and diff < 0:
                diff = Decimal(0)
            return (
                diff,
                (earlier, end),
                f"{end.value} - {earlier.value}"
                + (" floored at 0" if aggregation.positive else ""),
            )
    raise UnknownForm(f"aggregation {aggregation!r}", rule="Aggregation")


def finish(
    raw: Decimal, fields: Mapping[str, str], post: Callable[[Decimal], Decimal] | None = None
) -> tuple[Decimal, tuple[Step, ...]]:
    """UMIP-117's steps after the raw metric, each recorded: RawRounding, Scaling,
    post-processing, Rounding."""
    steps = [Step("raw", _text(raw))]
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        value = Decimal(raw)
        if "RawRounding" in fields:
            value = round_half_up(value, int_field(fields, "RawRounding", 0))
            steps.append(
                Step("RawRounding", _text(value), f"{fields['RawRounding']} decimals, half-up")
            )
        if "Scaling" in fields:
            value = value.scaleb(int_field(fields, "Scaling", 0))
            steps.append(Step("Scaling", _text(value), f"x10^{fields['Scaling']}"))
        if post is not None:
            value = post(value)
            steps.append(Step("post-processing", _text(value)))
        rounding = int_field(fields, "Rounding", 0)
        value = round_half_up(value, rounding)
        steps.append(Step("Rounding", _text(value), f"{rounding} decimals, half-up"))
    if post is None and value != resolve_metric(raw, fields):
        raise AssertionError("resolution steps disagree with kpi_options.ancillary.resolve_metric")
    return value, tuple(steps)


def _price(value: Decimal) -> int:
    try:
        return to_contract_units(value)
    except ValueError as exc:
        raise UnknownForm(f"the resolved value cannot be sent: {exc}", rule="Rounding") from exc


def _from_source(
    recipe: Recipe, url: str, key: SeriesKey, rule: str, t: int, fetch: Fetcher, post
) -> Answer:
    document: Any = fetch(url, rule)
    points = extract_series(document, key, url=url, rule="Key" if rule == "Endpoint" else rule)
    raw, used, how = raw_metric(points, recipe.interval, recipe.aggregation, t, url=url)
    value, steps = finish(raw, recipe.fields, post)
    steps = (Step("select", str(raw), how),) + steps
    return Answer(value, _price(value), raw, url, used, steps, rule)


def resolve(
    recipe: Recipe,
    timestamp: int,
    fetch: Fetcher,
    *,
    post: Callable[[Decimal], Decimal] | None = None,
) -> Resolution:
    """The metric for ``timestamp``: an :class:`Answer` or a :class:`NoAnswer` with its reason."""
    attempts: list[ResolutionError] = []
    sources = [(recipe.endpoint, recipe.key, "Endpoint")]
    if recipe.fallback is not None and recipe.fallback_key is not None:
        sources.append((recipe.fallback.endpoint, recipe.fallback_key, "Fallback"))
    for url, key, rule in sources:
        try:
            return _from_source(recipe, url, key, rule, timestamp, fetch, post)
        except UnknownForm as exc:
            return NoAnswer(exc, tuple(attempts) + (exc,))
        except ResolutionError as exc:
            attempts.append(exc)
    return NoAnswer(attempts[0], tuple(attempts))


def resolve_early(recipe: Recipe, timestamp: int, fetch: Fetcher) -> Resolution:
    """An early-expiry request: the metric when the goal is met at ``timestamp``, the ignore price
    when it is not, no answer when the metric is unknown or the goal is not machine-readable."""
    if recipe.goal is None:
        return NoAnswer(
            UnknownForm(
                f"no {rules.GOAL_KEY} field: the bot cannot tell whether the goal is met",
                rule=rules.GOAL_KEY,
            )
        )
    result = resolve(recipe, timestamp, fetch)
    if not result.ok or recipe.goal.met(result.value):
        return result
    step = Step(
        "goal",
        "ignore",
        f"{format_decimal(result.value)} is not {recipe.goal.comparison} {recipe.goal.threshold}",
    )
    return Answer(
        result.value,
        IGNORE_PRICE,
        result.raw,
        result.url,
        result.points,
        result.steps + (step,),
        result.rule,
    )


def unresolved_answer(recipe: Recipe, reason: ResolutionError) -> Answer:
    """UMIP-117's Unresolved value (default 0), as written, for a request voters cannot resolve."""
    value = recipe.unresolved
    step = Step("Unresolved", str(value), f"no answer: {reason}")
    return Answer(value, _price(value), None, reason.url, (), (step,), "Unresolved")


def describe(recipe: Recipe) -> list[str]:
    """What the bot will compute, one line per step (for ``launch --dry-run`` and ``--explain``)."""
    key = recipe.key
    kind = "DefiLlama protocol TVL" if key.is_defillama else "JSON time series"
    if key.defillama_chain:
        kind += f", chain {key.defillama_chain}"
    lines = [
        f"fetch {recipe.endpoint} (JSON)",
        f"series {key.text} ({kind}; time key {key.time_key!r})",
        f"point: {recipe.interval.text}",
    ]
    if recipe.aggregation is not None:
        lines.append(f"aggregation: {recipe.aggregation.text}")
    f = recipe.fields
    steps = []
    if "RawRounding" in f:
        steps.append(f"RawRounding {f['RawRounding']}")
    if "Scaling" in f:
        steps.append(f"Scaling x10^{f['Scaling']}")
    steps.append(f"Rounding {f.get('Rounding', '0')} (half-up, ties away from zero)")
    lines.append("then " + ", ".join(steps))
    lines.append(
        f"no answer -> nothing proposed; Unresolved value {format_decimal(recipe.unresolved)} "
        "only with --propose-unresolved"
    )
    if recipe.fallback is not None:
        lines.append(f"fallback: {recipe.fallback.text}")
    lines.extend(recipe.notes)
    if recipe.goal is not None:
        lines.append(f"early expiry: {recipe.goal.text}")
    return lines

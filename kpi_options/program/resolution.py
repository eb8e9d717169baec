"""The program file's machine-readable ``resolution`` section -> the ancillary fields voters read.

One description, two readers: the launcher writes how the metric is resolved once, as data; this
module writes it into the UMIP-117 fields (``Endpoint``, ``Key``, ``Interval``, ``Aggregation``,
``RawRounding``, ``Scaling``, ``Rounding``, ``Unresolved``, ``Fallback``, ``EarlyExpiryGoal``) in
the canonical texts of :mod:`kpi_options.keeper.rules`, and checks that the keeper reads those texts
back into exactly the same recipe. The keeper resolves from the ancillary data stored on chain, so
the text voters read and what the bot computes cannot drift apart.

Section (every key optional unless marked)::

    resolution:
      endpoint: https://api.llama.fi/protocol/uma   # required, http(s)
      format: defillama        # defillama (protocol TVL; `chain` optional) | json
      chain: Ethereum          # defillama: one chain's series (chainTvls.<chain>.tvl)
      series: data.points      # json: dotted path to the list of points   (required for json)
      time: t                  # json: time key in each point (unix s)     (default date)
      value: metrics.tvl       # json: dotted path to the number in a point (required for json)
      interval: daily          # required: last | exact | daily
      aggregation: {twap: 3600}   # or {average: S}, {peakFrom: UNIX}, {increase: S, positive: true}
      rawRounding: -7
      scaling: -9
      rounding: 2              # required (UMIP-117 defaults to 0, which is rarely meant)
      unresolved: 0
      fallback: {endpoint: ..., format: ..., chain/series/time/value: ...}
      earlyExpiryGoal: {atLeast: 1500}   # or atMost / above / below, in resolved-metric units

Durations are seconds (whole minutes, hours, days or weeks read best). The generated fields follow
the ``ancillary`` section's own fields; an ``ancillary`` field that ``resolution`` also generates is
an error unless it is the same text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.rules import validate_general_kpi
from kpi_options.errors import AncillaryError, KpiError, Problem, ProgramError
from kpi_options.keeper import rules
from kpi_options.keeper.formats import SeriesKey, defillama_key, parse_key
from kpi_options.keeper.resolve import recipe_from_ancillary
from kpi_options.units import format_decimal

SECTION = "resolution"
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
SOURCE_KEYS = ("endpoint", "format", "chain", "series", "time", "value")
KNOWN_KEYS = SOURCE_KEYS + (
    "interval",
    "aggregation",
    "rawRounding",
    "scaling",
    "rounding",
    "unresolved",
    "fallback",
    "earlyExpiryGoal",
)
#: Every field the section can generate, in the order it writes them: each optional UMIP-117 key
#: (named once, in :data:`kpi_options.ancillary.general_kpi.OPTIONAL_KEYS`) and the keeper's goal.
GENERATED_FIELDS = anc.OPTIONAL_KEYS + (rules.GOAL_KEY,)
INTERVALS = {
    "last": rules.Interval.LAST,
    "exact": rules.Interval.EXACT,
    "daily": rules.Interval.DAILY,
}
GOALS = {"atLeast": "at least", "above": "above", "atMost": "at most", "below": "below"}


class _Problems(list):
    def add(self, path: str, message: str) -> None:
        self.append((path, message))


def _int(p: _Problems, path: str, value: Any, *, low: int | None = None) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        p.add(path, f"must be an integer, got {value!r}")
        return None
    try:
        number = Decimal(value)
    except ArithmeticError:
        p.add(path, f"must be an integer, got {value!r}")
        return None
    if number != number.to_integral_value():
        p.add(path, f"must be an integer, got {value}")
        return None
    if low is not None and number < low:
        p.add(path, f"must be at least {low}, got {number}")
        return None
    return int(number)


def _number(value: Any) -> Decimal | None:
    """A YAML number or numeric text as an exact Decimal; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        return None
    if isinstance(value, str) and not _DECIMAL_RE.fullmatch(value):
        return None
    return Decimal(value)


def _source(p: _Problems, path: str, spec: Any) -> tuple[str, SeriesKey] | None:
    if not isinstance(spec, Mapping):
        p.add(path, "must be a mapping")
        return None
    endpoint = spec.get("endpoint")
    fmt = spec.get("format", "defillama")
    if not isinstance(endpoint, str) or not endpoint:
        p.add(f"{path}.endpoint", "required: the http(s) URL of the metric")
        endpoint = None
    else:
        problem = validate_general_kpi({"Metric": "m", "Method": endpoint, "Rounding": "0"})
        for issue in problem.errors:
            p.add(f"{path}.endpoint", issue.message)
    if fmt == "defillama":
        for key in ("series", "time", "value"):
            if key in spec:
                p.add(f"{path}.{key}", "only for format json (defillama's layout is fixed)")
        chain = spec.get("chain")
        if chain is not None and (
            not isinstance(chain, str) or not chain or any(c in chain for c in ".[]")
        ):
            p.add(f"{path}.chain", f"must be a DefiLlama chain name, got {chain!r}")
            return None
        key = defillama_key(chain)
    elif fmt == "json":
        if "chain" in spec:
            p.add(f"{path}.chain", "only for format defillama")
        series, value, time = spec.get("series"), spec.get("value"), spec.get("time", "date")
        text = f"{series}[{time}].{value}"
        if not isinstance(series, str) or not isinstance(value, str) or not isinstance(time, str):
            p.add(path, "format json needs text `series` and `value` (and optional `time`)")
            return None
        try:
            key = parse_key(text)
        except KpiError as exc:
            p.add(path, str(exc))
            return None
    else:
        p.add(f"{path}.format", f"must be defillama or json, got {fmt!r}")
        return None
    return (endpoint, key) if endpoint else None


def _aggregation(p: _Problems, path: str, spec: Any) -> rules.Aggregation | None:
    if not isinstance(spec, Mapping) or not spec:
        p.add(path, "must be one of {twap: S}, {average: S}, {peakFrom: UNIX}, {increase: S}")
        return None
    keys = set(spec) - {"positive"}
    if len(keys) != 1 or ("positive" in spec and keys != {"increase"}):
        p.add(
            path,
            f"give exactly one of twap, average, peakFrom, increase (positive only with increase), got {sorted(spec)}",
        )
        return None
    (kind,) = keys
    if kind == "peakFrom":
        start = _int(p, f"{path}.peakFrom", spec[kind], low=0)
        return None if start is None else rules.Peak(start)
    if kind not in ("twap", "average", "increase"):
        p.add(f"{path}.{kind}", "unknown aggregation (twap, average, peakFrom, increase)")
        return None
    seconds = _int(p, f"{path}.{kind}", spec[kind], low=1)
    if seconds is None:
        return None
    if kind == "twap":
        return rules.Twap(seconds)
    if kind == "average":
        return rules.Average(seconds)
    positive = spec.get("positive", False)
    if not isinstance(positive, bool):
        p.add(f"{path}.positive", f"must be true or false, got {positive!r}")
        return None
    return rules.Increase(seconds, positive)


def resolution_fields(spec: Any) -> dict[str, str]:
    """The ancillary fields a ``resolution`` section generates, in order; raises
    :class:`~kpi_options.errors.ProgramError` listing every problem."""
    p = _Problems()
    if not isinstance(spec, Mapping):
        raise ProgramError([Problem(SECTION, "must be a mapping")])
    for key in spec:
        if key not in KNOWN_KEYS:
            p.add(f"{SECTION}.{key}", f"unknown field (known: {', '.join(KNOWN_KEYS)})")
    fields: dict[str, str] = {}
    source = _source(p, SECTION, {k: v for k, v in spec.items() if k in SOURCE_KEYS})
    if source:
        fields["Endpoint"], fields["Key"] = source[0], source[1].text
    interval = spec.get("interval")
    if interval not in INTERVALS:
        p.add(f"{SECTION}.interval", f"required: one of {', '.join(INTERVALS)}, got {interval!r}")
    else:
        fields["Interval"] = INTERVALS[interval].text
    if "aggregation" in spec:
        aggregation = _aggregation(p, f"{SECTION}.aggregation", spec["aggregation"])
        if aggregation is not None:
            fields["Aggregation"] = aggregation.text
    for key, field in (
        ("rawRounding", "RawRounding"),
        ("scaling", "Scaling"),
        ("rounding", "Rounding"),
    ):
        if key in spec:
            number = _int(p, f"{SECTION}.{key}", spec[key])
            if number is not None:
                fields[field] = str(number)
        elif key == "rounding":
            p.add(
                f"{SECTION}.rounding", "required: the decimals voters keep (UMIP-117 defaults to 0)"
            )
    if "unresolved" in spec:
        value = spec["unresolved"]
        number = _number(value)
        if number is None:
            p.add(f"{SECTION}.unresolved", f"must be a number, got {value!r}")
        else:
            fields["Unresolved"] = format_decimal(number)
    if "fallback" in spec:
        fb = _source(p, f"{SECTION}.fallback", spec["fallback"])
        if fb:
            fields["Fallback"] = rules.FallbackSource(fb[0], fb[1].text).text
    if "earlyExpiryGoal" in spec:
        goal = spec["earlyExpiryGoal"]
        if not isinstance(goal, Mapping) or len(goal) != 1 or next(iter(goal)) not in GOALS:
            p.add(f"{SECTION}.earlyExpiryGoal", f"must be one of {{{', '.join(GOALS)}: THRESHOLD}}")
        else:
            ((name, threshold),) = goal.items()
            number = _number(threshold)
            if number is None:
                p.add(f"{SECTION}.earlyExpiryGoal.{name}", f"must be a number, got {threshold!r}")
            else:
                fields[rules.GOAL_KEY] = rules.Goal(GOALS[name], number).text
    if p:
        raise ProgramError([Problem(path, message) for path, message in p])
    _check_round_trip(fields)
    return fields


def _check_round_trip(fields: Mapping[str, str]) -> None:
    """The keeper must read the generated text back as what was written (no drift)."""
    probe = {"Metric": "m", "Method": "https://example.org/m"} | dict(fields)
    try:
        recipe_from_ancillary(anc.encode(probe))
    except (KpiError, AncillaryError) as exc:
        raise ProgramError(
            [Problem(SECTION, f"generated text the keeper cannot read back: {exc}")]
        ) from exc


def merge_ancillary(ancillary: Mapping[str, str], generated: Mapping[str, str]) -> dict[str, str]:
    """The ``ancillary`` section's fields followed by the generated ones; a field given in both
    is an error unless identical."""
    problems = [
        Problem(
            f"ancillary.{key}",
            f"generated by the resolution section ({generated[key]!r}); remove it here",
        )
        for key in ancillary
        if key in generated and ancillary[key] != generated[key]
    ]
    if problems:
        raise ProgramError(problems)
    return dict(ancillary) | {k: v for k, v in generated.items() if k not in ancillary}


def resolution_report(fields: Mapping[str, str]) -> list[str]:
    """Both views of a program's resolution, for ``launch --dry-run``: the ancillary text voters
    read, then what the keeper computes from it (or why it cannot)."""
    from kpi_options.keeper.resolve import describe

    lines = ["ancillary data (what UMA's voters read):"]
    lines += [f"  {key}: {anc.encode_value(key, value)}" for key, value in fields.items()]
    try:
        recipe = recipe_from_ancillary(dict(fields))
    except KpiError as exc:
        lines.append(f"the keeper cannot resolve this program: {exc}")
        return lines
    lines.append("the keeper's recipe (what the bot computes from that text):")
    lines += [f"  {line}" for line in describe(recipe)]
    return lines

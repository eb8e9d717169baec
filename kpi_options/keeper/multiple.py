"""The keeper for MULTIPLE_VALUES pairs (several KPIs in one option, UMIP-183): resolve every
metric from its own recipe, turn each reading into its 32-bit integer, pack the answer.

Everything comes from the request's ancillary data as stored on chain: the labels and, for each
label, the description line this toolkit writes (unit, scaling, rounding and the recipe as UMIP-117
fields; :func:`kpi_options.program.value_rules.value_rules`). One metric without an answer leaves the
whole request without one (UMIP-183 has no partial answer); a reading that does not fit 32 bits
makes the answer UMIP-183's "unresolvable". Early-expiry requests are not answered automatically:
UMIP-183 has no machine-readable goal.
"""

from __future__ import annotations

from decimal import Decimal

from kpi_options.ancillary.multiple_values import UNRESOLVABLE, MultipleValuesError, pack
from kpi_options.chain.oracle import is_multiple_values
from kpi_options.errors import ResolutionError, UnknownForm
from kpi_options.keeper.resolve import (
    Answer,
    NoAnswer,
    Resolution,
    Step,
    describe,
    recipe_from_ancillary,
    resolve,
)
from kpi_options.keeper.sources import Fetcher
from kpi_options.program.value_rules import ValueRule, value_rules

__all__ = [
    "describe_request",
    "is_multiple_values",
    "read_rules",
    "resolve_values",
    "unresolvable_answer",
]


def read_rules(ancillary: bytes) -> list[ValueRule]:
    """Every value's rule from the request's ancillary data; :class:`UnknownForm` when one has no
    machine-readable recipe."""
    try:
        rules = value_rules(ancillary)
    except MultipleValuesError as exc:
        raise UnknownForm(f"the request cannot be read: {exc}", rule=exc.key or "labels") from exc
    for rule in rules:
        if not rule.fields:
            raise UnknownForm(f"value {rule.label!r} has no recipe", rule=rule.label)
    return rules


def resolve_values(ancillary: bytes, timestamp: int, fetch: Fetcher, *, early: bool) -> Resolution:
    """The packed answer for a MULTIPLE_VALUES request at ``timestamp``: an :class:`Answer` whose
    ``price`` is the UMIP-183 packing (or ``type(int256).max`` when a reading does not fit 32
    bits), or a :class:`NoAnswer` naming the first metric without one."""
    if early:
        return NoAnswer(
            UnknownForm(
                "UMIP-183 requests carry no machine-readable goal: early expiry is answered by hand",
                rule="earlyExpiration",
            )
        )
    try:
        rules = read_rules(ancillary)
    except UnknownForm as exc:
        return NoAnswer(exc, (exc,))
    values: list[int] = []
    steps: list[Step] = []
    points = []
    urls = []
    for rule in rules:
        try:
            recipe = recipe_from_ancillary(dict(rule.fields))
        except UnknownForm as exc:
            return NoAnswer(exc, (exc,))
        result = resolve(recipe, timestamp, fetch)
        if not result.ok:
            return result
        points.extend(result.points)
        urls.append(result.url)
        try:
            value = rule.to_value(result.value)
        except MultipleValuesError as exc:
            step = Step(rule.label, "unresolvable", str(exc))
            return Answer(
                Decimal(UNRESOLVABLE), UNRESOLVABLE, None, result.url, tuple(points),
                (*steps, step), "Endpoint",
            )  # fmt: skip
        steps.append(
            Step(
                rule.label,
                str(value),
                f"{result.value} from {result.url}, {rule.rounding} x 10^{rule.scaling}",
            )
        )
        values.append(value)
    packed = pack(values)
    steps.append(Step("pack", str(packed), "UMIP-183: value i in bits 32i .. 32i + 31"))
    return Answer(Decimal(packed), packed, None, ", ".join(urls), tuple(points), tuple(steps))


def unresolvable_answer(reason: ResolutionError) -> Answer:
    """UMIP-183's "no answer possible", ``type(int256).max``, for a request voters cannot resolve."""
    step = Step("Unresolvable", str(UNRESOLVABLE), f"no answer: {reason}")
    return Answer(Decimal(UNRESOLVABLE), UNRESOLVABLE, None, reason.url, (), (step,), "Unresolved")


def describe_request(ancillary: bytes) -> list[str]:
    """What the bot will compute for each value (for ``--explain``)."""
    lines = []
    for index, rule in enumerate(read_rules(ancillary)):
        scale = f" x 10^{rule.scaling}" if rule.scaling else ""
        lines.append(
            f"value {index} ({rule.label}, {rule.unit}): reading{scale} rounded {rule.rounding}"
        )
        lines += [f"  {line}" for line in describe(recipe_from_ancillary(dict(rule.fields)))]
    lines.append("answer: the values packed as UMIP-183 says (value i in bits 32i .. 32i + 31)")
    return lines

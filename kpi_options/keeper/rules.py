"""UMIP-117 resolution rules as data: Interval, Aggregation, the early-expiry goal, Fallback.

Each rule has one canonical text (what the program file's ``resolution`` section writes into the
ancillary data, so voters read exactly what the bot computes) and a parser that accepts that text
and the few phrasings of UMA's own examples (seed 001) whose meaning is unambiguous. Anything else
is :class:`UnknownForm`: the bot does not interpret prose.

Text is compared after lower-casing, collapsing whitespace and dropping one final ``.``.

Interval (which data point answers for a time T)
  * ``LAST``  -- "Resolve to the last data point at or before the request timestamp." (also UMA's
    "Resolve to last available block from request."). Answered only once the source shows a point
    *after* T, so no later point at or before T can still appear.
  * ``EXACT`` -- "Resolve to exact request timestamp in full seconds.": the point at T exactly.
  * ``DAILY`` -- "Resolve to the last available daily data updated at midnight UTC." (also
    "daily at 24:00 UTC", "daily at 00:00 UTC"): the point at the midnight UTC at or before T;
    only midnight points are used (an intraday latest point is ignored).

Aggregation (over the series the Interval admits; DAILY keeps midnight points only)
  * ``N-unit TWAP before the request timestamp.``: time-weighted average over [T - W, T] of the
    step function "value of the last point at or before t"; needs a point at or before T - W.
  * ``N-unit average before the request timestamp.``: mean of the points in (T - W, T].
  * ``Peak value from S till request timestamp.``: largest point in [S, T].
  * ``Increase compared to N units before the request timestamp.``: value(T) - value(T - D), each
    picked by the Interval; ``Positive increase ... (set to 0 if decreased).`` floors it at 0.
  Units: second, minute, hour, day, week (singular or plural).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal

from kpi_options.errors import UnknownForm

DAY = 86400
UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": DAY, "week": 7 * DAY}
_UNIT = r"(second|minute|hour|day|week)s?"
_NUM = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"


def normalize(text: str) -> str:
    """Lower case, single spaces, no final period: the form rule texts are compared in."""
    text = " ".join(text.split()).lower()
    return text[:-1] if text.endswith(".") else text


def _duration(count: str, unit: str) -> int:
    return int(count) * UNITS[unit]


def _duration_text(seconds: int, *, hyphen: bool) -> str:
    for unit in ("week", "day", "hour", "minute", "second"):
        size = UNITS[unit]
        if seconds % size == 0:
            count = seconds // size
            if hyphen:
                return f"{count}-{unit}"
            return f"{count} {unit}" + ("" if count == 1 else "s")
    raise AssertionError("unreachable: every duration is a whole number of seconds")


# --- Interval ------------------------------------------------------------------------------------


class Interval(enum.Enum):
    LAST = "last"
    EXACT = "exact"
    DAILY = "daily"

    @property
    def text(self) -> str:
        return INTERVAL_TEXT[self]


INTERVAL_TEXT = {
    Interval.LAST: "Resolve to the last data point at or before the request timestamp.",
    Interval.EXACT: "Resolve to exact request timestamp in full seconds.",
    Interval.DAILY: "Resolve to the last available daily data updated at midnight UTC.",
}
_INTERVAL_ALIASES = {
    normalize("Resolve to last available block from request."): Interval.LAST,
    normalize("daily at 24:00 UTC"): Interval.DAILY,
    normalize("daily at 00:00 UTC"): Interval.DAILY,
} | {normalize(text): interval for interval, text in INTERVAL_TEXT.items()}


def parse_interval(text: str | None) -> Interval:
    """The Interval of an ancillary ``Interval`` field; a missing field is an unknown form (the
    bot will not pick a data point without being told which)."""
    if text is None:
        raise UnknownForm(
            "no Interval field: the bot does not choose a data point itself", rule="Interval"
        )
    interval = _INTERVAL_ALIASES.get(normalize(text))
    if interval is None:
        known = "; ".join(INTERVAL_TEXT.values())
        raise UnknownForm(
            f"Interval {text!r} is not a form the bot reads (it reads: {known})", rule="Interval"
        )
    return interval


# --- Aggregation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Twap:
    window: int  # seconds

    @property
    def text(self) -> str:
        return f"{_duration_text(self.window, hyphen=True)} TWAP before the request timestamp."


@dataclass(frozen=True)
class Average:
    window: int  # seconds

    @property
    def text(self) -> str:
        return f"{_duration_text(self.window, hyphen=True)} average before the request timestamp."


@dataclass(frozen=True)
class Peak:
    start: int  # unix seconds

    @property
    def text(self) -> str:
        return f"Peak value from {self.start} till request timestamp."


@dataclass(frozen=True)
class Increase:
    lookback: int  # seconds
    positive: bool  # floor the increase at 0

    @property
    def text(self) -> str:
        span = _duration_text(self.lookback, hyphen=False)
        if self.positive:
            return f"Positive increase compared to {span} before the request timestamp (set to 0 if decreased)."
        return f"Increase compared to {span} before the request timestamp."


Aggregation = Twap | Average | Peak | Increase

_AGGREGATIONS = (
    (
        re.compile(rf"([0-9]+)[- ]{_UNIT} twap before the request timestamp"),
        lambda m: Twap(_duration(m[1], m[2])),
    ),
    (
        re.compile(rf"([0-9]+)[- ]{_UNIT} average before the request timestamp"),
        lambda m: Average(_duration(m[1], m[2])),
    ),
    (
        re.compile(r"peak value from ([0-9]+) till (?:the )?request timestamp"),
        lambda m: Peak(int(m[1])),
    ),
    (
        re.compile(
            rf"positive increase compared to ([0-9]+)[- ]{_UNIT} before the request timestamp \(set to 0 if decreased\)"
        ),
        lambda m: Increase(_duration(m[1], m[2]), True),
    ),
    (
        re.compile(rf"increase compared to ([0-9]+)[- ]{_UNIT} before the request timestamp"),
        lambda m: Increase(_duration(m[1], m[2]), False),
    ),
)


def parse_aggregation(text: str | None) -> Aggregation | None:
    """The Aggregation of an ancillary ``Aggregation`` field (None when absent)."""
    if text is None:
        return None
    norm = normalize(text)
    for pattern, build in _AGGREGATIONS:
        match = pattern.fullmatch(norm)
        if match:
            rule = build(match)
            if (
                isinstance(rule, Twap | Average | Increase)
                and (rule.window if not isinstance(rule, Increase) else rule.lookback) <= 0
            ):
                raise UnknownForm(
                    f"Aggregation {text!r} has a zero-length period", rule="Aggregation"
                )
            return rule
    raise UnknownForm(
        f"Aggregation {text!r} is not a form the bot reads (N-hour TWAP / N-day average before the "
        "request timestamp, Peak value from S till request timestamp, [Positive] increase "
        "compared to N days before the request timestamp)",
        rule="Aggregation",
    )


# --- Early-expiry goal ---------------------------------------------------------------------------

#: Ancillary key of the machine-readable early-expiry goal.
GOAL_KEY = "EarlyExpiryGoal"
_COMPARATORS = {
    "at least": lambda a, b: a >= b,
    "above": lambda a, b: a > b,
    "at most": lambda a, b: a <= b,
    "below": lambda a, b: a < b,
}


@dataclass(frozen=True)
class Goal:
    """The program's goal for an early expiry: the resolved metric compared with a threshold."""

    comparison: str  # one of "at least", "above", "at most", "below"
    threshold: Decimal  # in resolved-metric units (after Scaling and Rounding)

    @property
    def text(self) -> str:
        return (
            f"Return the resolved metric if it is {self.comparison} {self.threshold} at the request "
            "timestamp, else the ignore price."
        )

    def met(self, resolved: Decimal) -> bool:
        return _COMPARATORS[self.comparison](resolved, self.threshold)


_GOAL_RE = re.compile(
    rf"return the resolved metric if it is (at least|above|at most|below) ({_NUM}) at the "
    r"request timestamp, else the ignore price"
)


def parse_goal(text: str | None) -> Goal | None:
    if text is None:
        return None
    match = _GOAL_RE.fullmatch(normalize(text))
    if match is None:
        raise UnknownForm(
            f"{GOAL_KEY} {text!r} is not a form the bot reads ({Goal('at least', Decimal(1)).text})",
            rule=GOAL_KEY,
        )
    return Goal(match[1], Decimal(match[2]))


# --- Fallback ------------------------------------------------------------------------------------

_FALLBACK_RE = re.compile(
    r"if the endpoint gives no answer, resolve from (\S+) with key (.+)", re.IGNORECASE
)


@dataclass(frozen=True)
class FallbackSource:
    """A second source used when the Endpoint gives no answer (down, not JSON, key or point
    missing). Never used to override an answer the Endpoint did give."""

    endpoint: str
    key: str  # Key text

    @property
    def text(self) -> str:
        return f"If the Endpoint gives no answer, resolve from {self.endpoint} with Key {self.key}."


def parse_fallback(text: str | None) -> FallbackSource | None:
    """The machine-readable form of ``Fallback``; None when absent or prose (prose is for voters:
    the bot does not act on it, and says so in its explanation)."""
    if text is None:
        return None
    stripped = " ".join(text.split())
    match = _FALLBACK_RE.fullmatch(stripped[:-1] if stripped.endswith(".") else stripped)
    if match is None:
        return None
    return FallbackSource(match[1], match[2])

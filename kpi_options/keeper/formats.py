"""Where the metric sits in a JSON answer: the ``Key`` field as a key path to a time series.

Key grammar (what the ``resolution`` section writes and the bot reads)
----------------------------------------------------------------------
``LIST[TIME].VALUE``: ``LIST`` is a dotted path to a JSON list of objects; in each object ``TIME``
is the unix time in seconds and ``VALUE`` (a dotted path) the number. ``LIST[].VALUE`` uses the
time key ``date``. Path segments are non-empty and contain no ``.``, ``[`` or ``]`` (spaces are
allowed: DefiLlama has chains such as ``zkSync Era``).

DefiLlama's protocol format (``/protocol/<slug>``): ``tvl[].totalLiquidityUSD`` is the protocol's
series, ``chainTvls.<Chain>.tvl[].totalLiquidityUSD`` one chain's. The bare key
``totalLiquidityUSD`` (UMA's documented example) means ``tvl[].totalLiquidityUSD``.

A key without ``[...]`` names one number with no time attached: the bot cannot tell which moment
it describes, so it refuses it (:class:`UnknownForm`) rather than guess.

Values are JSON numbers (read exactly) or decimal strings; booleans, nulls and other text are
refused. Two points at the same time with different values make the series ambiguous: refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from kpi_options.errors import MissingKey, UnknownForm

DEFAULT_TIME_KEY = "date"
DEFILLAMA_VALUE_KEY = "totalLiquidityUSD"
_SEGMENT = r"[^.\[\]]+"
_KEY_RE = re.compile(
    rf"(?P<list>{_SEGMENT}(?:\.{_SEGMENT})*)\[(?P<time>{_SEGMENT})?\]\.(?P<value>{_SEGMENT}(?:\.{_SEGMENT})*)"
)
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class SeriesKey:
    """A key path to a time series: the list, the time key in each point, the value path."""

    list_path: tuple[str, ...]
    time_key: str
    value_path: tuple[str, ...]

    @property
    def text(self) -> str:
        """Canonical ``Key`` text (``[]`` when the time key is ``date``)."""
        time = "" if self.time_key == DEFAULT_TIME_KEY else self.time_key
        return f"{'.'.join(self.list_path)}[{time}].{'.'.join(self.value_path)}"

    @property
    def defillama_chain(self) -> str | None:
        """The chain of a DefiLlama ``chainTvls`` key, else None."""
        lp = self.list_path
        if len(lp) == 3 and lp[0] == "chainTvls" and lp[2] == "tvl":
            return lp[1]
        return None

    @property
    def is_defillama(self) -> bool:
        return (
            self.value_path == (DEFILLAMA_VALUE_KEY,)
            and self.time_key == DEFAULT_TIME_KEY
            and (self.list_path == ("tvl",) or self.defillama_chain is not None)
        )


@dataclass(frozen=True)
class Point:
    """One data point: unix seconds and the exact value."""

    timestamp: int
    value: Decimal

    def as_json(self) -> dict:
        return {"timestamp": self.timestamp, "value": str(self.value)}


def defillama_key(chain: str | None = None) -> SeriesKey:
    """The key of DefiLlama's protocol TVL series (one chain's with ``chain``)."""
    path = ("tvl",) if chain is None else ("chainTvls", chain, "tvl")
    return SeriesKey(path, DEFAULT_TIME_KEY, (DEFILLAMA_VALUE_KEY,))


def parse_key(text: str, *, rule: str = "Key") -> SeriesKey:
    """Read a ``Key`` field; :class:`UnknownForm` naming ``rule`` when it is not a series path."""
    if not isinstance(text, str) or text.strip() != text or text == "":
        raise UnknownForm(f"key {text!r} is empty or has surrounding spaces", rule=rule)
    if text == DEFILLAMA_VALUE_KEY:
        return defillama_key()
    match = _KEY_RE.fullmatch(text)
    if match is None:
        if "[" not in text and "]" not in text:
            raise UnknownForm(
                f"key {text!r} names a single value with no time; the bot needs a time series "
                "(write LIST[TIME].VALUE, e.g. tvl[].totalLiquidityUSD)",
                rule=rule,
            )
        raise UnknownForm(f"key {text!r} is not of the form LIST[TIME].VALUE", rule=rule)
    parts = [s for s in match["list"].split(".")] + [s for s in match["value"].split(".")]
    if any(p.strip() != p for p in parts):
        raise UnknownForm(f"key {text!r} has a path segment with surrounding spaces", rule=rule)
    return SeriesKey(
        tuple(match["list"].split(".")),
        match["time"] or DEFAULT_TIME_KEY,
        tuple(match["value"].split(".")),
    )


def extract_series(document: Any, key: SeriesKey, *, url: str, rule: str = "Key") -> list[Point]:
    """The points of ``key`` in ``document``, sorted by time; :class:`MissingKey` when the path,
    a time or a value is missing or not a number (naming where)."""
    node = document
    walked: list[str] = []
    for segment in key.list_path:
        if not isinstance(node, dict) or segment not in node:
            where = ".".join(walked) or "the top level"
            hint = ""
            if isinstance(node, dict) and walked == ["chainTvls"]:
                hint = f" (chains present: {', '.join(sorted(map(str, node))) or 'none'})"
            raise MissingKey(f"no {segment!r} under {where}{hint}", rule=rule, url=url)
        node = node[segment]
        walked.append(segment)
    if not isinstance(node, list):
        raise MissingKey(
            f"{'.'.join(walked)} is a {type(node).__name__}, not a list of points",
            rule=rule,
            url=url,
        )
    by_time: dict[int, Decimal] = {}
    for index, item in enumerate(node):
        at = f"{'.'.join(walked)}[{index}]"
        if not isinstance(item, dict):
            raise MissingKey(f"{at} is not an object", rule=rule, url=url)
        if key.time_key not in item:
            raise MissingKey(f"{at} has no time key {key.time_key!r}", rule=rule, url=url)
        timestamp = _timestamp(item[key.time_key], f"{at}.{key.time_key}", rule, url)
        value: Any = item
        for segment in key.value_path:
            if not isinstance(value, dict) or segment not in value:
                raise MissingKey(f"{at} has no {'.'.join(key.value_path)!r}", rule=rule, url=url)
            value = value[segment]
        number = _number(value, f"{at}.{'.'.join(key.value_path)}", rule, url)
        if timestamp in by_time and by_time[timestamp] != number:
            raise MissingKey(
                f"two points at {timestamp} with different values ({by_time[timestamp]} and "
                f"{number}): the series is ambiguous",
                rule=rule,
                url=url,
            )
        by_time[timestamp] = number
    return [Point(t, v) for t, v in sorted(by_time.items())]


def _timestamp(value: Any, at: str, rule: str, url: str) -> int:
    if isinstance(value, bool):
        raise MissingKey(f"{at} is a boolean, not unix seconds", rule=rule, url=url)
    if isinstance(value, int):
        number = value
    elif (
        isinstance(value, str)
        and value.isdigit()
        or isinstance(value, Decimal)
        and value == value.to_integral_value()
    ):
        number = int(value)
    else:
        raise MissingKey(f"{at} is {value!r}, not unix seconds", rule=rule, url=url)
    if number < 0 or number >= 2**64:
        raise MissingKey(f"{at} = {number} is out of range for unix seconds", rule=rule, url=url)
    return number


def _number(value: Any, at: str, rule: str, url: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise MissingKey(f"{at} is {value!r}, not a number", rule=rule, url=url)
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    raise MissingKey(f"{at} is {value!r}, not a number", rule=rule, url=url)

"""Payout-parameter errors in the program file's words: its field names and human units.

The payout twins check parameters like the contracts' setters do, in contract units (×1e18) and
snake_case (``upper_bound (1000000000000000000) must be greater than lower_bound
(2000000000000000000)``). A program author wrote ``upperBound: 1`` and ``lowerBound: 2``; this
module rewrites such a message to ``upperBound: 1 must be greater than lowerBound: 2``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

WAD = 10**18

_VALUE = re.compile(r"(?<![A-Za-z0-9_])([a-z][a-z0-9_]*)(\[[0-9]+\])? \((-?[0-9]+)\)")
_WAD_WORDS = re.compile(r"(?<![0-9.])1e18(?![0-9])")
_SHARE_RANGE = "[1, 1e18]"


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def human_value(raw: int) -> str:
    """``raw`` (scaled by 1e18) as the decimal the program file would hold."""
    value = Decimal(raw) / WAD
    text = format(value.normalize(), "f")
    return text


def human_payout_message(message: str, written: Iterable[str], fields: Iterable[str] = ()) -> str:
    """Rewrite a payout twin's message with the user's field names and human values.

    ``written`` are the parameter names as the program file spells them (camelCase, or snake_case
    if the author used that); ``fields`` are the twin's own field names (snake_case), used for
    fields the author did not write.
    """
    names = {snake(k): k for k in written}
    for field in fields:
        names.setdefault(field, camel(field))

    def user_name(name: str) -> str | None:
        return names.get(name)

    def with_value(match: re.Match) -> str:
        name, index, raw = match.group(1), match.group(2) or "", match.group(3)
        user = user_name(name)
        if user is None:
            return match.group(0)
        return f"{user}{index}: {human_value(int(raw))}"

    text = _VALUE.sub(with_value, message)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", names[name], text)
    text = text.replace(_SHARE_RANGE, "[0.000000000000000001, 1e18]")
    text = _WAD_WORDS.sub("1 (100 %)", text)
    return text


def payout_field_names(params: Mapping[str, Any]) -> list[str]:
    return [str(k) for k in params]

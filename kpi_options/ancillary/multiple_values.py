"""UMIP-183 (``MULTIPLE_VALUES``): pack and unpack the oracle's answer, and its JSON ancillary data.

Answer (one int256)
-------------------
Up to 7 unsigned 32-bit values: label 0 in bits 0-31, label 1 in bits 32-63, ..., label 6 in bits
192-223. Bits 224-255 are always zero, and so is every bit above the last label's value: a non-zero
bit there makes the answer invalid. Two special answers are checked before decoding:

* ``type(int256).max`` (:data:`UNRESOLVABLE`): no answer possible (event cancelled, a value does not
  fit 32 bits, more than 7 labels, invalid ancillary data);
* ``type(int256).min`` (:data:`TOO_EARLY`): an event-based request proposed before the event; the
  same number is the pair's early-expiry ignore price.

Ancillary data
--------------
UTF-8 JSON ``{"title": str, "description": str, "labels": [str, ...]}``, at most 7 labels, values
in label order. :func:`build_ancillary` writes it compactly (no spaces; ``"`` escaped as ``\\"``),
byte for byte as UMIP-183's own hex example. Voters may ignore bytes after the last ``}``, which is
where the pair's ``,earlyExpiration:1`` and the oracle's ``,ooRequester:<address>`` stamps go; the
whole stamped data must fit the oracle's 8192 bytes (:func:`check_budget`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from kpi_options.ancillary.general_kpi import check_budget, custom_limit
from kpi_options.errors import AncillaryError

__all__ = [
    "INT256_MAX",
    "INT256_MIN",
    "MAX_VALUE",
    "MAX_VALUES",
    "TOO_EARLY",
    "UNRESOLVABLE",
    "VALUE_BITS",
    "AnswerKind",
    "DecodedAnswer",
    "MultipleValuesError",
    "MultipleValuesRequest",
    "build_ancillary",
    "carries_values",
    "check_ancillary_budget",
    "decode",
    "pack",
    "parse_ancillary",
    "unpack",
    "validate_ancillary",
]

INT256_MAX = 2**255 - 1
INT256_MIN = -(2**255)
#: The most values (labels) one answer carries.
MAX_VALUES = 7
#: Width of one packed value, in bits.
VALUE_BITS = 32
#: The largest packed value, 2**32 - 1.
MAX_VALUE = 2**VALUE_BITS - 1
#: UMIP-183's "no answer possible": ``type(int256).max``.
UNRESOLVABLE = INT256_MAX
#: UMIP-183's "too early" (event-based request before the event): ``type(int256).min``, the
#: pair's early-expiry ignore price.
TOO_EARLY = INT256_MIN
#: The JSON keys, in the order :func:`build_ancillary` writes them.
ANCILLARY_KEYS = ("title", "description", "labels")


class MultipleValuesError(AncillaryError):
    """A value, answer or ancillary field that UMIP-183 cannot carry; ``key`` names it."""


# --- Answers ---------------------------------------------------------------------------------------


class AnswerKind(Enum):
    """What an int256 answer means for a request with a given number of labels."""

    VALUES = "values"
    UNRESOLVABLE = "unresolvable"
    TOO_EARLY = "too early"
    INVALID = "invalid"


@dataclass(frozen=True)
class DecodedAnswer:
    """An answer read for ``count`` labels: its kind, and the values when it carries them."""

    kind: AnswerKind
    values: tuple[int, ...] = ()


def _check_count(count: object, key: str = "count") -> int:
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_VALUES:
        raise MultipleValuesError(
            f"{key} must be an integer from 1 to {MAX_VALUES}, got {count!r}", key
        )
    return count


def _check_price(price: object) -> int:
    if (
        isinstance(price, bool)
        or not isinstance(price, int)
        or not INT256_MIN <= price <= INT256_MAX
    ):
        raise MultipleValuesError(f"price must be an int256 integer, got {price!r}", "price")
    return price


def pack(values: Sequence[int]) -> int:
    """The int256 answer carrying ``values`` (1 to 7 unsigned 32-bit integers, label 0 first).

    Raises :class:`MultipleValuesError` naming ``values[i]`` for a value that is not an integer in
    [0, 2**32 - 1], or ``values`` for a count outside 1..7.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise MultipleValuesError(f"values must be a list of integers, got {values!r}", "values")
    if not 1 <= len(values) <= MAX_VALUES:
        raise MultipleValuesError(
            f"values must hold 1 to {MAX_VALUES} integers, got {len(values)}", "values"
        )
    packed = 0
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_VALUE:
            raise MultipleValuesError(
                f"values[{i}] must be an integer in [0, 2**32 - 1], got {value!r}", f"values[{i}]"
            )
        packed |= value << (VALUE_BITS * i)
    return packed


def carries_values(price: int, count: int) -> bool:
    """Whether ``price`` is a valid packing of ``count`` values: non-negative (which excludes
    :data:`TOO_EARLY`) and no bit set above value ``count - 1`` (which excludes :data:`UNRESOLVABLE`
    and any non-zero bit in 224-255). The payout library's own rule, bit for bit."""
    return _check_price(price) >= 0 and price >> (VALUE_BITS * _check_count(count)) == 0


def decode(price: int, count: int) -> DecodedAnswer:
    """Read ``price`` as the answer to a request with ``count`` labels: the special answers first
    (as UMIP-183 says), then the packing rule, then the values."""
    price = _check_price(price)
    count = _check_count(count)
    if price == UNRESOLVABLE:
        return DecodedAnswer(AnswerKind.UNRESOLVABLE)
    if price == TOO_EARLY:
        return DecodedAnswer(AnswerKind.TOO_EARLY)
    if not carries_values(price, count):
        return DecodedAnswer(AnswerKind.INVALID)
    return DecodedAnswer(
        AnswerKind.VALUES,
        tuple((price >> (VALUE_BITS * i)) & MAX_VALUE for i in range(count)),
    )


def unpack(price: int, count: int) -> tuple[int, ...]:
    """The ``count`` values carried by ``price``; :class:`MultipleValuesError` (key ``price``) for
    a special answer or an invalid packing, saying which."""
    decoded = decode(price, count)
    if decoded.kind is not AnswerKind.VALUES:
        raise MultipleValuesError(
            f"price {price} carries no values for {count} label(s): it is {decoded.kind.value}",
            "price",
        )
    return decoded.values


# --- Ancillary data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MultipleValuesRequest:
    """The three fields of UMIP-183 ancillary data."""

    title: str
    description: str
    labels: tuple[str, ...]


def _field_issues(title: object, description: object, labels: object) -> list[tuple[str, str]]:
    """(key, message) for every field UMIP-183 or this toolkit rejects."""
    issues: list[tuple[str, str]] = []
    for key, value in (("title", title), ("description", description)):
        if not isinstance(value, str):
            issues.append((key, f"{key} must be a string, got {value!r}"))
        elif not value.strip():
            issues.append((key, f"{key} must not be empty"))
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence):
        issues.append(("labels", f"labels must be a list of strings, got {labels!r}"))
        return issues
    if not 1 <= len(labels) <= MAX_VALUES:
        issues.append(("labels", f"labels must hold 1 to {MAX_VALUES} entries, got {len(labels)}"))
    seen: set[str] = set()
    for i, label in enumerate(labels):
        key = f"labels[{i}]"
        if not isinstance(label, str):
            issues.append((key, f"{key} must be a string, got {label!r}"))
        elif not label.strip():
            issues.append((key, f"{key} must not be empty"))
        elif label in seen:
            issues.append((key, f"{key} repeats the label {label!r}"))
        else:
            seen.add(label)
    return issues


def build_ancillary(
    title: str, description: str, labels: Sequence[str], *, early_expiration: bool = False
) -> bytes:
    """UMIP-183 ancillary data: compact UTF-8 JSON with the keys in the order title, description,
    labels; labels in packing order (label 0 is the lowest 32 bits).

    Raises :class:`MultipleValuesError` naming the first bad field (non-string or empty title or
    description, 0 or more than 7 labels, an empty or repeated label), or an ``AncillaryBudgetError``
    if the data would not fit 8192 bytes once the pair (``early_expiration``) and the oracle have
    stamped it.
    """
    issues = _field_issues(title, description, labels)
    if issues:
        key, message = issues[0]
        raise MultipleValuesError(message, key)
    text = json.dumps(
        {"title": title, "description": description, "labels": list(labels)},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    data = text.encode("utf-8")
    check_budget(data, early_expiration)
    return data


def check_ancillary_budget(data: bytes, early_expiration: bool = False) -> None:
    """Raise ``AncillaryBudgetError`` if ``data`` does not fit 8192 bytes once stamped (8139 bytes
    of custom data, 8121 with early expiration)."""
    check_budget(data, early_expiration)


def _json_part(data: bytes | str) -> str:
    text = data if isinstance(data, str) else bytes(data).decode("utf-8")
    end = text.rfind("}")
    if end < 0:
        raise MultipleValuesError("ancillary data holds no JSON object (no closing brace)")
    return text[: end + 1]


def validate_ancillary(data: bytes | str, *, early_expiration: bool = False) -> list[str]:
    """Every problem with ``data`` as UMIP-183 ancillary data, one message per field (an empty list
    when it is valid). Bytes after the last ``}`` (the chain's stamps) are ignored, as voters may;
    the byte budget is checked on the data as given (custom data, before stamping)."""
    problems: list[str] = []
    try:
        raw = bytes(data) if not isinstance(data, str) else data.encode("utf-8")
        obj = json.loads(_json_part(raw))
    except UnicodeDecodeError as exc:
        return [f"ancillary data is not UTF-8: {exc}"]
    except (MultipleValuesError, json.JSONDecodeError) as exc:
        return [f"ancillary data is not a JSON object: {exc}"]
    if not isinstance(obj, dict):
        return [f"ancillary data must be a JSON object, got {type(obj).__name__}"]
    missing = [k for k in ANCILLARY_KEYS if k not in obj]
    problems += [f"{k}: missing" for k in missing]
    problems += [f"{k}: not a UMIP-183 key" for k in obj if k not in ANCILLARY_KEYS]
    if not missing:
        problems += [
            f"{key}: {message}"
            for key, message in _field_issues(obj["title"], obj["description"], obj["labels"])
        ]
    limit = custom_limit(early_expiration)
    if len(raw) > limit:
        problems.append(
            f"size: {len(raw)} bytes; at most {limit} fit the 8192-byte limit after the stamps"
        )
    return problems


def parse_ancillary(data: bytes | str) -> MultipleValuesRequest:
    """Read UMIP-183 ancillary data (stamps after the last ``}`` ignored); raises
    :class:`MultipleValuesError` listing every problem :func:`validate_ancillary` finds."""
    problems = [p for p in validate_ancillary(data) if not p.startswith("size:")]
    if problems:
        raise MultipleValuesError(
            "invalid MULTIPLE_VALUES ancillary data:\n" + "\n".join(f"  - {p}" for p in problems),
            problems[0].split(":", 1)[0],
        )
    raw = data if isinstance(data, str) else bytes(data).decode("utf-8")
    obj = json.loads(_json_part(raw))
    return MultipleValuesRequest(obj["title"], obj["description"], tuple(obj["labels"]))

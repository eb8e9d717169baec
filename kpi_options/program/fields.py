"""The field readers of program files: numbers, amounts, text, addresses, times; the rules' limits.

Each reader takes the :class:`Collector` of problems, the field's dotted path and the raw value; it
returns the value in contract units (or None, after recording a problem naming the path).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

from kpi_options.errors import Problem
from kpi_options.units import address_problem, format_decimal, scale_down

#: Liveness must be strictly below this (OOv2: "Liveness too large"), in seconds.
MAX_LIVENESS = 5200 * 7 * 24 * 3600
#: UMA's guidance: at least "a couple of hours"; 24 hours recommended for KPI options.
MIN_RECOMMENDED_LIVENESS = 2 * 3600
RECOMMENDED_LIVENESS = 24 * 3600
DEFAULT_PRICE_IDENTIFIER = "General_KPI"
DEFAULT_COLLATERAL_DECIMALS = 18
MAX_COLLATERAL_DECIMALS = 36
UINT64_MAX = 2**64 - 1
UINT256_MAX = 2**256 - 1

TOP_LEVEL_KEYS = {
    "version",
    "description",
    "pairName",
    "expiration",
    "collateral",
    "collateralDecimals",
    "collateralPerPair",
    "priceIdentifier",
    "longToken",
    "shortToken",
    "payout",
    "ancillary",
    "resolution",
    "proposerReward",
    "liveness",
    "bond",
    "enableEarlyExpiration",
    "mint",
    "metrics",
}
REQUIRED_TOP_LEVEL = (
    "pairName",
    "expiration",
    "collateral",
    "collateralPerPair",
    "longToken",
    "shortToken",
    "payout",
    "ancillary",
)


class Collector:
    """The problems (errors) and warnings found so far, each with its field path."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(path, message))


def human_decimal(c: Collector, path: str, value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        c.error(path, f"must be a number, got {value!r}")
        return None
    if isinstance(value, float):
        c.error(
            path, "floats are not accepted; write the number as text or load with loads_program"
        )
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            c.error(path, f"must be a number, got {value!r}")
            return None
    else:
        c.error(path, f"must be a number, got {type(value).__name__}")
        return None
    if not number.is_finite():
        c.error(path, f"must be a finite number, got {value!r}")
        return None
    return number


def scaled(c: Collector, path: str, value: Any, decimals: int, what: str) -> int | None:
    number = human_decimal(c, path, value)
    if number is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 200
        scaled = number.scaleb(decimals)
        if scaled != scaled.to_integral_value():
            c.error(
                path,
                f"{fmt(number)} has more than {decimals} decimals and cannot be represented in "
                f"{what} without rounding",
            )
            return None
        return int(scaled)


def fmt(value: Decimal) -> str:
    return format_decimal(value)


def text_field(c: Collector, path: str, value: Any, *, required: bool = True) -> str | None:
    if value is None:
        if required:
            c.error(path, "required")
        return None
    if not isinstance(value, str):
        c.error(path, f"must be text, got {type(value).__name__}")
        return None
    if value.strip() == "":
        c.error(path, "must not be empty")
        return None
    if value != value.strip():
        c.warn(path, "has leading or trailing whitespace")
    return value


def address_field(c: Collector, path: str, value: str) -> str | None:
    from eth_utils import to_checksum_address

    problem = address_problem(value)
    if problem is not None:
        c.error(path, problem)
        return None
    if int(value, 16) == 0:
        c.error(path, "the zero address is not a token")
        return None
    return to_checksum_address(value)


def parse_expiration(value: Any) -> int:
    """Unix seconds from an int, a digit string, or ISO 8601 text in UTC; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"must be unix seconds or ISO 8601 UTC, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(f"unix seconds must be whole, got {value}")
        return int(value)
    if not isinstance(value, str):
        raise ValueError(f"must be unix seconds or ISO 8601 UTC, got {type(value).__name__}")
    text = value.strip()
    if re.fullmatch(r"[0-9]+", text):
        return int(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"not unix seconds or ISO 8601: {value!r}") from exc
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone; add 'Z' (UTC)")
    if moment.utcoffset().total_seconds() != 0:
        raise ValueError(f"{value!r} is not in UTC; write it with 'Z' or '+00:00'")
    return int(moment.astimezone(UTC).timestamp())


def ancillary_value(c: Collector, path: str, value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        c.error(path, f"must be text or a number, got {value!r}")
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = str(value)
        return format_decimal(value) if "E" in text else text
    c.error(path, f"must be text or a number, got {type(value).__name__}")
    return None


def scale_payout_params(c: Collector, path: str, value: Any) -> Any:
    """Human payout parameters → contract units: every number ×1e18, recursively."""
    if isinstance(value, Mapping):
        return {k: scale_payout_params(c, f"{path}.{k}", v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scale_payout_params(c, f"{path}[{i}]", v) for i, v in enumerate(value)]
    if isinstance(value, bool):
        return value
    return scaled(c, path, value, 18, "contract units (1e18)")


def amount_field(c: Collector, path: str, value: Any, decimals: int | None) -> int | None:
    if decimals is None:
        return None
    units = scaled(c, path, value, decimals, f"collateral units ({decimals} decimals)")
    if units is not None and units < 0:
        c.error(path, "must not be negative")
        return None
    if units is not None and units > UINT256_MAX:
        c.error(path, "does not fit uint256")
        return None
    return units


def mint_field(c: Collector, spec: Any, decimals: int | None) -> tuple[int, list[tuple[str, int]]]:
    if not isinstance(spec, Mapping):
        c.error("mint", "must be a mapping with tokens and optional recipients")
        return 0, []
    for key in spec:
        if key not in ("tokens", "recipients"):
            c.error(f"mint.{key}", "unknown field (known: tokens, recipients)")
    if "tokens" not in spec:
        c.error("mint.tokens", "required when mint is given")
        return 0, []
    tokens = amount_field(c, "mint.tokens", spec["tokens"], decimals)
    if tokens is not None and tokens == 0:
        c.error("mint.tokens", "must be greater than 0")
    recipients = spec.get("recipients", [])
    out: list[tuple[str, int]] = []
    if not isinstance(recipients, list):
        c.error("mint.recipients", "must be a list of {address, amount}")
        return tokens or 0, []
    seen: set[str] = set()
    for i, entry in enumerate(recipients):
        path = f"mint.recipients[{i}]"
        if not isinstance(entry, Mapping):
            c.error(path, "must be a mapping with address and amount")
            continue
        address = entry.get("address")
        if not isinstance(address, str):
            c.error(f"{path}.address", "required (0x address)")
            address = None
        else:
            address = address_field(c, f"{path}.address", address)
        amount = amount_field(c, f"{path}.amount", entry.get("amount"), decimals)
        if amount == 0:
            c.error(f"{path}.amount", "must be greater than 0")
        if address is not None:
            if address in seen:
                c.error(f"{path}.address", f"{address} appears twice")
            seen.add(address)
        if address is not None and amount:
            out.append((address, amount))
    total = sum(a for _, a in out)
    if tokens and total > tokens:
        c.error(
            "mint.recipients",
            f"distribute {fmt(scale_down(total, decimals))} tokens but only "
            f"{fmt(scale_down(tokens, decimals))} are minted",
        )
    return tokens or 0, out

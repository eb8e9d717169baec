"""Units: human <-> raw amounts and prices, the address check, time as text.

Amounts on the command line are human (``1.5`` collateral tokens, ``1000`` position tokens),
converted exactly with the collateral's decimals (position tokens share them); prices are human
values of the metric, converted exactly to 1e18 contract units. A value that would need rounding is
refused, never rounded. Every refusal is a :class:`kpi_options.errors.LifecycleError` naming the
input at fault.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Context, Decimal, InvalidOperation, localcontext

from kpi_options.errors import LifecycleError
from kpi_options.payouts.math import INT256_MAX, INT256_MIN, WAD

__all__ = [
    "ADDRESS_RE",
    "CONTRACT_DECIMALS",
    "IGNORE_PRICE",
    "INT256_MAX",
    "INT256_MIN",
    "PRECISION",
    "WAD",
    "format_decimal",
    "from_contract_units",
    "scale_down",
    "to_contract_units",
    "address_problem",
    "check_address",
    "format_time",
    "parse_amount",
    "parse_metric",
    "parse_price",
]

CONTRACT_DECIMALS = 18
"""Decimal places a contract-unit value (prices, shares, collateralPerPair) carries: 1e18 = WAD."""

IGNORE_PRICE = -(2**255)
"""``type(int256).min``: the answer that rejects an early expiry
(``LongShortPair.ignoreEarlyExpirationPrice()``), in contract units."""

PRECISION = 200
"""Decimal digits of every exact conversion (the default 28 would round large values silently)."""

ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]{40}")
"""A 0x-prefixed 20-byte hex address (any case; the checksum is checked apart)."""


def parse_amount(text: str, decimals: int, param: str, *, allow_zero: bool = False) -> int:
    """Human amount → raw units (``decimals``), exactly; :class:`LifecycleError` naming ``param``."""
    try:
        value = Decimal(str(text).strip().replace("_", ""))
    except InvalidOperation:
        raise LifecycleError(f"{text!r} is not a number", param) from None
    if not value.is_finite():
        raise LifecycleError(f"{text!r} is not a finite number", param)
    with localcontext() as ctx:
        ctx.prec = PRECISION  # exact: the default 28 digits would round large amounts silently
        raw = value.scaleb(decimals)
    if raw != raw.to_integral_value():
        raise LifecycleError(
            f"{text} has more than {decimals} decimals (the token has {decimals})", param
        )
    raw = int(raw)
    if raw < 0 or (raw == 0 and not allow_zero):
        raise LifecycleError(f"must be greater than 0, got {text}", param)
    if raw >= 2**256:
        raise LifecycleError(f"{text} does not fit uint256", param)
    return raw


def parse_price(text: str, param: str) -> int:
    """Human metric value → 1e18 contract units, exactly; :class:`LifecycleError` naming ``param``."""
    try:
        return to_contract_units(str(text).strip().replace("_", ""))
    except ValueError as exc:
        raise LifecycleError(str(exc), param) from None


def parse_metric(text: str) -> Decimal | None:
    """A raw metric value for previews; ``unresolved`` (or ``none``) previews the Unresolved value."""
    if str(text).strip().lower() in ("unresolved", "none"):
        return None
    try:
        value = Decimal(str(text).strip().replace("_", ""))
    except InvalidOperation:
        raise LifecycleError(f"{text!r} is not a number (or 'unresolved')", "METRIC") from None
    if not value.is_finite():
        raise LifecycleError(f"{text!r} is not a finite number", "METRIC")
    return value


def address_problem(text: str) -> str | None:
    """What is wrong with ``text`` as an address: not 0x + 40 hex digits, or mixed case that is not
    a valid EIP-55 checksum; None when it is fine (the one address check)."""
    from eth_utils import is_checksum_address

    if not ADDRESS_RE.fullmatch(text):
        return f"{text!r} is not a 0x-prefixed 20-byte address"
    body = text[2:]
    if body != body.lower() and body != body.upper() and not is_checksum_address(text):
        return f"{text} has a bad EIP-55 checksum"
    return None


def check_address(text: str, param: str) -> str:
    """A 0x address with a valid EIP-55 checksum (if mixed case), checksummed; else
    :class:`LifecycleError` naming ``param``."""
    from eth_utils import to_checksum_address

    text = text.strip()
    problem = address_problem(text)
    if problem is not None:
        raise LifecycleError(problem, param)
    return to_checksum_address(text)


def format_time(timestamp: int) -> str:
    """Unix seconds as ``YYYY-MM-DD HH:MM:SS UTC``."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def to_contract_units(value: Decimal | int | str) -> int:
    """Human value → contract units (×1e18), exactly; ValueError if precision would be lost
    (more than 18 decimals) or the result leaves int256."""
    if isinstance(value, float):
        raise TypeError("pass a Decimal, int or str, not a float")
    with localcontext() as ctx:
        ctx.prec = PRECISION
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
        if not number.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        scaled = number.scaleb(CONTRACT_DECIMALS)
        if scaled != scaled.to_integral_value():
            raise ValueError(
                f"{value} has more than {CONTRACT_DECIMALS} decimals; it cannot be represented "
                "exactly in contract units (1e18)"
            )
        units = int(scaled)
    if not INT256_MIN <= units <= INT256_MAX:
        raise ValueError(f"{value} is outside int256 once scaled by 1e18")
    return units


def from_contract_units(units: int) -> Decimal:
    """Contract units (scaled by 1e18) → exact human Decimal."""
    return scale_down(units, CONTRACT_DECIMALS)


def scale_down(units: int, decimals: int) -> Decimal:
    """``units / 10**decimals`` as an exact Decimal (no context rounding at any size)."""
    if not isinstance(units, int) or isinstance(units, bool):
        raise TypeError(f"expected int, got {type(units).__name__}")
    return Decimal(units).scaleb(-decimals, context=Context(prec=PRECISION))


def format_decimal(value: Decimal) -> str:
    """Plain (non-scientific) text for a Decimal, without trailing zeros: ``1E+6`` → ``1000000``."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

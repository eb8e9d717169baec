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
from decimal import Decimal, InvalidOperation, localcontext

from kpi_options.ancillary import general_kpi as anc
from kpi_options.errors import LifecycleError
from kpi_options.payouts.math import WAD

__all__ = [
    "ADDRESS_RE",
    "WAD",
    "check_address",
    "format_time",
    "parse_amount",
    "parse_metric",
    "parse_price",
]

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
        ctx.prec = 200  # exact: the default 28 digits would round large amounts silently
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
        return anc.to_contract_units(str(text).strip().replace("_", ""))
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


def check_address(text: str, param: str) -> str:
    """A 0x address with a valid EIP-55 checksum (if mixed case), checksummed; else
    :class:`LifecycleError` naming ``param``."""
    from eth_utils import is_checksum_address, to_checksum_address

    text = text.strip()
    if not ADDRESS_RE.fullmatch(text):
        raise LifecycleError(f"{text!r} is not a 0x-prefixed 20-byte address", param)
    body = text[2:]
    if body != body.lower() and body != body.upper() and not is_checksum_address(text):
        raise LifecycleError(f"{text} has a bad EIP-55 checksum", param)
    return to_checksum_address(text)


def format_time(timestamp: int) -> str:
    """Unix seconds as ``YYYY-MM-DD HH:MM:SS UTC``."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

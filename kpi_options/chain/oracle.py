"""UMA's oracle stack as the tools see it: Finder names, request states, identifiers.

The local stand-in of the stack (Finder, whitelists, Store, OOv2 mock, DVM stand-in) is deployed by
:func:`kpi_options.chain.system.deploy_mock_oracle_stack`; it mirrors UMA's contract names, Finder
names, ABI and revert strings (``docs/ORACLE_MOCK.md``). Typical use::

    stack = deploy_mock_oracle_stack(project, deployer, collateral=[usdc], final_fees={usdc: 10**6})
    stack.optimistic_oracle.requestPrice(GENERAL_KPI, ts, anc, usdc, reward, sender=requester)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from kpi_options.errors import KpiError

__all__ = [
    "DEFAULT_LIVENESS",
    "FINDER_NAMES",
    "GENERAL_KPI",
    "MULTIPLE_VALUES",
    "TOO_EARLY_RESPONSE",
    "OracleStack",
    "OracleState",
    "as_identifier",
    "identifier",
    "is_multiple_values",
]

DEFAULT_LIVENESS = 7200
"""Default OOv2 liveness in seconds (UMA's deploy script value)."""

TOO_EARLY_RESPONSE = -(2**255)
"""OOv2's "too early" answer, ``type(int256).min``."""


def identifier(name: str) -> bytes:
    """Encode ``name`` as a bytes32 identifier: ASCII, left-aligned, zero-padded on the right.

    The one identifier rule (UMA's price identifiers and Finder names are ASCII text); raises
    :class:`kpi_options.errors.KpiError` if ``name`` is not ASCII or longer than 32 bytes.
    """
    try:
        raw = name.encode("ascii")
    except UnicodeEncodeError as exc:
        raise KpiError(f"identifier {name!r} is not ASCII") from exc
    if len(raw) > 32:
        raise KpiError(f"identifier {name!r} is {len(raw)} bytes; bytes32 holds at most 32")
    return raw.ljust(32, b"\x00")


GENERAL_KPI = identifier("General_KPI")
"""The UMIP-117 price identifier used by KPI options."""

MULTIPLE_VALUES = identifier("MULTIPLE_VALUES")
"""The UMIP-183 price identifier: up to 7 unsigned 32-bit values in one answer (several KPIs in one
option, :mod:`kpi_options.ancillary.multiple_values`)."""


def is_multiple_values(identifier: bytes) -> bool:
    """Whether a request's price identifier is UMIP-183's ``MULTIPLE_VALUES``."""
    return bytes(identifier).rstrip(b"\0") == MULTIPLE_VALUES.rstrip(b"\0")


FINDER_NAMES = {
    "optimistic_oracle": identifier("OptimisticOracleV2"),
    "identifier_whitelist": identifier("IdentifierWhitelist"),
    "collateral_whitelist": identifier("CollateralWhitelist"),
    "store": identifier("Store"),
    "dvm": identifier("Oracle"),
}
"""Finder name (bytes32) registered for each OracleStack field."""


class OracleState(IntEnum):
    """Mirror of ``IOptimisticOracleV2.State`` (UMA's order)."""

    Invalid = 0
    Requested = 1
    Proposed = 2
    Expired = 3
    Disputed = 4
    Resolved = 5
    Settled = 6


@dataclass(frozen=True)
class OracleStack:
    """The deployed contracts (ape contract instances), all owned by the deploying account."""

    finder: Any
    identifier_whitelist: Any
    collateral_whitelist: Any
    store: Any
    optimistic_oracle: Any
    dvm: Any


def as_identifier(value: bytes | str) -> bytes:
    """Accept a bytes32 identifier or its name."""
    if isinstance(value, str):
        return identifier(value)
    if len(value) > 32:
        raise ValueError(f"identifier {value!r} is longer than 32 bytes")
    return bytes(value).ljust(32, b"\x00")

"""Deploy and drive the local UMA-compatible oracle stack (Finder, whitelists, Store, OOv2 mock, DVM stand-in).

The stack mirrors UMA's contract names, Finder names, ABI and revert strings; only DVM voting is replaced by an
owner who pushes prices (``stack.dvm.pushPrice(...)``). It is for tests, local demos and audits, never production.
See ``docs/ORACLE_MOCK.md``.

Typical use::

    stack = deploy_oracle_stack(project, deployer, collateral=[usdc], final_fees={usdc: 10**6})
    stack.optimistic_oracle.requestPrice(GENERAL_KPI, ts, anc, usdc, reward, sender=requester)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

__all__ = [
    "DEFAULT_LIVENESS",
    "FINDER_NAMES",
    "GENERAL_KPI",
    "TOO_EARLY_RESPONSE",
    "OracleStack",
    "OracleState",
    "add_collateral",
    "deploy_oracle_stack",
    "identifier",
    "set_final_fee",
]

DEFAULT_LIVENESS = 7200
"""Default OOv2 liveness in seconds (UMA's deploy script value)."""

TOO_EARLY_RESPONSE = -(2**255)
"""OOv2's "too early" answer, ``type(int256).min``."""


def identifier(name: str) -> bytes:
    """Encode ``name`` as a bytes32 identifier: ASCII, left-aligned, zero-padded on the right.

    Raises ``ValueError`` if ``name`` is not ASCII or longer than 32 bytes.
    """
    try:
        raw = name.encode("ascii")
    except UnicodeEncodeError as exc:
        raise ValueError(f"identifier {name!r} is not ASCII") from exc
    if len(raw) > 32:
        raise ValueError(f"identifier {name!r} is {len(raw)} bytes; bytes32 holds at most 32")
    return raw.ljust(32, b"\x00")


GENERAL_KPI = identifier("General_KPI")
"""The UMIP-117 price identifier used by KPI options."""

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


def _as_identifier(value: bytes | str) -> bytes:
    """Accept a bytes32 identifier or its name."""
    if isinstance(value, str):
        return identifier(value)
    if len(value) > 32:
        raise ValueError(f"identifier {value!r} is longer than 32 bytes")
    return bytes(value).ljust(32, b"\x00")


def set_final_fee(stack: OracleStack, token: Any, final_fee: int, sender: Any) -> None:
    """Set the Store's final fee for ``token`` to ``final_fee`` raw units (``sender`` must own the Store).

    The Store takes UMA's ``FixedPoint.Unsigned`` struct, so the fee is passed as the one-field tuple.
    """
    if final_fee < 0:
        raise ValueError(f"final fee must be >= 0, got {final_fee}")
    stack.store.setFinalFee(token, (final_fee,), sender=sender)


def add_collateral(stack: OracleStack, token: Any, final_fee: int, sender: Any) -> None:
    """Whitelist ``token`` as collateral and set its final fee (raw units); ``sender`` owns the stack."""
    stack.collateral_whitelist.addToWhitelist(token, sender=sender)
    set_final_fee(stack, token, final_fee, sender)


def deploy_oracle_stack(
    project: Any,
    owner: Any,
    *,
    default_liveness: int = DEFAULT_LIVENESS,
    identifiers: Iterable[bytes | str] = (GENERAL_KPI,),
    collateral: Iterable[Any] = (),
    final_fees: Mapping[Any, int] | None = None,
) -> OracleStack:
    """Deploy the whole stack from ``owner`` and register every Finder name.

    Args:
        project: the ape project (``from ape import project``).
        owner: the account that deploys and owns every contract (and pushes DVM prices).
        default_liveness: OOv2 default liveness, seconds, in [1, 5200 weeks).
        identifiers: price identifiers to whitelist, as bytes32 or names (``"General_KPI"``).
        collateral: tokens (contract instances or addresses) to whitelist as collateral.
        final_fees: final fee per collateral token, raw units; tokens missing here get 0.
            A token keyed here but absent from ``collateral`` is also whitelisted.
    """
    fees = dict(final_fees or {})
    collateral = list(collateral)
    finder = owner.deploy(project.Finder)
    identifier_whitelist = owner.deploy(project.IdentifierWhitelist)
    collateral_whitelist = owner.deploy(project.AddressWhitelist)
    store = owner.deploy(project.Store)
    optimistic_oracle = owner.deploy(project.MockOptimisticOracleV2, default_liveness, finder)
    dvm = owner.deploy(project.MockOracleAncillary, finder)
    stack = OracleStack(
        finder=finder,
        identifier_whitelist=identifier_whitelist,
        collateral_whitelist=collateral_whitelist,
        store=store,
        optimistic_oracle=optimistic_oracle,
        dvm=dvm,
    )
    for field, name in FINDER_NAMES.items():
        finder.changeImplementationAddress(name, getattr(stack, field), sender=owner)
    for ident in identifiers:
        identifier_whitelist.addSupportedIdentifier(_as_identifier(ident), sender=owner)
    # Whitelist in the order given; a token keyed in final_fees only comes after the listed ones.
    tokens: dict[str, Any] = {}
    for token in [*collateral, *fees]:
        tokens.setdefault(_address(token), token)
    fee_by_address = {_address(token): fee for token, fee in fees.items()}
    for address, token in tokens.items():
        add_collateral(stack, token, fee_by_address.get(address, 0), owner)
    return stack


def _address(token: Any) -> str:
    """The lower-cased address of a contract instance or address, for comparing tokens."""
    return str(getattr(token, "address", token)).lower()

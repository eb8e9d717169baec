"""Launch Long Short Pairs from Python, and the pair's Solidity types mirrored.

Mirrors of the Solidity types live here so scripts and tests speak the contracts' language:
``CreatorParams`` is UMA's struct in UMA's field order, ``PairState`` mirrors
``ILongShortPair.PairState``.

Typical use::

    creator = deploy_creator(project, deployer, stack.finder)  # kpi_options.chain.system
    params = CreatorParams(pair_name="KPI", expiration_timestamp=ts, ..., collateral_token=usdc,
                           financial_product_library=linear)
    pair = launch_pair(creator, params, encode(["int256", "int256"], [upper, lower]), sender=launcher)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntEnum
from typing import Any, ClassVar

from kpi_options.errors import LifecycleError
from kpi_options.units import IGNORE_PRICE

__all__ = [
    "IGNORE_PRICE",
    "MAX_LIVENESS",
    "CreatorParams",
    "PairState",
    "launch_pair",
    "plain",
    "pair_from_receipt",
]


MAX_LIVENESS = 5200 * 7 * 24 * 3600
"""Liveness must be strictly below this, in seconds (5200 weeks)."""


class PairState(IntEnum):
    """Mirror of ``ILongShortPair.PairState`` (see its NatSpec for the exact rules)."""

    Open = 0
    EarlyExpiryPending = 1
    EarlyExpired = 2
    ExpiredUnrequested = 3
    ExpiryPricePending = 4
    ExpiryPriceAvailable = 5
    Settled = 6


@dataclass(frozen=True)
class CreatorParams:
    """UMA's ``LongShortPairCreator.CreatorParams``, fields in UMA's (ABI) order.

    Units: ``expiration_timestamp`` unix seconds; ``collateral_per_pair`` scaled by 1e18;
    ``proposer_reward`` and ``optimistic_oracle_proposer_bond`` raw collateral units;
    ``optimistic_oracle_liveness_time`` seconds. Addresses may be contract instances or strings.
    """

    pair_name: str
    expiration_timestamp: int
    collateral_per_pair: int
    price_identifier: bytes
    enable_early_expiration: bool
    long_synth_name: str
    long_synth_symbol: str
    short_synth_name: str
    short_synth_symbol: str
    collateral_token: Any
    financial_product_library: Any
    custom_ancillary_data: bytes = b""
    proposer_reward: int = 0
    optimistic_oracle_liveness_time: int = 7200
    optimistic_oracle_proposer_bond: int = 0

    ABI_TYPES: ClassVar[tuple[str, ...]] = (
        "string",
        "uint64",
        "uint256",
        "bytes32",
        "bool",
        "string",
        "string",
        "string",
        "string",
        "address",
        "address",
        "bytes",
        "uint256",
        "uint256",
        "uint256",
    )
    """The struct's ABI types, in field order (``ILongShortPairCreator.CreatorParams``)."""

    @classmethod
    def abi_names(cls) -> tuple[str, ...]:
        """The struct's field names as Solidity spells them (camelCase), in ABI order."""
        return tuple(_camel(field.name) for field in fields(cls))

    def as_tuple(self) -> tuple:
        """The struct as the ABI tuple the creator takes (addresses as strings).

        Reads the fields directly: ``dataclasses.astuple`` deep-copies values, which breaks on ape
        contract instances.
        """
        return tuple(plain(getattr(self, field.name)) for field in fields(self))

    def replace(self, **changes: Any) -> CreatorParams:
        """A copy with ``changes`` applied (field names as in this class)."""
        from dataclasses import replace

        return replace(self, **changes)


def launch_pair(
    creator: Any,
    params: CreatorParams,
    payout_parameters: bytes | None,
    sender: Any,
    *,
    project: Any = None,
) -> Any:
    """Launch a pair from ``sender`` and return it as a ``LongShortPair`` contract instance.

    With ``payout_parameters`` (the payout library's ABI-encoded parameters) the launch uses
    ``createLongShortPairWithPayoutParameters``, so the parameters are set in the same transaction;
    with ``None`` it uses UMA's ``createLongShortPair`` and the launcher sets them afterwards.
    The pair address is read from the ``CreatedLongShortPair`` event; when ``sender`` records into
    a Safe batch instead of sending, None. ``project`` (default: ape's current project) supplies
    the ``LongShortPair`` and ``PositionToken`` contract types.
    """
    if payout_parameters is None:
        receipt = creator.createLongShortPair(params.as_tuple(), sender=sender)
    else:
        receipt = creator.createLongShortPairWithPayoutParameters(
            params.as_tuple(), bytes(payout_parameters), sender=sender
        )
    from kpi_options.chain.tx import is_recorded

    if is_recorded(receipt):
        return None  # recorded into a Safe batch: the pair exists once the Safe executes it
    return pair_from_receipt(receipt, project=project)


def next_pair_address(creator: Any) -> str:
    """The address the creator's next launch will have: it clones (the project's) or deploys
    (UMA's) the pair with CREATE, so the address follows from the creator's nonce, if no other
    launch comes first (:func:`guard_predicted_pair` makes a Safe batch revert if one does)."""
    import rlp
    from eth_utils import keccak, to_checksum_address

    nonce = int(creator.provider.get_nonce(creator.address))
    encoded = rlp.encode([bytes.fromhex(str(creator.address)[2:]), nonce])
    return to_checksum_address(keccak(encoded)[12:])


def guard_predicted_pair(guard: Any, creator: Any, sender: Any) -> str | None:
    """When ``sender`` records a Safe batch: the address ``creator``'s next launch will have, after
    recording ``guard.requireUnlaunched(address)`` (``guard``: the project's creator) so that the
    batch reverts if another launch takes that address before the Safe executes it. When sending
    directly: None (the pair's address comes from the launch's event)."""
    from kpi_options.chain.tx import is_recording

    if not is_recording(sender):
        return None
    expected = next_pair_address(creator)
    try:  # read now: a creator deployed before the guard existed would revert every such batch
        guard.requireUnlaunched(expected)
    except Exception:  # noqa: BLE001 - any failure means the batch would revert
        raise LifecycleError(
            f"the project's creator at {guard.address} does not answer requireUnlaunched (deployed "
            "before that guard was added?): a batch that launches needs it; deploy the current "
            "creator (`deploy --redeploy`) first",
            "--safe-batch",
        ) from None
    sender.record(guard, "requireUnlaunched", expected)
    return expected


def pair_from_receipt(receipt: Any, *, project: Any = None) -> Any:
    """The pair a launch receipt created (its one ``CreatedLongShortPair`` event), as a
    ``LongShortPair`` contract instance of ``project`` (default: ape's current project)."""
    events = [log for log in receipt.events if log.event_name == "CreatedLongShortPair"]
    if len(events) != 1:
        raise RuntimeError(f"expected one CreatedLongShortPair event, found {len(events)}")
    if project is None:
        from ape import project

    # Registering the token clones' type lets traces and `ape test --gas` name them (PositionToken).
    project.PositionToken.at(events[0].longToken)
    project.PositionToken.at(events[0].shortToken)
    return project.LongShortPair.at(events[0].longShortPair)


def plain(value: Any) -> Any:
    """Contract instances and accounts become their address; everything else is unchanged."""
    address = getattr(value, "address", None)
    return str(address) if address is not None else value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)

"""UMA's own Long Short Pair path: ``LongShortPairCreator``, ``TokenFactory``, ``LongShortPair`` and
the eight payout libraries (UMA: financial product libraries) from ``@uma/core``.

UMA's creator takes the same ``CreatorParams`` struct as the project's, but launches in two
steps: ``createLongShortPair`` deploys the pair and its tokens, then a second transaction sets
the payout library's parameters for that pair (``setLongShortPairParameters(pair, ...)``, which
**anyone** may call once). Between the two transactions the parameters are unset: whoever calls
first fixes them. :data:`TWO_STEP_WARNING` says so; the launch tooling prints it.

Locally the creator is deployed with :func:`deploy_uma_creator` against either oracle stack
(constructor ``(finder, tokenFactory, timer)``, timer zero for ``block.timestamp``); on a live
network its address comes from ``@uma/contracts-node`` (:mod:`kpi_options.uma.chains`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi import decode as abi_decode

from kpi_options.errors import KpiError
from kpi_options.uma.artifacts import contract_container

__all__ = [
    "TWO_STEP_WARNING",
    "UMA_LIBRARIES",
    "UmaLaunch",
    "deploy_uma_creator",
    "deploy_uma_libraries",
    "launch_uma_pair",
    "set_uma_payout_parameters",
    "uma_pair_state",
    "uma_payout_values",
]

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"

UMA_LIBRARIES = {
    "Linear": "LinearLongShortPairFinancialProductLibrary",
    "FlooredLinear": "FlooredLinearLongShortPairFinancialProductLibrary",
    "BinaryOption": "BinaryOptionLongShortPairFinancialProductLibrary",
    "CoveredCall": "CoveredCallLongShortPairFinancialProductLibrary",
    "CappedYieldDollar": "CappedYieldDollarLongShortPairFinancialProductLibrary",
    "RangeBond": "RangeBondLongShortPairFinancialProductLibrary",
    "SimpleSuccessToken": "SimpleSuccessTokenLongShortPairFinancialProductLibrary",
    "SuccessToken": "SuccessTokenLongShortPairFinancialProductLibrary",
}
"""Short name (as in program files) -> UMA's contract name. The project's own KPI libraries
(Milestones, PiecewiseLinear, BoundedLog) have no UMA counterpart."""

TWO_STEP_WARNING = (
    "UMA's creator launches in two transactions: the pair is created first, its payout "
    "parameters set in a second one. Until that second transaction is mined, anyone may set the "
    "pair's parameters first (UMA's libraries accept the first call for a pair and no other): "
    "check them with `status` before minting."
)


def deploy_uma_creator(owner: Any, finder: Any) -> tuple[Any, Any]:
    """Deploy UMA's ``TokenFactory`` and ``LongShortPairCreator(finder, tokenFactory, 0)`` from
    ``owner``; returns ``(creator, token_factory)``."""
    token_factory = contract_container("TokenFactory").deploy(sender=owner)
    creator = contract_container("LongShortPairCreator").deploy(
        _plain(finder), token_factory, ZERO_ADDRESS, sender=owner
    )
    return creator, token_factory


def deploy_uma_libraries(owner: Any, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Deploy UMA's payout libraries (all eight, or ``names``); short name -> contract."""
    chosen = tuple(UMA_LIBRARIES) if names is None else names
    unknown = [name for name in chosen if name not in UMA_LIBRARIES]
    if unknown:
        raise KpiError(
            f"UMA has no payout library {', '.join(unknown)} (UMA's are: "
            f"{', '.join(UMA_LIBRARIES)}); launch it with the project's creator instead",
            "payout.library",
        )
    return {name: contract_container(UMA_LIBRARIES[name]).deploy(sender=owner) for name in chosen}


@dataclass(frozen=True)
class UmaLaunch:
    """A pair launched through UMA's creator: the pair and the two transactions."""

    pair: Any
    create_receipt: Any
    parameters_receipt: Any | None


def set_uma_payout_parameters(
    library: Any, pair: Any, abi_types: tuple[str, ...], encoded: bytes, sender: Any
) -> Any:
    """Step two: ``library.setLongShortPairParameters(pair, *values)``, the values decoded from
    ``encoded`` (the same ABI encoding the project's ``setEncodedParameters`` takes)."""
    values = abi_decode(list(abi_types), bytes(encoded))
    return library.setLongShortPairParameters(_plain(pair), *values, sender=sender)


def launch_uma_pair(
    creator: Any,
    params: Any,
    library: Any | None,
    abi_types: tuple[str, ...] | None,
    payout_parameters: bytes | None,
    sender: Any,
    *,
    predicted: str | None = None,
) -> UmaLaunch:
    """Launch ``params`` (a :class:`kpi_options.chain.pair.CreatorParams`) through UMA's creator, then
    (with ``payout_parameters``) set the payout parameters on ``library`` in a second
    transaction. Returns the pair as UMA's ``LongShortPair`` contract instance.

    When ``sender`` records a Safe batch, both steps go into the batch (one MultiSend, so they are
    atomic), the second addressed to ``predicted`` (the pair's address to come, from
    :func:`kpi_options.chain.pair.guard_predicted_pair`); the returned ``pair`` is then None.
    """
    from kpi_options.chain.tx import is_recorded

    receipt = creator.createLongShortPair(params.as_tuple(), sender=sender)
    if is_recorded(receipt):
        if predicted is None:
            raise KpiError("a recorded UMA launch needs the predicted pair address", "predicted")
        second = None
        if payout_parameters is not None:
            second = _set_parameters(library, abi_types, predicted, payout_parameters, sender)
        return UmaLaunch(None, receipt, second)
    events = [log for log in receipt.events if log.event_name == "CreatedLongShortPair"]
    if len(events) != 1:
        raise RuntimeError(f"expected one CreatedLongShortPair event, found {len(events)}")
    event = events[0]
    pair = contract_container("LongShortPair").at(event.longShortPair)
    # Registering the tokens' type lets traces and balances name them.
    token = contract_container("SyntheticToken")
    token.at(event.longToken)
    token.at(event.shortToken)
    second = None
    if payout_parameters is not None:
        second = _set_parameters(library, abi_types, pair, payout_parameters, sender)
    return UmaLaunch(pair, receipt, second)


def _set_parameters(
    library: Any, abi_types: tuple[str, ...] | None, pair: Any, encoded: bytes, sender: Any
) -> Any:
    if library is None or abi_types is None:
        raise KpiError("library and abi_types are needed to set payout_parameters", "library")
    return set_uma_payout_parameters(library, pair, abi_types, encoded, sender)


def _plain(value: Any) -> Any:
    address = getattr(value, "address", None)
    return str(address) if address is not None else value


IGNORE_PRICE = -(2**255)
"""UMA's ``ignoreEarlyExpirationPrice()``: the answer that rejects an early expiry."""

# Optimistic Oracle V2 states (UMA's order).
_EXPIRED, _RESOLVED, _SETTLED, _INVALID = 3, 5, 6, 0


def uma_pair_state(pair: Any, oracle: Any, now: int) -> int:
    """The project's ``pairState()`` computed for UMA's ``LongShortPair`` (which has no such view),
    by the rules of ``ILongShortPair.PairState``; returns the enum's integer value.

    ``oracle`` is the Optimistic Oracle V2 the pair asks; ``now`` the chain time, unix seconds.
    """
    if pair.receivedSettlementPrice():
        return 6  # Settled
    identifier = bytes(pair.priceIdentifier())
    custom = bytes(pair.customAncillaryData())
    early = int(pair.earlyExpirationTimestamp())
    if early != 0:
        data = bytes(pair.getEarlyExpirationAncillaryData())
        state = int(oracle.getState(pair, identifier, early, data))
        if state not in (_EXPIRED, _SETTLED):
            return 1  # EarlyExpiryPending
        request = oracle.getRequest(pair, identifier, early, data)
        answer = int(request.resolvedPrice if state == _SETTLED else request.proposedPrice)
        if answer != IGNORE_PRICE:
            return 2  # EarlyExpired
    expiration = int(pair.expirationTimestamp())
    if now < expiration:
        return 0  # Open
    state = int(oracle.getState(pair, identifier, expiration, custom))
    if state == _INVALID:
        return 3  # ExpiredUnrequested
    if state in (_EXPIRED, _RESOLVED, _SETTLED):
        return 5  # ExpiryPriceAvailable
    return 4  # ExpiryPricePending


def uma_payout_values(library: Any, pair: Any) -> tuple | None:
    """The payout parameters UMA's ``library`` holds for ``pair``, in its setter's argument order
    (the order the project's twins take), or None when they are not set yet.

    UMA's libraries emit no event when parameters are set; their ``longShortPairParameters(pair)``
    getter returns a struct whose fields carry the setter's argument names.
    """
    setter = next(
        item
        for item in library.contract_type.abi
        if getattr(item, "name", None) == "setLongShortPairParameters"
    )
    names = [item.name for item in setter.inputs[1:]]
    stored = library.longShortPairParameters(_plain(pair))
    values = tuple(getattr(stored, name) for name in names)
    if hasattr(stored, "isSet"):
        return values if stored.isSet else None
    return None if all(not value for value in values) else values

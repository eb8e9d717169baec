"""The pair's oracle requests: expire, request an early expiry, propose, dispute, resolve (local DVM)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.multiple_values import UNRESOLVABLE, MultipleValuesError, pack
from kpi_options.ancillary.rules import rounding_problem
from kpi_options.chain.env import Env
from kpi_options.chain.handles import OracleRequest, PairHandle
from kpi_options.chain.oracle import OracleState, is_multiple_values
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.chain.tx import approve, require_balance
from kpi_options.errors import AncillaryError, LifecycleError
from kpi_options.uma.artifacts import contract_container
from kpi_options.uma.stack import dvm_owner
from kpi_options.units import format_time, from_contract_units, parse_price


@dataclass(frozen=True)
class RequestResult:
    pair: str
    early: bool
    timestamp: int
    reward: int


def expire(env: Env, sender: Any, pair_ref: str) -> RequestResult:
    """Ask the oracle for the expiry price (``expire()``); ``sender`` pays the proposer reward."""
    p = env.pair(pair_ref)
    expiration = int(p.contract.expirationTimestamp())
    if p.state == PairState.EarlyExpired:
        raise LifecycleError(
            "an early expiry was accepted: settle the pair instead of expiring it", "PAIR"
        )
    if env.chain.pending_timestamp < expiration:
        left = expiration - env.chain.pending_timestamp
        raise LifecycleError(
            f"the pair expires at {format_time(expiration)}, in {left} s; expire works from then",
            "PAIR",
        )
    request = p.request(early=False)
    if request.state != OracleState.Invalid:
        raise LifecycleError(
            f"expire was already called (expiry request is {request.state.name})", "PAIR"
        )
    if p.state == PairState.EarlyExpiryPending:
        raise LifecycleError(
            "an early-expiry request is still unanswered; it must be answered (or rejected) first",
            "PAIR",
        )
    reward = int(p.contract.proposerReward())
    require_balance(
        p.collateral, sender.address, reward, "--account", "the proposer reward", p.human
    )
    approve(p.collateral, sender, p.address, reward)
    p.contract.expire(sender=sender)
    return RequestResult(p.address, False, expiration, reward)


def request_early_expiry(
    env: Env, sender: Any, pair_ref: str, timestamp: int | None = None
) -> RequestResult:
    """Ask the oracle whether the pair may expire early at ``timestamp`` (default: the latest block).

    ``sender`` pays the proposer reward.
    """
    p = env.pair(pair_ref)
    pair = p.contract
    if not pair.enableEarlyExpiration():
        raise LifecycleError("the pair was launched with early expiration off", "PAIR")
    expiration = int(pair.expirationTimestamp())
    if env.chain.pending_timestamp >= expiration:
        raise LifecycleError(
            f"the pair expired at {format_time(expiration)}: call expire instead", "PAIR"
        )
    if p.state == PairState.EarlyExpired:
        raise LifecycleError("an early expiry was already accepted: settle the pair", "PAIR")
    # A pending early request does not block a new one: the pair's requests are not serial.
    if timestamp is None:
        timestamp = int(env.chain.blocks.head.timestamp)
    elif timestamp <= 0:
        raise LifecycleError("must be a unix time greater than 0", "--timestamp")
    elif timestamp > env.chain.pending_timestamp:
        raise LifecycleError(
            f"{timestamp} is in the future (the next block is at {env.chain.pending_timestamp})",
            "--timestamp",
        )
    early_data = bytes(pair.getEarlyExpirationAncillaryData())
    identifier = bytes(pair.priceIdentifier())
    state = OracleState(p.oracle.getState(p.address, identifier, timestamp, early_data))
    if state != OracleState.Invalid:
        request = p.oracle.getRequest(p.address, identifier, timestamp, early_data)
        answer = {
            OracleState.Expired: int(request.proposedPrice),
            OracleState.Settled: int(request.resolvedPrice),
        }.get(state)
        # Asked before and answered with a real price: asking again accepts it (nothing pulled).
        if state == OracleState.Resolved or (answer is not None and answer != IGNORE_PRICE):
            pair.requestEarlyExpiration(timestamp, sender=sender)
            return RequestResult(p.address, True, timestamp, 0)
        raise LifecycleError(
            f"an early request at {timestamp} was already made and is {state.name}"
            + (" (rejected)" if answer == IGNORE_PRICE else "")
            + "; a pending or rejected timestamp cannot be asked again: use a later one",
            "--timestamp",
        )
    reward = int(pair.proposerReward())
    require_balance(
        p.collateral, sender.address, reward, "--account", "the proposer reward", p.human
    )
    approve(p.collateral, sender, p.address, reward)
    pair.requestEarlyExpiration(timestamp, sender=sender)
    return RequestResult(p.address, True, timestamp, reward)


@dataclass(frozen=True)
class ProposeResult:
    pair: str
    early: bool
    price: int  # 1e18 units (IGNORE_PRICE for --ignore)
    liveness_ends: int  # unix seconds
    bond: int  # bond + final fee posted, raw collateral units


def price_argument(price: str | None, ignore: bool, early: bool) -> int:
    if ignore and price is not None:
        raise LifecycleError("give either PRICE or --ignore, not both", "PRICE")
    if ignore:
        if not early:
            raise LifecycleError(
                "the ignore price only answers early-expiry requests; add --early", "--ignore"
            )
        return IGNORE_PRICE
    if price is None:
        raise LifecycleError("missing: give a price (human units) or --ignore", "PRICE")
    return parse_price(price, "PRICE")


def packed_argument(price: str | None, ignore: bool, early: bool) -> int:
    """PRICE for a MULTIPLE_VALUES pair: the values as ``320,12345,650`` (packed as UMIP-183
    says) or ``unresolvable`` (``type(int256).max``); ``--ignore`` as for any pair."""
    if ignore or price is None:
        return price_argument(price, ignore, early)
    text = price.strip()
    if text.lower() == "unresolvable":
        return UNRESOLVABLE
    try:
        return pack([int(part.strip().replace("_", "")) for part in text.split(",")])
    except (ValueError, MultipleValuesError) as exc:
        raise LifecycleError(
            f"{price!r}: a MULTIPLE_VALUES answer is comma-separated whole values in label order "
            f"(or 'unresolvable'): {exc}",
            "PRICE",
        ) from None


def _request_and_value(
    env: Env, pair_ref: str, price: str | None, ignore: bool, early: bool
) -> tuple[PairHandle, OracleRequest, int]:
    """The pair, its expiry or early request, and PRICE (or ``--ignore``) in 1e18 units, packed
    for a MULTIPLE_VALUES pair. An argument wrong for any identifier is refused before the chain
    is read."""
    if ignore or price is None:
        price_argument(price, ignore, early)
    p = env.pair(pair_ref)
    request = p.request(early)
    parse = packed_argument if is_multiple_values(request.identifier) else price_argument
    return p, request, parse(price, ignore, early)


def _approve_bond(p: PairHandle, sender: Any, request: OracleRequest, what: str) -> int:
    """Check ``sender`` holds the request's bond + final fee and approve the oracle for it (the
    ``what`` bond: proposal or dispute); returns the amount, raw collateral units."""
    posted = request.bond + request.final_fee
    require_balance(
        p.collateral, sender.address, posted, "--account", f"the {what} bond + final fee", p.human
    )
    approve(p.collateral, sender, p.oracle.address, posted)
    return posted


def propose(
    env: Env,
    sender: Any,
    pair_ref: str,
    price: str | None = None,
    *,
    ignore: bool = False,
    early: bool = False,
    force: bool = False,
) -> ProposeResult:
    """Propose a price (human value → 1e18) for the pair's expiry or early request; posts the bond.
    For a MULTIPLE_VALUES pair PRICE is the values in label order, ``320,12345,650``, packed.

    A price the pair's own ``Rounding`` (its ancillary data) would not produce is refused unless
    ``force``: voters would resolve to a different value and the proposal would lose its bond.
    """
    p, request, value = _request_and_value(env, pair_ref, price, ignore, early)
    if is_multiple_values(
        request.identifier
    ):  # UMIP-183: packed values, no UMIP-117 rounding to check
        force = True
    if not ignore and not force:
        fields = anc.AncillaryData.decode(request.ancillary, strict=False).fields
        try:
            problem = rounding_problem(from_contract_units(value), fields)
        except AncillaryError as exc:
            problem = f"the pair's ancillary data has no usable Rounding ({exc})"
        if problem is not None:
            raise LifecycleError(f"{problem}; --force proposes it anyway", "PRICE")
    if request.state == OracleState.Invalid:
        hint = "request-early-expiry" if early else "expire"
        raise LifecycleError(f"no {request.kind} request yet: run {hint} first", "PAIR")
    if request.state != OracleState.Requested:
        raise LifecycleError(
            f"the {request.kind} request already has a proposal (state {request.state.name})",
            "PAIR",
        )
    posted = _approve_bond(p, sender, request, "proposal")
    p.oracle.proposePrice(p.address, *request.key, value, sender=sender)
    after = p.request(early)
    return ProposeResult(p.address, early, value, after.expiration_time, posted)


@dataclass(frozen=True)
class DisputeResult:
    pair: str
    early: bool
    proposed_price: int
    bond: int


def dispute(env: Env, sender: Any, pair_ref: str, *, early: bool = False) -> DisputeResult:
    """Dispute the pending proposal (within liveness); posts the bond; the DVM then decides."""
    p = env.pair(pair_ref)
    request = p.request(early)
    if request.state != OracleState.Proposed:
        raise LifecycleError(
            f"the {request.kind} request has no proposal in liveness to dispute (state "
            f"{request.state.name})",
            "PAIR",
        )
    if env.chain.pending_timestamp >= request.expiration_time:
        raise LifecycleError(
            f"liveness ended at {format_time(request.expiration_time)}: the proposal stands", "PAIR"
        )
    posted = _approve_bond(p, sender, request, "dispute")
    p.oracle.disputePrice(p.address, *request.key, sender=sender)
    return DisputeResult(p.address, early, request.proposed_price, posted)


@dataclass(frozen=True)
class ResolveResult:
    pair: str
    early: bool
    price: int
    anyone: bool = False
    """True on UMA's own DVM double, which takes the price from any account."""


def resolve(
    env: Env,
    sender: Any,
    pair_ref: str,
    price: str | None = None,
    *,
    ignore: bool = False,
    early: bool = False,
) -> ResolveResult:
    """Resolve a disputed request through the local DVM stand-in: the project's (its owner pushes
    the price) or UMA's own ``MockOracleAncillary`` (anyone may push; ``sender`` does)."""
    if not env.local:
        raise LifecycleError(
            "resolve pushes a price into the local DVM stand-in; on a live network UMA's DVM vote "
            "resolves disputes",
            "--network",
        )
    p, request, value = _request_and_value(env, pair_ref, price, ignore, early)
    if request.state != OracleState.Disputed:
        raise LifecycleError(
            f"the {request.kind} request is not waiting for the DVM (state {request.state.name})",
            "PAIR",
        )
    dvm_address = env.from_finder(p.finder, "dvm")
    owner = dvm_owner(env.provider, dvm_address)
    if owner is None:
        # UMA's own MockOracleAncillary (``deploy --oracle uma``) has no owner(): anyone may push.
        dvm = contract_container("MockOracleAncillary").at(dvm_address)
        env.log(
            f"UMA's MockOracleAncillary takes DVM prices from anyone: pushing as {sender.address}"
        )
    else:
        dvm = env.project.MockOracleAncillary.at(dvm_address)
        if owner.lower() != str(sender.address).lower():
            raise LifecycleError(
                f"only the DVM stand-in's owner ({owner}) can push prices", "--account"
            )
    stamped = bytes(p.oracle.stampAncillaryData(request.ancillary, p.address))
    query = next(
        (
            q
            for q in dvm.getPendingQueries()
            if bytes(q.identifier) == request.identifier and bytes(q.ancillaryData) == stamped
        ),
        None,
    )
    if query is None:
        raise LifecycleError("the DVM stand-in has no pending query for this request", "PAIR")
    dvm.pushPrice(request.identifier, int(query.time), stamped, value, sender=sender)
    return ResolveResult(p.address, early, value, anyone=owner is None)

"""What the keeper reads from the chain: a pair's launch facts (read once) and its oracle requests
(read fresh every cycle, two calls each)."""

from __future__ import annotations

from dataclasses import dataclass

from kpi_options.chain.handles import OracleRequest, PairHandle
from kpi_options.chain.oracle import OracleState
from kpi_options.keeper.resolve import IGNORE_PRICE
from kpi_options.units import format_decimal, from_contract_units


@dataclass(frozen=True)
class PairFacts:
    """What a pair fixes at launch: identifier, expiry (unix s), ancillary data, reward (raw)."""

    identifier: bytes
    expiration: int
    custom: bytes
    early_data: bytes
    early_enabled: bool
    reward: int


def read_facts(p: PairHandle) -> PairFacts:
    c = p.contract
    return PairFacts(
        identifier=bytes(c.priceIdentifier()),
        expiration=int(c.expirationTimestamp()),
        custom=bytes(c.customAncillaryData()),
        early_data=bytes(c.getEarlyExpirationAncillaryData()),
        early_enabled=bool(c.enableEarlyExpiration()),
        reward=int(c.proposerReward()),
    )


def read_request(p: PairHandle, facts: PairFacts, early: bool, timestamp: int) -> OracleRequest:
    """The oracle request of the expiry (``early`` False) or of an early request at ``timestamp``."""
    ancillary = facts.early_data if early else facts.custom
    key = (p.address, facts.identifier, timestamp, ancillary)
    data = p.oracle.getRequest(*key)
    return OracleRequest(
        early=early,
        identifier=facts.identifier,
        timestamp=timestamp,
        ancillary=ancillary,
        state=OracleState(p.oracle.getState(*key)),
        proposer=str(data.proposer),
        disputer=str(data.disputer),
        proposed_price=int(data.proposedPrice),
        resolved_price=int(data.resolvedPrice),
        expiration_time=int(data.expirationTime),
        reward=int(data.reward),
        final_fee=int(data.finalFee),
        bond=int(data.requestSettings.bond),
    )


def price_text(price: int) -> str:
    """A price in 1e18 units as human text (``the ignore price`` for ``type(int256).min``)."""
    if price == IGNORE_PRICE:
        return "the ignore price"
    return format_decimal(from_contract_units(price))

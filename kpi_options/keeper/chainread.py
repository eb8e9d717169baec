"""What the keeper reads from the chain: a pair's launch facts (read once) and its oracle requests
(read fresh every cycle, two calls each)."""

from __future__ import annotations

from dataclasses import dataclass

from kpi_options import render
from kpi_options.chain.handles import OracleRequest, PairHandle


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
    return OracleRequest.read(p, early, facts.identifier, timestamp, ancillary)


def price_text(price: int, request: OracleRequest | None = None) -> str:
    """A price in 1e18 units as the keeper's logs write it (``the ignore price`` for
    ``type(int256).min``); as the answer to ``request`` when given (a MULTIPLE_VALUES answer
    decoded by label)."""
    if request is None:
        return render.price_text(price, ignore="the ignore price")
    return render.request_price_text(
        price, request.identifier, request.ancillary, ignore="the ignore price"
    )

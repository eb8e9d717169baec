"""Handles on launched pairs and their oracle requests, as the lifecycle steps read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.errors import LifecycleError
from kpi_options.units import format_decimal, scale_down

__all__ = ["OracleRequest", "PairHandle"]


@dataclass
class PairHandle:
    """A pair and what the tools keep looking up about it."""

    contract: Any
    address: str
    name: str | None
    record: dict
    state: PairState
    collateral: Any
    decimals: int
    symbol: str
    long_token: Any
    short_token: Any
    oracle: Any
    finder: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.address})" if self.name else self.address

    def human(self, raw: int) -> str:
        """Raw collateral/position-token units as human text."""
        return format_decimal(scale_down(int(raw), self.decimals))

    def request(self, early: bool) -> OracleRequest:
        """The pair's expiry request, or its latest early-expiry request with ``early``."""
        pair = self.contract
        identifier = bytes(pair.priceIdentifier())
        if early:
            timestamp = int(pair.earlyExpirationTimestamp())
            if timestamp == 0:
                raise LifecycleError(
                    "no early-expiry request has been made for this pair (run "
                    "request-early-expiry first)",
                    "--early",
                )
            ancillary = bytes(pair.getEarlyExpirationAncillaryData())
        else:
            timestamp = int(pair.expirationTimestamp())
            ancillary = bytes(pair.customAncillaryData())
        return OracleRequest.read(self, early, identifier, timestamp, ancillary)


@dataclass(frozen=True)
class OracleRequest:
    """One of a pair's Optimistic Oracle V2 requests (prices in 1e18 units, amounts raw)."""

    early: bool
    identifier: bytes
    timestamp: int
    ancillary: bytes
    state: OracleState
    proposer: str
    disputer: str
    proposed_price: int
    resolved_price: int
    expiration_time: int
    reward: int
    final_fee: int
    bond: int

    @classmethod
    def read(
        cls, pair: PairHandle, early: bool, identifier: bytes, timestamp: int, ancillary: bytes
    ) -> OracleRequest:
        """The request ``pair`` made with these keys, read from its oracle (two calls:
        ``getState`` and ``getRequest``): the one reader, used by the steps and the keeper."""
        key = (pair.address, identifier, timestamp, ancillary)
        data = pair.oracle.getRequest(*key)
        return cls(
            early=early,
            identifier=identifier,
            timestamp=timestamp,
            ancillary=ancillary,
            state=OracleState(pair.oracle.getState(*key)),
            proposer=str(data.proposer),
            disputer=str(data.disputer),
            proposed_price=int(data.proposedPrice),
            resolved_price=int(data.resolvedPrice),
            expiration_time=int(data.expirationTime),
            reward=int(data.reward),
            final_fee=int(data.finalFee),
            bond=int(data.requestSettings.bond),
        )

    @property
    def kind(self) -> str:
        return "early-expiry" if self.early else "expiry"

    @property
    def key(self) -> tuple:
        return (self.identifier, self.timestamp, self.ancillary)

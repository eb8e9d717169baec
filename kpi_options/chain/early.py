"""Every early-expiry request of a pair, from its ``EarlyExpirationRequested`` events: the one
reader for the keeper and ``status``.

Early requests are not serial (DIVERGENCES D9): a new request is accepted while an older one is
pending and becomes the latest (``earlyExpirationTimestamp()``), and asking again for an older
timestamp that the oracle answered with a real price records it as the pair's early expiry
(``EarlyExpirationAccepted``). So the latest request alone does not say what can still happen:
:class:`EarlyRequestLog` lists them all, in the order they were made.

Logs are read from the pair's launch block (``block`` in its deployments record, else block 0)
in ranges of at most :data:`BLOCK_RANGE` blocks. A log remembers the last block it scanned, so a
long-running reader (the keeper) reads only the new blocks each time; a new reader (a restart)
scans from launch once. Requests whose oracle state is final (``Settled``) are read once and kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kpi_options.chain.handles import OracleRequest, PairHandle
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.errors import KpiError

__all__ = ["BLOCK_RANGE", "EarlyRequestLog", "EarlyRequests", "real_answer"]

#: The most blocks one ``eth_getLogs`` query spans (public RPC endpoints cap ranges at 10k or so).
BLOCK_RANGE = 5_000


def real_answer(request: OracleRequest) -> int | None:
    """The final answer of an early request when it is a real price (not the ignore price): the
    proposal once liveness passed undisputed (``Expired``), the settled price (``Settled``); None
    otherwise (pending, disputed, resolved by the DVM but not settled yet, or rejected)."""
    if request.state == OracleState.Expired:
        answer = request.proposed_price
    elif request.state == OracleState.Settled:
        answer = request.resolved_price
    else:
        return None
    return None if answer == IGNORE_PRICE else answer


@dataclass(frozen=True)
class EarlyRequests:
    """A pair's early requests as of one block: each with its oracle state, in request order."""

    requests: tuple[OracleRequest, ...]
    latest: int  # earlyExpirationTimestamp(): the latest request, or the accepted one; 0 if none
    accepted: int | None  # the timestamp recorded by EarlyExpirationAccepted, if any
    state: PairState

    def counting(self) -> int | None:
        """The timestamp whose answer is (or will be, at the first settle) the pair's early expiry:
        the accepted one, else the latest when it was answered with a real price."""
        if self.accepted is not None:
            return self.accepted
        latest = next((r for r in self.requests if r.timestamp == self.latest), None)
        if latest is not None and real_answer(latest) is not None:
            return latest.timestamp
        return None

    def buried_answered(self) -> OracleRequest | None:
        """The earliest request, other than the latest, answered with a real price while the pair
        has not early-expired: asking again for its timestamp records it (nothing is pulled)."""
        if self.state not in (PairState.Open, PairState.EarlyExpiryPending):
            return None
        for request in self.requests:
            if request.timestamp != self.latest and real_answer(request) is not None:
                return request
        return None


@dataclass
class EarlyRequestLog:
    """The incremental reader of one pair's early requests (see the module docstring)."""

    pair: PairHandle
    block_range: int = BLOCK_RANGE
    next_block: int = field(init=False)
    timestamps: list[int] = field(default_factory=list, init=False)
    accepted: int | None = field(default=None, init=False)
    _final: dict[int, OracleRequest] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if self.block_range < 1:
            raise KpiError(f"must be at least 1 block, got {self.block_range}", "block_range")
        self.next_block = int(self.pair.record.get("block", 0) or 0)

    def scan(self, head: int) -> list[int]:
        """Read the pair's events from the last scanned block through ``head``; returns the
        timestamps first seen now."""
        contract = self.pair.contract
        requested = contract.EarlyExpirationRequested
        # UMA's own LongShortPair has no EarlyExpirationAccepted (its requests are serial).
        accepted = getattr(contract, "EarlyExpirationAccepted", None)
        new: list[int] = []
        while self.next_block <= head:
            stop = min(self.next_block + self.block_range - 1, head)
            for log in requested.range(self.next_block, stop + 1):
                timestamp = int(log.earlyExpirationTimeStamp)
                if timestamp not in self.timestamps:
                    self.timestamps.append(timestamp)
                    new.append(timestamp)
            if accepted is not None:
                for log in accepted.range(self.next_block, stop + 1):
                    self.accepted = int(log.earlyExpirationTimestamp)
            self.next_block = stop + 1
        return new

    def read(self, head: int, state: PairState | None = None) -> EarlyRequests:
        """Scan through ``head``, then read every request's oracle state (two calls each, none for
        a request already ``Settled``). ``state``: the pair's state when the caller has it (UMA's
        own pair has no ``pairState()``)."""
        self.scan(head)
        pair = self.pair.contract
        identifier = bytes(pair.priceIdentifier())
        ancillary = bytes(pair.getEarlyExpirationAncillaryData())
        requests = []
        for timestamp in self.timestamps:
            request = self._final.get(timestamp)
            if request is None:
                request = OracleRequest.read(self.pair, True, identifier, timestamp, ancillary)
                if request.state == OracleState.Settled:
                    self._final[timestamp] = request
            requests.append(request)
        return EarlyRequests(
            tuple(requests),
            int(pair.earlyExpirationTimestamp()),
            self.accepted,
            PairState(pair.pairState()) if state is None else state,
        )

"""Plain-Python shadow of one Long Short Pair, its Optimistic Oracle V2 requests and the DVM.

The ledger mirrors the contracts' integer arithmetic and their order of checks, so for every action
it predicts either the exact custom error the pair reverts with (``ModelRevert``) or the exact
collateral each account gains or loses. It changes itself as it predicts; a caller that sees a
``ModelRevert`` throws the changed copy away (the chain reverts the same effects).

It also keeps the accounting the safety invariants need: collateral deposited and paid out, and
the exact (rational) rounding each create, redeem and settle leaves in the pool.

Sources for the rules mirrored here: ``contracts/lsp/LongShortPair.sol`` (create, redeem, settle,
expire, requestEarlyExpiration, pairState), ``contracts/oracle/MockOptimisticOracleV2.sol``
(request states, bonds, payouts) and ``ILongShortPair.PairState``'s NatSpec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.payouts import WAD, PayoutLibrary

#: A pool keeps strictly less than this much per call, in raw collateral units, from rounding:
#: create rounds up (< 1), redeem rounds down once (< 1), settle rounds each side down twice
#: (< 1 + p and < 1 + (1 - p), so < 3 in all). See ``PairLedger.retained``.
RETAINED_PER_CALL = {"create": 1, "redeem": 1, "settle": 3}


class ModelRevert(Exception):
    """The ledger predicts the pair reverts with custom error ``error`` carrying ``inputs``."""

    def __init__(self, error: str, **inputs: int):
        super().__init__(f"{error}({inputs})")
        self.error = error
        self.inputs = inputs


@dataclass(frozen=True)
class Payout:
    """The pair's payout library as the ledger sees it: a real library's twin or the mock's share."""

    name: str
    twin: PayoutLibrary | None = None
    mock_share: int | None = None

    def share(self, price: int) -> int:
        """Long share the pair fixes at ``price``: the library's answer capped at 1e18 (scaled by 1e18)."""
        raw = self.mock_share if self.twin is None else self.twin.percentage_long(price)
        return min(raw, WAD)


@dataclass
class Request:
    """One optimistic-oracle request made by the pair (UMA's ``Request``, the fields that matter)."""

    kind: str  # "expiry" or "early"
    timestamp: int
    ancillary: bytes
    reward: int
    bond: int
    final_fee: int
    liveness: int
    proposer: str | None = None
    proposed: int | None = None
    expires_at: int | None = None
    disputer: str | None = None
    dvm_price: int | None = None
    settled: bool = False
    resolved: int | None = None

    def state(self, now: int) -> OracleState:
        """``getState`` at unix time ``now`` (the oracle's order of checks)."""
        if self.proposer is None:
            return OracleState.Requested
        if self.settled:
            return OracleState.Settled
        if self.disputer is None:
            return OracleState.Expired if self.expires_at <= now else OracleState.Proposed
        return OracleState.Resolved if self.dvm_price is not None else OracleState.Disputed

    def has_price(self, now: int) -> bool:
        return self.state(now) in (OracleState.Expired, OracleState.Resolved, OracleState.Settled)


@dataclass
class PairLedger:
    """Expected state of one pair and of every account's collateral, in raw units."""

    pair: str
    oracle: str
    store: str
    proposer: str
    disputer: str
    expiration: int
    collateral_per_pair: int
    early_enabled: bool
    reward: int
    bond: int
    final_fee: int
    liveness: int
    payout: Payout
    custom_ancillary: bytes
    early_ancillary: bytes
    holders: tuple[str, ...]
    collateral: dict[str, int]
    long: dict[str, int] = field(default_factory=dict)
    short: dict[str, int] = field(default_factory=dict)
    requests: dict[tuple[str, int], Request] = field(default_factory=dict)
    launched: int = 0
    early_timestamp: int = 0
    early_expired: bool = False
    price: int | None = None
    percent_long: int | None = None
    deposited: int = 0
    paid: int = 0
    calls: dict[str, int] = field(default_factory=lambda: {"create": 0, "redeem": 0, "settle": 0})
    retained: Fraction = Fraction(0)

    def __post_init__(self) -> None:
        for holder in self.holders:
            self.long.setdefault(holder, 0)
            self.short.setdefault(holder, 0)

    # ------------------------------------------------------------------ totals

    @property
    def long_supply(self) -> int:
        return sum(self.long.values())

    @property
    def short_supply(self) -> int:
        return sum(self.short.values())

    @property
    def pool(self) -> int:
        return self.collateral[self.pair]

    def outstanding_value(self) -> Fraction:
        """Exact worth of every outstanding token, raw collateral units: at the fixed share once
        settled, else (long and short supplies being equal) ``supply * collateralPerPair / 1e18``."""
        share = self.percent_long if self.percent_long is not None else 0
        return Fraction(
            (self.long_supply * share + self.short_supply * (WAD - share))
            * self.collateral_per_pair,
            WAD * WAD,
        )

    def tokens_value(self, long_tokens: int, short_tokens: int, share: int) -> Fraction:
        """Exact worth of ``long_tokens`` and ``short_tokens`` at long share ``share``."""
        return Fraction(
            (long_tokens * share + short_tokens * (WAD - share)) * self.collateral_per_pair,
            WAD * WAD,
        )

    def dust_bound(self) -> int:
        """What the pool may keep once every token is gone: the rounding budget of every call."""
        return sum(RETAINED_PER_CALL[kind] * count for kind, count in self.calls.items())

    # ------------------------------------------------------------------ collateral moves

    def _move(self, source: str, target: str, amount: int) -> None:
        if amount == 0:
            return
        assert self.collateral[source] >= amount, (source, self.collateral[source], amount)
        self.collateral[source] -= amount
        self.collateral[target] += amount

    # ------------------------------------------------------------------ oracle

    def request(self, kind: str, timestamp: int) -> Request:
        return self.requests[(kind, timestamp)]

    def expiry_request(self) -> Request | None:
        return self.requests.get(("expiry", self.expiration))

    def early_request(self) -> Request | None:
        return self.requests.get(("early", self.early_timestamp)) if self.early_timestamp else None

    def _open_request(self, kind: str, timestamp: int, caller: str) -> None:
        """The pair pulls the reward from ``caller`` and the oracle pulls it from the pair."""
        ancillary = self.early_ancillary if kind == "early" else self.custom_ancillary
        self._move(caller, self.oracle, self.reward)
        self.requests[(kind, timestamp)] = Request(
            kind, timestamp, ancillary, self.reward, self.bond, self.final_fee, self.liveness
        )

    def propose(self, request: Request, price: int, now: int, proposer: str | None = None) -> None:
        """``proposer`` (default: the honest proposer) posts bond + final fee and proposes ``price``."""
        assert request.state(now) == OracleState.Requested
        proposer = proposer or self.proposer
        self._move(proposer, self.oracle, request.bond + request.final_fee)
        request.proposer, request.proposed = proposer, price
        request.expires_at = now + request.liveness

    def dispute(self, request: Request, now: int) -> None:
        assert request.state(now) == OracleState.Proposed
        self._move(self.disputer, self.oracle, request.bond + request.final_fee)
        # The Store takes the final fee and the burned half of the loser's bond (rounded down).
        self._move(self.oracle, self.store, request.final_fee + request.bond // 2)
        request.disputer = self.disputer

    def push_dvm_price(self, request: Request, price: int, now: int) -> None:
        assert request.state(now) == OracleState.Disputed
        request.dvm_price = price

    def settle_request(self, request: Request, now: int) -> int:
        """The oracle's ``settle``: pays the proposer or the dispute's winner, fixes the price."""
        state = request.state(now)
        if state == OracleState.Expired:
            request.resolved = request.proposed
            self._move(
                self.oracle, request.proposer, request.bond + request.final_fee + request.reward
            )
        elif state == OracleState.Resolved:
            request.resolved = request.dvm_price
            payout = request.bond + (request.bond - request.bond // 2)
            payout += request.final_fee + request.reward
            winner = request.proposer if request.resolved == request.proposed else request.disputer
            self._move(self.oracle, winner, payout)
        else:
            raise AssertionError(f"ledger bug: settling a request in state {state.name}")
        request.settled = True
        return request.resolved

    def _settle_and_get(self, request: Request, now: int) -> int:
        if request.state(now) != OracleState.Settled:
            self.settle_request(request, now)
        return request.resolved

    # ------------------------------------------------------------------ pair actions

    def create(self, actor: str, tokens: int, now: int) -> int:
        if now >= self.expiration:
            raise ModelRevert(
                "OnlyPreExpiration", expirationTimestamp=self.expiration, currentTime=now
            )
        used = -(-tokens * self.collateral_per_pair // WAD)  # rounds up
        self._move(actor, self.pair, used)
        self.long[actor] += tokens
        self.short[actor] += tokens
        return used

    def redeem(self, actor: str, tokens: int) -> int:
        assert tokens <= min(self.long[actor], self.short[actor])
        self.long[actor] -= tokens
        self.short[actor] -= tokens
        returned = tokens * self.collateral_per_pair // WAD  # rounds down
        self._move(self.pair, actor, returned)
        return returned

    def settle(self, actor: str, long_tokens: int, short_tokens: int, now: int) -> int:
        if now < self.expiration and not self.early_enabled:
            raise ModelRevert("CannotSettle", expirationTimestamp=self.expiration, currentTime=now)
        if self.percent_long is None:
            self._fix_settlement_price(now)
        assert long_tokens <= self.long[actor] and short_tokens <= self.short[actor]
        self.long[actor] -= long_tokens
        self.short[actor] -= short_tokens
        share, cpp = self.percent_long, self.collateral_per_pair
        returned = (long_tokens * cpp // WAD) * share // WAD
        returned += (short_tokens * cpp // WAD) * (WAD - share) // WAD
        self._move(self.pair, actor, returned)
        return returned

    def expire(self, caller: str, now: int) -> None:
        self._check_not_early_expired(now, pending_blocks=True)
        if now < self.expiration:
            raise ModelRevert(
                "OnlyPostExpiration", expirationTimestamp=self.expiration, currentTime=now
            )
        if self.expiry_request() is not None:
            raise ModelRevert("ExpiryAlreadyRequested")
        self._open_request("expiry", self.expiration, caller)

    def request_early_expiration(self, caller: str, timestamp: int, now: int) -> None:
        """Requests are not serial (M-1): a pending latest request does not block; asking again
        for a timestamp the oracle answered with a real price accepts it (nothing pulled)."""
        self._check_not_early_expired(now, pending_blocks=False)
        if now >= self.expiration:
            raise ModelRevert(
                "OnlyPreExpiration", expirationTimestamp=self.expiration, currentTime=now
            )
        if not self.early_enabled:
            raise ModelRevert("EarlyExpirationDisabled")
        if timestamp > now:
            raise ModelRevert(
                "EarlyExpirationInFuture", earlyExpirationTimestamp=timestamp, currentTime=now
            )
        if timestamp == 0:
            raise ModelRevert("EarlyExpirationZero")
        if timestamp < self.launched:
            raise ModelRevert(
                "EarlyExpirationBeforeLaunch",
                earlyExpirationTimestamp=timestamp,
                launchTimestamp=self.launched,
            )
        existing = self.requests.get(("early", timestamp))
        if existing is not None:
            if existing.has_price(now) and self._settle_and_get(existing, now) != IGNORE_PRICE:
                self.early_timestamp, self.early_expired = timestamp, True
                return
            raise ModelRevert("EarlyExpirationTimestampReused", earlyExpirationTimestamp=timestamp)
        self.early_timestamp = timestamp
        self._open_request("early", timestamp, caller)

    def pair_state(self, now: int) -> PairState:
        """``pairState()`` at unix time ``now`` (the rules of ``ILongShortPair.PairState``)."""
        if self.percent_long is not None:
            return PairState.Settled
        if self.early_expired:
            return PairState.EarlyExpired
        early = self.early_request()
        if early is not None:
            state = early.state(now)
            if state not in (OracleState.Expired, OracleState.Settled):
                return PairState.EarlyExpiryPending
            answer = early.resolved if state == OracleState.Settled else early.proposed
            if answer != IGNORE_PRICE:
                return PairState.EarlyExpired
        if now < self.expiration:
            return PairState.Open
        expiry = self.expiry_request()
        if expiry is None:
            return PairState.ExpiredUnrequested
        if expiry.has_price(now):
            return PairState.ExpiryPriceAvailable
        return PairState.ExpiryPricePending

    # ------------------------------------------------------------------ internals

    def _check_not_early_expired(self, now: int, pending_blocks: bool) -> None:
        if self.early_expired:
            raise ModelRevert("ContractEarlyExpired", earlyExpirationTimestamp=self.early_timestamp)
        early = self.early_request()
        if early is None:
            return
        if not early.has_price(now):
            if not pending_blocks:
                return
            raise ModelRevert("EarlyExpirationPending", earlyExpirationTimestamp=early.timestamp)
        if self._settle_and_get(early, now) != IGNORE_PRICE:
            raise ModelRevert("ContractEarlyExpired", earlyExpirationTimestamp=early.timestamp)

    def _fix_settlement_price(self, now: int) -> None:
        expiry = self.expiry_request()
        if self.early_expired:
            price = self._settle_and_get(self.early_request(), now)
        elif expiry is not None and expiry.has_price(now):
            price = self._settle_and_get(expiry, now)
        else:
            early = self.early_request()
            if early is None:
                if now < self.expiration:
                    raise ModelRevert("EarlyExpirationNotRequested")
                self._raise_expiry_status(expiry)
            if not early.has_price(now):
                raise ModelRevert(
                    "EarlyExpirationPending", earlyExpirationTimestamp=early.timestamp
                )
            price = self._settle_and_get(early, now)
            if price == IGNORE_PRICE:
                if now < self.expiration:
                    raise ModelRevert(
                        "EarlyExpirationRejected", earlyExpirationTimestamp=early.timestamp
                    )
                self._raise_expiry_status(expiry)
        self.price = price
        self.percent_long = self.payout.share(price)

    @staticmethod
    def _raise_expiry_status(expiry: Request | None) -> None:
        if expiry is None:
            raise ModelRevert("ExpiryNotRequested")
        raise ModelRevert("ExpiryPricePending")


# ---------------------------------------------------------------------- safety accounting (I2, I3)


def record_call(ledger: PairLedger, kind: str, value: Fraction, amount: int) -> Fraction:
    """Account one successful create / redeem / settle whose tokens are worth ``value`` (exact,
    raw collateral units) and that moved ``amount`` of collateral (taken or paid, as measured on
    chain). Checks invariant I3 and returns what the call left in the pool from rounding.

    I3: a create takes at least what it mints is worth; a redeem or settle pays at most what it
    burns is worth (so a long+short pair never pays more than collateralPerPair); and each call
    keeps less than ``RETAINED_PER_CALL[kind]`` wei.
    """
    if kind == "create":
        retained = amount - value
        assert retained >= 0, (
            f"I3: create took {amount}, less than the {value} its tokens are worth"
        )
        ledger.deposited += amount
    else:
        retained = value - amount
        assert retained >= 0, (
            f"I3: {kind} paid {amount}, more than the {value} its tokens are worth"
        )
        ledger.paid += amount
    assert retained < RETAINED_PER_CALL[kind], (
        f"I3: {kind} kept {retained} wei from rounding (budget < {RETAINED_PER_CALL[kind]})"
    )
    assert ledger.paid <= ledger.deposited, f"I2: paid {ledger.paid} > deposited {ledger.deposited}"
    ledger.calls[kind] += 1
    ledger.retained += retained
    return retained

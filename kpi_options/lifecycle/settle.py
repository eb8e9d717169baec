"""Settle a position for collateral, or only the pair's answered oracle requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.chain.tx import is_recording
from kpi_options.errors import LifecycleError


@dataclass(frozen=True)
class SettleResult:
    pair: str
    long_tokens: int
    short_tokens: int
    collateral: int  # raw collateral units paid to the sender
    percent_long: int  # 1e18 units
    oracle_settled: tuple[str, ...] = ()  # "expiry"/"early-expiry" requests settled (oracle-only)
    # False when recorded for a Safe batch and what the settle pays could not be computed ahead
    # (``collateral`` and ``percent_long`` are then 0).
    proceeds_known: bool = True


def settle(env: Env, sender: Any, pair_ref: str, *, oracle_only: bool = False) -> SettleResult:
    """Settle all of ``sender``'s long and short tokens, or with ``oracle_only`` only the pair's
    oracle requests that have an answer (which pays the proposer's bond and reward back)."""
    p = env.pair(pair_ref)
    if oracle_only:
        requests = [p.request(False)]
        if int(p.contract.earlyExpirationTimestamp()):
            requests.append(p.request(True))
        ready = [r for r in requests if r.state in (OracleState.Expired, OracleState.Resolved)]
        if not ready:
            states = ", ".join(f"{r.kind} {r.state.name}" for r in requests)
            raise LifecycleError(f"no oracle request is ready to settle ({states})", "PAIR")
        for request in ready:
            p.oracle.settle(p.address, *request.key, sender=sender)
        return SettleResult(p.address, 0, 0, 0, 0, tuple(r.kind for r in ready))
    if p.state not in (PairState.EarlyExpired, PairState.ExpiryPriceAvailable, PairState.Settled):
        raise LifecycleError(
            f"the pair has no settlement price yet (state {p.state.name}); see `status`", "PAIR"
        )
    long_tokens = int(p.long_token.balanceOf(sender.address))
    short_tokens = int(p.short_token.balanceOf(sender.address))
    if long_tokens == 0 and short_tokens == 0:
        raise LifecycleError(
            f"{sender.address} holds no long or short tokens of this pair", "--account"
        )
    if is_recording(sender):
        proceeds = proceeds_to_come(env, pair_ref, sender.address)
        p.contract.settle(long_tokens, short_tokens, sender=sender)
        if proceeds is None:
            env.log("what this settle pays cannot be computed before the Safe executes the batch")
            return SettleResult(p.address, long_tokens, short_tokens, 0, 0, (), False)
        return SettleResult(p.address, long_tokens, short_tokens, *proceeds)
    before = int(p.collateral.balanceOf(sender.address))
    p.contract.settle(long_tokens, short_tokens, sender=sender)
    paid = int(p.collateral.balanceOf(sender.address)) - before
    return SettleResult(
        p.address, long_tokens, short_tokens, paid, int(p.contract.expiryPercentLong())
    )


def proceeds_to_come(env: Env, pair_ref: str, holder: str) -> tuple[int, int] | None:
    """(collateral, long share) that settling all of ``holder``'s tokens will pay, computed
    before it is sent (for a Safe batch): the pair's final price through its payout twin and the
    pair's own rounding (:mod:`kpi_options.settlement`, via :func:`pair_status`). None when the
    price or the payout twin cannot be read."""
    from kpi_options.lifecycle.status import pair_status

    status = pair_status(env, pair_ref, [holder])
    (balance,) = status.holders
    if balance.worth is None or status.worth.percent_long is None:
        return None
    return balance.worth, status.worth.percent_long

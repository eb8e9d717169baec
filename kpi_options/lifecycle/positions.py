"""Positions: lock collateral and mint long and short tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.handles import PairHandle
from kpi_options.chain.tx import approve, require_balance
from kpi_options.errors import LifecycleError
from kpi_options.settlement import collateral_for
from kpi_options.units import format_time, parse_amount


@dataclass(frozen=True)
class MintResult:
    pair: str
    tokens: int  # long (= short) tokens minted, raw units
    collateral: int  # collateral locked, raw units


def mint(env: Env, sender: Any, pair_ref: str, amount: str) -> MintResult:
    """Lock collateral and mint ``amount`` long and short tokens (human units) to ``sender``."""
    p = env.pair(pair_ref)
    tokens = parse_amount(amount, p.decimals, "AMOUNT")
    return mint_raw(env, sender, p, tokens)


def mint_raw(env: Env, sender: Any, p: PairHandle, tokens: int) -> MintResult:
    expiration = int(p.contract.expirationTimestamp())
    if env.chain.pending_timestamp >= expiration:
        raise LifecycleError(
            f"the pair expired at {format_time(expiration)}; minting works only before expiry",
            "PAIR",
        )
    needed = collateral_for(tokens, int(p.contract.collateralPerPair()))
    require_balance(p.collateral, sender.address, needed, "AMOUNT", "minting", p.human)
    approve(p.collateral, sender, p.address, needed)
    p.contract.create(tokens, sender=sender)
    return MintResult(p.address, tokens, needed)

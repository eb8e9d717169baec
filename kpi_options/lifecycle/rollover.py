"""Roll over: settle a finished pair, launch the next program, mint with what came back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.pair import PairState
from kpi_options.chain.tx import is_recording
from kpi_options.errors import LifecycleError
from kpi_options.lifecycle.launch import LaunchResult, launch, load_program
from kpi_options.lifecycle.positions import MintResult, mint_raw
from kpi_options.lifecycle.settle import SettleResult, settle
from kpi_options.settlement import pairs_for


@dataclass(frozen=True)
class RolloverResult:
    settled: SettleResult
    launched: LaunchResult
    minted: MintResult | None


def rollover(
    env: Env,
    sender: Any,
    pair_ref: str,
    new_program: str | Path,
    *,
    name: str | None = None,
    expiration: str | int | None = None,
) -> RolloverResult:
    """Settle ``sender``'s position in a finished pair, launch ``new_program`` and mint with the
    collateral that came back. Everything is checked before the first transaction.
    """
    if is_recording(sender):
        raise LifecycleError(
            "a rollover cannot be one Safe batch: the collateral settle returns and the new "
            "pair's address are known only after the Safe has executed it. Write three batches "
            "instead, each executed before the next is written: `settle PAIR`, `launch "
            "NEW_PROGRAM_FILE`, `mint NEW_PAIR AMOUNT`",
            "--safe-batch",
        )
    p = env.pair(pair_ref)
    if p.state not in (PairState.EarlyExpired, PairState.ExpiryPriceAvailable, PairState.Settled):
        raise LifecycleError(
            f"the pair has no settlement price yet (state {p.state.name}); roll over after it "
            "settles",
            "PAIR",
        )
    name = name or Path(new_program).stem
    if name in env.deployments.pairs:
        raise LifecycleError(f"a pair named {name!r} is already recorded; pass --name", "--name")
    program = load_program(env, new_program, expiration=expiration)
    if program.collateral_token.lower() != str(p.collateral.address).lower():
        raise LifecycleError(
            f"the new program's collateral {program.collateral_token} differs from the pair's "
            f"{p.collateral.address}; a rollover re-uses the same collateral",
            "NEW_PROGRAM_FILE",
        )
    if not int(p.long_token.balanceOf(sender.address)) and not int(
        p.short_token.balanceOf(sender.address)
    ):
        raise LifecycleError(
            f"{sender.address} holds no long or short tokens of this pair", "--account"
        )
    settled = settle(env, sender, pair_ref)
    env.log(f"settled: {p.human(settled.collateral)} {p.symbol} returned")
    # The new pair goes through the same creator as the old one (ours, or UMA's).
    launched = launch(
        env,
        sender,
        new_program,
        name=name,
        expiration=expiration,
        creator=p.record.get("creator", "ours"),
    )
    env.log(f"launched {launched.name} at {launched.pair}")
    tokens = pairs_for(settled.collateral, program.collateral_per_pair)
    minted = None
    if tokens:
        handle = env.pair(launched.pair)
        minted = mint_raw(env, sender, handle, tokens)
    return RolloverResult(settled, launched, minted)

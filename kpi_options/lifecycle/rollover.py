"""Roll over: settle a finished pair, launch the next program, mint with what came back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.pair import PairState
from kpi_options.chain.tx import approve, is_recording
from kpi_options.errors import LifecycleError
from kpi_options.lifecycle.launch import LaunchResult, launch, load_program
from kpi_options.lifecycle.positions import MintResult, mint_raw
from kpi_options.lifecycle.settle import SettleResult, proceeds_to_come, settle
from kpi_options.settlement import collateral_for, pairs_for


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

    Recorded for a Safe (``sender`` records a batch), the three steps are one batch: the settle's
    proceeds are computed from the pair's final price (:mod:`kpi_options.settlement`), the launch
    starts with the check that the new pair's predicted address is still free
    (:func:`kpi_options.chain.pair.guard_predicted_pair`), and the mint approves and creates at
    that address.
    """
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
    if is_recording(sender) and proceeds_to_come(env, pair_ref, sender.address) is None:
        raise LifecycleError(
            "what settling pays cannot be computed before the Safe executes the batch (the "
            "pair's price or payout parameters cannot be read), so the mint cannot be sized: "
            "write `settle PAIR` as a batch of its own, then `launch` and `mint`",
            "--safe-batch",
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
    if tokens and launched.pair is None:  # recorded: the new pair exists once the Safe executes
        minted = _mint_at_predicted(
            env, sender, p.collateral, launched.expected_pair, program, tokens
        )
    elif tokens:
        handle = env.pair(launched.pair)
        minted = mint_raw(env, sender, handle, tokens)
    return RolloverResult(settled, launched, minted)


def _mint_at_predicted(
    env: Env, sender: Any, collateral: Any, pair: str, program: Any, tokens: int
) -> MintResult:
    """Record the approval and ``create`` at the predicted address of a pair the same batch
    launches (no balance check: the collateral comes from the batch's own settle)."""
    from ape.contracts import ContractInstance

    needed = collateral_for(tokens, program.collateral_per_pair)
    approve(collateral, sender, pair, needed)
    new_pair = ContractInstance(pair, env.project.LongShortPair.contract_type)
    sender.record(new_pair, "create", tokens)  # ape would look the pair's code up to send
    return MintResult(pair, tokens, needed)

"""Liquidity mining through a ``LiquidityMining`` emitter (SPEC §12): deploy for a pair's long token
and a pool token, fund (or re-fund / extend), stake, withdraw, claim rewards, status.

Amounts are human amounts in the token's own decimals. Inputs and balances are checked before
anything is sent; refusals are :class:`kpi_options.errors.DistributionError` naming the argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpi_options.chain.env import Env
from kpi_options.chain.system import deploy_liquidity_mining
from kpi_options.chain.tx import approve, is_recorded, is_recording, require_balance
from kpi_options.errors import DistributionError
from kpi_options.units import check_address, parse_amount

__all__ = [
    "EmissionStatus",
    "claim_rewards",
    "deploy_emitter",
    "emitter",
    "fund",
    "recover_idle",
    "stake",
    "status",
    "withdraw",
]

MAX_DURATION = 5 * 365 * 86400


def deploy_emitter(
    env: Env, sender: Any, name: str, pair_ref: str, staking_token: str, sponsor: str | None = None
) -> Any:
    """Deploy a ``LiquidityMining`` emitter of ``pair_ref``'s long token to stakers of
    ``staking_token``, funded by ``sponsor`` (default the sender); record it under ``name``."""
    if not name or name.startswith("0x"):
        raise DistributionError(f"give the emitter a name, got {name!r}", "NAME")
    p = env.pair(pair_ref)
    staking = check_address(staking_token, "--staking-token")
    if not env.provider.get_code(staking):
        raise DistributionError(f"no contract at {staking}", "--staking-token")
    forbidden = {p.address, str(p.long_token.address), str(p.short_token.address)}
    if staking.lower() in {a.lower() for a in forbidden}:
        raise DistributionError(
            "the staking token must be a pool token, not the pair or its tokens", "--staking-token"
        )
    sponsor_address = check_address(sponsor, "--sponsor") if sponsor else sender.address
    if is_recording(sender):
        raise DistributionError(
            "a Safe batch cannot deploy a contract (the Transaction Builder sends calls only): "
            f"deploy the emitter from an account with --sponsor {sender.address}, then fund it "
            "from the Safe with `mining-fund EMITTER AMOUNT --safe-batch FILE --safe ADDRESS`",
            "--safe-batch",
        )
    contract = deploy_liquidity_mining(
        env.project, sender, staking, p.long_token.address, sponsor_address
    )
    env.deployments.emitters[name] = {
        "address": str(contract.address),
        "pair": p.address,
        "stakingToken": staking,
        "rewardToken": str(p.long_token.address),
        "sponsor": sponsor_address,
    }
    env.deployments.save()
    return contract


def emitter(env: Env, ref: str) -> Any:
    """The emitter at an address or recorded under a name (``deployments.emitters``)."""
    record = env.deployments.emitters.get(ref)
    address = check_address(record["address"] if record else ref, "EMITTER")
    if not env.provider.get_code(address):
        raise DistributionError(f"no contract at {address}", "EMITTER")
    return env.project.LiquidityMining.at(address)


def _token(env: Env, address: str) -> tuple[Any, int]:
    token = env.erc20(str(address))
    return token, int(token.decimals())


def fund(env: Env, sponsor: Any, ref: str, amount: str, duration: int) -> int:
    """Sponsor: emit ``amount`` reward tokens (plus what the running period has left) over
    ``duration`` seconds from now. ``amount`` may be 0 only to extend a running period."""
    e = emitter(env, ref)
    if str(e.sponsor()).lower() != sponsor.address.lower():
        raise DistributionError(f"only the sponsor {e.sponsor()} may fund", "--account")
    if not 0 < duration <= MAX_DURATION:
        raise DistributionError(f"must be 1 s to 5 years, got {duration}", "--duration")
    token, decimals = _token(env, e.rewardToken())
    raw = parse_amount(amount, decimals, "AMOUNT", allow_zero=True)
    now = env.chain.pending_timestamp
    finish = int(e.periodFinish())
    if raw == 0 and now >= finish:
        raise DistributionError("no running period to extend: give an amount", "AMOUNT")
    if now < finish and now + duration < finish:
        raise DistributionError(
            f"the running period ends at {finish}; a re-funding may not end before it", "--duration"
        )
    if raw:
        require_balance(token, sponsor, raw, "AMOUNT", "funding", lambda r: str(r))
        approve(token, sponsor, e, raw)
    e.fund(raw, duration, sender=sponsor)
    return raw


def stake(env: Env, account: Any, ref: str, amount: str) -> int:
    e = emitter(env, ref)
    token, decimals = _token(env, e.stakingToken())
    raw = parse_amount(amount, decimals, "AMOUNT")
    require_balance(token, account, raw, "AMOUNT", "staking", lambda r: str(r))
    approve(token, account, e, raw)
    e.stake(raw, sender=account)
    return raw


def withdraw(env: Env, account: Any, ref: str, amount: str) -> int:
    e = emitter(env, ref)
    _, decimals = _token(env, e.stakingToken())
    raw = parse_amount(amount, decimals, "AMOUNT")
    staked = int(e.stakeOf(account))
    if raw > staked:
        raise DistributionError(f"{account.address} has {staked} raw units staked", "AMOUNT")
    e.withdraw(raw, sender=account)
    return raw


def claim_rewards(env: Env, account: Any, ref: str) -> int:
    e = emitter(env, ref)
    receipt = e.claim(sender=account)
    if is_recorded(
        receipt
    ):  # earned by now; the Safe's execution also pays what accrues until then
        return int(e.earned(account.address))
    return sum(int(ev.amount) for ev in receipt.events if ev.event_name == "RewardPaid")


def recover_idle(env: Env, sponsor: Any, ref: str, to: str | None = None) -> int:
    """Sponsor: send the rewards emitted while nothing was staked to ``to`` (default the sponsor)."""
    e = emitter(env, ref)
    if str(e.sponsor()).lower() != sponsor.address.lower():
        raise DistributionError(
            f"only the sponsor {e.sponsor()} may recover idle rewards", "--account"
        )
    recipient = check_address(to, "--to") if to else sponsor.address
    receipt = e.recoverIdle(recipient, sender=sponsor)
    if is_recorded(receipt):  # idle by now; more accrues while nothing is staked
        return int(e.idleRewards())
    return sum(int(ev.amount) for ev in receipt.events if ev.event_name == "IdleRecovered")


@dataclass(frozen=True)
class EmissionStatus:
    address: str
    staking_token: str
    reward_token: str
    sponsor: str
    total_staked: int
    rate_per_second: float  # raw reward units per second
    period_finish: int
    seconds_left: int
    funded: int
    paid: int
    idle: int
    stake: int | None
    earned: int | None


def status(env: Env, ref: str, account: str | None = None) -> EmissionStatus:
    e = emitter(env, ref)
    now = int(env.chain.blocks.head.timestamp)
    finish = int(e.periodFinish())
    return EmissionStatus(
        address=str(e.address),
        staking_token=str(e.stakingToken()),
        reward_token=str(e.rewardToken()),
        sponsor=str(e.sponsor()),
        total_staked=int(e.totalStaked()),
        rate_per_second=int(e.rateScaled()) / 10**36,
        period_finish=finish,
        seconds_left=max(finish - now, 0),
        funded=int(e.totalFunded()),
        paid=int(e.totalPaid()),
        idle=int(e.idleRewards()),
        stake=None if account is None else int(e.stakeOf(account)),
        earned=None if account is None else int(e.earned(account)),
    )

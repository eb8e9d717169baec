"""Act 3 of the demo: the SMART Alpha program (seed 004) distributed at scale, run to settlement.

``programs/demo/smart-alpha-distribution.yaml`` (BoundedLog on adjusted TVL, 5,000 options, 1 BOND
per option at most): the sponsor mints all 5,000 pairs and keeps the short tokens; 30 % of the long
tokens (1,500) go out through a Merkle airdrop to the 40 past participants of
``programs/demo/smart-alpha-airdrop.csv`` (two of whom are the demo's holders A and B), 70 %
(3,500) through a ``LiquidityMining`` emitter over 30 days to stakers of a pool token. A relayer
claims for most airdrop recipients; ten never claim and their leaves are clawed back after the
60-day deadline. The first staker arrives a day late: that day's emission is idle and the sponsor
recovers it. At expiry the voters answer $10M of adjusted TVL (0.5 BOND per option); the holders
and the sponsor settle. Recipients who are not demo accounts keep their options unsettled.

The closing check (:func:`check_act`): every long token is accounted for (held by someone, still
in the distributor or the emitter), and the collateral left in the pair equals what the long
tokens still outstanding (including those in the distributor and the emitter) would settle for,
plus at most one raw unit of rounding per settle call.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_options import lifecycle as lc
from kpi_options.distribution import airdrop, mining
from kpi_options.settlement import collateral_for, settle_split

PROGRAMS = Path(__file__).resolve().parent.parent / "programs" / "demo"
PROGRAM = PROGRAMS / "smart-alpha-distribution.yaml"
AIRDROP_CSV = PROGRAMS / "smart-alpha-airdrop.csv"
DAY = 86_400
AIRDROP_SHARE = 30  # percent of the long tokens
CLAIM_DAYS = 60
MINING_DAYS = 30
UNCLAIMED_LEAVES = 10
TVL_AT_EXPIRY = "10000000"  # whole USD: pays 0.5 BOND per option on this curve

STEPS = (
    "Act 3: launch SMART Alpha (BoundedLog, BOND), mint 5,000 options",
    "Act 3: 30 % by Merkle airdrop, 70 % by liquidity mining",
    "Act 3: claims, staking, idle rewards recovered, clawback after the deadline",
    "Act 3: expiry at $10M adjusted TVL, holders settle",
)


@dataclass
class DistributionAct:
    """What act 3 locked, distributed and paid (raw units)."""

    pair: str
    decimals: int
    locked: int
    airdropped: int = 0
    claimed: int = 0
    clawed_back: int = 0
    mined: int = 0
    mining_paid: int = 0
    idle_recovered: int = 0
    left_in_distributor: int = 0
    left_in_emitter: int = 0
    paid: dict[str, int] = field(default_factory=dict)
    settle_calls: int = 0
    percent_long: int = 0
    left_in_pair: int = 0
    outstanding_long: dict[str, int] = field(default_factory=dict)  # unsettled long, by holder

    @property
    def paid_total(self) -> int:
        return sum(self.paid.values())


def run_act(env: Any, chain: Any, project: Any, roles: dict[str, Any], work: Path, log, next_step):
    """Run act 3 (four steps); ``roles`` maps deployer, launcher, sponsor, holder_a, holder_b,
    proposer, requester to accounts."""
    sponsor, holder_a, holder_b = roles["sponsor"], roles["holder_a"], roles["holder_b"]

    def advance(seconds: int) -> None:
        chain.mine(1, timestamp=chain.pending_timestamp + seconds)

    # --- launch and mint ---------------------------------------------------------------------------
    next_step()
    launched = lc.launch(
        env,
        roles["launcher"],
        PROGRAM,
        name="smart-alpha",
        expiration=chain.pending_timestamp + 120 * DAY,
    )
    program = launched.program
    pair = env.pair("smart-alpha")
    needed = collateral_for(program.mint_tokens, program.collateral_per_pair)
    lc.faucet(env, roles["deployer"], "BOND", pair.human(needed), to=sponsor.address)
    minted = lc.mint(env, sponsor, "smart-alpha", pair.human(program.mint_tokens))
    act = DistributionAct(pair.address, pair.decimals, minted.collateral)
    log(f"{program.pair_name!r}: sponsor locked {pair.human(minted.collateral)} BOND")

    # --- airdrop tree and emitter ------------------------------------------------------------------
    next_step()
    rows = list(
        csv.reader(line for line in AIRDROP_CSV.read_text().splitlines() if line[:1] != "#")
    )
    rows = rows[1:]  # header
    rows[0][0], rows[1][0] = holder_a.address, holder_b.address
    recipients = work / "act3-airdrop.csv"
    recipients.write_text("address,amount\n" + "".join(f"{a},{n}\n" for a, n in rows))
    tree_path = work / "act3-tree.json"
    tree = airdrop.build_tree(recipients, pair.decimals, tree_path)
    _check(tree.total * 100 == minted.tokens * AIRDROP_SHARE, "the airdrop is not 30 %")
    deadline = chain.pending_timestamp + CLAIM_DAYS * DAY
    dist_id, _ = airdrop.fund(env, sponsor, tree_path, pair.long_token, deadline)
    act.airdropped = tree.total
    log(f"distribution {dist_id}: {pair.human(tree.total)} options to {len(tree.values)} leaves")

    pool = roles["deployer"].deploy(project.TestERC20, "Demo Balancer pool token", "dBPT", 18)
    for holder in (holder_a, holder_b):
        pool.mint(holder, 100 * 10**18, sender=holder)
    emitter = mining.deploy_emitter(env, sponsor, "smart-alpha-lp", "smart-alpha", pool.address)
    mined = minted.tokens - tree.total
    mining.fund(env, sponsor, "smart-alpha-lp", pair.human(mined), MINING_DAYS * DAY)
    act.mined = mined
    log(f"emitter {emitter.address}: {pair.human(mined)} options over {MINING_DAYS} days")

    # --- claims, staking, clawback -------------------------------------------------------------------
    next_step()
    claimants = [a for a, _ in tree.values][: len(tree.values) - UNCLAIMED_LEAVES]
    claimed = airdrop.claim(env, roles["requester"], tree_path, dist_id, claimants)
    act.claimed = sum(n for _, n in claimed.claimed)
    log(f"a relayer claimed {len(claimed.claimed)} leaves; {UNCLAIMED_LEAVES} never claim")
    advance(DAY)
    mining.stake(env, holder_a, "smart-alpha-lp", "60")
    advance(9 * DAY)
    mining.stake(env, holder_b, "smart-alpha-lp", "40")
    advance(10 * DAY)
    mining.withdraw(env, holder_a, "smart-alpha-lp", "30")
    advance(11 * DAY)
    for holder, staked in ((holder_a, "30"), (holder_b, "40")):
        mining.withdraw(env, holder, "smart-alpha-lp", staked)
        act.mining_paid += mining.claim_rewards(env, holder, "smart-alpha-lp")
    act.idle_recovered = int(emitter.recoverIdle(sponsor, sender=sponsor).events[-1].amount)
    log(
        f"stakers earned {pair.human(act.mining_paid)}; the sponsor recovered "
        f"{pair.human(act.idle_recovered)} emitted on the day nobody staked"
    )
    advance(CLAIM_DAYS * DAY)
    act.clawed_back = airdrop.clawback(env, sponsor, dist_id)
    log(f"after the deadline the sponsor clawed back {pair.human(act.clawed_back)} unclaimed")
    act.left_in_distributor = int(pair.long_token.balanceOf(airdrop.distributor(env).address))
    act.left_in_emitter = int(pair.long_token.balanceOf(emitter.address))

    # --- expiry and settlement -------------------------------------------------------------------
    next_step()
    advance(120 * DAY)
    lc.expire(env, roles["requester"], "smart-alpha")
    posted = program.bond + 10**pair.decimals  # bond + the BOND final fee (1, test token)
    lc.faucet(env, roles["deployer"], "BOND", pair.human(posted), to=roles["proposer"].address)
    lc.propose(env, roles["proposer"], "smart-alpha", TVL_AT_EXPIRY)
    advance(int(pair.contract.optimisticOracleLivenessTime()) + 1)
    for who, account in (("holder A", holder_a), ("holder B", holder_b), ("sponsor", sponsor)):
        result = lc.settle(env, account, "smart-alpha")
        act.paid[account.address] = result.collateral
        act.settle_calls += 1
        act.percent_long = result.percent_long
        log(
            f"{who} settles {pair.human(result.long_tokens)} long + "
            f"{pair.human(result.short_tokens)} short -> {pair.human(result.collateral)} BOND"
        )
    act.left_in_pair = int(pair.collateral.balanceOf(pair.address))
    holders = [a for a, _ in tree.values] + [
        airdrop.distributor(env).address,
        emitter.address,
    ]
    for address in holders:
        balance = int(pair.long_token.balanceOf(address))
        if balance:
            act.outstanding_long[str(address)] = balance
    return act


def check_act(act: DistributionAct, collateral_per_pair: int, long_supply: int) -> list[str]:
    """The act's closing check; returns the failures (empty when it adds up)."""
    failures = []
    distributed = act.claimed + act.clawed_back + act.left_in_distributor
    if distributed != act.airdropped:
        failures.append(f"airdrop: claimed + clawed back + left {distributed} != {act.airdropped}")
    mined = act.mining_paid + act.idle_recovered + act.left_in_emitter
    if mined != act.mined:
        failures.append(f"mining: paid + recovered + left {mined} != funded {act.mined}")
    if act.left_in_emitter > 2 + 1 + 1:  # stakers + fundings + 1 (I-E4)
        failures.append(f"mining: {act.left_in_emitter} left in the emitter, more than dust")
    if sum(act.outstanding_long.values()) != long_supply:
        failures.append("long tokens outstanding do not add up to the long supply")
    owed = sum(
        settle_split(n, collateral_per_pair, act.percent_long)[0]
        for n in act.outstanding_long.values()
    )
    if act.paid_total + act.left_in_pair != act.locked:
        failures.append(f"locked {act.locked} != paid {act.paid_total} + left {act.left_in_pair}")
    dust = act.left_in_pair - owed
    if not 0 <= dust <= act.settle_calls:
        failures.append(
            f"left in the pair {act.left_in_pair} vs owed to outstanding longs {owed}: dust {dust}"
        )
    return failures


def _check(condition: bool, message: str) -> None:
    if not condition:
        from kpi_dev.demo import DemoError

        raise DemoError(message)

"""The end-to-end demo behind ``ape run demo``: three KPI option programs on a local chain.

Act 1 (``programs/demo/tvl-milestones-early.yaml``, early expiry on): deploy, launch, mint,
distribute long tokens from a CSV, ask for an early expiry that the oracle rejects with the ignore
price, then, once the goal is met, ask again and have the early expiry accepted; everyone settles.

Act 2 (``programs/demo/linear-tvl-dispute.yaml``): run to expiry, a wrong price is proposed and
disputed, the DVM stand-in resolves it, long and short holders settle.

Act 3 (``programs/demo/smart-alpha-distribution.yaml``, :mod:`kpi_dev.demo_distribution`): the
SMART Alpha program, 30 % of the options by Merkle airdrop and 70 % by liquidity mining, run to
settlement; its check also counts what remains in the distributor and the emitter.

Every step goes through :mod:`kpi_options.lifecycle`, the same functions ``ape run kpi`` uses.
At the end, for each pair, the collateral paid out plus what is left in the pair must equal the
collateral locked at mint, with at most one unit of rounding dust per settle call left behind;
:class:`DemoError` is raised otherwise. :func:`run_demo` takes the chain and accounts it is given,
so the test suite runs it on the test session's anvil.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_dev import demo_distribution as act3
from kpi_options import lifecycle as lc
from kpi_options.chain.env import Env
from kpi_options.chain.handles import PairHandle
from kpi_options.chain.pair import PairState
from kpi_options.distribution.transfers import distribute
from kpi_options.errors import KpiError
from kpi_options.settlement import collateral_for
from kpi_options.units import format_time

PROGRAMS = Path(__file__).resolve().parent.parent / "programs" / "demo"
"""Where the demo's program files live."""

DAY = 86_400


class DemoError(KpiError, AssertionError):
    """The demo's closing check failed: collateral does not add up (an assertion about the chain,
    under the package's one error root)."""


@dataclass
class ActResult:
    """What one act locked and paid out (raw collateral units)."""

    name: str
    pair: str
    symbol: str
    decimals: int
    locked: int
    paid: dict[str, int] = field(default_factory=dict)  # holder -> collateral from settle
    left_in_pair: int = 0
    settle_calls: int = 0
    percent_long: int = 0

    @property
    def paid_total(self) -> int:
        return sum(self.paid.values())


@dataclass
class DemoResult:
    acts: list[ActResult]
    deployments: Path
    distribution: act3.DistributionAct | None = None


STEPS = (
    "Deploy the oracle stack, test collateral, creator and payout libraries",
    "Act 1: launch the milestones program (early expiry on)",
    "Act 1: the sponsor mints 20,000 options",
    "Act 1: distribute long tokens to two holders from a CSV",
    "Act 1: early-expiry request rejected with the ignore price",
    "Act 1: goal met, early expiry accepted",
    "Act 1: long and short holders settle",
    "Act 2: launch the linear program (runs to expiry)",
    "Act 2: mint and distribute",
    "Act 2: expiry, a wrong proposal, a dispute",
    "Act 2: the DVM stand-in resolves, holders settle",
    *act3.STEPS,
    "Check: collateral paid out + left in the pairs = collateral locked",
)


def run_demo(
    project: Any,
    chain: Any,
    accounts: Any,
    *,
    deployments_dir: str | Path | None = None,
    network: str = "local",
    oracle: str = "mock",
    log: Callable[[str], None] = lambda message: None,
    step: Callable[[int, int, str], None] = lambda index, total, title: None,
) -> DemoResult:
    """Run the three acts on the connected local chain with ``accounts[0..7]`` in the roles below.

    ``oracle`` is the local oracle stack: ``"mock"`` (the project's) or ``"uma"`` (UMA's own
    contracts from ``@uma/core``, whose DVM double takes the price from anyone: the requester
    pushes it there).

    Roles: 0 deployer (owns the oracle stack and the DVM stand-in), 1 launcher, 2 sponsor,
    3 and 4 holders, 5 proposer, 6 disputer, 7 requester (pays for oracle requests).
    ``log`` gets narration lines, ``step(i, n, title)`` marks each step. Raises :class:`DemoError`
    when the closing check fails.
    """
    deployer, launcher, sponsor, holder_a, holder_b, proposer, disputer, requester = (
        accounts[i] for i in range(8)
    )
    work = Path(deployments_dir) if deployments_dir else Path(tempfile.mkdtemp(prefix="kpi-demo-"))
    env = Env.connect(project, chain, work, network=network, local=True, log=log)
    counter = iter(range(1, len(STEPS) + 1))

    def next_step() -> None:
        index = next(counter)
        step(index, len(STEPS), STEPS[index - 1])

    def advance(seconds: int) -> None:
        chain.mine(1, timestamp=chain.pending_timestamp + seconds)

    def balance_line(p: PairHandle, who: str, account: Any) -> str:
        return f"{who} holds {p.human(int(p.collateral.balanceOf(account.address)))} {p.symbol}"

    # --- deploy ------------------------------------------------------------------------------
    next_step()
    lc.deploy(env, deployer, redeploy=True, oracle=oracle)
    if oracle == "uma":
        log("oracle: UMA's own Finder, whitelists, Store, OptimisticOracleV2 and DVM double")
    log(f"addresses recorded in {env.deployments.path}")

    # --- act 1 -------------------------------------------------------------------------------
    next_step()
    program_file = PROGRAMS / "tvl-milestones-early.yaml"
    expiration = chain.pending_timestamp + 365 * DAY
    launched = lc.launch(env, launcher, program_file, name="milestones", expiration=expiration)
    program = launched.program
    log(
        f"{program.pair_name!r} at {launched.pair}: Milestones 500/1000/1500 (M USD) -> "
        "25/50/100 % of 10 USDC; expiry moved to one year from now for this rehearsal"
    )
    for warning in program.warnings:
        log(f"program warning: {warning}")
    pair = env.pair("milestones")

    next_step()
    needed = collateral_for(program.mint_tokens, program.collateral_per_pair)
    lc.faucet(env, deployer, "USDC", pair.human(needed), to=sponsor.address)
    minted = lc.mint(env, sponsor, "milestones", pair.human(program.mint_tokens))
    act1 = ActResult("milestones", pair.address, pair.symbol, pair.decimals, minted.collateral)
    log(
        f"sponsor locked {pair.human(minted.collateral)} USDC for {pair.human(minted.tokens)} pairs"
    )

    next_step()
    csv_path = work / "act1-recipients.csv"
    csv_path.write_text(
        f"address,amount\n{holder_a.address},6000\n{holder_b.address},4000\n", encoding="utf-8"
    )
    sent = distribute(env, sponsor, "milestones", csv_path, batch_size=1)
    log(f"{pair.human(sent.total)} long tokens sent to {sent.recipients} holders ({csv_path})")

    next_step()
    bond_total = 2 * (100 + 5) * 10**pair.decimals  # two proposals, each bond + final fee
    lc.faucet(env, deployer, "USDC", pair.human(bond_total), to=proposer.address)
    advance(30 * DAY)
    first = lc.request_early_expiry(env, requester, "milestones")
    log(f"requester asks for an early expiry at {format_time(first.timestamp)}")
    lc.propose(env, proposer, "milestones", ignore=True, early=True)
    log("TVL is at $900M, not $1.5B: the proposer answers with the ignore price")
    advance(int(pair.contract.optimisticOracleLivenessTime()))
    lc.settle(env, proposer, "milestones", oracle_only=True)
    state = PairState(pair.contract.pairState())
    _check(state == PairState.Open, f"after the ignore price the pair should be Open, not {state}")
    log(f"liveness passed undisputed: the pair is {state.name} again, proposer's bond returned")

    next_step()
    advance(60 * DAY)
    second = lc.request_early_expiry(env, requester, "milestones")
    log(f"TVL reached $1.52B: new early request at {format_time(second.timestamp)}")
    lc.propose(env, proposer, "milestones", "1520", early=True)
    advance(int(pair.contract.optimisticOracleLivenessTime()))
    state = PairState(pair.contract.pairState())
    _check(state == PairState.EarlyExpired, f"the pair should be EarlyExpired, not {state}")
    log("proposal 1520 (M USD) stood through liveness: the pair expired early")

    next_step()
    for who, account in (("holder A", holder_a), ("holder B", holder_b), ("sponsor", sponsor)):
        result = lc.settle(env, account, "milestones")
        act1.paid[account.address] = result.collateral
        act1.settle_calls += 1
        act1.percent_long = result.percent_long
        log(
            f"{who} settles {pair.human(result.long_tokens)} long + "
            f"{pair.human(result.short_tokens)} short -> {pair.human(result.collateral)} USDC"
        )
    act1.left_in_pair = int(pair.collateral.balanceOf(pair.address))
    log(balance_line(pair, "proposer", proposer) + " (both bonds and final fees back)")

    # --- act 2 -------------------------------------------------------------------------------
    next_step()
    program_file = PROGRAMS / "linear-tvl-dispute.yaml"
    launched = lc.launch(
        env, launcher, program_file, name="linear", expiration=chain.pending_timestamp + 7 * DAY
    )
    program = launched.program
    pair = env.pair("linear")
    log(
        f"{program.pair_name!r} at {launched.pair}: Linear 0..1 (billions of USD) in UMA, "
        "expiring in 7 days"
    )

    next_step()
    needed = collateral_for(program.mint_tokens, program.collateral_per_pair)
    lc.faucet(env, deployer, "UMA", pair.human(needed), to=sponsor.address)
    minted = lc.mint(env, sponsor, "linear", pair.human(program.mint_tokens))
    act2 = ActResult("linear", pair.address, pair.symbol, pair.decimals, minted.collateral)
    csv_path = work / "act2-recipients.csv"
    csv_path.write_text(
        f"address,amount\n{holder_a.address},300\n{holder_b.address},200\n", encoding="utf-8"
    )
    distribute(env, sponsor, "linear", csv_path)
    log(f"sponsor locked {pair.human(minted.collateral)} UMA; 500 long tokens to the holders")

    next_step()
    advance(7 * DAY)
    lc.expire(env, requester, "linear")
    log("expiry passed: the requester calls expire()")
    posted = (50 + 1) * 10**pair.decimals  # bond + final fee
    lc.faucet(env, deployer, "UMA", pair.human(posted), to=proposer.address)
    lc.faucet(env, deployer, "UMA", pair.human(posted), to=disputer.address)
    lc.propose(env, proposer, "linear", "0.9")
    log("proposer claims TVL was $900M (0.9)")
    lc.dispute(env, disputer, "linear")
    log("disputer says that is wrong and disputes: the request goes to the DVM")

    next_step()
    if oracle == "uma":
        lc.resolve(env, requester, "linear", "0.75")
        log(
            "UMA's DVM double (no owner: anyone may answer) resolves 0.75 ($754M rounded to 2 "
            "decimals of billions), pushed by the requester"
        )
    else:
        lc.resolve(env, deployer, "linear", "0.75")
        log("the DVM stand-in resolves 0.75 ($754M rounded to 2 decimals of billions)")
    for who, account in (("holder A", holder_a), ("holder B", holder_b), ("sponsor", sponsor)):
        result = lc.settle(env, account, "linear")
        act2.paid[account.address] = result.collateral
        act2.settle_calls += 1
        act2.percent_long = result.percent_long
        log(
            f"{who} settles {pair.human(result.long_tokens)} long + "
            f"{pair.human(result.short_tokens)} short -> {pair.human(result.collateral)} UMA"
        )
    act2.left_in_pair = int(pair.collateral.balanceOf(pair.address))
    log(
        balance_line(pair, "disputer", disputer)
        + f" (won: bond back + half the proposer's); {balance_line(pair, 'proposer', proposer)}"
    )

    # --- act 3 -------------------------------------------------------------------------------
    roles = {
        "deployer": deployer,
        "launcher": launcher,
        "sponsor": sponsor,
        "holder_a": holder_a,
        "holder_b": holder_b,
        "proposer": proposer,
        "requester": requester,
    }
    act3_result = act3.run_act(env, chain, project, roles, work, log, next_step)

    # --- check -------------------------------------------------------------------------------
    next_step()
    smart = env.pair("smart-alpha")
    failures = act3.check_act(
        act3_result,
        int(smart.contract.collateralPerPair()),
        int(smart.long_token.totalSupply()),
    )
    _check(not failures, "smart-alpha: " + "; ".join(failures))
    log(
        f"smart-alpha: airdropped {_fmt(act3_result.airdropped, smart.decimals)} = claimed "
        f"{_fmt(act3_result.claimed, smart.decimals)} + clawed back "
        f"{_fmt(act3_result.clawed_back, smart.decimals)}; mined "
        f"{_fmt(act3_result.mined, smart.decimals)} = paid "
        f"{_fmt(act3_result.mining_paid, smart.decimals)} + idle recovered "
        f"{_fmt(act3_result.idle_recovered, smart.decimals)} + left in the emitter "
        f"{act3_result.left_in_emitter} raw; left in the pair "
        f"{_fmt(act3_result.left_in_pair, smart.decimals)} BOND covers the unsettled longs"
    )
    for act in (act1, act2):
        dust = act.locked - act.paid_total - act.left_in_pair
        _check(
            dust == 0,
            f"{act.name}: locked {act.locked} but paid {act.paid_total} and "
            f"{act.left_in_pair} is left in the pair ({dust} unaccounted)",
        )
        _check(
            act.left_in_pair <= act.settle_calls,
            f"{act.name}: {act.left_in_pair} raw units left in the pair, more than rounding dust",
        )
        log(
            f"{act.name}: locked {_fmt(act.locked, act.decimals)} {act.symbol} = paid "
            f"{_fmt(act.paid_total, act.decimals)} + left {_fmt(act.left_in_pair, act.decimals)}"
        )
    return DemoResult([act1, act2], env.deployments.path, act3_result)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise DemoError(message)


def _fmt(raw: int, decimals: int) -> str:
    from kpi_options.units import format_decimal, scale_down

    return format_decimal(scale_down(raw, decimals))

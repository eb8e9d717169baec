"""Soak: several pairs, two keepers looping over many blocks with injected faults (source errors,
timeouts, a broken route, restarts, a wrong third-party proposal), ending with every pair settled,
no request proposed or disputed twice, and the bond accounting exact.

Faults are drawn from a seeded generator, so a failure reproduces. ``-m deep`` runs a longer soak.
"""

import random
from collections import Counter
from decimal import Decimal

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.errors import SourceDown, SourceTimeout
from kpi_options.keeper.sources import HttpSource
from tests.fixtures.keeper import (
    DAY,
    WAD,
    advance_to,
    defillama,
    launch_minted,
    make_keeper,
    midnight,
    write_program,
)

BOND, FINAL_FEE = 50 * WAD, 1 * WAD


class FaultyFetch:
    """The real HTTP fetch, failing at random with the faults a real source shows."""

    def __init__(self, rng: random.Random, rate: float):
        self.rng, self.rate, self.inner, self.faults = rng, rate, HttpSource(timeout=0.5), 0

    def __call__(self, url, rule):
        roll = self.rng.random()
        if roll < self.rate / 2:
            self.faults += 1
            raise SourceDown("injected: connection refused", rule=rule, url=url)
        if roll < self.rate:
            self.faults += 1
            raise SourceTimeout("injected: no answer within 0.5 s", rule=rule, url=url)
        return self.inner(url, rule)


def value_on(day_index: int) -> int:
    """Source value on the day ``day_index`` days after the start: resolves to 0.1 * (index + 1)."""
    return 100_000_000 * (day_index + 1) + 4_321_000


def run_soak(kpi_env, chain, metric_server, tmp_path, roles, *, seed: int, rounds: int):
    launcher, sponsor, deployer, first_acct, second_acct, attacker = roles
    rng = random.Random(seed)
    start = midnight(chain.pending_timestamp) + DAY
    days = 12
    source = {start + i * DAY: value_on(i) for i in range(days)}
    expiries = {
        "s-a": start + 2 * DAY + 3600,
        "s-b": start + 3 * DAY + 7200,
        "s-c": start + 4 * DAY + 600,
    }
    pairs = {}
    for name, expiry in expiries.items():
        url = metric_server.route(f"/protocol/{name}", defillama(source))
        program = write_program(tmp_path, url, name=name)
        pairs[name] = launch_minted(kpi_env, launcher, sponsor, deployer, program, name, expiry)
    # An early-expiry pair whose goal (0.5) is met from day 4 on.
    url = metric_server.route("/protocol/s-d", defillama(source))
    program = write_program(tmp_path, url, name="s-d", early_goal="0.5")
    pairs["s-d"] = launch_minted(
        kpi_env, launcher, sponsor, deployer, program, "s-d", start + 60 * DAY
    )
    # s-b's route serves HTML for a while (a broken deploy of the source).
    metric_server.route("/protocol/s-b", body=b"<html>maintenance</html>", content_type="text/html")

    for account in (first_acct, second_acct):
        lc.faucet(kpi_env, deployer, "UMA", "1000", to=account.address)
    lc.faucet(kpi_env, deployer, "UMA", "51", to=attacker.address)
    oracle = pairs["s-a"].oracle
    uma = pairs["s-a"].collateral
    balances = {
        a.address: int(uma.balanceOf(a.address)) for a in (first_acct, second_acct, attacker)
    }

    def new_keeper(account, request_early):
        keeper = make_keeper(
            kpi_env,
            account,
            chain,
            pairs=sorted(pairs),
            request_early=request_early,
            backoff_base=1800,
        )
        keeper.fetch = FaultyFetch(rng, 0.3)
        return keeper

    keepers = [new_keeper(first_acct, True), new_keeper(second_acct, False)]
    restarts = attacked = 0
    done: set[str] = set()
    for round_ in range(rounds):
        advance_to(
            chain, chain.pending_timestamp + rng.choice([3600, 6 * 3600, 12 * 3600, 18 * 3600])
        )
        if round_ == 4:
            metric_server.route("/protocol/s-b", defillama(source))  # the source is repaired
        c = pairs["s-c"].request(early=False)
        if c.state == OracleState.Requested and not attacked and rng.random() < 0.7:
            lc.propose(kpi_env, attacker, "s-c", "0.9")  # wrong: the source says 0.5
            attacked = 1
        if rng.random() < 0.2:
            i = rng.randrange(2)
            keepers[i] = new_keeper(keepers[i].account, i == 0)  # a restart forgets the backoff
            restarts += 1
        for keeper in rng.sample(keepers, 2):
            keeper.cycle()
        if attacked and pairs["s-c"].request(False).state == OracleState.Disputed:
            lc.resolve(kpi_env, deployer, "s-c", "0.5")  # the DVM's voters read the source
        done |= {name for name, p in pairs.items() if name not in done and _done(p)}
        if len(done) == len(pairs):
            break
    else:
        states = {
            n: (PairState(p.contract.pairState()).name, p.request(False).state.name)
            for n, p in pairs.items()
        }
        pytest.fail(f"not every pair settled after {rounds} rounds: {states}")

    # Every pair settled, at the value its source shows at the request time.
    expected = {"s-a": Decimal("0.3"), "s-b": Decimal("0.4"), "s-c": Decimal("0.5")}
    for name, p in pairs.items():
        paid = lc.settle(kpi_env, sponsor, name)
        if name in expected:
            assert paid.percent_long == int(expected[name] * WAD), name
        else:  # early expiry at the first request with the goal met: day 4 or later
            assert PairState(p.contract.pairState()) == PairState.Settled
            assert paid.percent_long >= WAD // 2

    # No request proposed or disputed twice (events of the oracle, per request).
    head = chain.blocks.head.number
    proposals = Counter(
        (e.requester, e.timestamp, bytes(e.ancillaryData))
        for e in oracle.ProposePrice.range(0, head + 1)
    )
    disputes = Counter(
        (e.requester, e.timestamp, bytes(e.ancillaryData))
        for e in oracle.DisputePrice.range(0, head + 1)
    )
    assert proposals and max(proposals.values()) == 1
    assert not disputes or max(disputes.values()) == 1
    assert sum(disputes.values()) == attacked

    # Bond accounting: keepers break even on proposals, win bond - floor(bond / 2) per dispute; the
    # attacker loses bond + final fee; the oracle keeps nothing.
    won = Counter(e.disputer for e in oracle.DisputePrice.range(0, head + 1))
    for account in (first_acct, second_acct):
        gain = won[account.address] * (BOND - BOND // 2)
        assert int(uma.balanceOf(account.address)) == balances[account.address] + gain
    assert int(uma.balanceOf(attacker.address)) == balances[attacker.address] - attacked * (
        BOND + FINAL_FEE
    )
    assert int(uma.balanceOf(oracle.address)) == 0
    return {
        "rounds": round_ + 1,
        "restarts": restarts,
        "faults": sum(k.fetch.faults for k in keepers),
    }


def _done(p) -> bool:
    state = PairState(p.contract.pairState())
    requests = [p.request(False)] + (
        [p.request(True)] if int(p.contract.earlyExpirationTimestamp()) else []
    )
    open_requests = [
        r for r in requests if r.state not in (OracleState.Invalid, OracleState.Settled)
    ]
    return not open_requests and state in (PairState.ExpiryPriceAvailable, PairState.EarlyExpired)


@pytest.fixture
def soak_roles(launcher, sponsor, deployer, keeper_account, other, attacker):
    return (launcher, sponsor, deployer, keeper_account, other, attacker)


def test_keeper_soak__faults_restarts_rival__every_pair_settled_once_bonds_exact(
    kpi_env, chain, metric_server, tmp_path, soak_roles
):
    stats = run_soak(kpi_env, chain, metric_server, tmp_path, soak_roles, seed=12, rounds=80)
    assert stats["faults"] > 0 and stats["restarts"] > 0


@pytest.mark.deep
@pytest.mark.parametrize("seed", range(5))
def test_keeper_soak__many_seeds__every_pair_settled_once_bonds_exact(
    kpi_env, chain, metric_server, tmp_path, soak_roles, seed
):
    run_soak(kpi_env, chain, metric_server, tmp_path, soak_roles, seed=100 + seed, rounds=200)

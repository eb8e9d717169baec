"""The keeper and ``status`` follow every early request of a pair, not only the latest one.

Since issue 19 (DIVERGENCES D9) a griefer can bury a request under a newer one and propose the
ignore price on his; the pair looks only at the newest. The keeper reads every early request from
the pair's ``EarlyExpirationRequested`` events, answers and verifies each, disputes a wrong ignore
price on any of them, and records a buried request answered with a real price by asking for its
timestamp again (``EarlyExpirationAccepted``, no reward pulled).

Pair: Linear 0..1, early goal 0.5 (met: $612M at the day's midnight resolves to 0.61); bond 50 UMA,
final fee 1 UMA, proposer reward 2 UMA, liveness 2 h; the project's oracle stack only: the keeper's
logic does not depend on the stack, and the pair's side (asking again for a used timestamp) is
exercised on both stacks by the stateful machine (tests/stateful/test_pair_lifecycle.py).
"""

import json

from kpi_options import lifecycle as lc
from kpi_options import render
from kpi_options.chain.handles import OracleRequest
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.keeper.resolve import IGNORE_PRICE
from tests.fixtures.keeper import DAY, WAD, advance_to, make_keeper, midnight

BOND, FINAL_FEE, REWARD = 50 * WAD, 1 * WAD, 2 * WAD
GOAL_MET = 61 * WAD // 100


def kinds(actions):
    return [a.kind for a in actions]


def early_request(p, timestamp: int) -> OracleRequest:
    pair = p.contract
    identifier, ancillary = (
        bytes(pair.priceIdentifier()),
        bytes(pair.getEarlyExpirationAncillaryData()),
    )
    return OracleRequest.read(p, True, identifier, timestamp, ancillary)


def status_lines(env, name: str) -> list[str]:
    return render.format_status(lc.pair_status(env, name)).splitlines()


def goal_met_pair(chain, keeper_launch, name):
    """A pair whose goal is met from tomorrow's midnight on; the chain is moved to 1 am then."""
    now = chain.pending_timestamp
    day1 = midnight(now) + DAY
    p = keeper_launch(
        name, {day1: 612_000_000}, early_goal="0.5", reward=2, expiration=midnight(now) + 365 * DAY
    )
    advance_to(chain, day1 + 3600)
    return p


def bury(env, griefer, deployer, name, *, ignore_on_latest: bool) -> int:
    """The griefer requests a newer early expiry (paying the reward) and, with ``ignore_on_latest``,
    proposes the ignore price on it (bond + final fee); returns its timestamp."""
    lc.faucet(env, deployer, "UMA", "53", to=griefer.address)
    chain = env.chain
    advance_to(chain, chain.pending_timestamp + 60)
    timestamp = lc.request_early_expiry(env, griefer, name).timestamp
    if ignore_on_latest:
        lc.propose(env, griefer, name, ignore=True, early=True)
    return timestamp


def test_keeper__griefer_buries_request_under_ignore_price__disputes_and_records_buried_expiry(
    kpi_env,
    chain,
    keeper_launch,
    funded_keeper,
    attacker,
    deployer,
    sponsor,
    nothing_sent,
    tmp_path,
):
    p = goal_met_pair(chain, keeper_launch, "g1")
    evidence = tmp_path / "evidence.jsonl"
    keeper = make_keeper(
        kpi_env, funded_keeper, chain, pairs=["g1"], request_early=True, evidence=evidence
    )
    start = int(p.collateral.balanceOf(funded_keeper.address))

    asked = keeper.cycle()
    assert kinds(asked) == ["request-early"]
    mine = int(asked[0].request.split("@ ")[1])
    assert kinds(keeper.cycle()) == ["propose"]  # its own request: the real value
    assert early_request(p, mine).proposed_price == GOAL_MET

    # The griefer buries it: a newer request, answered with the ignore price.
    theirs = bury(kpi_env, attacker, deployer, "g1", ignore_on_latest=True)
    assert theirs > mine and int(p.contract.earlyExpirationTimestamp()) == theirs
    disputed = keeper.cycle()
    assert kinds(disputed) == ["skip", "dispute"]  # its own proposal waits; the ignore is wrong
    assert f"early-expiry @ {theirs}" in str(disputed[1]) and "the ignore price differs" in str(
        disputed[1]
    )
    assert early_request(p, theirs).state == OracleState.Disputed

    lines = status_lines(kpi_env, "g1")
    assert "early requests 2 (latest at" in "\n".join(lines) and "none accepted" in "\n".join(lines)
    (mine_line,) = [line for line in lines if line.startswith(f"  early @ {mine}:")]
    assert "Proposed" in mine_line and f"proposed 0.61 by {funded_keeper.address}" in mine_line
    (theirs_line,) = [line for line in lines if line.startswith(f"  early @ {theirs} [latest]:")]
    assert "Disputed" in theirs_line and "proposed ignore (type(int256).min)" in theirs_line

    # A restart in the middle: the new keeper reads both requests from the events and sends nothing.
    restarted = make_keeper(kpi_env, funded_keeper, chain, pairs=["g1"], evidence=evidence)
    with nothing_sent(funded_keeper):
        assert kinds(restarted.cycle()) == ["skip"]
        explained = "\n".join(restarted.explain("g1"))
    assert f"early-expiry request at {mine}: Proposed" in explained
    assert f"early-expiry request at {theirs}: Disputed" in explained

    # Liveness of the buried request ends: it is settled and recorded as the pair's early expiry.
    advance_to(chain, early_request(p, mine).expiration_time + 1)
    recorded = restarted.cycle()
    assert kinds(recorded) == ["settle", "accept-early"]
    assert recorded[1].request == f"early-expiry @ {mine}" and recorded[1].price == GOAL_MET
    assert PairState(p.contract.pairState()) == PairState.EarlyExpired
    assert int(p.contract.earlyExpirationTimestamp()) == mine
    head = chain.blocks.head.number
    (accepted,) = p.contract.EarlyExpirationAccepted.range(0, head + 1)
    assert int(accepted.earlyExpirationTimestamp) == mine
    # Its own request netted zero (reward and bond back); only the dispute bond is out: no reward
    # was pulled by the second ask.
    assert int(p.collateral.balanceOf(funded_keeper.address)) == start - BOND - FINAL_FEE
    with nothing_sent(funded_keeper):
        assert kinds(restarted.cycle()) == []  # the griefer's request waits for the DVM

    # The DVM finds the goal met at the griefer's timestamp too; the keeper settles and wins.
    push_dvm_price(kpi_env, p, early_request(p, theirs), GOAL_MET, deployer)
    assert kinds(restarted.cycle()) == ["settle"]
    won = 2 * BOND + FINAL_FEE - BOND // 2 + REWARD  # both bonds less the burned half, fee, reward
    assert int(p.collateral.balanceOf(funded_keeper.address)) == start - BOND - FINAL_FEE + won
    assert int(p.collateral.balanceOf(attacker.address)) == 0  # reward, bond and fee lost
    assert int(p.collateral.balanceOf(p.oracle.address)) == 0
    assert kinds(restarted.cycle()) == []

    lines = status_lines(kpi_env, "g1")
    (mine_line,) = [line for line in lines if line.startswith(f"  early @ {mine} [accepted]:")]
    assert "Settled" in mine_line and "resolved 0.61" in mine_line
    assert any(line.startswith("early requests 2 (accepted: ") for line in lines)
    assert lc.settle(kpi_env, sponsor, "g1").percent_long == GOAL_MET

    entries = [json.loads(line) for line in evidence.read_text().splitlines()]
    assert [(e["action"], e["request"]["timestamp"]) for e in entries] == [
        ("propose", mine),
        ("dispute", theirs),
        ("accept-early", mine),
    ]
    assert entries[2]["price"] == str(GOAL_MET) and entries[2]["tx"] == recorded[1].tx


def test_keeper__ignore_price_on_buried_request__disputed_and_newer_request_answered(
    kpi_env, chain, keeper_launch, funded_keeper, attacker, deployer
):
    p = goal_met_pair(chain, keeper_launch, "g2")
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["g2"], request_early=True)
    mine = int(keeper.cycle()[0].request.split("@ ")[1])
    # The griefer answers the keeper's request with the ignore price, then buries it.
    lc.faucet(kpi_env, deployer, "UMA", "51", to=attacker.address)
    lc.propose(kpi_env, attacker, "g2", ignore=True, early=True)
    theirs = bury(kpi_env, attacker, deployer, "g2", ignore_on_latest=False)

    acted = keeper.cycle()
    assert kinds(acted) == ["dispute", "propose"]  # and no third request of its own
    assert acted[0].request == f"early-expiry @ {mine}" and acted[0].price == GOAL_MET
    assert acted[1].request == f"early-expiry @ {theirs}" and acted[1].price == GOAL_MET
    assert early_request(p, mine).state == OracleState.Disputed
    assert early_request(p, theirs).proposed_price != IGNORE_PRICE


def push_dvm_price(env, p, request: OracleRequest, price: int, owner) -> None:
    """Answer a disputed early request in the project's DVM stand-in (its owner pushes)."""
    dvm = env.project.MockOracleAncillary.at(env.from_finder(p.finder, "dvm"))
    stamped = bytes(p.oracle.stampAncillaryData(request.ancillary, p.address))
    dvm.pushPrice(request.identifier, request.timestamp, stamped, price, sender=owner)

"""The keeper end to end on anvil, its metric served by a local HTTP server on 127.0.0.1.

Pairs are Linear 0..1 UMA programs resolved from a DefiLlama-shaped source (daily midnight point,
$10M raw rounding, billions, 2 decimals): $754.321M at the expiry day's midnight resolves to 0.75.
Bond 50 UMA, final fee 1 UMA, liveness 2 h, proposer reward 0. The expiry and dispute paths run on
both local oracle stacks (the project's mock and UMA's own contracts).
"""

import json

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.keeper.resolve import IGNORE_PRICE
from tests.fixtures.keeper import (  # noqa: F401 - fixtures
    DAY,
    WAD,
    advance_to,
    defillama,
    make_keeper,
    midnight,
)
from tests.fixtures.metric_server import closed_port_url
from tests.fixtures.oracle import on_both_stacks

BOND = 50 * WAD
FINAL_FEE = 1 * WAD


def kinds(actions):
    return [a.kind for a in actions]


@pytest.fixture
def expiry(keeper_expiry):
    return keeper_expiry


@pytest.fixture
def launch(keeper_launch):
    return keeper_launch


@on_both_stacks
def test_keeper__at_expiry__expires_proposes_settles_and_holders_settle(
    kpi_env, chain, launch, expiry, funded_keeper, sponsor, tmp_path
):
    p = launch("e1", {midnight(expiry) - DAY: 500_000_000, midnight(expiry): 754_321_000})
    evidence = tmp_path / "evidence.jsonl"
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["e1"], evidence=evidence)
    start = int(p.collateral.balanceOf(funded_keeper.address))

    assert kinds(keeper.cycle()) == []  # before expiry: nothing to do
    advance_to(chain, expiry + 60)
    assert kinds(keeper.cycle()) == ["expire"]
    proposed = keeper.cycle()
    assert kinds(proposed) == ["propose"] and proposed[0].price == 75 * WAD // 100
    request = p.request(early=False)
    assert request.state == OracleState.Proposed and request.proposer == funded_keeper.address

    (entry,) = [json.loads(line) for line in evidence.read_text().splitlines()]
    assert (
        entry["action"] == "propose"
        and entry["pair"] == p.address
        and entry["tx"] == proposed[0].tx
    )
    assert entry["points"] == [{"timestamp": midnight(expiry), "value": "754321000"}]
    assert [s["step"] for s in entry["steps"]] == [
        "select",
        "raw",
        "RawRounding",
        "Scaling",
        "Rounding",
    ]
    assert entry["price"] == str(75 * WAD // 100) and entry["request"]["timestamp"] == expiry

    assert kinds(keeper.cycle()) == ["skip"]  # its own proposal, in liveness
    advance_to(chain, request.expiration_time + 1)
    assert kinds(keeper.cycle()) == ["settle"]
    assert p.request(early=False).state == OracleState.Settled
    assert int(p.collateral.balanceOf(funded_keeper.address)) == start  # bond back, no reward

    paid = lc.settle(kpi_env, sponsor, "e1")
    assert paid.percent_long == 75 * WAD // 100 and paid.collateral == 100 * WAD
    assert kinds(keeper.cycle()) == []  # nothing left to do


@on_both_stacks
def test_keeper__wrong_third_party_proposal__disputed_and_dvm_answer_settles(
    kpi_env, chain, launch, expiry, funded_keeper, requester, proposer, deployer
):
    p = launch("e2", {midnight(expiry): 754_321_000})
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["e2"])
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "e2")
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    lc.propose(kpi_env, proposer, "e2", "0.9")
    start = int(p.collateral.balanceOf(funded_keeper.address))

    disputed = keeper.cycle()
    assert kinds(disputed) == ["dispute"] and "0.9 differs from 0.75" in disputed[0].detail
    assert p.request(early=False).state == OracleState.Disputed
    assert kinds(keeper.cycle()) == []  # waiting for the DVM: never disputes twice

    lc.resolve(kpi_env, deployer, "e2", "0.75")
    assert kinds(keeper.cycle()) == ["settle"]
    # The disputer posted bond + final fee and gets back both bonds and its final fee, less the
    # burned half of the proposer's bond (UMA's OOv2): a net gain of bond / 2.
    posted, returned = BOND + FINAL_FEE, 2 * BOND + FINAL_FEE - BOND // 2
    assert int(p.collateral.balanceOf(funded_keeper.address)) == start - posted + returned
    assert p.request(early=False).state == OracleState.Settled
    assert p.request(early=False).resolved_price == 75 * WAD // 100


def test_keeper__right_third_party_proposal__verified_not_disputed(
    kpi_env, chain, launch, expiry, funded_keeper, requester, proposer, deployer, nothing_sent
):
    launch("e2b", {midnight(expiry): 754_321_000})
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["e2b"])
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "e2b")
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    lc.propose(kpi_env, proposer, "e2b", "0.75")
    with nothing_sent(funded_keeper):
        assert kinds(keeper.cycle()) == ["verified"]


def test_keeper__early_request__ignore_price_then_real_value_once_goal_met(
    kpi_env, chain, launch, metric_server, funded_keeper, requester, sponsor
):
    now = chain.pending_timestamp
    day1, day2 = midnight(now) + DAY, midnight(now) + 2 * DAY
    source = {day1: 400_000_000}
    p = launch("e3", source, early_goal="0.5", expiration=midnight(now) + 365 * DAY)
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["e3"], request_early=True)

    advance_to(chain, day1 + 3600)
    assert kinds(keeper.cycle()) == ["skip"]  # --request-early: goal not met, nothing requested
    lc.request_early_expiry(kpi_env, requester, "e3")  # someone asks anyway
    answered = keeper.cycle()
    assert kinds(answered) == ["propose"] and answered[0].price == IGNORE_PRICE
    advance_to(chain, p.request(early=True).expiration_time + 1)
    assert "settle" in kinds(keeper.cycle())
    assert PairState(p.contract.pairState()) == PairState.Open

    source[day2] = 612_000_000
    metric_server.route("/protocol/e3", defillama(source))
    advance_to(chain, day2 + 3600)
    assert kinds(keeper.cycle()) == ["request-early"]
    proposed = keeper.cycle()
    assert kinds(proposed) == ["propose"] and proposed[0].price == 61 * WAD // 100
    advance_to(chain, p.request(early=True).expiration_time + 1)
    assert kinds(keeper.cycle()) == ["settle"]
    assert PairState(p.contract.pairState()) == PairState.EarlyExpired
    assert lc.settle(kpi_env, sponsor, "e3").percent_long == 61 * WAD // 100


FAILURES = {
    "down": (
        lambda server: closed_port_url("/protocol/down"),
        "SourceDown",
        "Endpoint",
        "unreachable",
    ),
    "slow": (
        lambda server: server.route("/protocol/slow", defillama({}), delay=1.5),
        "SourceTimeout",
        "Endpoint",
        "within 0.5 s",
    ),
    "not-json": (
        lambda server: server.route(
            "/protocol/html", body=b"<html>busy</html>", content_type="text/html"
        ),
        "NotJson",
        "Endpoint",
        "not JSON",
    ),
    "missing-key": (
        lambda server: server.route("/protocol/nokey", {"data": []}),
        "MissingKey",
        "Key",
        "no 'tvl'",
    ),
    "no-point": (
        lambda server: server.route("/protocol/old", defillama({0: 5})),
        "NoDataPoint",
        "Interval",
        "no daily point",
    ),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_keeper__source_failure__no_transaction_and_log_names_cause(
    kpi_env, chain, launch, expiry, funded_keeper, requester, metric_server, nothing_sent, failure
):
    make_url, _, rule, cause = FAILURES[failure]
    url = make_url(metric_server)
    p = launch(f"f-{failure}", url=url)
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, f"f-{failure}")
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=[f"f-{failure}"])
    with nothing_sent(funded_keeper):
        assert kinds(keeper.cycle()) == ["no-answer"]
    (line,) = keeper.lines
    for fragment in (p.address, "expiry", url, f"rule {rule}", cause, "proposed nothing"):
        assert fragment in line, (fragment, line)
    assert p.request(early=False).state == OracleState.Requested


def test_keeper__unknown_interval_form__no_transaction_even_with_propose_unresolved(
    kpi_env, chain, launch, expiry, funded_keeper, requester, nothing_sent
):
    launch(
        "f-form",
        {midnight(expiry): 754_321_000},
        ancillary_overrides={"Interval": "Resolve to the end of last month from request."},
    )
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "f-form")
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["f-form"], propose_unresolved=True)
    advance_to(chain, expiry + 10 * DAY)
    with nothing_sent(funded_keeper):
        assert kinds(keeper.cycle()) == ["no-answer"]
    assert "rule Interval" in keeper.lines[0] and "end of last month" in keeper.lines[0]


def test_keeper__source_down_for_days__unresolved_value_only_with_flag(
    kpi_env, chain, launch, expiry, funded_keeper, requester, nothing_sent, tmp_path
):
    launch("f-unres", url=closed_port_url("/gone"))
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "f-unres")
    patient = make_keeper(kpi_env, funded_keeper, chain, pairs=["f-unres"])
    eager = make_keeper(
        kpi_env,
        funded_keeper,
        chain,
        pairs=["f-unres"],
        propose_unresolved=True,
        evidence=tmp_path / "e.jsonl",
    )
    with nothing_sent(funded_keeper):
        assert kinds(eager.cycle()) == ["no-answer"]  # too early for Unresolved
    advance_to(chain, expiry + 3 * DAY + 1)
    with nothing_sent(funded_keeper):
        assert kinds(patient.cycle()) == ["no-answer"]  # no flag: never
    proposed = eager.cycle()
    assert kinds(proposed) == ["propose"] and proposed[0].price == WAD // 10
    (entry,) = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert entry["source_rule"] == "Unresolved" and entry["steps"][0]["step"] == "Unresolved"


def test_keeper__backoff__failing_request_retried_later_not_every_cycle(
    kpi_env, chain, launch, expiry, funded_keeper, requester, metric_server
):
    url = metric_server.route("/protocol/flaky", body=b"oops")
    launch("f-back", url=url)
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "f-back")
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["f-back"], backoff_base=600)
    hits = metric_server.hits.get("/protocol/flaky", 0)
    assert kinds(keeper.cycle()) == ["no-answer"] and "retry in 600 s" in keeper.lines[-1]
    assert kinds(keeper.cycle()) == ["skip"]
    assert metric_server.hits["/protocol/flaky"] == hits + 1
    metric_server.route("/protocol/flaky", defillama({midnight(expiry): 754_321_000}))
    advance_to(chain, chain.pending_timestamp + 601)
    assert kinds(keeper.cycle()) == ["propose"]


def test_keeper__dry_run__reports_and_sends_nothing(
    kpi_env, chain, launch, expiry, funded_keeper, nothing_sent
):
    launch("d1", {midnight(expiry): 754_321_000})
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["d1"], dry_run=True)
    advance_to(chain, expiry + 60)
    with nothing_sent(funded_keeper):
        (action,) = keeper.cycle()
    assert action.kind == "expire" and action.tx is None


def test_keeper__restart_and_second_keeper__each_request_proposed_once(
    kpi_env, chain, launch, expiry, funded_keeper, other, deployer, nothing_sent
):
    p = launch("r1", {midnight(expiry): 754_321_000})
    lc.faucet(kpi_env, deployer, "UMA", "100", to=other.address)
    first = make_keeper(kpi_env, funded_keeper, chain, pairs=["r1"])
    second = make_keeper(kpi_env, other, chain, pairs=["r1"])
    advance_to(chain, expiry + 60)
    assert kinds(first.cycle()) == ["expire"]
    assert kinds(second.cycle()) == ["propose"]  # the second keeper got there first
    restarted = make_keeper(kpi_env, funded_keeper, chain, pairs=["r1"])
    with nothing_sent(funded_keeper, other):
        assert kinds(restarted.cycle()) == ["verified"]  # sees the proposal, checks it
        assert kinds(make_keeper(kpi_env, other, chain, pairs=["r1"]).cycle()) == ["skip"]
    assert p.request(early=False).proposer == other.address


def test_keeper__explain__what_it_would_propose_and_why(
    kpi_env, chain, launch, expiry, funded_keeper, nothing_sent
):
    launch("x1", {midnight(expiry): 754_321_000})
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, funded_keeper, "x1")
    keeper = make_keeper(kpi_env, funded_keeper, chain)
    with nothing_sent(funded_keeper):
        text = "\n".join(keeper.explain("x1"))
    assert "expiry request" in text and "Requested" in text
    assert "RawRounding: 750000000" in text and "answer: 0.75" in text


def test_keeper__bond_not_funded__nothing_sent_and_error_names_account(
    kpi_env, chain, launch, expiry, keeper_account, requester, nothing_sent
):
    launch("u1", {midnight(expiry): 754_321_000})
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "u1")
    keeper = make_keeper(kpi_env, keeper_account, chain, pairs=["u1"])
    with nothing_sent(keeper_account):
        assert kinds(keeper.cycle()) == ["error"]
    assert (
        "the proposal bond + final fee needs 51 UMA" in keeper.lines[0]
        and "retry in" in keeper.lines[0]
    )


def test_keeper__no_dispute__wrong_proposal_reported_not_disputed(
    kpi_env, chain, launch, expiry, funded_keeper, requester, proposer, deployer, nothing_sent
):
    launch("nd", {midnight(expiry): 754_321_000})
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "nd")
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    lc.propose(kpi_env, proposer, "nd", "0.9")
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["nd"], dispute=False)
    with nothing_sent(funded_keeper):
        (action,) = keeper.cycle()
    assert (
        action.kind == "skip"
        and "differs from 0.75" in action.detail
        and "--no-dispute" in action.detail
    )

"""Batches that launch and then use the new pair by its predicted address: a rollover (settle,
launch, mint) and a launch through UMA's creator (pair, then its parameters), each one MultiSend
executed by a 2-of-3 Safe. Each ends where the direct path ends, to the wei; a launch slipped in
between writing and executing makes the Safe's execution revert with nothing changed."""

import ape
import pytest

from kpi_dev.testing import isolated
from kpi_options import lifecycle as lc
from kpi_options.chain.pair import guard_predicted_pair, next_pair_address
from kpi_options.errors import LifecycleError
from kpi_options.lifecycle.uma_creator import uma_creator
from kpi_options.safe.rehearsal import execute_batch
from kpi_options.safe.sender import recording
from kpi_options.uma.artifacts import contract_container
from kpi_options.uma.lsp import uma_payout_values
from tests.fixtures.safe import both_ways

PROGRAM = "programs/demo/linear-tvl-dispute.yaml"
DAY = 86_400


@pytest.fixture(params=["ours"])
def finished_linear(
    request, chain, kpi_env, accounts, team_safe, deployer, launcher, requester, proposer
):
    """``linear`` (the Linear demo program, launched through the project's creator or, with the
    param ``"uma"``, UMA's) past expiry with its expiry price available (0.75 proposed, liveness
    over), and the team's Safe holding 1234.5 long and short tokens of it."""
    if request.param == "uma":
        uma_creator(kpi_env, deployer, "Linear")  # deployed once, before any batch is written
    expiration = chain.pending_timestamp + 7 * DAY
    lc.launch(
        kpi_env, launcher, PROGRAM, name="linear", expiration=expiration, creator=request.param
    )
    lc.faucet(kpi_env, deployer, "UMA", "5000", to=team_safe.address)
    lc.faucet(kpi_env, deployer, "UMA", "100", to=proposer.address)
    as_safe = accounts[team_safe.address]
    as_safe.balance = 10**18
    lc.mint(kpi_env, as_safe, "linear", "1234.5")
    lc.advance(kpi_env, 8 * DAY)
    lc.expire(kpi_env, requester, "linear")
    lc.propose(kpi_env, proposer, "linear", "0.75")
    lc.advance(kpi_env, 8 * DAY)
    return kpi_env.pair("linear")


def _positions(project, safe, *pairs):
    """The Safe's collateral, nonce, and every pair's tokens held by the Safe, supply and
    collateral held, in raw units."""
    state = [int(safe.call_view_method("nonce"))]
    for address in pairs:
        pair = project.LongShortPair.at(address)
        collateral = project.TestERC20.at(pair.collateralToken())
        state.append(int(collateral.balanceOf(safe.address)))
        state.append(int(collateral.balanceOf(address)))
        state.append(int(collateral.allowance(safe.address, address)))
        for token in (pair.longToken(), pair.shortToken()):
            position = project.PositionToken.at(token)
            state += [int(position.balanceOf(safe.address)), int(position.totalSupply())]
    return state


LAUNCH_CALLS = {
    "ours": ["createLongShortPairWithPayoutParameters"],
    "uma": ["createLongShortPair", "setLongShortPairParameters"],
}


@pytest.mark.parametrize("finished_linear", ["ours", "uma"], indirect=True)
def test_safe_batch__rollover__one_batch_same_state_as_direct_to_the_wei(
    chain, accounts, project, kpi_env, finished_linear, team_safe, safe_stack, safe_owners, holder
):
    expiration = chain.pending_timestamp + 30 * DAY
    creator = finished_linear.record["creator"]
    uma = contract_container("LongShortPairCreator")
    launching = (
        kpi_env.creator()
        if creator == "ours"
        else uma.at(kpi_env.deployments.contracts["umaCreator"])
    )
    expected = next_pair_address(launching)
    results = []

    def step(sender):
        results.append(
            lc.rollover(kpi_env, sender, "linear", PROGRAM, name="next", expiration=expiration)
        )
        kpi_env.deployments.pairs.pop("next", None)

    def observe():  # without the Safe's nonce, which only the batch moves
        return _positions(project, team_safe, finished_linear.address, expected)[1:]

    with isolated(chain):
        direct, batched, recorder = both_ways(
            chain, accounts, team_safe, safe_stack, safe_owners, holder, step, observe
        )
        direct_result, batch_result = results
        assert [c.method for c in recorder.batch.calls] == [
            "settle",
            "requireUnlaunched",
            *LAUNCH_CALLS[creator],
            "approve",
            "create",
        ]
        assert direct_result.launched.pair == batch_result.launched.expected_pair == expected
        # What the batch computed settle would pay is what settling paid.
        assert batch_result.settled.collateral == direct_result.settled.collateral > 0
        assert batch_result.minted == direct_result.minted
        assert batched == direct
        assert recorder.requirements() == []  # the mint is paid by the batch's own settle


def test_safe_batch__rollover__launch_slipped_in_first__safe_execution_reverts_nothing_changed(
    chain, project, kpi_env, finished_linear, team_safe, safe_stack, safe_owners, holder, launcher
):
    expiration = chain.pending_timestamp + 30 * DAY
    creator = kpi_env.creator()
    expected = next_pair_address(creator)
    with isolated(chain):
        with recording(team_safe.address, chain.chain_id) as recorder:
            lc.rollover(kpi_env, recorder, "linear", PROGRAM, name="next", expiration=expiration)
        slipped = lc.launch(kpi_env, launcher, PROGRAM, name="first", expiration=expiration)
        assert slipped.pair == expected  # the address the batch was written for is taken
        with ape.reverts(creator.PredictedPairTaken, predictedPair=expected):
            creator.requireUnlaunched(expected)
        before = _positions(project, team_safe, finished_linear.address, expected)
        with pytest.raises(ape.exceptions.ContractLogicError, match="GS013"):
            execute_batch(
                team_safe,
                recorder.batch.calls,
                safe_owners[:2],
                safe_stack.multisend_call_only,
                holder,
            )
        assert _positions(project, team_safe, finished_linear.address, expected) == before
        assert int(finished_linear.long_token.balanceOf(team_safe.address)) == 1234_5 * 10**17


def _uma_launch_state(library, address):
    """What UMA's two launch steps fix: the pair's launch parameters and its payout parameters."""
    pair = contract_container("LongShortPair").at(address)
    return [
        str(pair.pairName()),
        int(pair.expirationTimestamp()),
        int(pair.collateralPerPair()),
        bytes(pair.priceIdentifier()),
        bytes(pair.customAncillaryData()),
        str(pair.collateralToken()),
        str(pair.financialProductLibrary()),
        int(pair.proposerReward()),
        int(pair.optimisticOracleProposerBond()),
        str(pair.longToken()),
        str(pair.shortToken()),
        uma_payout_values(library, address),
    ]


@pytest.mark.parametrize("oracle_kind", ["uma"], indirect=True)
def test_safe_batch__uma_creator_launch__both_steps_one_batch_same_as_direct(
    chain, accounts, kpi_env, team_safe, safe_stack, safe_owners, holder, deployer, launcher
):
    uma = uma_creator(kpi_env, deployer, "Linear")  # deployed once, before the batch is written
    expiration = chain.pending_timestamp + 7 * DAY
    expected = next_pair_address(uma.creator)
    results = []

    def step(sender):
        results.append(
            lc.launch(
                kpi_env, sender, PROGRAM, name="uma-safe", expiration=expiration, creator="uma"
            )
        )
        kpi_env.deployments.pairs.pop("uma-safe", None)

    def observe():
        return _uma_launch_state(uma.library, expected)

    with isolated(chain):
        direct, batched, recorder = both_ways(
            chain, accounts, team_safe, safe_stack, safe_owners, holder, step, observe
        )
        direct_result, batch_result = results
        assert [c.method for c in recorder.batch.calls] == [
            "requireUnlaunched",
            "createLongShortPair",
            "setLongShortPairParameters",
        ]
        assert direct_result.pair == batch_result.expected_pair == expected
        assert batched == direct and batched[-1] is not None  # the parameters are set

    # A UMA launch slipped in first: the guard reverts the batch, and the parameters written for
    # the predicted address are not set on the other team's pair.
    with isolated(chain):
        with recording(team_safe.address, chain.chain_id) as recorder:
            lc.launch(
                kpi_env, recorder, PROGRAM, name="uma-safe", expiration=expiration, creator="uma"
            )
        uma.creator.createLongShortPair(
            lc.load_program(kpi_env, PROGRAM, expiration=expiration)
            .creator_params(str(uma.library.address))
            .as_tuple(),
            sender=launcher,
        )
        nonce = int(team_safe.call_view_method("nonce"))
        with pytest.raises(ape.exceptions.ContractLogicError, match="GS013"):
            execute_batch(
                team_safe,
                recorder.batch.calls,
                safe_owners[:2],
                safe_stack.multisend_call_only,
                holder,
            )
        assert uma_payout_values(uma.library, expected) is None
        assert int(team_safe.call_view_method("nonce")) == nonce


def test_guard__creator_without_require_unlaunched__refused_before_recording(
    chain, project, kpi_env, team_safe
):
    """A creator deployed before the guard existed (here: a contract without the function, seen
    through the creator's ABI) would revert every batch that launches: refused at writing."""
    old_creator = project.LongShortPairCreator.at(kpi_env.deployments.tokens["UMA"]["address"])
    with (
        recording(team_safe.address, chain.chain_id) as recorder,
        pytest.raises(LifecycleError, match="does not answer requireUnlaunched") as err,
    ):
        guard_predicted_pair(old_creator, kpi_env.creator(), recorder)
    assert err.value.param == "--safe-batch"
    assert recorder.batch.calls == []

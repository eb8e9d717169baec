"""Requester callbacks: only contract requesters, only the enabled ones, with the guard lifted inside them."""

import pytest

from kpi_options.chain.oracle import OracleState

from .conftest import ANCILLARY, fund

PRICE = 10**18
REWARD = 10**17
BOND = 10**18 + 1
FINAL_FEE = 2 * 10**18


@pytest.fixture
def token(make_collateral):
    return make_collateral(18, final_fee=FINAL_FEE)


@pytest.fixture
def recorder(project, deployer, optimistic_oracle, token):
    """A contract requester funded with one reward."""
    contract = deployer.deploy(project.OptimisticRequesterRecorder, optimistic_oracle)
    token.mint(contract, REWARD, sender=deployer)
    return contract


@pytest.fixture
def key(general_kpi, request_time):
    return general_kpi, request_time, ANCILLARY


@pytest.fixture
def run_dispute_flow(optimistic_oracle, dvm, deployer, token, proposer, disputer, other):
    """Propose, dispute, resolve (proposer wins) and settle the `requester_address` request."""

    def run(requester_address, key):
        fund(token, proposer, BOND + FINAL_FEE, optimistic_oracle)
        fund(token, disputer, BOND + FINAL_FEE, optimistic_oracle)
        optimistic_oracle.proposePrice(requester_address, *key, PRICE, sender=proposer)
        optimistic_oracle.disputePrice(requester_address, *key, sender=disputer)
        stamped = optimistic_oracle.stampAncillaryData(key[2], requester_address)
        dvm.pushPrice(key[0], key[1], stamped, PRICE, sender=deployer)
        optimistic_oracle.settle(requester_address, *key, sender=other)

    return run


def test_callbacks__all_enabled__each_called_once_with_args(
    optimistic_oracle, token, recorder, key, proposer, disputer, deployer, dvm, other
):
    recorder.requestPrice(*key, token, REWARD, sender=other)
    recorder.setBond(*key, BOND, sender=other)
    recorder.setRefundOnDispute(*key, sender=other)
    recorder.setCallbacks(*key, True, True, True, sender=other)

    fund(token, proposer, BOND + FINAL_FEE, optimistic_oracle)
    optimistic_oracle.proposePrice(recorder, *key, PRICE, sender=proposer)
    assert (recorder.proposedCalls(), recorder.disputedCalls(), recorder.settledCalls()) == (
        1,
        0,
        0,
    )
    assert (
        recorder.lastIdentifier(),
        recorder.lastTimestamp(),
        recorder.lastAncillaryData(),
    ) == key
    assert recorder.stateInLastCallback() == OracleState.Proposed

    fund(token, disputer, BOND + FINAL_FEE, optimistic_oracle)
    optimistic_oracle.disputePrice(recorder, *key, sender=disputer)
    assert (recorder.proposedCalls(), recorder.disputedCalls(), recorder.settledCalls()) == (
        1,
        1,
        0,
    )
    assert recorder.lastRefund() == REWARD
    assert token.balanceOf(recorder) == REWARD
    assert recorder.stateInLastCallback() == OracleState.Disputed

    dvm.pushPrice(
        key[0],
        key[1],
        optimistic_oracle.stampAncillaryData(key[2], recorder),
        PRICE,
        sender=deployer,
    )
    tx = recorder.settleAndGetPrice(*key, sender=other)
    assert tx.return_value == PRICE
    assert (recorder.proposedCalls(), recorder.disputedCalls(), recorder.settledCalls()) == (
        1,
        1,
        1,
    )
    assert recorder.lastPrice() == PRICE
    assert recorder.stateInLastCallback() == OracleState.Settled
    assert token.balanceOf(proposer) == BOND + (BOND - BOND // 2) + FINAL_FEE


def test_callbacks__not_enabled__never_called(
    optimistic_oracle, token, recorder, key, other, run_dispute_flow
):
    recorder.requestPrice(*key, token, REWARD, sender=other)
    recorder.setBond(*key, BOND, sender=other)
    run_dispute_flow(recorder.address, key)
    assert optimistic_oracle.getState(recorder, *key) == OracleState.Settled
    assert (recorder.proposedCalls(), recorder.disputedCalls(), recorder.settledCalls()) == (
        0,
        0,
        0,
    )


def test_callbacks__only_settled_enabled__only_settled_called(
    optimistic_oracle, token, recorder, key, other, run_dispute_flow
):
    recorder.requestPrice(*key, token, REWARD, sender=other)
    recorder.setBond(*key, BOND, sender=other)
    recorder.setCallbacks(*key, False, False, True, sender=other)
    run_dispute_flow(recorder.address, key)
    assert (recorder.proposedCalls(), recorder.disputedCalls(), recorder.settledCalls()) == (
        0,
        0,
        1,
    )
    assert recorder.lastPrice() == PRICE
    # No refund was configured: the reward went to the winning proposer.
    assert token.balanceOf(recorder) == 0


def test_callbacks__enabled_for_eoa_requester__flow_completes_without_calls(
    optimistic_oracle, token, key, requester, proposer, run_dispute_flow
):
    fund(token, requester, REWARD, optimistic_oracle)
    optimistic_oracle.requestPrice(*key, token, REWARD, sender=requester)
    optimistic_oracle.setBond(*key, BOND, sender=requester)
    optimistic_oracle.setCallbacks(*key, True, True, True, sender=requester)
    run_dispute_flow(requester.address, key)
    assert optimistic_oracle.getState(requester, *key) == OracleState.Settled
    assert token.balanceOf(proposer) == BOND + (BOND - BOND // 2) + FINAL_FEE + REWARD
    assert token.balanceOf(optimistic_oracle) == 0

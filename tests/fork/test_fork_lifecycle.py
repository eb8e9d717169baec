"""A pair's life on a fork of chain id 1: against our system deployed on a local upstream, and
(with ``KPI_MAINNET_RPC_URL``) against UMA's deployed Finder and OptimisticOracleV2.

Run with ``make fork-test`` (``python -m tests.fork.upstream``); in a normal session these tests
are skipped with the reason (``tests/fork/conftest.py``).
"""

import pytest

from kpi_options.chain.oracle import identifier
from kpi_options.chain.pair import PairState, launch_pair
from kpi_options.chain.system import default_creator_params
from kpi_options.payouts import LIBRARIES, WAD

pytestmark = pytest.mark.fork

LINEAR = LIBRARIES["Linear"](100 * WAD, 0)  # a KPI of 40 pays longs 40 %
DAY = 86_400


def _launch(system, chain, launcher, reward, bond):
    params = default_creator_params(
        collateral=system.collateral,
        library=system.libraries["Linear"],
        expiration=chain.pending_timestamp + DAY,
        pair_name="Fork KPI option",
        custom_ancillary_data=b"Metric:fork test,Method:https://example.org/kpi",
        proposer_reward=reward,
        optimistic_oracle_liveness_time=3600,
        optimistic_oracle_proposer_bond=bond,
    )
    return launch_pair(system.creator, params, LINEAR.encode_parameters(), launcher)


def _expired_and_proposed(system, chain, pair, requester, proposer, price):
    """Move to expiry, expire (requester pays the reward), propose ``price`` (proposer pays bond +
    final fee); returns what the proposer deposited."""
    chain.mine(1, timestamp=pair.expirationTimestamp())
    system.fund(requester, pair.proposerReward(), pair)
    pair.expire(sender=requester)
    deposit = (
        pair.optimisticOracleProposerBond()
        + system.store.computeFinalFee(system.collateral).rawValue
    )
    system.fund(proposer, deposit, system.optimistic_oracle)
    system.optimistic_oracle.proposePrice(
        pair,
        pair.priceIdentifier(),
        pair.expirationTimestamp(),
        pair.customAncillaryData(),
        price,
        sender=proposer,
    )
    return deposit


def test_fork__chain_and_finder__chain_id_1_and_oracle_registered(fork_system, chain):
    assert chain.chain_id == 1
    registered = fork_system.finder.getImplementationAddress(identifier("OptimisticOracleV2"))
    assert registered == fork_system.optimistic_oracle.address
    assert fork_system.creator.finder() == fork_system.finder.address


def test_fork_lifecycle__launch_mint_expire_propose_settle__balances_to_the_wei(
    fork_system, project, chain, launcher, sponsor, holder, requester, proposer
):
    system, unit = fork_system, 10**fork_system.decimals
    pair = _launch(system, chain, launcher, reward=unit // 100, bond=unit // 10)
    token = system.collateral
    start = {account: token.balanceOf(account) for account in (sponsor, holder, proposer)}
    system.fund(sponsor, 10 * unit, pair)
    pair.create(10 * unit, sender=sponsor)
    project.PositionToken.at(pair.longToken()).transfer(holder, 4 * unit, sender=sponsor)
    deposit = _expired_and_proposed(system, chain, pair, requester, proposer, 40 * WAD)
    assert pair.pairState() == PairState.ExpiryPricePending
    chain.mine(1, timestamp=chain.pending_timestamp + pair.optimisticOracleLivenessTime())
    assert pair.pairState() == PairState.ExpiryPriceAvailable
    pair.settle(4 * unit, 0, sender=holder)
    pair.settle(6 * unit, 10 * unit, sender=sponsor)
    assert pair.expiryPercentLong() == 4 * WAD // 10
    assert token.balanceOf(holder) - start[holder] == 4 * unit * 4 // 10
    assert token.balanceOf(sponsor) - start[sponsor] == 6 * unit * 4 // 10 + 10 * unit * 6 // 10
    assert token.balanceOf(pair) == 0
    # The oracle returned the proposer's deposit with the reward.
    assert token.balanceOf(proposer) - start[proposer] == deposit + unit // 100


def test_fork_dispute__dvm_sides_with_disputer__settles_at_dvm_price(
    fork_system, chain, launcher, sponsor, requester, proposer, disputer, deployer
):
    system, unit = fork_system, 10**fork_system.decimals
    if system.dvm is None:
        pytest.skip("UMA's DVM cannot be made to vote on a fork: dispute path is local only")
    pair = _launch(system, chain, launcher, reward=unit, bond=5 * unit)
    token = system.collateral
    system.fund(sponsor, 10 * unit, pair)
    pair.create(10 * unit, sender=sponsor)
    deposit = _expired_and_proposed(system, chain, pair, requester, proposer, 90 * WAD)
    system.fund(disputer, deposit, system.optimistic_oracle)
    identifier_, timestamp, data = (
        pair.priceIdentifier(),
        pair.expirationTimestamp(),
        pair.customAncillaryData(),
    )
    system.optimistic_oracle.disputePrice(pair, identifier_, timestamp, data, sender=disputer)
    stamped = system.optimistic_oracle.stampAncillaryData(data, pair)
    system.dvm.pushPrice(identifier_, timestamp, stamped, 25 * WAD, sender=deployer)
    pair.settle(10 * unit, 10 * unit, sender=sponsor)
    assert pair.expiryPrice() == 25 * WAD
    assert token.balanceOf(sponsor) == 10 * unit
    bond, final_fee = 5 * unit, 2 * unit
    assert token.balanceOf(disputer) == bond + (bond - bond // 2) + final_fee + unit

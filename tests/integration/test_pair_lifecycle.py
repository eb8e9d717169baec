"""Full KPI-option lifecycle through the oracle stack: launch with Linear parameters, mint, distribute,
expire, propose, dispute, DVM resolution, settle — every balance checked to the wei, over 6, 8 and
18 collateral decimals (final fee, reward and bond all non-zero)."""

import pytest
from eth_abi import encode

from kpi_options.chain.pair import PairState, launch_pair
from tests.fixtures.oracle import on_both_stacks
from tests.fixtures.pair import WAD, advance, fund

pytestmark = on_both_stacks


@pytest.mark.parametrize("dispute_wins", [False, True], ids=["proposer-right", "disputer-right"])
def test_lifecycle__propose_dispute_dvm_settle__balances_to_the_wei(
    chain,
    creator,
    pair_params,
    make_collateral,
    collateral_decimals,
    linear_library,
    launcher,
    sponsor,
    holder,
    requester,
    proposer,
    disputer,
    deployer,
    optimistic_oracle,
    dvm,
    store,
    dispute_wins,
):
    """Invariants: I-1, I-2, I-8, I-13 (docs/INVARIANTS.md)."""
    unit = 10**collateral_decimals
    final_fee, reward, bond = 2 * unit, 5 * unit, 10 * unit
    collateral = make_collateral(collateral_decimals, final_fee=final_fee)
    params = pair_params(
        collateral_token=collateral,
        financial_product_library=linear_library,
        proposer_reward=reward,
        optimistic_oracle_proposer_bond=bond,
        optimistic_oracle_liveness_time=3600,
    )
    # Linear between 0 and 100 (KPI scaled by 1e18): a KPI of 40 pays longs 40 %.
    pair = launch_pair(creator, params, encode(["int256", "int256"], [100 * WAD, 0]), launcher)
    assert linear_library.isParameterSet(pair)

    fund(collateral, sponsor, 1000 * unit, pair)
    pair.create(1000 * unit, sender=sponsor)
    long_token = pair.longToken()
    from ape import project

    project.PositionToken.at(long_token).transfer(holder, 600 * unit, sender=sponsor)

    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp)
    fund(collateral, requester, reward, pair)
    pair.expire(sender=requester)
    assert pair.pairState() == PairState.ExpiryPricePending

    identifier, timestamp, data = (
        pair.priceIdentifier(),
        pair.expirationTimestamp(),
        pair.customAncillaryData(),
    )
    wrong, right = 90 * WAD, 40 * WAD
    fund(collateral, proposer, bond + final_fee, optimistic_oracle)
    optimistic_oracle.proposePrice(pair, identifier, timestamp, data, wrong, sender=proposer)
    fund(collateral, disputer, bond + final_fee, optimistic_oracle)
    optimistic_oracle.disputePrice(pair, identifier, timestamp, data, sender=disputer)
    assert pair.pairState() == PairState.ExpiryPricePending

    resolved = right if dispute_wins else wrong
    stamped = optimistic_oracle.stampAncillaryData(data, pair)
    dvm.pushPrice(identifier, timestamp, stamped, resolved, sender=deployer)
    assert pair.pairState() == PairState.ExpiryPriceAvailable

    pair.settle(600 * unit, 0, sender=holder)
    share = resolved * WAD // (100 * WAD)
    assert pair.expiryPercentLong() == share
    assert collateral.balanceOf(holder) == 600 * unit * share // WAD
    pair.settle(400 * unit, 1000 * unit, sender=sponsor)
    assert collateral.balanceOf(sponsor) == (
        400 * unit * share // WAD + 1000 * unit * (WAD - share) // WAD
    )
    assert collateral.balanceOf(pair) == 0
    assert pair.pairState() == PairState.Settled

    # Oracle economics (UMA): winner gets bond + (bond - floor(bond/2)) + final fee + reward; the
    # Store receives final fee + floor(bond/2).
    payout = bond + (bond - bond // 2) + final_fee + reward
    winner, loser = (disputer, proposer) if dispute_wins else (proposer, disputer)
    assert collateral.balanceOf(winner) == payout
    assert collateral.balanceOf(loser) == 0
    assert collateral.balanceOf(store) == final_fee + bond // 2
    assert collateral.balanceOf(requester) == 0


def test_lifecycle__early_expiry_rejected_then_accepted__second_request_settles(
    chain,
    creator,
    pair_params,
    collateral,
    collateral_decimals,
    linear_library,
    launcher,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
):
    """Invariants: I-16 (docs/INVARIANTS.md)."""
    unit = 10**collateral_decimals
    params = pair_params(financial_product_library=linear_library, enable_early_expiration=True)
    pair = launch_pair(creator, params, encode(["int256", "int256"], [100 * WAD, 0]), launcher)
    fund(collateral, sponsor, 100 * unit, pair)
    pair.create(100 * unit, sender=sponsor)
    advance(chain, 1000)
    identifier, data = pair.priceIdentifier(), pair.getEarlyExpirationAncillaryData()

    first = chain.pending_timestamp - 10
    pair.requestEarlyExpiration(first, sender=requester)
    optimistic_oracle.proposePrice(
        pair, identifier, first, data, pair.ignoreEarlyExpirationPrice(), sender=proposer
    )
    advance(chain, 7200)
    assert pair.pairState() == PairState.Open

    second = chain.pending_timestamp - 5
    pair.requestEarlyExpiration(second, sender=requester)
    optimistic_oracle.proposePrice(pair, identifier, second, data, 100 * WAD, sender=proposer)
    advance(chain, 7200)
    assert pair.pairState() == PairState.EarlyExpired
    pair.settle(100 * unit, 100 * unit, sender=sponsor)
    assert pair.expiryPercentLong() == WAD
    assert collateral.balanceOf(sponsor) == 100 * unit
    assert pair.earlyExpirationTimestamp() == second

"""Several KPIs in one option, end to end through the local oracle stack (issue 17).

A pair on UMA's ``MULTIPLE_VALUES`` identifier with UMIP-183 JSON ancillary data and the
MultiMetric library (TVL, users, volume; a minimum payout): launch with the parameters set
atomically, mint, distribute, an early-expiry request answered "too early" (the pair stays open),
expire, a proposal of wrongly packed values, a dispute, the DVM stand-in resolving the right
packed values, settle. Every balance is checked to the wei against the twin and the pair's
rounding, over 6, 8 and 18 collateral decimals, on the project's oracle mock and on UMA's own
stack (both whitelist MULTIPLE_VALUES).
"""

import pytest
from ape import project

from kpi_options.ancillary.multiple_values import TOO_EARLY, build_ancillary, pack, unpack
from kpi_options.chain.oracle import MULTIPLE_VALUES
from kpi_options.chain.pair import PairState, launch_pair
from kpi_options.payouts.multi import Metric, MultiMetric
from tests.fixtures.oracle import on_both_stacks
from tests.fixtures.pair import WAD, advance, fund

pytestmark = on_both_stacks

# TVL in USD millions (100 -> 500), users (1,000 -> 20,000), volume in USD millions in 4 steps
# (0 -> 800); weights 1/2, 3/10, 1/5; 10 % paid whatever happens.
TWIN = MultiMetric(
    (
        Metric(100, 500, WAD // 2),
        Metric(1_000, 20_000, 3 * WAD // 10),
        Metric(0, 800, WAD // 5, steps=4),
    ),
    minimum_percentage=WAD // 10,
)
LABELS = ["TVL (USD millions)", "Active users", "Volume (USD millions)"]


@pytest.fixture
def multiple_values_supported(identifier_whitelist):
    """The local oracle stack whitelists UMIP-183's identifier from the start."""
    assert identifier_whitelist.isIdentifierSupported(MULTIPLE_VALUES)
    return MULTIPLE_VALUES


def _floor_mul(a, b):
    return a * b // WAD


@pytest.mark.parametrize("dispute_wins", [True, False], ids=["disputer-right", "proposer-right"])
def test_lifecycle__packed_values_disputed_resolved_by_dvm__settles_to_the_wei(
    chain,
    deployer,
    launcher,
    sponsor,
    holder,
    requester,
    proposer,
    disputer,
    creator,
    pair_params,
    make_collateral,
    collateral_decimals,
    multi_metric_library,
    multiple_values_supported,
    optimistic_oracle,
    dvm,
    store,
    dispute_wins,
):
    """Invariants: I-1, I-2, I-5 (docs/INVARIANTS.md)."""
    unit = 10**collateral_decimals
    final_fee, reward, bond = 2 * unit, 5 * unit, 10 * unit
    collateral = make_collateral(collateral_decimals, final_fee=final_fee)
    ancillary = build_ancillary(
        "Protocol KPIs, Q4 2026",
        "TVL (USD millions, rounded down), active users and volume (USD millions, rounded down) "
        "at the request time.",
        LABELS,
        early_expiration=True,
    )
    params = pair_params(
        collateral_token=collateral,
        financial_product_library=multi_metric_library,
        price_identifier=multiple_values_supported,
        custom_ancillary_data=ancillary,
        enable_early_expiration=True,
        proposer_reward=reward,
        optimistic_oracle_proposer_bond=bond,
        optimistic_oracle_liveness_time=3600,
    )
    pair = launch_pair(creator, params, TWIN.encode_parameters(), launcher)
    assert multi_metric_library.isParameterSet(pair)
    assert pair.customAncillaryData() == ancillary

    minted = 1000 * unit + 1  # odd, so the per-side floors show
    to_holder = 600 * unit
    fund(collateral, sponsor, minted, pair)  # collateral per pair 1.0
    pair.create(minted, sender=sponsor)
    project.PositionToken.at(pair.longToken()).transfer(holder, to_holder, sender=sponsor)

    # Early expiry asked for before the goals are met: the oracle answers "too early".
    advance(chain, 100)
    early = chain.pending_timestamp - 1
    fund(collateral, requester, reward, pair)
    pair.requestEarlyExpiration(early, sender=requester)
    fund(collateral, proposer, bond + final_fee, optimistic_oracle)
    optimistic_oracle.proposePrice(
        pair,
        MULTIPLE_VALUES,
        early,
        pair.getEarlyExpirationAncillaryData(),
        TOO_EARLY,
        sender=proposer,
    )
    advance(chain, 3600)
    assert pair.pairState() == PairState.Open
    optimistic_oracle.settle(
        pair, MULTIPLE_VALUES, early, pair.getEarlyExpirationAncillaryData(), sender=proposer
    )
    # undisputed: bond and final fee back, plus the requester's reward
    assert collateral.balanceOf(proposer) == bond + final_fee + reward
    collateral.transfer(deployer, bond + final_fee + reward, sender=proposer)

    # Expiry: a wrong proposal, a dispute, the DVM stand-in's answer.
    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp)
    fund(collateral, requester, reward, pair)
    pair.expire(sender=requester)
    timestamp, data = pair.expirationTimestamp(), pair.customAncillaryData()
    right = pack([320, 12_345, 650])  # TVL 320M, 12,345 users, 650M volume
    wrong = pack([500, 20_000, 800])  # everything at the top
    fund(collateral, proposer, bond + final_fee, optimistic_oracle)
    optimistic_oracle.proposePrice(pair, MULTIPLE_VALUES, timestamp, data, wrong, sender=proposer)
    fund(collateral, disputer, bond + final_fee, optimistic_oracle)
    optimistic_oracle.disputePrice(pair, MULTIPLE_VALUES, timestamp, data, sender=disputer)
    assert pair.pairState() == PairState.ExpiryPricePending

    resolved = right if dispute_wins else wrong
    stamped = optimistic_oracle.stampAncillaryData(data, pair)
    dvm.pushPrice(MULTIPLE_VALUES, timestamp, stamped, resolved, sender=deployer)
    assert pair.pairState() == PairState.ExpiryPriceAvailable

    share = TWIN.percentage_long(resolved)
    if dispute_wins:
        # by hand: TVL 220/400 of 0.5 = 0.275; users 11,345/19,000 of 0.3 (floored); volume 3 of
        # 4 steps of 0.2 = 0.15; then 0.1 + S x 0.9 (floored)
        users = 3 * WAD // 10 * 11_345 // 19_000
        s = 275 * WAD // 1000 + users + 15 * WAD // 100
        assert share == WAD // 10 + s * 9 // 10
        assert unpack(resolved, 3) == (320, 12_345, 650)
    else:
        assert share == WAD

    pair.settle(to_holder, 0, sender=holder)
    pair.settle(minted - to_holder, minted, sender=sponsor)
    assert pair.expiryPrice() == resolved
    assert pair.expiryPercentLong() == share
    holder_expected = _floor_mul(_floor_mul(to_holder, WAD), share)
    sponsor_expected = _floor_mul(minted - to_holder, share) + _floor_mul(minted, WAD - share)
    assert collateral.balanceOf(holder) == holder_expected
    assert collateral.balanceOf(sponsor) == sponsor_expected
    assert collateral.balanceOf(pair) == minted - holder_expected - sponsor_expected
    assert 0 <= collateral.balanceOf(pair) <= 2
    assert pair.pairState() == PairState.Settled

    # Oracle economics (UMA): the winner gets both bonds less the Store's half, its final fee and
    # the reward; the Store keeps the loser's final fee and half the bond.
    winner, loser = (disputer, proposer) if dispute_wins else (proposer, disputer)
    assert collateral.balanceOf(winner) == bond + (bond - bond // 2) + final_fee + reward
    assert collateral.balanceOf(loser) == 0
    assert collateral.balanceOf(store) == final_fee + bond // 2

"""A pair launched with each payout library settles end to end (issue: payout libraries).

For every library in ``kpi_options.payouts.LIBRARIES``: launch with the parameters set atomically,
read them back, mint, expire, propose a price through the oracle, let liveness pass, settle a long
holder and the sponsor, and check every payout to the wei against the library's Python twin and
the pair's rounding (each side floored twice). The pair ends holding only the settle dust.
"""

import pytest
from ape import project

from kpi_options.chain.pair import launch_pair
from kpi_options.payouts import LIBRARIES
from tests.fixtures.pair import WAD, expire_pair, fund, propose_expiry_price

#: One parameter set per library (contract units: prices and shares scaled by 1e18) and an expiry
#: price that lands strictly inside the payout's range, so both sides are paid and rounding shows.
CASES = {
    "Linear": (LIBRARIES["Linear"](2000 * WAD, 1000 * WAD), 1333 * WAD),
    "FlooredLinear": (
        LIBRARIES["FlooredLinear"](2000 * WAD, 1000 * WAD, 3 * WAD // 10),
        1333 * WAD,
    ),
    "BinaryOption": (LIBRARIES["BinaryOption"](3000 * WAD), 3000 * WAD),
    "CoveredCall": (LIBRARIES["CoveredCall"](3000 * WAD), 3500 * WAD),
    "CappedYieldDollar": (LIBRARIES["CappedYieldDollar"](4 * WAD), 12 * WAD),
    "RangeBond": (LIBRARIES["RangeBond"](50 * WAD, 10 * WAD), 33 * WAD),
    "SimpleSuccessToken": (LIBRARIES["SimpleSuccessToken"](20 * WAD), 30 * WAD),
    "SuccessToken": (LIBRARIES["SuccessToken"](400 * WAD, 2 * WAD // 10), 500 * WAD),
    "Milestones": (
        LIBRARIES["Milestones"](
            WAD // 10, (500 * WAD, 1000 * WAD, 1500 * WAD), (WAD // 4, WAD // 2, WAD)
        ),
        1200 * WAD,
    ),
    "PiecewiseLinear": (
        LIBRARIES["PiecewiseLinear"]((0, 100 * WAD, 300 * WAD), (0, 2 * WAD // 3, WAD)),
        177 * WAD,
    ),
    "BoundedLog": (LIBRARIES["BoundedLog"](100_000 * WAD, 19_900_000 * WAD), 5_000_000 * WAD),
    "MultiMetric": (
        LIBRARIES["MultiMetric"](
            ((100, 500, WAD // 2, 0), (1_000, 20_000, 3 * WAD // 10, 0), (0, 800, WAD // 5, 4)),
            WAD // 10,
        ),
        320 | 12_345 << 32 | 650 << 64,  # UMIP-183 packing of (320, 12345, 650)
    ),
}

MINTED = 1_000_001  # an odd amount of raw token units, so per-side flooring is visible
TO_HOLDER = 333_334


def test_cases__cover_every_library():
    assert set(CASES) == set(LIBRARIES)


@pytest.fixture
def collateral_decimals():
    """One collateral (18 decimals) is enough here: decimals are covered by the pair tests."""
    return 18


def _floor_mul(a, b):
    return a * b // WAD


@pytest.mark.parametrize("name", sorted(CASES))
def test_pair_with_library__launch_mint_expire_settle__pays_as_twin_predicts(
    name,
    chain,
    creator,
    payout_libraries,
    pair_params,
    collateral,
    optimistic_oracle,
    launcher,
    sponsor,
    holder,
    proposer,
    requester,
):
    """Invariants: I-2 (payouts never exceed deposits) for every payout library."""
    twin, price = CASES[name]
    library = payout_libraries[name]
    cpp = 3 * WAD // 2  # 1.5 collateral units per pair, so the cpp step rounds too
    params = pair_params(financial_product_library=library, collateral_per_pair=cpp)

    pair = launch_pair(creator, params, twin.encode_parameters(), launcher)
    assert library.isParameterSet(pair)

    deposit = -(-MINTED * cpp // WAD)  # create rounds up
    fund(collateral, sponsor, deposit, pair)
    pair.create(MINTED, sender=sponsor)
    project.PositionToken.at(pair.longToken()).transfer(holder, TO_HOLDER, sender=sponsor)

    expire_pair(chain, pair, requester)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, price)

    share = min(twin.percentage_long(price), WAD)
    holder_expected = _floor_mul(_floor_mul(TO_HOLDER, cpp), share)
    sponsor_long = MINTED - TO_HOLDER
    sponsor_expected = _floor_mul(_floor_mul(sponsor_long, cpp), share) + _floor_mul(
        _floor_mul(MINTED, cpp), WAD - share
    )

    pair.settle(TO_HOLDER, 0, sender=holder)
    pair.settle(sponsor_long, MINTED, sender=sponsor)

    assert pair.receivedSettlementPrice()
    assert pair.expiryPrice() == price
    assert pair.expiryPercentLong() == share
    assert 0 < share <= WAD
    assert collateral.balanceOf(holder) == holder_expected
    assert collateral.balanceOf(sponsor) == sponsor_expected
    left = collateral.balanceOf(pair)
    assert left == deposit - holder_expected - sponsor_expected
    assert 0 <= left <= 4  # one wei from create's round-up, at most one per floored settle side

"""``kpi_options.settlement`` (the pair's integer math in Python, used by the launch preview,
status, mint, rollover and the demo) against a launched pair, to the wei, at odd collateral per pair
and odd amounts, where the rounding shows: create locks ``collateral_for`` (rounded up) and each
settle pays ``settle_split`` (floored), for long-only, short-only and mixed settles.
"""

import pytest

from kpi_options.chain.pair import launch_pair
from kpi_options.payouts.math import WAD
from kpi_options.settlement import collateral_for, settle_split
from tests.fixtures.pair import expire_pair, fund, propose_expiry_price

CASES = [
    # collateral per pair (1e18), pairs minted (raw), long to the holder (raw), share (1e18)
    pytest.param(333_333_333_333_333_333, 1_000_003, 333_337, 333_333_333_333_333_333, id="third"),
    pytest.param(10**18 + 7, 999_999_999, 123_456_789, 7 * 10**17 + 1, id="just-over-one"),
    pytest.param(1, 10**12 + 1, 999_999, WAD - 1, id="one-wei-per-pair"),
    pytest.param(7 * 10**17 + 13, 17, 5, 2 * WAD, id="share-capped"),
]


@pytest.mark.parametrize(("cpp", "minted", "to_holder", "share"), CASES)
def test_settlement__odd_cpp_and_amounts__matches_the_pair_to_the_wei(
    project,
    chain,
    creator,
    pair_params,
    collateral,
    launcher,
    sponsor,
    holder,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    cpp,
    minted,
    to_holder,
    share,
):
    pair = launch_pair(creator, pair_params(collateral_per_pair=cpp), None, launcher)
    needed = collateral_for(minted, cpp)
    assert needed * WAD >= minted * cpp  # rounded up: the sponsor pays at least the exact worth
    fund(collateral, sponsor, needed, pair)
    pair.create(minted, sender=sponsor)
    assert collateral.balanceOf(sponsor) == 0
    assert collateral.balanceOf(pair) == needed

    project.PositionToken.at(pair.longToken()).transfer(holder, to_holder, sender=sponsor)
    payout_mock.setValueToReturn(share, sender=launcher)
    expire_pair(chain, pair, requester)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, WAD)
    capped = min(share, WAD)

    pair.settle(to_holder, 0, sender=holder)  # long only
    assert collateral.balanceOf(holder) == settle_split(to_holder, cpp, capped)[0]

    short_only = minted // 3
    pair.settle(0, short_only, sender=sponsor)
    paid_short = collateral.balanceOf(sponsor)
    assert paid_short == settle_split(short_only, cpp, capped)[1]

    rest_long, rest_short = minted - to_holder, minted - short_only
    pair.settle(rest_long, rest_short, sender=sponsor)  # both sides in one call
    assert collateral.balanceOf(sponsor) - paid_short == (
        settle_split(rest_long, cpp, capped)[0] + settle_split(rest_short, cpp, capped)[1]
    )
    paid = collateral.balanceOf(holder) + collateral.balanceOf(sponsor)
    assert paid <= minted * cpp // WAD <= needed  # settles never pay more than was locked
    assert collateral.balanceOf(pair) == needed - paid

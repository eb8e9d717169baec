"""Hostile payout libraries and oracle answers at the int256 extremes.

- A library answering more than 1e18 is capped at 1e18: longs take everything, shorts nothing.
- A library that reverts makes every ``settle`` revert with its error and fixes nothing; ``redeem``
  of full pairs keeps working, but a holder of one side only cannot exit until the library
  answers (the library is fixed at launch: choose it carefully).
- Normal expiry: type(int256).max, min + 1 and min are passed to the library as they are (min is
  not the ignore price there), stored in full (outside int128: the wide slot) and paid at the
  library's answer, for six real libraries.
- Early expiry: type(int256).min is the ignore price (rejected: the pair stays open); min + 1 and
  max are ordinary answers (accepted: the pair settles early at the library's answer).
"""

import ape
import pytest

from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.payouts import INT256_MAX, INT256_MIN, LIBRARIES
from tests.unit.adversarial.conftest import answer, to_expiry

WAD = 10**18
UNIT = 10**18

TWINS = {
    "Linear": LIBRARIES["Linear"](100 * WAD, 0),
    "BinaryOption": LIBRARIES["BinaryOption"](0),
    "CoveredCall": LIBRARIES["CoveredCall"](WAD),
    "RangeBond": LIBRARIES["RangeBond"](2 * WAD, WAD),
    "SuccessToken": LIBRARIES["SuccessToken"](WAD, WAD // 2),
    "BoundedLog": LIBRARIES["BoundedLog"](WAD, 100 * WAD),
}
EXTREMES = {"max": INT256_MAX, "min+1": INT256_MIN + 1, "min": INT256_MIN}


@pytest.fixture
def token(make_collateral):
    return make_collateral(18, final_fee=0)


def _mint(pair, token, account, pairs):
    token.mint(account, pairs * UNIT, sender=account)
    token.approve(pair, pairs * UNIT, sender=account)
    pair.create(pairs * UNIT, sender=account)


def _expire(chain, pair, token, requester):
    token.mint(requester, pair.proposerReward(), sender=requester)
    token.approve(pair, pair.proposerReward(), sender=requester)
    to_expiry(chain, pair)
    pair.expire(sender=requester)


@pytest.mark.parametrize("share", [WAD + 1, 2**256 - 1], ids=["1e18+1", "uint256-max"])
def test_library_above_one__share_capped__longs_take_all(
    chain,
    launch,
    token,
    payout_mock,
    launcher,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    share,
):
    pair = launch(token)
    _mint(pair, token, sponsor, 100)
    payout_mock.setValueToReturn(share, sender=launcher)
    _expire(chain, pair, token, requester)
    answer(chain, optimistic_oracle, pair, proposer, WAD)
    before = token.balanceOf(sponsor)
    pair.settle(0, 100 * UNIT, sender=sponsor)  # shorts first: worth nothing
    assert token.balanceOf(sponsor) == before
    assert pair.expiryPercentLong() == WAD
    pair.settle(100 * UNIT, 0, sender=sponsor)
    assert token.balanceOf(sponsor) == before + 100 * UNIT
    assert token.balanceOf(pair) == 0


def test_library_reverts__settle_never_fixes__full_pairs_redeem_lone_sides_stuck(
    chain,
    launch,
    token,
    reverting_payout_mock,
    sponsor,
    holder,
    requester,
    proposer,
    optimistic_oracle,
):
    pair = launch(token, library=reverting_payout_mock, parameters=None)
    _mint(pair, token, sponsor, 100)
    from ape import project

    project.PositionToken.at(pair.longToken()).transfer(holder, 40 * UNIT, sender=sponsor)
    _expire(chain, pair, token, requester)
    answer(chain, optimistic_oracle, pair, proposer, WAD)
    for account, amounts in ((holder, (40 * UNIT, 0)), (sponsor, (60 * UNIT, 100 * UNIT))):
        with ape.reverts(reverting_payout_mock.MockLibraryRefused, longShortPair=pair.address):
            pair.settle(*amounts, sender=account)
    assert pair.receivedSettlementPrice() is False
    assert pair.pairState() == PairState.ExpiryPriceAvailable
    before = token.balanceOf(sponsor)
    pair.redeem(60 * UNIT, sender=sponsor)  # full pairs still exit at collateralPerPair
    assert token.balanceOf(sponsor) == before + 60 * UNIT
    assert pair.getPositionTokens(holder) == (40 * UNIT, 0)  # nothing to pair it with: stuck
    assert token.balanceOf(pair) == 40 * UNIT


@pytest.mark.parametrize("price_name", list(EXTREMES))
@pytest.mark.parametrize("name", list(TWINS))
def test_expiry_price_at_int256_extreme__passed_to_library__paid_at_its_answer(
    chain,
    launch,
    token,
    payout_libraries,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    name,
    price_name,
):
    twin, price = TWINS[name], EXTREMES[price_name]
    pair = launch(token, library=payout_libraries[name], parameters=twin.encode_parameters())
    _mint(pair, token, sponsor, 100)
    _expire(chain, pair, token, requester)
    answer(chain, optimistic_oracle, pair, proposer, price)
    share = min(twin.percentage_long(price), WAD)
    before = token.balanceOf(sponsor)
    pair.settle(100 * UNIT, 0, sender=sponsor)
    assert pair.expiryPrice() == price
    assert pair.expiryPercentLong() == share
    assert token.balanceOf(sponsor) - before == 100 * UNIT * share // WAD
    pair.settle(0, 100 * UNIT, sender=sponsor)
    assert token.balanceOf(sponsor) - before == (
        100 * UNIT * share // WAD + 100 * UNIT * (WAD - share) // WAD
    )


@pytest.mark.parametrize("price_name", list(EXTREMES))
def test_early_answer_at_int256_extreme__only_min_rejects(
    chain,
    launch,
    token,
    payout_libraries,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    price_name,
):
    twin, price = TWINS["Linear"], EXTREMES[price_name]
    pair = launch(token, library=payout_libraries["Linear"], parameters=twin.encode_parameters())
    _mint(pair, token, sponsor, 100)
    token.mint(requester, pair.proposerReward(), sender=requester)
    token.approve(pair, pair.proposerReward(), sender=requester)
    early = chain.pending_timestamp - 1
    pair.requestEarlyExpiration(early, sender=requester)
    answer(chain, optimistic_oracle, pair, proposer, price, early=True)
    if price == IGNORE_PRICE:
        assert pair.pairState() == PairState.Open
        with ape.reverts(pair.EarlyExpirationRejected, earlyExpirationTimestamp=early):
            pair.settle(100 * UNIT, 100 * UNIT, sender=sponsor)
        assert pair.isContractEarlyExpired.call() is False
        return
    assert pair.pairState() == PairState.EarlyExpired
    assert chain.pending_timestamp < pair.expirationTimestamp()
    pair.settle(100 * UNIT, 100 * UNIT, sender=sponsor)
    assert pair.expiryPrice() == price
    assert pair.expiryPercentLong() == min(twin.percentage_long(price), WAD)
    assert token.balanceOf(pair) == 0

"""Early-expiry requests used to block a pair: what an attacker can do, what it cannot, what it pays.

Figures (raw units, reward R, bond B, final fee F as set below), all asserted to the wei:
- Each request costs the attacker the proposer reward R (pulled by the pair, paid to whoever
  answers it). A rejected request is forfeited.
- While a request waits for an answer the pair refuses ``expire``, ``settle`` and other early
  requests with ``EarlyExpirationPending``; ``create`` and ``redeem`` keep working.
- An unanswered request blocks ``expire`` indefinitely, even after expiry: the system relies on
  someone proposing (the reward pays for it). Once answered with the ignore price and liveness
  passes (or the DVM answers), ``expire`` works and the life continues normally.
- After expiry no new request is possible (``OnlyPreExpiration``), so the block lasts at most one
  answer of the last request: a liveness, or a DVM round if the attacker disputes, which costs it
  its bond and final fee (B + F; the proposer nets ceil(B / 2) + R, the Store F + floor(B / 2)).
- A timestamp already asked cannot be asked again; holders are paid in full at the true price.
"""

import ape
import pytest

from kpi_options.chain.pair import IGNORE_PRICE, PairState
from tests.unit.adversarial.conftest import to_expiry

WAD = 10**18
REWARD, BOND, FINAL_FEE = 5 * WAD, 7 * WAD + 1, 2 * WAD


@pytest.fixture
def setup(
    chain, make_collateral, launch, sponsor, attacker, proposer, requester, optimistic_oracle
):
    """A pair (reward R, bond B, final fee F, expiry in 30 days) with 100 pairs minted by
    ``sponsor``; the attacker funds 10 requests and disputes, the proposer and requester what
    they need."""
    token = make_collateral(18, final_fee=FINAL_FEE)
    pair = launch(
        token,
        proposer_reward=REWARD,
        optimistic_oracle_proposer_bond=BOND,
        expiration_timestamp=chain.pending_timestamp + 30 * 86_400,
    )
    amounts = {
        sponsor: (100 * WAD, pair),
        attacker: (10 * REWARD, pair),
        requester: (REWARD, pair),
    }
    for account, (amount, spender) in amounts.items():
        token.mint(account, amount, sender=account)
        token.approve(spender, amount, sender=account)
    for account in (attacker, proposer):
        token.mint(account, 10 * (BOND + FINAL_FEE), sender=account)
        token.approve(optimistic_oracle, 10 * (BOND + FINAL_FEE), sender=account)
    pair.create(100 * WAD, sender=sponsor)
    return pair, token


def _early(pair, optimistic_oracle, method, *args, sender):
    return getattr(optimistic_oracle, method)(
        pair,
        pair.priceIdentifier(),
        pair.earlyExpirationTimestamp(),
        pair.getEarlyExpirationAncillaryData(),
        *args,
        sender=sender,
    )


def _settle_at_true_price(
    chain, pair, optimistic_oracle, proposer, requester, payout_mock, launcher
):
    """The normal end: expire, propose, liveness, everyone can settle (share 0.6)."""
    payout_mock.setValueToReturn(6 * WAD // 10, sender=launcher)
    pair.expire(sender=requester)
    optimistic_oracle.proposePrice(
        pair,
        pair.priceIdentifier(),
        pair.expirationTimestamp(),
        pair.customAncillaryData(),
        WAD,
        sender=proposer,
    )
    chain.mine(1, timestamp=chain.pending_timestamp + pair.optimisticOracleLivenessTime())


def test_request_left_unanswered_at_expiry__blocks_expire_until_someone_proposes(
    chain, setup, attacker, proposer, requester, sponsor, optimistic_oracle, payout_mock, launcher
):
    pair, token = setup
    attacker_start, proposer_start = token.balanceOf(attacker), token.balanceOf(proposer)
    to_expiry(chain, pair, extra=-2)
    early = chain.pending_timestamp - 1
    pair.requestEarlyExpiration(early, sender=attacker)
    assert token.balanceOf(attacker) == attacker_start - REWARD
    to_expiry(chain, pair, extra=30 * 86_400)  # a month after expiry, nobody has answered
    assert pair.pairState() == PairState.EarlyExpiryPending
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=early):
        pair.expire(sender=requester)
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=early):
        pair.settle(100 * WAD, 100 * WAD, sender=sponsor)
    pair.redeem(10 * WAD, sender=sponsor)  # full pairs still exit
    # An honest proposer rejects the early expiry; after liveness the pair expires normally.
    _early(pair, optimistic_oracle, "proposePrice", IGNORE_PRICE, sender=proposer)
    chain.mine(1, timestamp=chain.pending_timestamp + pair.optimisticOracleLivenessTime())
    assert pair.pairState() == PairState.ExpiredUnrequested
    with ape.reverts(
        pair.OnlyPreExpiration,
        expirationTimestamp=pair.expirationTimestamp(),
        currentTime=chain.pending_timestamp,
    ):
        pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=attacker)
    _settle_at_true_price(
        chain, pair, optimistic_oracle, proposer, requester, payout_mock, launcher
    )
    pair.settle(90 * WAD, 90 * WAD, sender=sponsor)
    assert token.balanceOf(sponsor) == 100 * WAD  # 10 redeemed + 90 * (0.6 + 0.4)
    assert token.balanceOf(attacker) == attacker_start - REWARD  # the forfeited reward
    # The proposer earned both rewards (early rejection and expiry price), bonds returned.
    assert token.balanceOf(proposer) == proposer_start + 2 * REWARD


def test_repeated_rejected_requests__each_costs_the_reward__holders_unaffected(
    chain, setup, attacker, proposer, requester, sponsor, optimistic_oracle, payout_mock, launcher
):
    pair, token = setup
    attacker_start, proposer_start = token.balanceOf(attacker), token.balanceOf(proposer)
    rounds = 3
    for _ in range(rounds):
        early = chain.pending_timestamp - 1
        pair.requestEarlyExpiration(early, sender=attacker)
        # While it is pending, a legitimate early request is refused ...
        with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=early):
            pair.requestEarlyExpiration(early - 1, sender=requester)
        # ... but creating and redeeming are not.
        pair.redeem(WAD, sender=sponsor)
        token.approve(pair, WAD, sender=sponsor)
        pair.create(WAD, sender=sponsor)
        _early(pair, optimistic_oracle, "proposePrice", IGNORE_PRICE, sender=proposer)
        chain.mine(1, timestamp=chain.pending_timestamp + pair.optimisticOracleLivenessTime())
        assert pair.pairState() == PairState.Open
        with ape.reverts(pair.EarlyExpirationTimestampReused, earlyExpirationTimestamp=early):
            pair.requestEarlyExpiration(early, sender=attacker)
    _early(pair, optimistic_oracle, "settle", sender=proposer)  # collect the last reward
    assert token.balanceOf(attacker) == attacker_start - rounds * REWARD
    assert token.balanceOf(proposer) == proposer_start + rounds * REWARD
    to_expiry(chain, pair)
    _settle_at_true_price(
        chain, pair, optimistic_oracle, proposer, requester, payout_mock, launcher
    )
    pair.settle(100 * WAD, 100 * WAD, sender=sponsor)
    assert token.balanceOf(sponsor) == 100 * WAD
    assert token.balanceOf(pair) == 0


def test_attacker_disputes_honest_rejection__loses_bond__blocks_one_dvm_round(
    chain,
    setup,
    attacker,
    proposer,
    requester,
    sponsor,
    deployer,
    optimistic_oracle,
    dvm,
    store,
    payout_mock,
    launcher,
):
    pair, token = setup
    attacker_start, proposer_start = token.balanceOf(attacker), token.balanceOf(proposer)
    to_expiry(chain, pair, extra=-100)
    pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=attacker)
    _early(pair, optimistic_oracle, "proposePrice", IGNORE_PRICE, sender=proposer)
    _early(pair, optimistic_oracle, "disputePrice", sender=attacker)
    to_expiry(chain, pair, extra=7 * 86_400)  # the DVM takes its time; the pair waits
    early = pair.earlyExpirationTimestamp()
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=early):
        pair.expire(sender=requester)
    stamped = optimistic_oracle.stampAncillaryData(pair.getEarlyExpirationAncillaryData(), pair)
    dvm.pushPrice(pair.priceIdentifier(), early, stamped, IGNORE_PRICE, sender=deployer)
    _settle_at_true_price(
        chain, pair, optimistic_oracle, proposer, requester, payout_mock, launcher
    )
    pair.settle(100 * WAD, 100 * WAD, sender=sponsor)
    assert token.balanceOf(sponsor) == 100 * WAD
    # Attacker: the reward and its whole dispute deposit are gone.
    assert token.balanceOf(attacker) == attacker_start - REWARD - (BOND + FINAL_FEE)
    # Proposer: its bond back, the unburned half of the attacker's (rounded up), both rewards.
    assert token.balanceOf(proposer) == proposer_start + (BOND - BOND // 2) + 2 * REWARD
    assert token.balanceOf(store) == FINAL_FEE + BOND // 2

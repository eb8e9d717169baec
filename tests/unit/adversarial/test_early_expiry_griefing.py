"""Early-expiry requests used to block a pair: what an attacker can do, what it cannot, what it pays.

Review finding M-1: early requests are no longer serial. A pending request never keeps another one
out, so a griefer who requests an old timestamp and proposes the (true) ignore price in the same
transaction, first in every round, no longer delays an honest party whose goal is met: its request
goes in at once and, once the oracle has answered it with a real price (one liveness), asking for
its timestamp again records the early expiry even if newer griefing requests sit on top of it.

Figures (raw units, reward R, bond B, final fee F as set below), all asserted to the wei:
- Each request costs the attacker the proposer reward R (pulled by the pair, paid to whoever
  answers it). A rejected request is forfeited unless the attacker answers it himself.
- While the latest request waits for an answer the pair refuses ``expire`` and ``settle`` with
  ``EarlyExpirationPending``; ``create``, ``redeem`` and new early requests keep working.
- An unanswered request blocks ``expire`` indefinitely, even after expiry: the system relies on
  someone proposing (the reward pays for it). Once answered with the ignore price and liveness
  passes (or the DVM answers), ``expire`` works and the life continues normally.
- After expiry no new request is possible (``OnlyPreExpiration``), so the block lasts at most one
  answer of the last request: a liveness, or a DVM round if the attacker disputes, which costs it
  its bond and final fee (B + F; the proposer nets ceil(B / 2) + R, the Store F + floor(B / 2)).
- A timestamp already asked cannot be asked again; holders are paid in full at the true price.
- Requests before the pair's launch are refused (``EarlyExpirationBeforeLaunch``).
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
        # While it is pending, its own timestamp cannot be asked again ...
        with ape.reverts(pair.EarlyExpirationTimestampReused, earlyExpirationTimestamp=early):
            pair.requestEarlyExpiration(early, sender=requester)
        # ... but creating and redeeming still work.
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


def _griefer(project, deployer, token, rounds):
    """An ``EarlyExpiryGriefer`` funded for ``rounds`` rounds (reward, bond and final fee each)."""
    griefer = deployer.deploy(project.EarlyExpiryGriefer)
    token.mint(griefer, rounds * (REWARD + BOND + FINAL_FEE), sender=deployer)
    return griefer


def test_griefer_first_every_round__honest_goal_met__early_expired_within_two_liveness(
    chain,
    project,
    deployer,
    setup,
    attacker,
    proposer,
    requester,
    sponsor,
    optimistic_oracle,
    payout_mock,
    launcher,
):
    """M-1: the griefer requests an old timestamp and proposes the ignore price in the same
    transaction, first in every round; the honest requester still gets in at once and the pair
    early-expires at its request within two liveness periods of it. Invariants: I-12."""
    pair, token = setup
    liveness = pair.optimisticOracleLivenessTime()
    griefer = _griefer(project, deployer, token, rounds=3)
    griefer_start = token.balanceOf(griefer)
    old = chain.blocks.head.timestamp  # the goal was not met then: "ignore" is the true answer
    chain.mine(1, timestamp=chain.pending_timestamp + 86_400)  # the goal is met now
    payout_mock.setValueToReturn(WAD, sender=launcher)

    # Round 1: the griefer first, then the honest request (today's code refused it as pending).
    griefer.grief(pair, optimistic_oracle, old, 0, sender=attacker)
    honest = chain.pending_timestamp - 1
    pair.requestEarlyExpiration(honest, sender=requester)
    requested_at = chain.blocks.head.timestamp
    _early(pair, optimistic_oracle, "proposePrice", WAD, sender=proposer)  # the true answer
    # Round 2, mid-liveness, and round 3, once liveness is over: the griefer again first, its
    # newer requests now on top of the honest one.
    chain.mine(1, timestamp=requested_at + liveness // 2)
    griefer.grief(pair, optimistic_oracle, old + 1, 0, sender=attacker)
    chain.mine(1, timestamp=requested_at + liveness)
    griefer.grief(pair, optimistic_oracle, old + 2, old, sender=attacker)
    assert pair.earlyExpirationTimestamp() == old + 2
    assert pair.pairState() == PairState.EarlyExpiryPending

    # The honest party asks for its own timestamp again: answered with a real price, so accepted.
    reward_before = token.balanceOf(requester)
    receipt = pair.requestEarlyExpiration(honest, sender=requester)
    assert chain.blocks.head.timestamp <= requested_at + 2 * liveness
    assert receipt.events.filter(pair.EarlyExpirationAccepted) == [
        pair.EarlyExpirationAccepted(caller=requester, earlyExpirationTimestamp=honest)
    ]
    assert receipt.events.filter(pair.EarlyExpirationRequested) == []
    assert token.balanceOf(requester) == reward_before  # nothing pulled for the acceptance
    assert pair.earlyExpirationTimestamp() == honest
    assert pair.pairState() == PairState.EarlyExpired
    assert pair.isContractEarlyExpired(sender=sponsor).return_value is True
    # No further round is possible (called directly: a revert bubbling up through the griefer
    # contract is not always decoded with the pair's errors).
    with ape.reverts(pair.ContractEarlyExpired, earlyExpirationTimestamp=honest):
        pair.requestEarlyExpiration(old + 3, sender=attacker)
    pair.settle(100 * WAD, 100 * WAD, sender=sponsor)
    assert token.balanceOf(sponsor) == 100 * WAD
    assert pair.expiryPrice() == WAD
    # The griefer's rounds were answered by itself: once settled it has everything back, and it
    # bought no delay at all.
    chain.mine(1, timestamp=chain.pending_timestamp + liveness)
    for timestamp in (old + 1, old + 2):
        optimistic_oracle.settle(
            pair,
            pair.priceIdentifier(),
            timestamp,
            pair.getEarlyExpirationAncillaryData(),
            sender=attacker,
        )
    assert token.balanceOf(griefer) == griefer_start


def test_request_early__pending_latest__new_request_allowed_and_becomes_latest(
    chain, setup, attacker, requester
):
    """M-1: a pending request does not keep a new one out. Invariants: I-12."""
    pair, token = setup
    first = chain.pending_timestamp - 1
    pair.requestEarlyExpiration(first, sender=attacker)
    assert pair.pairState() == PairState.EarlyExpiryPending
    second = chain.pending_timestamp - 1
    receipt = pair.requestEarlyExpiration(second, sender=requester)
    assert receipt.events.filter(pair.EarlyExpirationRequested) == [
        pair.EarlyExpirationRequested(caller=requester, earlyExpirationTimeStamp=second)
    ]
    assert pair.earlyExpirationTimestamp() == second
    with ape.reverts(pair.EarlyExpirationTimestampReused, earlyExpirationTimestamp=first):
        pair.requestEarlyExpiration(first, sender=requester)


def test_request_early__before_launch__reverts_with_both_timestamps(chain, setup, attacker):
    """M-1 spam bound: no request older than the pair itself."""
    pair, token = setup
    launched = pair.launchTimestamp()
    assert 0 < launched <= chain.blocks.head.timestamp
    with ape.reverts(
        pair.EarlyExpirationBeforeLaunch,
        earlyExpirationTimestamp=launched - 1,
        launchTimestamp=launched,
    ):
        pair.requestEarlyExpiration(launched - 1, sender=attacker)
    pair.requestEarlyExpiration(launched, sender=attacker)
    assert pair.earlyExpirationTimestamp() == launched


def test_request_early__superseded_request_rejected__asking_again_reverts_reused(
    chain, setup, attacker, requester, proposer, optimistic_oracle
):
    """An older request answered with the ignore price is not accepted by asking again."""
    pair, token = setup
    first = chain.pending_timestamp - 1
    pair.requestEarlyExpiration(first, sender=requester)
    _early(pair, optimistic_oracle, "proposePrice", IGNORE_PRICE, sender=proposer)
    pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=attacker)
    chain.mine(1, timestamp=chain.pending_timestamp + pair.optimisticOracleLivenessTime())
    with ape.reverts(pair.EarlyExpirationTimestampReused, earlyExpirationTimestamp=first):
        pair.requestEarlyExpiration(first, sender=requester)
    assert pair.pairState() == PairState.EarlyExpiryPending  # the latest is still unanswered

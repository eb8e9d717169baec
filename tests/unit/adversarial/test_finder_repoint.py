"""Review finding I-2: the Finder's "OptimisticOracleV2" entry is repointed while a pair has requests.

The pair pins the oracle the Finder named at launch (``optimisticOracle()``): its pending early
request stays answerable and settleable there, ``isContractEarlyExpired``, ``settle`` and
``expire`` keep working, and the expiry request goes to the same oracle. (Before the fix the pair
looked the oracle up at every call: after a repoint every one of those reverted forever.)
"""

import ape

from kpi_options.chain.pair import IGNORE_PRICE, PairState
from tests.unit.adversarial.conftest import REWARD, answer, to_expiry

WAD = 10**18


def _repoint(project, deployer, finder):
    """Register a fresh MockOptimisticOracleV2 under "OptimisticOracleV2"; returns it."""
    newer = deployer.deploy(project.MockOptimisticOracleV2, 7200, finder)
    finder.changeImplementationAddress(
        b"OptimisticOracleV2".ljust(32, b"\0"), newer, sender=deployer
    )
    return newer


def _funded_pair(make_collateral, launch, sponsor, requester):
    token = make_collateral(18, final_fee=0)
    pair = launch(token)
    for account, amount in ((sponsor, 100 * WAD), (requester, 10 * REWARD)):
        token.mint(account, amount, sender=account)
        token.approve(pair, amount, sender=account)
    pair.create(100 * WAD, sender=sponsor)
    return pair, token


def test_finder_repointed__pending_early_request__answered_at_old_oracle_and_pair_early_expires(
    chain,
    project,
    deployer,
    finder,
    make_collateral,
    launch,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
):
    """Invariants: I-12 (docs/INVARIANTS.md)."""
    pair, token = _funded_pair(make_collateral, launch, sponsor, requester)
    assert pair.optimisticOracle() == optimistic_oracle.address
    pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=requester)
    newer = _repoint(project, deployer, finder)
    assert pair.optimisticOracle() == optimistic_oracle.address  # pinned, not looked up
    assert pair.pairState() == PairState.EarlyExpiryPending
    answer(chain, optimistic_oracle, pair, proposer, 5 * WAD, early=True)
    assert pair.pairState() == PairState.EarlyExpired
    assert pair.isContractEarlyExpired(sender=sponsor).return_value is True
    payout_mock.setValueToReturn(WAD // 4, sender=launcher)
    pair.settle(100 * WAD, 100 * WAD, sender=sponsor)
    assert token.balanceOf(sponsor) == 100 * WAD
    assert pair.expiryPrice() == 5 * WAD
    assert (
        newer.getState(
            pair,
            pair.priceIdentifier(),
            pair.earlyExpirationTimestamp(),
            pair.getEarlyExpirationAncillaryData(),
        )
        == 0
    )  # Invalid: the new oracle never saw the pair


def test_finder_repointed__rejected_early_then_expiry__expire_and_settle_at_old_oracle(
    chain,
    project,
    deployer,
    finder,
    make_collateral,
    launch,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
):
    pair, token = _funded_pair(make_collateral, launch, sponsor, requester)
    pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=requester)
    _repoint(project, deployer, finder)
    answer(chain, optimistic_oracle, pair, proposer, IGNORE_PRICE, early=True)
    assert pair.isContractEarlyExpired(sender=sponsor).return_value is False
    to_expiry(chain, pair)
    receipt = pair.expire(sender=requester)
    assert len(receipt.events.filter(optimistic_oracle.RequestPrice)) == 1
    answer(chain, optimistic_oracle, pair, proposer, WAD)
    payout_mock.setValueToReturn(WAD // 4, sender=launcher)
    pair.settle(100 * WAD, 0, sender=sponsor)
    assert token.balanceOf(sponsor) == 25 * WAD
    with ape.reverts(pair.ExpiryAlreadyRequested):
        pair.expire(sender=requester)

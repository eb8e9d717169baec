"""Early expiration (UMA §9.2 items 25-36) plus disputed early requests, over 6, 8 and 18 decimals."""

import ape
import pytest

from kpi_options.ancillary.general_kpi import early_expiration_data
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from tests.fixtures.pair import (
    ANCILLARY,
    WAD,
    advance,
    fund,
    propose,
    propose_early_price,
    propose_expiry_price,
)


@pytest.fixture
def unit(collateral_decimals):
    """One whole collateral token, raw units."""
    return 10**collateral_decimals


@pytest.fixture
def minted(chain, early_pair, collateral, sponsor, unit):
    """``sponsor`` holds 100 long + 100 short of ``early_pair``; 500 s have passed."""
    fund(collateral, sponsor, 100 * unit, early_pair)
    early_pair.create(100 * unit, sender=sponsor)
    advance(chain, 500)
    return 100 * unit


def request_early(chain, pair, requester):
    """Request an early expiry 10 s in the past; returns its timestamp."""
    timestamp = chain.pending_timestamp - 10
    pair.requestEarlyExpiration(timestamp, sender=requester)
    return timestamp


def test_early_ancillary_data__custom_plus_suffix(early_pair):
    assert early_pair.getEarlyExpirationAncillaryData() == ANCILLARY + b",earlyExpiration:1"
    assert early_expiration_data(ANCILLARY) == ANCILLARY + b",earlyExpiration:1"


def test_early_expiry__accepted__settles_before_expiry_at_early_price(
    chain,
    early_pair,
    collateral,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
    minted,
):
    """Invariants: I-12 (docs/INVARIANTS.md)."""
    pair = early_pair
    timestamp = chain.pending_timestamp - 10
    receipt = pair.requestEarlyExpiration(timestamp, sender=requester)
    assert receipt.events.filter(pair.EarlyExpirationRequested) == [
        pair.EarlyExpirationRequested(caller=requester, earlyExpirationTimeStamp=timestamp)
    ]
    requests = receipt.events.filter(optimistic_oracle.RequestPrice)
    assert requests[0].ancillaryData == pair.getEarlyExpirationAncillaryData()
    assert pair.earlyExpirationTimestamp() == timestamp
    assert pair.pairState() == PairState.EarlyExpiryPending

    payout_mock.setValueToReturn(3 * WAD // 4, sender=launcher)
    propose_early_price(chain, optimistic_oracle, pair, proposer, 42 * WAD)
    assert pair.pairState() == PairState.EarlyExpired
    pair.settle(100 * unit, 100 * unit, sender=sponsor)
    assert collateral.balanceOf(sponsor) == 100 * unit
    assert pair.expiryPrice() == 42 * WAD
    assert pair.receivedSettlementPrice() is True
    # UMA quirk kept: create stays open before expiry (value-neutral at the fixed price).
    assert chain.pending_timestamp < pair.expirationTimestamp()


def test_request_early__future_zero_or_disabled__reverts_with_values(
    chain, early_pair, pair, requester, minted
):
    """Invariants: I-12 (docs/INVARIANTS.md)."""
    future = chain.pending_timestamp + 100
    with ape.reverts(early_pair.EarlyExpirationInFuture, earlyExpirationTimestamp=future):
        early_pair.requestEarlyExpiration(future, sender=requester)
    with ape.reverts(early_pair.EarlyExpirationZero):
        early_pair.requestEarlyExpiration(0, sender=requester)
    with ape.reverts(pair.EarlyExpirationDisabled):
        pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=requester)
    advance(chain, early_pair.expirationTimestamp() - chain.pending_timestamp)
    with ape.reverts(early_pair.OnlyPreExpiration):
        early_pair.requestEarlyExpiration(chain.pending_timestamp - 1, sender=requester)


def test_early_expiry__rejected__settle_blocked_then_new_timestamp_allowed(
    chain, early_pair, sponsor, requester, proposer, optimistic_oracle, minted
):
    """Invariants: I-12, I-17 (docs/INVARIANTS.md)."""
    pair = early_pair
    first = request_early(chain, pair, requester)
    # Pending: its timestamp cannot be asked again, settle waits (a new timestamp could be asked,
    # requests are not serial: tests/unit/adversarial/test_early_expiry_griefing.py).
    with ape.reverts(pair.EarlyExpirationTimestampReused, earlyExpirationTimestamp=first):
        pair.requestEarlyExpiration(first, sender=requester)
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=first):
        pair.settle(1, 1, sender=sponsor)
    propose_early_price(chain, optimistic_oracle, pair, proposer, IGNORE_PRICE)
    assert pair.pairState() == PairState.Open
    with ape.reverts(pair.EarlyExpirationRejected, earlyExpirationTimestamp=first):
        pair.settle(1, 1, sender=sponsor)
    assert pair.isContractEarlyExpired(sender=sponsor).return_value is False
    with ape.reverts(pair.EarlyExpirationTimestampReused, earlyExpirationTimestamp=first):
        pair.requestEarlyExpiration(first, sender=requester)
    with ape.reverts(pair.OnlyPostExpiration):
        pair.expire(sender=requester)
    second = first + 10
    pair.requestEarlyExpiration(second, sender=requester)
    assert pair.earlyExpirationTimestamp() == second


def test_early_expiry__accepted__expire_and_new_requests_refused_forever(
    chain, early_pair, requester, proposer, optimistic_oracle, minted
):
    """Invariants: I-12 (docs/INVARIANTS.md)."""
    pair = early_pair
    timestamp = request_early(chain, pair, requester)
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=timestamp):
        pair.expire(sender=requester)
    propose(
        optimistic_oracle, pair, proposer, timestamp, pair.getEarlyExpirationAncillaryData(), WAD
    )
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=timestamp):
        pair.expire(sender=requester)
    advance(chain, 7200)
    for call in (
        lambda: pair.requestEarlyExpiration(timestamp, sender=requester),
        lambda: pair.requestEarlyExpiration(timestamp + 1, sender=requester),
        lambda: pair.expire(sender=requester),
    ):
        with ape.reverts(pair.ContractEarlyExpired, earlyExpirationTimestamp=timestamp):
            call()
    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp)
    with ape.reverts(pair.ContractEarlyExpired, earlyExpirationTimestamp=timestamp):
        pair.expire(sender=requester)
    assert pair.isContractEarlyExpired(sender=requester).return_value is True


def test_early_expiry__rejected_after_expiry__expire_then_normal_price(
    chain,
    early_pair,
    collateral,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
    minted,
):
    """Invariants: I-16 (docs/INVARIANTS.md)."""
    pair = early_pair
    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp - 100)
    timestamp = request_early(chain, pair, requester)
    propose(
        optimistic_oracle,
        pair,
        proposer,
        timestamp,
        pair.getEarlyExpirationAncillaryData(),
        IGNORE_PRICE,
    )
    advance(chain, 200)  # past expiry, liveness still running
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=timestamp):
        pair.expire(sender=requester)
    assert pair.pairState() == PairState.EarlyExpiryPending
    advance(chain, 7200)
    assert pair.pairState() == PairState.ExpiredUnrequested
    # Settling now reads the rejection; past expiry that sends the holder to the expiry request,
    # which nobody has made yet, and once made, has no price yet.
    with ape.reverts(pair.ExpiryNotRequested):
        pair.settle(100 * unit, 0, sender=sponsor)
    receipt = pair.expire(sender=requester)
    normal = receipt.events.filter(optimistic_oracle.RequestPrice)
    assert normal[0].event_arguments["timestamp"] == pair.expirationTimestamp()
    assert normal[0].ancillaryData == ANCILLARY
    with ape.reverts(pair.ExpiryPricePending):
        pair.settle(100 * unit, 0, sender=sponsor)
    payout_mock.setValueToReturn(3 * WAD // 4, sender=launcher)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, WAD)
    pair.settle(100 * unit, 0, sender=sponsor)
    assert collateral.balanceOf(sponsor) == 75 * unit


def test_early_expiry__accepted_right_before_expiry__settles_at_early_price(
    chain,
    early_pair,
    collateral,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
    minted,
):
    pair = early_pair
    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp - 100)
    request_early(chain, pair, requester)
    payout_mock.setValueToReturn(WAD // 2, sender=launcher)
    propose_early_price(chain, optimistic_oracle, pair, proposer, WAD)
    assert chain.pending_timestamp > pair.expirationTimestamp()
    with ape.reverts(pair.ContractEarlyExpired):
        pair.expire(sender=requester)
    pair.settle(100 * unit, 0, sender=sponsor)
    assert collateral.balanceOf(sponsor) == 50 * unit


def test_early_expiry__disputed__dvm_decides_both_ways(
    chain,
    early_pair,
    sponsor,
    requester,
    proposer,
    disputer,
    optimistic_oracle,
    dvm,
    deployer,
    minted,
):
    """Invariants: I-12, I-16 (docs/INVARIANTS.md)."""
    pair = early_pair
    timestamp = request_early(chain, pair, requester)
    data = pair.getEarlyExpirationAncillaryData()
    propose(optimistic_oracle, pair, proposer, timestamp, data, WAD)
    optimistic_oracle.disputePrice(pair, pair.priceIdentifier(), timestamp, data, sender=disputer)
    assert pair.pairState() == PairState.EarlyExpiryPending
    with ape.reverts(pair.EarlyExpirationPending, earlyExpirationTimestamp=timestamp):
        pair.settle(1, 1, sender=sponsor)
    stamped = optimistic_oracle.stampAncillaryData(data, pair)
    dvm.pushPrice(pair.priceIdentifier(), timestamp, stamped, IGNORE_PRICE, sender=deployer)
    assert pair.pairState() == PairState.EarlyExpiryPending  # Resolved but not settled in the OO
    with ape.reverts(pair.EarlyExpirationRejected, earlyExpirationTimestamp=timestamp):
        pair.settle(1, 1, sender=sponsor)
    assert pair.isContractEarlyExpired(sender=sponsor).return_value is False
    assert pair.pairState() == PairState.Open

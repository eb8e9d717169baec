"""Pins the pair's expiry comparisons at exactly ``block.timestamp == expirationTimestamp`` (UMA):
``create`` and ``requestEarlyExpiration`` refuse, ``expire`` works; one second earlier it is the
other way round. A mutant that moves any of these comparisons by one second fails here.
"""

import ape
import pytest

from tests.fixtures.pair import fund

WAD = 10**18


@pytest.fixture
def at_boundary(chain, early_pair, collateral, sponsor, requester):
    """``early_pair`` with ``sponsor`` and ``requester`` funded; returns (pair, expiry)."""
    fund(collateral, sponsor, 10 * WAD, early_pair)
    fund(collateral, requester, 10 * WAD, early_pair)
    return early_pair, early_pair.expirationTimestamp()


def test_create__block_at_expiration__reverts_only_pre_expiration(chain, at_boundary, sponsor):
    pair, expiry = at_boundary
    chain.mine(1, timestamp=expiry - 2)
    assert chain.pending_timestamp == expiry - 1
    pair.create(1, sender=sponsor)  # one second before: still open
    assert chain.pending_timestamp == expiry
    with ape.reverts(pair.OnlyPreExpiration, expirationTimestamp=expiry, currentTime=expiry):
        pair.create(1, sender=sponsor)


def test_request_early__block_at_expiration__reverts_only_pre_expiration(
    chain, at_boundary, requester
):
    pair, expiry = at_boundary
    chain.mine(1, timestamp=expiry - 2)
    pair.requestEarlyExpiration(expiry - 2, sender=requester)  # at expiry - 1: allowed
    assert chain.pending_timestamp == expiry
    with ape.reverts(pair.OnlyPreExpiration, expirationTimestamp=expiry, currentTime=expiry):
        pair.requestEarlyExpiration(expiry - 1, sender=requester)


def test_expire__block_at_expiration__works_and_one_second_earlier_reverts(
    chain, at_boundary, requester
):
    pair, expiry = at_boundary
    chain.mine(1, timestamp=expiry - 2)
    assert chain.pending_timestamp == expiry - 1
    with ape.reverts(pair.OnlyPostExpiration, expirationTimestamp=expiry, currentTime=expiry - 1):
        pair.expire(sender=requester)
    assert chain.pending_timestamp == expiry
    receipt = pair.expire(sender=requester)
    assert receipt.timestamp == expiry
    assert receipt.events.filter(pair.ContractExpired) == [pair.ContractExpired(caller=requester)]

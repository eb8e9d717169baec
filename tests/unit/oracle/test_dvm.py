"""MockOracleAncillary (DVM stand-in) and ancillary-data stamping."""

import ape
import pytest
from eth_abi import encode
from eth_utils import keccak

from kpi_options.chain.oracle import identifier

from .conftest import ANCILLARY

PRICE = 42 * 10**18


@pytest.fixture
def as_oracle(finder, deployer, other):
    """Register `other` as "OptimisticOracleV2" so a plain account can make DVM requests."""
    finder.changeImplementationAddress(identifier("OptimisticOracleV2"), other, sender=deployer)
    return other


def request_id(identifier_, time, ancillary):
    return keccak(encode(["bytes32", "uint256", "bytes"], [identifier_, time, ancillary]))


def test_stamp__non_empty__appends_comma_key_and_lowercase_hex(optimistic_oracle, requester):
    stamped = optimistic_oracle.stampAncillaryData(b"q:x", requester)
    assert stamped == b"q:x,ooRequester:" + requester.address[2:].lower().encode()
    assert len(stamped) - 3 == 53


def test_stamp__empty__no_leading_comma(optimistic_oracle, requester):
    assert (
        optimistic_oracle.stampAncillaryData(b"", requester)
        == b"ooRequester:" + requester.address[2:].lower().encode()
    )


def test_stamp__longest_accepted_ancillary__fits_dvm_limit(optimistic_oracle, requester):
    """Invariants: I-11 (docs/INVARIANTS.md)."""
    assert len(optimistic_oracle.stampAncillaryData(b"a" * 8139, requester)) == 8192


def test_request__not_the_registered_oracle__reverts(dvm, general_kpi, attacker, chain):
    with ape.reverts("Caller must be registered"):
        dvm.requestPrice(general_kpi, chain.pending_timestamp - 1, b"", sender=attacker)


def test_request__checks(dvm, as_oracle, general_kpi, chain):
    with ape.reverts("Can only request in past"):
        dvm.requestPrice(general_kpi, chain.pending_timestamp + 100, b"", sender=as_oracle)
    with ape.reverts("Unsupported identifier request"):
        dvm.requestPrice(identifier("NOPE"), chain.pending_timestamp - 1, b"", sender=as_oracle)
    with ape.reverts("Invalid ancillary data"):
        dvm.requestPrice(general_kpi, chain.pending_timestamp - 1, b"a" * 8193, sender=as_oracle)
    dvm.requestPrice(general_kpi, chain.pending_timestamp - 1, b"a" * 8192, sender=as_oracle)


def test_request_then_push__lifecycle_and_events(dvm, deployer, as_oracle, general_kpi, chain):
    time = chain.pending_timestamp - 10
    with ape.reverts("Price was never requested"):
        dvm.getPrice(general_kpi, time, ANCILLARY)

    tx = dvm.requestPrice(general_kpi, time, ANCILLARY, sender=as_oracle)
    rid = request_id(general_kpi, time, ANCILLARY)
    [event] = tx.decode_logs(dvm.PriceRequestAdded)
    assert event.event_arguments == {
        "requester": as_oracle.address,
        "identifier": general_kpi,
        "time": time,
        "ancillaryData": ANCILLARY,
        "requestId": rid,
    }
    assert not dvm.hasPrice(general_kpi, time, ANCILLARY)
    with ape.reverts("Price is still to be voted on"):
        dvm.getPrice(general_kpi, time, ANCILLARY)
    assert dvm.getRequestParameters(rid) == (general_kpi, time, ANCILLARY)
    # A repeated request is a no-op.
    tx = dvm.requestPrice(general_kpi, time, ANCILLARY, sender=as_oracle)
    assert list(tx.decode_logs(dvm.PriceRequestAdded)) == []
    assert len(dvm.getPendingQueries()) == 1

    tx = dvm.pushPrice(general_kpi, time, ANCILLARY, -PRICE, sender=deployer)
    [event] = tx.decode_logs(dvm.PushedPrice)
    assert event.event_arguments == {
        "pusher": deployer.address,
        "identifier": general_kpi,
        "time": time,
        "ancillaryData": ANCILLARY,
        "price": -PRICE,
        "requestId": rid,
    }
    assert dvm.hasPrice(general_kpi, time, ANCILLARY)
    assert dvm.getPrice(general_kpi, time, ANCILLARY) == -PRICE
    assert dvm.getPendingQueries() == []
    with ape.reverts("Request ID not found"):
        dvm.getRequestParameters(rid)
    # Resolved requests are not queued again, and cannot be pushed twice.
    dvm.requestPrice(general_kpi, time, ANCILLARY, sender=as_oracle)
    assert dvm.getPendingQueries() == []
    with ape.reverts("Can't push prices that haven't been requested"):
        dvm.pushPrice(general_kpi, time, ANCILLARY, 0, sender=deployer)


def test_push__not_owner__reverts(dvm, as_oracle, attacker, general_kpi, chain):
    time = chain.pending_timestamp - 10
    dvm.requestPrice(general_kpi, time, b"", sender=as_oracle)
    with ape.reverts("Ownable: caller is not the owner"):
        dvm.pushPrice(general_kpi, time, b"", 1, sender=attacker)
    with ape.reverts("Ownable: caller is not the owner"):
        dvm.pushPriceByRequestId(request_id(general_kpi, time, b""), 1, sender=attacker)


def test_push__never_requested__reverts(dvm, deployer, general_kpi):
    with ape.reverts("Can't push prices that haven't been requested"):
        dvm.pushPrice(general_kpi, 1, b"", 1, sender=deployer)
    with ape.reverts("Request ID not found"):
        dvm.pushPriceByRequestId(request_id(general_kpi, 1, b""), 1, sender=deployer)


def test_pending_queries__resolve_middle__others_stay_pending(
    dvm, deployer, as_oracle, general_kpi, chain
):
    base = chain.pending_timestamp - 100
    for offset in range(3):
        dvm.requestPrice(general_kpi, base + offset, b"x", sender=as_oracle)
    dvm.pushPriceByRequestId(request_id(general_kpi, base + 1, b"x"), 7, sender=deployer)
    pending = sorted(query.time for query in dvm.getPendingQueries())
    assert pending == [base, base + 2]
    assert dvm.getPrice(general_kpi, base + 1, b"x") == 7
    # Both remaining requests are still addressable by id after the swap-and-pop.
    for time in (base, base + 2):
        assert dvm.getRequestParameters(request_id(general_kpi, time, b"x")) == (
            general_kpi,
            time,
            b"x",
        )
    dvm.pushPriceByRequestId(request_id(general_kpi, base + 2, b"x"), 8, sender=deployer)
    dvm.pushPriceByRequestId(request_id(general_kpi, base, b"x"), 9, sender=deployer)
    assert dvm.getPendingQueries() == []
    assert [dvm.getPrice(general_kpi, base + i, b"x") for i in range(3)] == [9, 7, 8]


def test_push__zero_price__is_available(dvm, deployer, as_oracle, general_kpi, chain):
    time = chain.pending_timestamp - 10
    dvm.requestPrice(general_kpi, time, b"", sender=as_oracle)
    dvm.pushPrice(general_kpi, time, b"", 0, sender=deployer)
    assert dvm.hasPrice(general_kpi, time, b"")
    assert dvm.getPrice(general_kpi, time, b"") == 0

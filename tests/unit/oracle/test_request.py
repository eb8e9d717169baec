"""requestPrice and the per-request settings: checks in UMA's order, limits, and the Requested-only rule."""

import ape
import pytest
from eth_utils import keccak

from kpi_options.chain.oracle import OracleState, identifier

from .conftest import ANCILLARY, fund

REWARD = 5 * 10**17
FINAL_FEE = 3 * 10**18


@pytest.fixture
def token(make_collateral):
    return make_collateral(18, final_fee=FINAL_FEE)


@pytest.fixture
def requested(optimistic_oracle, token, requester, general_kpi, request_time):
    """A plain request by ``requester`` with a reward; returns its key (identifier, timestamp, ancillary)."""
    fund(token, requester, REWARD, optimistic_oracle)
    optimistic_oracle.requestPrice(
        general_kpi, request_time, ANCILLARY, token, REWARD, sender=requester
    )
    return general_kpi, request_time, ANCILLARY


def test_constants__match_uma(optimistic_oracle):
    assert optimistic_oracle.ancillaryBytesLimit() == 8192
    assert optimistic_oracle.OO_ANCILLARY_DATA_LIMIT() == 8139
    assert optimistic_oracle.TOO_EARLY_RESPONSE() == -(2**255)
    assert optimistic_oracle.defaultLiveness() == 7200


def test_get_current_time__is_block_timestamp(optimistic_oracle, chain):
    assert optimistic_oracle.getCurrentTime() == chain.blocks.head.timestamp


@pytest.mark.parametrize(
    ("liveness", "message"), [(0, "Liveness cannot be 0"), (5200 * 7 * 86400, "Liveness too large")]
)
def test_constructor__liveness_out_of_bounds__reverts(project, deployer, finder, liveness, message):
    with ape.reverts(message):
        deployer.deploy(project.MockOptimisticOracleV2, liveness, finder)


def test_request_price__valid__records_request_pulls_reward_and_logs(
    optimistic_oracle, token, requester, general_kpi, request_time
):
    fund(token, requester, REWARD, optimistic_oracle)
    assert (
        optimistic_oracle.getState(requester, general_kpi, request_time, ANCILLARY)
        == OracleState.Invalid
    )
    tx = optimistic_oracle.requestPrice(
        general_kpi, request_time, ANCILLARY, token, REWARD, sender=requester
    )

    assert tx.return_value == 2 * FINAL_FEE
    assert token.balanceOf(requester) == 0
    assert token.balanceOf(optimistic_oracle) == REWARD
    assert (
        optimistic_oracle.getState(requester, general_kpi, request_time, ANCILLARY)
        == OracleState.Requested
    )
    req = optimistic_oracle.getRequest(requester, general_kpi, request_time, ANCILLARY)
    assert req.proposer == ape.utils.ZERO_ADDRESS
    assert req.disputer == ape.utils.ZERO_ADDRESS
    assert req.currency == token.address
    assert req.settled is False
    assert req.requestSettings.bond == FINAL_FEE
    assert req.requestSettings.customLiveness == 0
    assert not any(
        [
            req.requestSettings.eventBased,
            req.requestSettings.refundOnDispute,
            req.requestSettings.callbackOnPriceProposed,
            req.requestSettings.callbackOnPriceDisputed,
            req.requestSettings.callbackOnPriceSettled,
        ]
    )
    assert (req.proposedPrice, req.resolvedPrice, req.expirationTime) == (0, 0, 0)
    assert (req.reward, req.finalFee) == (REWARD, FINAL_FEE)

    request_id = keccak(
        bytes.fromhex(requester.address[2:])
        + general_kpi
        + request_time.to_bytes(32, "big")
        + ANCILLARY
    )
    raw = optimistic_oracle.requests(request_id)
    assert (
        raw.currency == token.address
        and raw.reward == REWARD
        and raw.requestSettings[5] == FINAL_FEE
    )  # (eventBased, ..., bond, customLiveness)

    events = list(tx.decode_logs(optimistic_oracle.RequestPrice))
    assert len(events) == 1
    # ape's log objects have a `timestamp` attribute of their own (the block's): read event arguments by name.
    assert events[0].event_arguments == {
        "requester": requester.address,
        "identifier": general_kpi,
        "timestamp": request_time,
        "ancillaryData": ANCILLARY,
        "currency": token.address,
        "reward": REWARD,
        "finalFee": FINAL_FEE,
    }


def test_request_price__zero_reward__pulls_nothing(
    optimistic_oracle, token, requester, general_kpi, request_time
):
    tx = optimistic_oracle.requestPrice(general_kpi, request_time, b"", token, 0, sender=requester)
    assert tx.return_value == 2 * FINAL_FEE
    assert token.balanceOf(optimistic_oracle) == 0


def test_request_price__same_key_twice__reverts(optimistic_oracle, token, requester, requested):
    """Invariants: I-17 (docs/INVARIANTS.md)."""
    general_kpi, request_time, anc = requested
    with ape.reverts("requestPrice: Invalid"):
        optimistic_oracle.requestPrice(general_kpi, request_time, anc, token, 0, sender=requester)


def test_request_price__same_key_other_requester__is_separate(
    optimistic_oracle, token, other, requested
):
    general_kpi, request_time, anc = requested
    optimistic_oracle.requestPrice(general_kpi, request_time, anc, token, 0, sender=other)
    assert (
        optimistic_oracle.getState(other, general_kpi, request_time, anc) == OracleState.Requested
    )


def test_request_price__unsupported_identifier__reverts(
    optimistic_oracle, token, requester, request_time
):
    with ape.reverts("Unsupported identifier"):
        optimistic_oracle.requestPrice(
            identifier("NOPE"), request_time, b"", token, 0, sender=requester
        )


def test_request_price__unsupported_currency__reverts(
    project, deployer, optimistic_oracle, requester, general_kpi, request_time
):
    stray = deployer.deploy(project.TestERC20, "Stray", "S", 18)
    with ape.reverts("Unsupported currency"):
        optimistic_oracle.requestPrice(general_kpi, request_time, b"", stray, 0, sender=requester)


def test_request_price__future_timestamp__reverts(
    optimistic_oracle, token, requester, general_kpi, chain
):
    with ape.reverts("Timestamp in future"):
        optimistic_oracle.requestPrice(
            general_kpi, chain.pending_timestamp + 1000, b"", token, 0, sender=requester
        )


def test_request_price__ancillary_at_limit__accepted_one_over__reverts(
    optimistic_oracle, token, requester, general_kpi, request_time
):
    """Invariants: I-11 (docs/INVARIANTS.md)."""
    optimistic_oracle.requestPrice(
        general_kpi, request_time, b"a" * 8139, token, 0, sender=requester
    )
    assert (
        optimistic_oracle.getState(requester, general_kpi, request_time, b"a" * 8139)
        == OracleState.Requested
    )
    with ape.reverts("Ancillary Data too long"):
        optimistic_oracle.requestPrice(
            general_kpi, request_time, b"a" * 8140, token, 0, sender=requester
        )


def test_request_price__checks_run_in_uma_order(
    project, deployer, optimistic_oracle, requester, chain
):
    """Unsupported identifier is reported before unsupported currency, future timestamp and long ancillary."""
    stray = deployer.deploy(project.TestERC20, "Stray", "S", 18)
    with ape.reverts("Unsupported identifier"):
        optimistic_oracle.requestPrice(
            identifier("NOPE"),
            chain.pending_timestamp + 1000,
            b"a" * 9000,
            stray,
            0,
            sender=requester,
        )


def test_set_bond__requested__updates_bond_and_returns_total(
    optimistic_oracle, requester, requested
):
    tx = optimistic_oracle.setBond(*requested, 10**18 + 1, sender=requester)
    assert tx.return_value == 10**18 + 1 + FINAL_FEE
    assert optimistic_oracle.getRequest(requester, *requested).requestSettings.bond == 10**18 + 1
    optimistic_oracle.setBond(*requested, 0, sender=requester)
    assert optimistic_oracle.getRequest(requester, *requested).requestSettings.bond == 0


def test_set_custom_liveness__bounds(optimistic_oracle, requester, requested):
    with ape.reverts("Liveness cannot be 0"):
        optimistic_oracle.setCustomLiveness(*requested, 0, sender=requester)
    with ape.reverts("Liveness too large"):
        optimistic_oracle.setCustomLiveness(*requested, 5200 * 7 * 86400, sender=requester)
    optimistic_oracle.setCustomLiveness(*requested, 5200 * 7 * 86400 - 1, sender=requester)
    assert (
        optimistic_oracle.getRequest(requester, *requested).requestSettings.customLiveness
        == 5200 * 7 * 86400 - 1
    )
    optimistic_oracle.setCustomLiveness(*requested, 1, sender=requester)
    assert optimistic_oracle.getRequest(requester, *requested).requestSettings.customLiveness == 1


def test_set_refund_event_based_callbacks__requested__set_flags(
    optimistic_oracle, requester, requested
):
    optimistic_oracle.setRefundOnDispute(*requested, sender=requester)
    assert optimistic_oracle.getRequest(requester, *requested).requestSettings.refundOnDispute
    optimistic_oracle.setCallbacks(*requested, True, False, True, sender=requester)
    settings = optimistic_oracle.getRequest(requester, *requested).requestSettings
    assert (
        settings.callbackOnPriceProposed,
        settings.callbackOnPriceDisputed,
        settings.callbackOnPriceSettled,
    ) == (
        True,
        False,
        True,
    )
    optimistic_oracle.setEventBased(*requested, sender=requester)
    settings = optimistic_oracle.getRequest(requester, *requested).requestSettings
    assert settings.eventBased and settings.refundOnDispute


def test_event_based__sets_refund_on_dispute_itself(optimistic_oracle, requester, requested):
    optimistic_oracle.setEventBased(*requested, sender=requester)
    settings = optimistic_oracle.getRequest(requester, *requested).requestSettings
    assert settings.eventBased and settings.refundOnDispute


SETTERS = [
    ("setBond", (1,), "setBond: Requested"),
    ("setCustomLiveness", (60,), "setCustomLiveness: Requested"),
    ("setRefundOnDispute", (), "setRefundOnDispute: Requested"),
    ("setEventBased", (), "setEventBased: Requested"),
    ("setCallbacks", (True, True, True), "setCallbacks: Requested"),
]


@pytest.mark.parametrize(("setter", "extra", "message"), SETTERS)
def test_setter__not_the_requester__reverts(
    optimistic_oracle, other, requested, setter, extra, message
):
    """The request is keyed by msg.sender, so another caller addresses an Invalid request."""
    with ape.reverts(message):
        getattr(optimistic_oracle, setter)(*requested, *extra, sender=other)


@pytest.mark.parametrize(("setter", "extra", "message"), SETTERS)
def test_setter__after_proposal__reverts(
    optimistic_oracle, token, requester, proposer, requested, setter, extra, message
):
    fund(token, proposer, 2 * FINAL_FEE, optimistic_oracle)
    optimistic_oracle.proposePrice(requester, *requested, 10**18, sender=proposer)
    with ape.reverts(message):
        getattr(optimistic_oracle, setter)(*requested, *extra, sender=requester)


def test_set_custom_liveness__state_checked_before_bounds(optimistic_oracle, other, requested):
    with ape.reverts("setCustomLiveness: Requested"):
        optimistic_oracle.setCustomLiveness(*requested, 0, sender=other)

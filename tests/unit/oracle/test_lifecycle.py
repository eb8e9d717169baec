"""Full request lifecycles with every party's balance checked to the wei after each step.

Parties: requester (pays the reward), proposer, disputer, Store, and the optimistic oracle (OO) itself.
Every economics test uses a non-zero final fee, an odd bond (so floor(bond / 2) rounds) and a non-zero reward,
over 6- and 18-decimal collateral.
"""

from dataclasses import dataclass

import ape
import pytest

from kpi_options.chain.oracle import TOO_EARLY_RESPONSE, OracleState
from tests.fixtures.oracle import on_both_stacks

from .conftest import ANCILLARY, balances, fund

LIVENESS = 7200
PRICE = 10**18
OTHER_PRICE = 0


@dataclass(frozen=True)
class Amounts:
    """Economics of one request, raw units of the collateral."""

    final_fee: int
    bond: int
    reward: int

    @property
    def deposit(self):
        """What the proposer and the disputer each post: bond + final fee."""
        return self.bond + self.final_fee

    @property
    def burned(self):
        """The half of the loser's bond that the Store takes: floor(bond / 2)."""
        return self.bond // 2


@pytest.fixture(params=[6, 18], ids=["6dec", "18dec"])
def token(request, make_collateral):
    """Whitelisted collateral with the amounts below' final fee."""
    unit = 10**request.param
    return make_collateral(request.param, final_fee=3 * unit + 7)


@pytest.fixture
def amounts(token):
    unit = 10 ** token.decimals()
    return Amounts(final_fee=3 * unit + 7, bond=2 * unit + 1, reward=unit // 2 + 3)


@pytest.fixture
def key(request_time, general_kpi):
    """(identifier, timestamp, ancillaryData) of the request under test."""
    return general_kpi, request_time, ANCILLARY


@pytest.fixture
def parties(requester, proposer, disputer, store, optimistic_oracle):
    return {
        "requester": requester,
        "proposer": proposer,
        "disputer": disputer,
        "store": store,
        "oo": optimistic_oracle,
    }


@pytest.fixture
def open_request(optimistic_oracle, token, amounts, key, requester, proposer, disputer):
    """Request with the reward and bond, and fund proposer and disputer with exactly one deposit each."""

    def make(*, refund_on_dispute=False, event_based=False):
        fund(token, requester, amounts.reward, optimistic_oracle)
        optimistic_oracle.requestPrice(*key, token, amounts.reward, sender=requester)
        tx = optimistic_oracle.setBond(*key, amounts.bond, sender=requester)
        assert tx.return_value == amounts.deposit
        if refund_on_dispute:
            optimistic_oracle.setRefundOnDispute(*key, sender=requester)
        if event_based:
            optimistic_oracle.setEventBased(*key, sender=requester)
        fund(token, proposer, amounts.deposit, optimistic_oracle)
        fund(token, disputer, amounts.deposit, optimistic_oracle)

    return make


def state(optimistic_oracle, requester, key):
    return OracleState(optimistic_oracle.getState(requester, *key))


@on_both_stacks
def test_undisputed__settled_after_liveness__proposer_gets_bond_fee_and_reward(
    optimistic_oracle, token, amounts, key, parties, open_request, requester, proposer, other, chain
):
    """Invariants: I-13 (docs/INVARIANTS.md)."""
    open_request()
    a = amounts
    assert balances(token, **parties) == {
        "requester": 0, "proposer": a.deposit, "disputer": a.deposit, "store": 0, "oo": a.reward
    }  # fmt: skip

    chain.pending_timestamp += 10
    proposal_time = chain.pending_timestamp
    tx = optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    assert tx.return_value == a.deposit
    assert balances(token, **parties) == {
        "requester": 0, "proposer": 0, "disputer": a.deposit, "store": 0, "oo": a.reward + a.deposit
    }  # fmt: skip
    req = optimistic_oracle.getRequest(requester, *key)
    assert req.proposer == proposer.address
    assert req.proposedPrice == PRICE
    assert req.expirationTime == proposal_time + LIVENESS
    [event] = tx.decode_logs(optimistic_oracle.ProposePrice)
    assert event.event_arguments == {
        "requester": requester.address,
        "proposer": proposer.address,
        "identifier": key[0],
        "timestamp": key[1],
        "ancillaryData": key[2],
        "proposedPrice": PRICE,
        "expirationTimestamp": proposal_time + LIVENESS,
        "currency": token.address,
    }

    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settle(requester, *key, sender=other)
    # Views read the latest block: one second before expiry the proposal is still live.
    chain.mine(timestamp=proposal_time + LIVENESS - 1)
    assert state(optimistic_oracle, requester, key) == OracleState.Proposed
    assert not optimistic_oracle.hasPrice(requester, *key)

    chain.mine(timestamp=proposal_time + LIVENESS)
    assert state(optimistic_oracle, requester, key) == OracleState.Expired
    assert optimistic_oracle.hasPrice(requester, *key)

    tx = optimistic_oracle.settle(requester, *key, sender=other)
    payout = a.bond + a.final_fee + a.reward
    assert tx.return_value == payout
    assert balances(token, **parties) == {
        "requester": 0, "proposer": payout, "disputer": a.deposit, "store": 0, "oo": 0
    }  # fmt: skip
    assert state(optimistic_oracle, requester, key) == OracleState.Settled
    assert optimistic_oracle.getRequest(requester, *key).resolvedPrice == PRICE
    [event] = tx.decode_logs(optimistic_oracle.Settle)
    assert event.event_arguments == {
        "requester": requester.address,
        "proposer": proposer.address,
        "disputer": ape.utils.ZERO_ADDRESS,
        "identifier": key[0],
        "timestamp": key[1],
        "ancillaryData": key[2],
        "price": PRICE,
        "payout": payout,
    }

    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settle(requester, *key, sender=other)
    # Once settled, settleAndGetPrice just reads the price and moves nothing.
    tx = optimistic_oracle.settleAndGetPrice(*key, sender=requester)
    assert tx.return_value == PRICE
    assert balances(token, **parties)["oo"] == 0


@on_both_stacks
@pytest.mark.parametrize("proposer_wins", [True, False], ids=["proposer_wins", "disputer_wins"])
def test_disputed__dvm_resolves__winner_paid_store_gets_fee_and_burned_half(
    optimistic_oracle, dvm, deployer, token, amounts, key, parties, open_request, requester, proposer, disputer, other,
    proposer_wins,
):  # fmt: skip
    """Invariants: I-13 (docs/INVARIANTS.md)."""
    open_request()
    a = amounts
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)

    tx = optimistic_oracle.disputePrice(requester, *key, sender=disputer)
    assert tx.return_value == a.deposit
    store_take = a.final_fee + a.burned
    assert balances(token, **parties) == {
        "requester": 0,
        "proposer": 0,
        "disputer": 0,
        "store": store_take,
        "oo": a.reward + 2 * a.deposit - store_take,
    }
    [event] = tx.decode_logs(optimistic_oracle.DisputePrice)
    assert event.event_arguments == {
        "requester": requester.address,
        "proposer": proposer.address,
        "disputer": disputer.address,
        "identifier": key[0],
        "timestamp": key[1],
        "ancillaryData": key[2],
        "proposedPrice": PRICE,
    }
    assert state(optimistic_oracle, requester, key) == OracleState.Disputed
    assert not optimistic_oracle.hasPrice(requester, *key)
    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settle(requester, *key, sender=other)
    with ape.reverts("disputePriceFor: Proposed"):
        optimistic_oracle.disputePrice(requester, *key, sender=other)

    # The DVM got the request under the request's own timestamp, with the requester stamped on.
    stamped = optimistic_oracle.stampAncillaryData(key[2], requester)
    [query] = dvm.getPendingQueries()
    assert (query.identifier, query.time, query.ancillaryData) == (key[0], key[1], stamped)

    resolved = PRICE if proposer_wins else OTHER_PRICE
    dvm.pushPrice(key[0], key[1], stamped, resolved, sender=deployer)
    assert state(optimistic_oracle, requester, key) == OracleState.Resolved
    assert optimistic_oracle.hasPrice(requester, *key)

    tx = optimistic_oracle.settle(requester, *key, sender=other)
    payout = a.bond + (a.bond - a.burned) + a.final_fee + a.reward
    assert tx.return_value == payout
    assert balances(token, **parties) == {
        "requester": 0,
        "proposer": payout if proposer_wins else 0,
        "disputer": 0 if proposer_wins else payout,
        "store": store_take,
        "oo": 0,
    }
    req = optimistic_oracle.getRequest(requester, *key)
    assert req.resolvedPrice == resolved
    assert state(optimistic_oracle, requester, key) == OracleState.Settled
    [event] = tx.decode_logs(optimistic_oracle.Settle)
    assert (event.price, event.payout, event.disputer) == (resolved, payout, disputer.address)


@on_both_stacks
def test_refund_on_dispute__dispute__reward_back_to_requester_winner_gets_no_reward(
    optimistic_oracle,
    dvm,
    deployer,
    token,
    amounts,
    key,
    parties,
    open_request,
    requester,
    proposer,
    disputer,
    other,
):
    open_request(refund_on_dispute=True)
    a = amounts
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    optimistic_oracle.disputePrice(requester, *key, sender=disputer)
    store_take = a.final_fee + a.burned
    assert balances(token, **parties) == {
        "requester": a.reward,
        "proposer": 0,
        "disputer": 0,
        "store": store_take,
        "oo": 2 * a.deposit - store_take,
    }
    assert optimistic_oracle.getRequest(requester, *key).reward == 0

    dvm.pushPrice(
        key[0],
        key[1],
        optimistic_oracle.stampAncillaryData(key[2], requester),
        OTHER_PRICE,
        sender=deployer,
    )
    tx = optimistic_oracle.settle(requester, *key, sender=other)
    payout = a.bond + (a.bond - a.burned) + a.final_fee
    assert tx.return_value == payout
    assert balances(token, **parties) == {
        "requester": a.reward, "proposer": 0, "disputer": payout, "store": store_take, "oo": 0
    }  # fmt: skip


def test_refund_on_dispute__dispute__transfers_in_uma_order(
    optimistic_oracle, token, amounts, key, open_request, requester, proposer, disputer, store
):
    """Deposit pulled, then the Store paid, then the reward refunded: UMA's order, though the reward is zeroed first."""
    open_request(refund_on_dispute=True)
    a = amounts
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    tx = optimistic_oracle.disputePrice(requester, *key, sender=disputer)
    transfers = [(log["from"], log["to"], log["amount"]) for log in tx.decode_logs(token.Transfer)]
    oo = optimistic_oracle.address
    assert transfers == [
        (disputer.address, oo, a.deposit),
        (oo, store.address, a.final_fee + a.burned),
        (oo, requester.address, a.reward),
    ]


def test_refund_on_dispute__undisputed__proposer_still_gets_reward(
    optimistic_oracle, token, amounts, key, parties, open_request, requester, proposer, other, chain
):
    open_request(refund_on_dispute=True)
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    chain.pending_timestamp += LIVENESS
    tx = optimistic_oracle.settle(requester, *key, sender=other)
    assert tx.return_value == amounts.deposit + amounts.reward
    assert balances(token, **parties)["proposer"] == amounts.deposit + amounts.reward


def test_event_based__too_early_proposal__reverts(
    optimistic_oracle, key, open_request, requester, proposer
):
    open_request(event_based=True)
    with ape.reverts("Cannot propose 'too early'"):
        optimistic_oracle.proposePrice(requester, *key, TOO_EARLY_RESPONSE, sender=proposer)


def test_too_early_value__plain_request__can_be_proposed(
    optimistic_oracle, key, open_request, requester, proposer
):
    open_request()
    optimistic_oracle.proposePrice(requester, *key, TOO_EARLY_RESPONSE, sender=proposer)
    assert optimistic_oracle.getRequest(requester, *key).proposedPrice == TOO_EARLY_RESPONSE


@on_both_stacks
def test_event_based__dispute__dvm_asked_at_proposal_time_and_reward_refunded(
    optimistic_oracle, dvm, deployer, token, amounts, key, parties, open_request, requester, proposer, disputer, other,
    chain,
):  # fmt: skip
    open_request(event_based=True)
    a = amounts
    chain.pending_timestamp += 500
    proposal_time = chain.pending_timestamp
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    chain.pending_timestamp += 100
    optimistic_oracle.disputePrice(requester, *key, sender=disputer)

    stamped = optimistic_oracle.stampAncillaryData(key[2], requester)
    [query] = dvm.getPendingQueries()
    assert query.time == proposal_time != key[1]
    assert balances(token, **parties)["requester"] == a.reward

    dvm.pushPrice(key[0], proposal_time, stamped, PRICE, sender=deployer)
    assert not dvm.hasPrice(key[0], key[1], stamped)
    assert state(optimistic_oracle, requester, key) == OracleState.Resolved
    tx = optimistic_oracle.settle(requester, *key, sender=other)
    payout = a.bond + (a.bond - a.burned) + a.final_fee
    assert tx.return_value == payout
    assert balances(token, **parties) == {
        "requester": a.reward,
        "proposer": payout,
        "disputer": 0,
        "store": a.final_fee + a.burned,
        "oo": 0,
    }


@on_both_stacks
def test_custom_liveness__proposal__expires_after_custom_liveness(
    optimistic_oracle, key, open_request, requester, proposer, chain
):
    open_request()
    optimistic_oracle.setCustomLiveness(*key, 60, sender=requester)
    proposal_time = chain.pending_timestamp
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    assert optimistic_oracle.getRequest(requester, *key).expirationTime == proposal_time + 60
    chain.mine(timestamp=proposal_time + 59)
    assert state(optimistic_oracle, requester, key) == OracleState.Proposed
    chain.mine(timestamp=proposal_time + 60)
    assert state(optimistic_oracle, requester, key) == OracleState.Expired


def test_propose_for_and_dispute_for__caller_pays_named_party_is_paid(
    optimistic_oracle,
    dvm,
    deployer,
    token,
    amounts,
    key,
    open_request,
    requester,
    proposer,
    disputer,
    holder,
    other,
):
    """`proposer` pays the proposal for `holder`; `disputer` pays the dispute for `other`; `holder` wins.

    Invariants: I-13 (docs/INVARIANTS.md).
    """
    open_request()
    a = amounts
    optimistic_oracle.proposePriceFor(holder, requester, *key, PRICE, sender=proposer)
    optimistic_oracle.disputePriceFor(other, requester, *key, sender=disputer)
    req = optimistic_oracle.getRequest(requester, *key)
    assert (req.proposer, req.disputer) == (holder.address, other.address)
    assert token.balanceOf(proposer) == 0 and token.balanceOf(disputer) == 0

    dvm.pushPrice(
        key[0],
        key[1],
        optimistic_oracle.stampAncillaryData(key[2], requester),
        PRICE,
        sender=deployer,
    )
    optimistic_oracle.settle(requester, *key, sender=requester)
    assert token.balanceOf(holder) == a.bond + (a.bond - a.burned) + a.final_fee + a.reward
    assert token.balanceOf(other) == 0
    assert token.balanceOf(optimistic_oracle) == 0


def test_propose_for__zero_proposer__reverts(
    optimistic_oracle, key, open_request, requester, proposer
):
    open_request()
    with ape.reverts("proposer address must be non 0"):
        optimistic_oracle.proposePriceFor(
            ape.utils.ZERO_ADDRESS, requester, *key, PRICE, sender=proposer
        )


def test_dispute_for__zero_disputer__reverts(
    optimistic_oracle, key, open_request, requester, proposer, disputer
):
    open_request()
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    with ape.reverts("disputer address must be non 0"):
        optimistic_oracle.disputePriceFor(ape.utils.ZERO_ADDRESS, requester, *key, sender=disputer)


def test_propose__not_requested__reverts(
    optimistic_oracle, key, open_request, requester, proposer, other
):
    with ape.reverts("proposePriceFor: Requested"):
        optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    open_request()
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    with ape.reverts("proposePriceFor: Requested"):
        optimistic_oracle.proposePrice(requester, *key, PRICE, sender=other)


def test_dispute__requested_or_expired__reverts(
    optimistic_oracle, key, open_request, requester, proposer, disputer, chain
):
    open_request()
    with ape.reverts("disputePriceFor: Proposed"):
        optimistic_oracle.disputePrice(requester, *key, sender=disputer)
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    chain.pending_timestamp += LIVENESS
    with ape.reverts("disputePriceFor: Proposed"):
        optimistic_oracle.disputePrice(requester, *key, sender=disputer)


def test_settle__invalid_or_requested__reverts(
    optimistic_oracle, key, open_request, requester, other
):
    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settle(requester, *key, sender=other)
    open_request()
    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settle(requester, *key, sender=other)
    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settleAndGetPrice(*key, sender=requester)


@on_both_stacks
def test_settle_and_get_price__expired__settles_pays_proposer_returns_price(
    optimistic_oracle, token, amounts, key, open_request, requester, proposer, other, chain
):
    open_request()
    optimistic_oracle.proposePrice(requester, *key, -5, sender=proposer)
    chain.pending_timestamp += LIVENESS
    # Keyed by msg.sender: someone else has no such request.
    with ape.reverts("_settle: not settleable"):
        optimistic_oracle.settleAndGetPrice(*key, sender=other)
    tx = optimistic_oracle.settleAndGetPrice(*key, sender=requester)
    assert tx.return_value == -5
    assert token.balanceOf(proposer) == amounts.deposit + amounts.reward
    assert state(optimistic_oracle, requester, key) == OracleState.Settled


def test_has_price__each_state(
    optimistic_oracle,
    dvm,
    deployer,
    token,
    amounts,
    key,
    open_request,
    requester,
    proposer,
    disputer,
    chain,
):
    seen = {}

    def record():
        seen[state(optimistic_oracle, requester, key)] = optimistic_oracle.hasPrice(requester, *key)

    record()
    open_request()
    record()
    optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer)
    record()
    optimistic_oracle.disputePrice(requester, *key, sender=disputer)
    record()
    dvm.pushPrice(
        key[0],
        key[1],
        optimistic_oracle.stampAncillaryData(key[2], requester),
        PRICE,
        sender=deployer,
    )
    record()
    optimistic_oracle.settle(requester, *key, sender=requester)
    record()
    # Expired comes from a second request on another timestamp.
    other_key = (key[0], key[1] - 1, key[2])
    optimistic_oracle.requestPrice(*other_key, token, 0, sender=requester)
    optimistic_oracle.setBond(*other_key, 0, sender=requester)
    fund(token, requester, amounts.final_fee, optimistic_oracle)
    optimistic_oracle.proposePriceFor(proposer, requester, *other_key, PRICE, sender=requester)
    chain.pending_timestamp += LIVENESS
    chain.mine()
    seen[state(optimistic_oracle, requester, other_key)] = optimistic_oracle.hasPrice(
        requester, *other_key
    )

    assert seen == {
        OracleState.Invalid: False,
        OracleState.Requested: False,
        OracleState.Proposed: False,
        OracleState.Disputed: False,
        OracleState.Resolved: True,
        OracleState.Settled: True,
        OracleState.Expired: True,
    }


def test_zero_fee_zero_bond_zero_reward__full_dispute__moves_no_tokens(
    optimistic_oracle,
    dvm,
    deployer,
    make_collateral,
    key,
    requester,
    proposer,
    disputer,
    store,
    other,
):
    """With nothing at stake no transfer happens (UMA skips zero transfers and the Store payment)."""
    token = make_collateral(18, final_fee=0)
    tx = optimistic_oracle.requestPrice(*key, token, 0, sender=requester)
    assert tx.return_value == 0
    assert optimistic_oracle.proposePrice(requester, *key, PRICE, sender=proposer).return_value == 0
    assert optimistic_oracle.disputePrice(requester, *key, sender=disputer).return_value == 0
    dvm.pushPrice(
        key[0],
        key[1],
        optimistic_oracle.stampAncillaryData(key[2], requester),
        PRICE,
        sender=deployer,
    )
    assert optimistic_oracle.settle(requester, *key, sender=other).return_value == 0
    assert token.totalSupply() == 0
    assert token.balanceOf(store) == 0


def test_final_fee_changed_after_request__request_keeps_its_fee(
    optimistic_oracle, store, deployer, token, amounts, key, open_request, requester
):
    open_request()
    store.setFinalFee(token, (amounts.final_fee * 10,), sender=deployer)
    assert optimistic_oracle.getRequest(requester, *key).finalFee == amounts.final_fee

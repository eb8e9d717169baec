"""Hostile collateral tokens against the pair.

What happens, per token kind (all with 18 decimals; the pair's logic does not depend on them):
- Re-entering token (``ReentrantCollateral``: calls back into the pair from inside ``transfer`` /
  ``transferFrom``): every outer action that moves collateral (create, redeem, settle, expire,
  requestEarlyExpiration) reverts with the guard's ``Reentrancy()`` whatever the inner call, the
  read-only ``getPositionTokens`` included; nothing changes.
- Fee-on-transfer (``FeeOnTransferERC20``): ``CollateralShortfall(expected, received)`` on every
  pull (create, and the reward of expire / requestEarlyExpiration); nothing minted, no request.
- Rebasing (``RebasingERC20``, share-based): a transfer that delivers one unit short is refused the
  same way. A rebase *after* the deposit is invisible to the pair: a negative rebase leaves the
  pool short (the first redeemers are paid in full, the last cannot be: ``TransferFailed()``), a
  positive one leaves the surplus in the pair. Such tokens must stay off the collateral whitelist.
- Returns false (``ReturnsFalseERC20``): Solady's SafeTransferLib treats ``false`` as failure:
  pulls revert ``TransferFromFailed()``, payouts ``TransferFailed()``; the whole action reverts.
  The oracle's own payout fails first at settlement, with UMA's SafeERC20 message.
- Returns nothing (``NoReturnERC20``, USDT-style): SafeTransferLib accepts an empty return from a
  contract, so the whole life works, balances to the wei.
"""

import ape
import pytest

from kpi_options.chain.pair import PairState
from tests.fixtures.pair import token_reverts
from tests.unit.adversarial.conftest import REWARD, answer, to_expiry

WAD = 10**18
OUTER = ["create", "redeem", "settle", "expire", "requestEarlyExpiration"]
INNER = ["create", "redeem", "settle", "expire", "requestEarlyExpiration", "getPositionTokens"]


def _funded(token, account, spender, amount=1000):
    token.mint(account, amount, sender=account)
    token.approve(spender, amount, sender=account)


def _snapshot(pair, token, account):
    """What a refused action must leave unchanged."""
    return (
        token.balanceOf(account),
        token.balanceOf(pair),
        pair.getPositionTokens(account),
        pair.pairState(),
        pair.receivedSettlementPrice(),
        pair.earlyExpirationTimestamp(),
    )


@pytest.mark.parametrize("inner", INNER)
@pytest.mark.parametrize("outer", OUTER)
def test_reentrancy__collateral_calls_back_during_action__reentrancy_and_nothing_changes(
    chain,
    project,
    deployer,
    whitelist,
    launch,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    outer,
    inner,
):
    token = whitelist(deployer.deploy(project.ReentrantCollateral, 18))
    pair = launch(token)
    _funded(token, sponsor, pair)
    pair.create(100, sender=sponsor)
    if outer == "expire":
        to_expiry(chain, pair)
    elif outer == "settle":
        payout_mock.setValueToReturn(WAD // 3, sender=launcher)
        _funded(token, requester, pair, REWARD)
        to_expiry(chain, pair)
        pair.expire(sender=requester)
        answer(chain, optimistic_oracle, pair, proposer, WAD)
    early = chain.pending_timestamp - 1
    inner_calls = {
        "create": pair.create.as_transaction(1, sender=sponsor),
        "redeem": pair.redeem.as_transaction(1, sender=sponsor),
        "settle": pair.settle.as_transaction(1, 1, sender=sponsor),
        "expire": pair.expire.as_transaction(sender=sponsor),
        "requestEarlyExpiration": pair.requestEarlyExpiration.as_transaction(early, sender=sponsor),
        "getPositionTokens": pair.getPositionTokens.as_transaction(sponsor, sender=sponsor),
    }
    outer_calls = {
        "create": lambda: pair.create(10, sender=sponsor),
        "redeem": lambda: pair.redeem(10, sender=sponsor),
        "settle": lambda: pair.settle(10, 10, sender=sponsor),
        "expire": lambda: pair.expire(sender=sponsor),
        "requestEarlyExpiration": lambda: pair.requestEarlyExpiration(early, sender=sponsor),
    }
    before = _snapshot(pair, token, sponsor)
    token.arm(pair, inner_calls[inner].data, sender=sponsor)
    with ape.reverts(pair.Reentrancy):
        outer_calls[outer]()
    assert _snapshot(pair, token, sponsor) == before
    # Disarmed, the same action goes through: the guard, not the state, refused it.
    token.arm(ape.utils.ZERO_ADDRESS, b"", sender=sponsor)
    outer_calls[outer]()


@pytest.mark.parametrize("action", ["create", "expire", "requestEarlyExpiration"])
def test_fee_on_transfer__every_pull__collateral_shortfall_nothing_minted_or_requested(
    chain, project, deployer, whitelist, launch, sponsor, optimistic_oracle, action
):
    token = whitelist(deployer.deploy(project.FeeOnTransferERC20, 18, 250))  # 2.5 %
    pair = launch(token, proposer_reward=1000)
    _funded(token, sponsor, pair, 10_000)
    if action == "expire":
        to_expiry(chain, pair)
    calls = {
        "create": lambda: pair.create(1000, sender=sponsor),
        "expire": lambda: pair.expire(sender=sponsor),
        "requestEarlyExpiration": lambda: pair.requestEarlyExpiration(
            chain.pending_timestamp - 1, sender=sponsor
        ),
    }
    with ape.reverts(pair.CollateralShortfall, expected=1000, received=975):
        calls[action]()
    assert pair.getPositionTokens(sponsor) == (0, 0)
    assert token.balanceOf(pair) == 0 and token.balanceOf(optimistic_oracle) == 0
    assert pair.earlyExpirationTimestamp() == 0
    expected_state = PairState.ExpiredUnrequested if action == "expire" else PairState.Open
    assert pair.pairState() == expected_state


def _rebasing_delivery(index, pair_shares, amount):
    """What the pair's balance grows by when ``amount`` is transferred to it (RebasingERC20 math)."""
    moved = amount * WAD // index
    return (pair_shares + moved) * index // WAD - pair_shares * index // WAD


def test_rebasing__transfer_delivers_short__collateral_shortfall(
    project, deployer, whitelist, launch, sponsor
):
    token = whitelist(deployer.deploy(project.RebasingERC20, 18))
    token.rebase(11 * WAD // 10, sender=deployer)  # every balance +10 %
    pair = launch(token)
    _funded(token, sponsor, pair)
    received = _rebasing_delivery(11 * WAD // 10, 0, 100)
    assert received == 99
    with ape.reverts(pair.CollateralShortfall, expected=100, received=received):
        pair.create(100, sender=sponsor)
    assert pair.getPositionTokens(sponsor) == (0, 0)
    # An amount the index divides exactly arrives whole and is accepted.
    assert _rebasing_delivery(11 * WAD // 10, 0, 110) == 110
    pair.create(110, sender=sponsor)
    assert pair.getPositionTokens(sponsor) == (110, 110)


def test_rebasing__negative_rebase_after_deposit__pool_short_last_redeemer_fails(
    project, deployer, whitelist, launch, sponsor, holder
):
    token = whitelist(deployer.deploy(project.RebasingERC20, 18))
    pair = launch(token)
    for account in (sponsor, holder):
        _funded(token, account, pair)
        pair.create(100, sender=account)
    assert token.balanceOf(pair) == 200
    token.rebase(WAD // 2, sender=deployer)  # every balance halves; the pair cannot notice
    assert token.balanceOf(pair) == 100  # now short of the 200 its 200 pairs are worth
    pair.redeem(100, sender=sponsor)  # paid in full, at the expense of the next redeemer
    assert token.balanceOf(pair) == 0
    with token_reverts("TransferFailed()"):
        pair.redeem(100, sender=holder)
    assert pair.getPositionTokens(holder) == (100, 100)


def test_returns_false__pulls_and_payouts__solady_errors_and_nothing_moves(
    chain, project, deployer, whitelist, launch, sponsor, requester, proposer, optimistic_oracle
):
    token = whitelist(deployer.deploy(project.ReturnsFalseERC20, 18))
    pair = launch(token)
    _funded(token, sponsor, pair)
    _funded(token, requester, pair, REWARD)
    token.setFailing(True, sender=deployer)
    with token_reverts("TransferFromFailed()"):
        pair.create(100, sender=sponsor)
    token.setFailing(False, sender=deployer)
    pair.create(100, sender=sponsor)
    token.setFailing(True, sender=deployer)
    with token_reverts("TransferFailed()"):
        pair.redeem(10, sender=sponsor)
    assert pair.getPositionTokens(sponsor) == (100, 100)  # nothing burnt
    to_expiry(chain, pair)
    with token_reverts("TransferFromFailed()"):
        pair.expire(sender=requester)
    token.setFailing(False, sender=deployer)
    pair.expire(sender=requester)
    answer(chain, optimistic_oracle, pair, proposer, WAD)
    token.setFailing(True, sender=deployer)
    # The fixing settles the oracle request first, and the oracle's payout of the proposer fails
    # first: OpenZeppelin SafeERC20's message, as UMA's OOv2 gives it (docs/ORACLE_MOCK.md, item 4).
    with ape.reverts("SafeERC20: ERC20 operation did not succeed"):
        pair.settle(100, 100, sender=sponsor)
    assert pair.receivedSettlementPrice() is False  # the fixing reverted with the payout
    assert token.balanceOf(pair) == 100


def test_no_return_value__whole_life__works_to_the_wei(
    chain,
    project,
    deployer,
    whitelist,
    launch,
    sponsor,
    holder,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
):
    token = whitelist(deployer.deploy(project.NoReturnERC20, 18))
    pair = launch(token, collateral_per_pair=3 * WAD)
    for account in (sponsor, requester):
        token.mint(account, 1000, sender=deployer)
        token.approve(pair, 1000, sender=account)
    pair.create(100, sender=sponsor)
    assert token.balanceOf(sponsor) == 700
    pair.redeem(10, sender=sponsor)
    project.PositionToken.at(pair.longToken()).transfer(holder, 90, sender=sponsor)
    payout_mock.setValueToReturn(WAD // 4, sender=launcher)
    to_expiry(chain, pair)
    pair.expire(sender=requester)
    assert token.balanceOf(requester) == 1000 - REWARD
    answer(chain, optimistic_oracle, pair, proposer, WAD)
    pair.settle(90, 0, sender=holder)
    pair.settle(0, 90, sender=sponsor)
    assert token.balanceOf(holder) == 67  # floor(270 * 0.25)
    assert token.balanceOf(sponsor) == 730 + 202  # floor(270 * 0.75)
    assert token.balanceOf(pair) == 1  # the two half-wei roundings stay in the pool
    assert token.balanceOf(proposer) == REWARD


@pytest.mark.parametrize("action", ["redeem", "settle"])
def test_payout__collateral_hook_reads_positions__sees_them_already_burnt_and_view_guarded(
    chain,
    project,
    deployer,
    whitelist,
    launch,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    action,
):
    """Checks-effects-interactions: the pair burns before it pays, so a collateral whose transfer
    hook reads the recipient's token balances sees what is left after the burn, never positions
    that are already paid out; the pair's own ``getPositionTokens`` refuses to answer while the
    payout runs (read-only re-entry guard). Invariants: I-2, I-3."""
    token = whitelist(deployer.deploy(project.PositionReadingCollateral, 18))
    pair = launch(token)
    _funded(token, sponsor, pair)
    pair.create(100, sender=sponsor)
    token.watch(pair, sender=deployer)
    if action == "redeem":
        pair.redeem(30, sender=sponsor)
        expected = (70, 70)
    else:
        payout_mock.setValueToReturn(WAD // 2, sender=launcher)
        _funded(token, requester, pair, REWARD)
        to_expiry(chain, pair)
        pair.expire(sender=requester)
        answer(chain, optimistic_oracle, pair, proposer, WAD)
        pair.settle(30, 50, sender=sponsor)
        expected = (70, 50)
    assert token.payoutsSeen() == 1
    assert (token.seenLong(), token.seenShort()) == expected
    assert pair.getPositionTokens(sponsor) == expected
    assert token.positionViewAnswered() is False

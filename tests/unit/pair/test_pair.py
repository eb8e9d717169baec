"""LongShortPair: create / redeem / expire / settle (UMA §9.2 basic, settlement, states, dust) and
the gaps of §9.5, over 6, 8 and 18 collateral decimals."""

import ape
import pytest

from kpi_options.chain.pair import IGNORE_PRICE, PairState, launch_pair
from tests.fixtures.pair import (
    WAD,
    advance,
    expire_pair,
    fund,
    propose_expiry_price,
    token_reverts,
)


@pytest.fixture
def unit(collateral_decimals):
    """One whole collateral token, raw units (with cpp 1e18 also one whole pair)."""
    return 10**collateral_decimals


@pytest.fixture
def minted(pair, collateral, sponsor, unit):
    """``sponsor`` holds 100 long + 100 short of ``pair`` and 900 spare collateral."""
    fund(collateral, sponsor, 1000 * unit, pair)
    pair.create(100 * unit, sender=sponsor)
    return 100 * unit


def settled_at(chain, optimistic_oracle, pair, proposer, requester, payout_mock, launcher, share):
    """Expire, propose and wait, with the payout mock returning ``share`` (1e18 scale)."""
    payout_mock.setValueToReturn(share, sender=launcher)
    expire_pair(chain, pair, requester)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, WAD)


def test_lifecycle__mint_transfer_redeem_expire_settle__balances_to_the_wei(
    chain,
    pair,
    collateral,
    long_token,
    short_token,
    sponsor,
    holder,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
    minted,
):
    """Invariants: I-1, I-2, I-4, I-6, I-8, I-17 (docs/INVARIANTS.md)."""
    assert pair.getPositionTokens(sponsor) == (100 * unit, 100 * unit)
    long_token.transfer(holder, 50 * unit, sender=sponsor)
    receipt = pair.redeem(25 * unit, sender=sponsor)
    assert receipt.return_value == 25 * unit
    assert collateral.balanceOf(sponsor) == 925 * unit
    with token_reverts(short_token.InsufficientTokenBalance, account=holder.address, balance=0):
        pair.redeem(1, sender=holder)

    settled_at(chain, optimistic_oracle, pair, proposer, requester, payout_mock, launcher, WAD // 2)
    with ape.reverts(pair.ExpiryAlreadyRequested):
        pair.expire(sender=requester)
    assert pair.receivedSettlementPrice() is False
    pair.settle(50 * unit, 0, sender=holder)
    assert pair.receivedSettlementPrice() is True
    assert pair.expiryPercentLong() == WAD // 2
    assert pair.expiryPrice() == WAD
    assert collateral.balanceOf(holder) == 25 * unit
    pair.settle(25 * unit, 75 * unit, sender=sponsor)
    assert collateral.balanceOf(sponsor) == 925 * unit + 50 * unit
    assert collateral.balanceOf(pair) == 0
    assert long_token.totalSupply() == short_token.totalSupply() == 0
    assert pair.pairState() == PairState.Settled


def test_events__create_redeem_expire_settle__emitted_with_uma_arguments(
    chain,
    pair,
    collateral,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
):
    """Invariants: I-4 (docs/INVARIANTS.md)."""
    fund(collateral, sponsor, 100 * unit, pair)
    receipt = pair.create(100 * unit, sender=sponsor)
    assert receipt.events.filter(pair.TokensCreated) == [
        pair.TokensCreated(sponsor=sponsor, collateralUsed=100 * unit, tokensMinted=100 * unit)
    ]
    receipt = pair.redeem(40 * unit, sender=sponsor)
    assert receipt.events.filter(pair.TokensRedeemed) == [
        pair.TokensRedeemed(sponsor=sponsor, collateralReturned=40 * unit, tokensRedeemed=40 * unit)
    ]
    payout_mock.setValueToReturn(WAD, sender=launcher)
    receipt = expire_pair(chain, pair, requester)
    assert receipt.events.filter(pair.ContractExpired) == [pair.ContractExpired(caller=requester)]
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, WAD)
    receipt = pair.settle(60 * unit, 60 * unit, sender=sponsor)
    assert receipt.events.filter(pair.PositionSettled) == [
        pair.PositionSettled(
            sponsor=sponsor,
            collateralReturned=60 * unit,
            longTokens=60 * unit,
            shortTokens=60 * unit,
        )
    ]


def test_expire__request_in_oracle__custom_data_currency_bond_liveness(
    chain, pair, collateral, requester, optimistic_oracle
):
    expire_pair(chain, pair, requester)
    request = optimistic_oracle.getRequest(
        pair, pair.priceIdentifier(), pair.expirationTimestamp(), pair.customAncillaryData()
    )
    assert request.currency == collateral.address
    assert request.requestSettings.bond == 0
    assert request.requestSettings.customLiveness == 7200
    assert request.reward == 0
    assert pair.pairState() == PairState.ExpiryPricePending


@pytest.mark.parametrize(
    ("share", "long_paid", "short_paid"),
    [(WAD, 100, 0), (0, 0, 100), (WAD // 4, 25, 75), (3 * WAD // 2, 100, 0)],
    ids=["epl1", "epl0", "epl0.25", "epl1.5-capped"],
)
def test_settle__share__pays_each_side(
    chain,
    pair,
    collateral,
    sponsor,
    holder,
    long_token,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
    minted,
    share,
    long_paid,
    short_paid,
):
    """Invariants: I-2, I-3, I-5 (docs/INVARIANTS.md)."""
    long_token.transfer(holder, 100 * unit, sender=sponsor)
    settled_at(chain, optimistic_oracle, pair, proposer, requester, payout_mock, launcher, share)
    before = collateral.balanceOf(sponsor)
    pair.settle(0, 100 * unit, sender=sponsor)
    pair.settle(100 * unit, 0, sender=holder)
    assert collateral.balanceOf(holder) == long_paid * unit
    assert collateral.balanceOf(sponsor) - before == short_paid * unit
    assert pair.expiryPercentLong() == min(share, WAD)


def test_settle__more_than_held__reverts_with_balance(
    chain,
    pair,
    sponsor,
    long_token,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    launcher,
    unit,
    minted,
):
    settled_at(chain, optimistic_oracle, pair, proposer, requester, payout_mock, launcher, WAD)
    with token_reverts(
        long_token.InsufficientTokenBalance,
        account=sponsor.address,
        balance=100 * unit,
        needed=100 * unit + 1,
    ):
        pair.settle(100 * unit + 1, 0, sender=sponsor)


def test_settle__library_changes_after_first_settle__share_fixed_once(
    chain,
    pair,
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
    """Invariants: I-6 (docs/INVARIANTS.md)."""
    settled_at(chain, optimistic_oracle, pair, proposer, requester, payout_mock, launcher, WAD)
    pair.settle(0, 0, sender=sponsor)
    payout_mock.setValueToReturn(0, sender=launcher)
    before = collateral.balanceOf(sponsor)
    pair.settle(10 * unit, 10 * unit, sender=sponsor)
    assert collateral.balanceOf(sponsor) - before == 10 * unit
    assert pair.expiryPercentLong() == WAD


def test_settle__library_reverts__nothing_fixed(
    chain,
    creator,
    pair_params,
    launcher,
    reverting_payout_mock,
    requester,
    proposer,
    optimistic_oracle,
    sponsor,
):
    """Invariants: I-6 (docs/INVARIANTS.md)."""
    pair = launch_pair(
        creator, pair_params(financial_product_library=reverting_payout_mock), None, launcher
    )
    expire_pair(chain, pair, requester)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, WAD)
    with ape.reverts(reverting_payout_mock.MockLibraryRefused, longShortPair=pair.address):
        pair.settle(0, 0, sender=sponsor)
    assert pair.receivedSettlementPrice() is False


def test_settle__expiry_price_is_int256_min__passed_to_library(
    chain,
    pair,
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
    """Invariants: I-5 (docs/INVARIANTS.md)."""
    payout_mock.setValueToReturn(WAD // 2, sender=launcher)
    expire_pair(chain, pair, requester)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, IGNORE_PRICE)
    pair.settle(10 * unit, 10 * unit, sender=sponsor)
    assert pair.expiryPrice() == IGNORE_PRICE
    assert pair.expiryPercentLong() == WAD // 2
    assert collateral.balanceOf(sponsor) == 910 * unit


def test_states__before_and_after_expiry__each_call_refused_with_values(
    chain, pair, sponsor, requester, proposer, optimistic_oracle, unit, minted
):
    """Invariants: I-12, I-16 (docs/INVARIANTS.md)."""
    expiration = pair.expirationTimestamp()
    assert pair.pairState() == PairState.Open
    with ape.reverts(pair.EarlyExpirationDisabled):
        pair.requestEarlyExpiration(chain.pending_timestamp - 10, sender=requester)
    with ape.reverts(pair.OnlyPostExpiration, expirationTimestamp=expiration):
        pair.expire(sender=requester)
    with ape.reverts(pair.CannotSettle, expirationTimestamp=expiration):
        pair.settle(1, 1, sender=sponsor)

    advance(chain, expiration - chain.pending_timestamp)
    assert pair.pairState() == PairState.ExpiredUnrequested
    with ape.reverts(pair.OnlyPreExpiration, expirationTimestamp=expiration):
        pair.create(1, sender=sponsor)
    with ape.reverts(pair.ExpiryNotRequested):
        pair.settle(1, 1, sender=sponsor)
    pair.expire(sender=requester)
    with ape.reverts(pair.ExpiryPricePending):
        pair.settle(1, 1, sender=sponsor)
    optimistic_oracle.proposePrice(
        pair, pair.priceIdentifier(), expiration, pair.customAncillaryData(), WAD, sender=proposer
    )
    with ape.reverts(pair.ExpiryPricePending):
        pair.settle(1, 1, sender=sponsor)
    advance(chain, 7200)
    assert pair.pairState() == PairState.ExpiryPriceAvailable
    pair.settle(1, 1, sender=sponsor)


def test_create__zero__succeeds_and_logs(pair, sponsor):
    receipt = pair.create(0, sender=sponsor)
    assert receipt.return_value == 0
    assert receipt.events.filter(pair.TokensCreated) == [
        pair.TokensCreated(sponsor=sponsor, collateralUsed=0, tokensMinted=0)
    ]


def test_redeem__after_settlement__still_pays_full_pairs(
    chain,
    pair,
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
    """Invariants: I-3 (docs/INVARIANTS.md)."""
    settled_at(chain, optimistic_oracle, pair, proposer, requester, payout_mock, launcher, WAD // 4)
    pair.settle(0, 0, sender=sponsor)
    pair.redeem(30 * unit, sender=sponsor)
    assert collateral.balanceOf(sponsor) == 930 * unit


@pytest.mark.parametrize("share", [0, WAD], ids=["epl0", "epl1"])
def test_dust__tiny_collateral_per_pair__rounds_for_the_pool(
    project,
    creator,
    pair_params,
    launcher,
    collateral,
    sponsor,
    other,
    chain,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    share,
):
    """Invariants: I-1, I-2, I-3, I-8 (docs/INVARIANTS.md)."""
    pair = launch_pair(creator, pair_params(collateral_per_pair=10**11), None, launcher)
    short_token = project.PositionToken.at(pair.shortToken())
    collateral.approve(pair, 10, sender=other)
    # 1 wei of tokens costs 1 wei of collateral (rounded up), which `other` does not have.
    with token_reverts("TransferFromFailed()"):
        pair.create(1, sender=other)
    with token_reverts(
        short_token.InsufficientTokenBalance, account=other.address, balance=0, needed=1
    ):
        pair.redeem(1, sender=other)
    fund(collateral, sponsor, 3, pair)
    assert pair.create(1, sender=sponsor).return_value == 1
    assert pair.redeem(1, sender=sponsor).return_value == 0
    assert pair.create(2, sender=sponsor).return_value == 1  # ceil(2 * 1e11 / 1e18)
    payout_mock.setValueToReturn(share, sender=launcher)
    expire_pair(chain, pair, requester)
    propose_expiry_price(chain, optimistic_oracle, pair, proposer, WAD)
    assert pair.settle(1, 0, sender=sponsor).return_value == 0
    assert pair.settle(0, 1, sender=sponsor).return_value == 0
    assert collateral.balanceOf(pair) == 2
    assert collateral.balanceOf(sponsor) == 1


def test_custom_oracle_parameters__bond_liveness_reward__flow_to_the_wei(
    chain,
    creator,
    pair_params,
    launcher,
    collateral,
    sponsor,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    unit,
):
    """Invariants: I-1 (docs/INVARIANTS.md)."""
    reward, bond, liveness = 7 * unit, 3 * unit, 3600
    pair = launch_pair(
        creator,
        pair_params(
            proposer_reward=reward,
            optimistic_oracle_proposer_bond=bond,
            optimistic_oracle_liveness_time=liveness,
        ),
        None,
        launcher,
    )
    fund(collateral, sponsor, 100 * unit, pair)
    pair.create(100 * unit, sender=sponsor)
    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp)
    with token_reverts("TransferFromFailed()"):  # the reward is pulled from the caller
        pair.expire(sender=requester)
    fund(collateral, requester, reward, pair)
    pair.expire(sender=requester)
    assert collateral.balanceOf(requester) == 0
    expiration, data = pair.expirationTimestamp(), pair.customAncillaryData()
    request = optimistic_oracle.getRequest(pair, pair.priceIdentifier(), expiration, data)
    assert (request.reward, request.requestSettings.bond) == (reward, bond)
    assert request.requestSettings.customLiveness == liveness
    assert request.settled is False
    fund(collateral, proposer, bond, optimistic_oracle)
    optimistic_oracle.proposePrice(
        pair, pair.priceIdentifier(), expiration, data, WAD, sender=proposer
    )
    assert collateral.balanceOf(proposer) == 0
    advance(chain, liveness)
    payout_mock.setValueToReturn(WAD, sender=launcher)
    pair.settle(100 * unit, 100 * unit, sender=sponsor)
    assert collateral.balanceOf(proposer) == bond + reward
    assert collateral.balanceOf(sponsor) == 100 * unit
    assert collateral.balanceOf(pair) == 0


def test_create__fee_on_transfer_collateral__refused(
    project,
    deployer,
    creator,
    pair_params,
    launcher,
    oracle_stack,
    sponsor,
    requester,
    collateral_decimals,
    chain,
):
    """Invariants: I-14 (docs/INVARIANTS.md)."""
    from kpi_options.chain.system import add_collateral

    token = deployer.deploy(project.FeeOnTransferERC20, collateral_decimals, 100)  # 1 %
    add_collateral(oracle_stack, token, 0, deployer)
    pair = launch_pair(
        creator, pair_params(collateral_token=token, proposer_reward=1000), None, launcher
    )
    fund(token, sponsor, 1000, pair)
    with ape.reverts(pair.CollateralShortfall, expected=1000, received=990):
        pair.create(1000, sender=sponsor)
    fund(token, requester, 1000, pair)
    advance(chain, pair.expirationTimestamp() - chain.pending_timestamp)
    with ape.reverts(pair.CollateralShortfall, expected=1000, received=990):
        pair.expire(sender=requester)
    token.setFee(0, sender=deployer)
    pair.expire(sender=requester)


@pytest.mark.parametrize("target_call", ["create", "redeem", "settle", "expire", "positions"])
def test_reentrancy__collateral_calls_back__refused(
    project,
    deployer,
    creator,
    pair_params,
    launcher,
    oracle_stack,
    sponsor,
    collateral_decimals,
    chain,
    requester,
    proposer,
    optimistic_oracle,
    payout_mock,
    target_call,
):
    """Invariants: I-15 (docs/INVARIANTS.md)."""
    from kpi_options.chain.system import add_collateral

    token = deployer.deploy(project.ReentrantCollateral, collateral_decimals)
    add_collateral(oracle_stack, token, 0, deployer)
    pair = launch_pair(creator, pair_params(collateral_token=token), None, launcher)
    fund(token, sponsor, 100, pair)
    pair.create(50, sender=sponsor)
    payloads = {
        "create": pair.create.as_transaction(1, sender=sponsor).data,
        "redeem": pair.redeem.as_transaction(1, sender=sponsor).data,
        "settle": pair.settle.as_transaction(0, 0, sender=sponsor).data,
        "expire": pair.expire.as_transaction(sender=sponsor).data,
        "positions": pair.getPositionTokens.as_transaction(sponsor, sender=sponsor).data,
    }
    token.arm(pair, payloads[target_call], sender=sponsor)
    with ape.reverts(pair.Reentrancy):
        pair.create(1, sender=sponsor)  # transferFrom calls back
    token.arm(pair, payloads[target_call], sender=sponsor)
    with ape.reverts(pair.Reentrancy):
        pair.redeem(1, sender=sponsor)  # transfer calls back

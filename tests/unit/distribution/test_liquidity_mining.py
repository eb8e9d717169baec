"""LiquidityMining: construction, funding and re-funding, pro-rata emission, idle rewards,
withdrawals, claims, donations. Invariants I-E1..I-E5 in docs/INVARIANTS.md.

Block time is deterministic (tests/conftest.py): every transaction is sent at a timestamp set with
``chain.pending_timestamp``, so the expected rewards are exact.
"""

import ape
import pytest

from tests.unit.distribution.conftest import UNIT, mint_and_approve

SCALE = 10**36
ZERO = "0x" + "00" * 20


@pytest.fixture
def stakers(pool_token, mining, holder, other):
    for account in (holder, other):
        mint_and_approve(pool_token, account, 1000 * UNIT, mining)
    return holder, other


def fund(mining, long_token, sponsor, amount, duration, at=None, chain=None):
    mint_and_approve(long_token, sponsor, amount, mining)
    if at is not None:
        chain.pending_timestamp = at
    return mining.fund(amount, duration, sender=sponsor)


def at(chain, timestamp):
    chain.pending_timestamp = timestamp


def test_constructor__reward_equals_staking_token__reverts(project, deployer, pool_token, launcher):
    with ape.reverts(project.LiquidityMining.InvalidTokens):
        deployer.deploy(project.LiquidityMining, pool_token, pool_token, launcher)


def test_constructor__token_not_contract__reverts(project, deployer, pool_token, launcher, other):
    with ape.reverts(project.LiquidityMining.InvalidTokens):
        deployer.deploy(project.LiquidityMining, pool_token, other, launcher)


def test_constructor__zero_sponsor__reverts(project, deployer, pool_token, long_token):
    with ape.reverts(project.LiquidityMining.ZeroSponsor):
        deployer.deploy(project.LiquidityMining, pool_token, long_token, ZERO)


def test_constructor__valid__records_tokens_and_sponsor(mining, pool_token, long_token, launcher):
    assert (mining.stakingToken(), mining.rewardToken(), mining.sponsor()) == (
        pool_token.address,
        long_token.address,
        launcher.address,
    )
    assert mining.SCALE() == SCALE
    assert mining.periodFinish() == 0


def test_fund__not_sponsor__reverts(mining, attacker):
    with ape.reverts(mining.NotSponsor, caller=attacker.address):
        mining.fund(1, 10, sender=attacker)


@pytest.mark.parametrize("duration", [0, 5 * 365 * 86400 + 1])
def test_fund__duration_out_of_range__reverts(mining, launcher, duration):
    with ape.reverts(mining.InvalidDuration, duration=duration, maxDuration=5 * 365 * 86400):
        mining.fund(1, duration, sender=launcher)


def test_fund__zero_amount_with_no_running_period__reverts(mining, launcher):
    with ape.reverts(mining.ZeroAmount):
        mining.fund(0, 100, sender=launcher)


def test_fund__above_total_cap__reverts(mining, long_token, launcher):
    cap = 2**128 - 1
    with ape.reverts(mining.FundingTooLarge, total=cap + 1, maxTotal=cap):
        fund(mining, long_token, launcher, cap + 1, 100)


def test_fund__fresh__sets_rate_and_finish(chain, mining, long_token, launcher):
    start = chain.pending_timestamp + 10
    tx = fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    assert mining.rateScaled() == UNIT * SCALE
    assert mining.periodFinish() == start + 1000
    assert mining.totalFunded() == 1000 * UNIT
    event = tx.events[-1]
    assert (event.amount, event.rateScaled, event.periodFinish) == (
        1000 * UNIT,
        UNIT * SCALE,
        start + 1000,
    )


def test_stake__zero__reverts(mining, stakers):
    with ape.reverts(mining.ZeroAmount):
        mining.stake(0, sender=stakers[0])


def test_claim__single_staker_half_period__earns_half(chain, mining, long_token, launcher, stakers):
    holder, _ = stakers
    mining.stake(10 * UNIT, sender=holder)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    at(chain, start + 500)
    tx = mining.claim(sender=holder)
    assert long_token.balanceOf(holder) == 500 * UNIT
    assert tx.events[-1].amount == 500 * UNIT
    assert mining.totalPaid() == 500 * UNIT


def test_earned__two_stakers_one_to_three__splits_pro_rata(
    chain, mining, long_token, launcher, stakers
):
    holder, other = stakers
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    at(chain, start + 1)
    mining.stake(1 * UNIT, sender=holder)  # holder alone from start+1 to start+11
    at(chain, start + 11)
    mining.stake(3 * UNIT, sender=other)
    chain.mine(timestamp=start + 111)
    # 1 s idle; 10 s holder alone; 100 s split 1:3.
    assert mining.earned(holder) == 10 * UNIT + 25 * UNIT
    assert mining.earned(other) == 75 * UNIT
    assert mining.idleRewards() == 1 * UNIT


def test_earned__after_period_end__stops_growing(chain, mining, long_token, launcher, stakers):
    holder, _ = stakers
    mining.stake(UNIT, sender=holder)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    chain.mine(timestamp=start + 5000)
    assert mining.earned(holder) == 1000 * UNIT
    at(chain, start + 6000)
    mining.claim(sender=holder)
    assert long_token.balanceOf(holder) == 1000 * UNIT


def test_recover_idle__nothing_staked_then_stake__sponsor_takes_idle_once(
    chain, mining, long_token, launcher, stakers
):
    holder, _ = stakers
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    at(chain, start + 100)
    mining.stake(UNIT, sender=holder)
    at(chain, start + 200)
    tx = mining.recoverIdle(launcher, sender=launcher)
    assert long_token.balanceOf(launcher) == 100 * UNIT
    assert tx.events[-1].amount == 100 * UNIT
    assert mining.totalRecovered() == 100 * UNIT
    at(chain, start + 300)
    mining.recoverIdle(launcher, sender=launcher)  # nothing more: someone is staked
    assert long_token.balanceOf(launcher) == 100 * UNIT
    at(chain, start + 2000)
    mining.claim(sender=holder)
    assert long_token.balanceOf(holder) == 900 * UNIT


def test_recover_idle__not_sponsor_or_zero_recipient__reverts(mining, launcher, attacker):
    with ape.reverts(mining.NotSponsor):
        mining.recoverIdle(attacker, sender=attacker)
    with ape.reverts(mining.ZeroRecipient):
        mining.recoverIdle(ZERO, sender=launcher)


def test_fund__running_period_refunded__spreads_rest_plus_new_over_new_period(
    chain, mining, long_token, launcher, stakers
):
    holder, _ = stakers
    mining.stake(UNIT, sender=holder)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    # At the midpoint 500 are left; add 700 over 1200 s: rate = 1 per second, ends at start+1700.
    tx = fund(mining, long_token, launcher, 700 * UNIT, 1200, at=start + 500, chain=chain)
    assert mining.rateScaled() == UNIT * SCALE
    assert mining.periodFinish() == start + 1700
    assert tx.events[-1].amount == 700 * UNIT
    chain.mine(timestamp=start + 1700)
    assert mining.earned(holder) == 1700 * UNIT


def test_fund__running_period_extended_with_zero__same_total_lower_rate(
    chain, mining, long_token, launcher, stakers
):
    holder, _ = stakers
    mining.stake(UNIT, sender=holder)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    at(chain, start + 500)
    mining.fund(0, 1000, sender=launcher)  # the 500 left now over 1000 s
    assert mining.rateScaled() == UNIT * SCALE // 2
    chain.mine(timestamp=start + 1500)
    assert mining.earned(holder) == 1000 * UNIT


def test_fund__running_period_shortened__reverts(chain, mining, long_token, launcher):
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    mint_and_approve(long_token, launcher, UNIT, mining)
    at(chain, start + 100)
    with ape.reverts(mining.PeriodShortened, newFinish=start + 200, currentFinish=start + 1000):
        mining.fund(UNIT, 100, sender=launcher)


def test_fund__after_period_ended__starts_new_period_without_backpay(
    chain, mining, long_token, launcher, stakers
):
    holder, _ = stakers
    mining.stake(UNIT, sender=holder)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 100 * UNIT, 100, at=start, chain=chain)
    fund(mining, long_token, launcher, 100 * UNIT, 100, at=start + 1000, chain=chain)
    chain.mine(timestamp=start + 1050)
    assert mining.earned(holder) == 150 * UNIT


def test_withdraw__more_than_stake__reverts_insufficient_stake(mining, stakers):
    holder, _ = stakers
    mining.stake(5, sender=holder)
    with ape.reverts(mining.InsufficientStake, account=holder.address, staked=5, requested=6):
        mining.withdraw(6, sender=holder)
    with ape.reverts(mining.ZeroAmount):
        mining.withdraw(0, sender=holder)


def test_withdraw__all__returns_stake_and_keeps_earned(
    chain, mining, pool_token, long_token, launcher, stakers
):
    holder, _ = stakers
    mining.stake(10 * UNIT, sender=holder)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    at(chain, start + 300)
    tx = mining.withdraw(10 * UNIT, sender=holder)
    assert tx.events[-1].amount == 10 * UNIT
    assert pool_token.balanceOf(holder) == 1000 * UNIT
    assert (mining.stakeOf(holder), mining.totalStaked()) == (0, 0)
    chain.mine(timestamp=start + 800)
    assert mining.earned(holder) == 300 * UNIT  # nothing accrues without a stake
    assert mining.idleRewards() == 500 * UNIT


def test_claim__nothing_earned__returns_zero_and_sends_nothing(mining, long_token, stakers):
    holder, _ = stakers
    tx = mining.claim(sender=holder)
    assert not [e for e in tx.events if e.event_name == "RewardPaid"]
    assert long_token.balanceOf(holder) == 0


def test_stake__fee_on_transfer_pool_token__credits_what_arrived(
    project, deployer, long_token, launcher, holder
):
    fot = deployer.deploy(project.FeeOnTransferERC20, 18, 100)
    emitter = deployer.deploy(project.LiquidityMining, fot, long_token, launcher)
    mint_and_approve(fot, holder, 1000, emitter)
    tx = emitter.stake(1000, sender=holder)
    assert emitter.stakeOf(holder) == 990
    assert tx.events[-1].amount == 990


def test_donation__pool_token_sent_directly__changes_no_share(
    chain, mining, pool_token, long_token, launcher, stakers, attacker
):
    """A donation of the staking token is not a stake: rates and shares ignore it (threat model)."""
    holder, other = stakers
    mining.stake(UNIT, sender=holder)
    mining.stake(UNIT, sender=other)
    pool_token.mint(attacker, 10**6 * UNIT, sender=attacker)
    pool_token.transfer(mining, 10**6 * UNIT, sender=attacker)
    start = chain.pending_timestamp + 5
    fund(mining, long_token, launcher, 1000 * UNIT, 1000, at=start, chain=chain)
    chain.mine(timestamp=start + 1000)
    assert mining.totalStaked() == 2 * UNIT
    assert mining.earned(holder) == mining.earned(other) == 500 * UNIT


def test_earned__odd_amounts__pays_at_most_funded_and_dust_within_bound(
    chain, mining, long_token, launcher, stakers
):
    """I-E2/I-E3 on an awkward example: 3 stakers of coprime stakes, a prime duration."""
    holder, other = stakers
    mining.stake(7, sender=holder)
    mining.stake(13 * UNIT + 1, sender=other)
    start = chain.pending_timestamp + 5
    funded = 10**21 + 7
    fund(mining, long_token, launcher, funded, 9973, at=start, chain=chain)
    at(chain, start + 10_000)
    mining.claim(sender=holder)
    mining.claim(sender=other)
    paid = long_token.balanceOf(holder) + long_token.balanceOf(other)
    assert paid <= funded
    assert funded - paid <= 2  # one raw unit per staker at most here

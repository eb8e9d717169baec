"""Stateful test of LiquidityMining against an exact ledger (fractions, no rounding).

Random stakes, withdrawals, claims, time jumps, fundings (fresh, re-funding and extending a running
period) and idle-reward recoveries. After every step, for every staker (I-E3):

    |earned on chain - exact pro-rata share not yet paid| <= 1 + (K * Smax + D) / 1e36

(K index updates so far, Smax the largest total stake, D the sum of funding durations), the
contract's reward balance is exactly funded - paid - recovered, and paid + recovered never exceeds
funded (I-E2). The teardown withdraws and claims for everyone after the last period, recovers the
idle rewards and checks that what stays is below stakers + fundings + 1 raw units (I-E4).

Every example starts with a running emission and one staker (``start``), so short runs already
exercise late stakers on a moving index: a contract that credits a new stake before bringing its
account up to date passes the default run without it and fails it with it (checked by hand).
The default profile runs a few short examples; ``-m deep`` (HYPOTHESIS_PROFILE=deep) runs many.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

SCALE = 10**36
MAX_UINT = 2**256 - 1
STAKER_ROLES = ("holder", "other", "attacker")
BALANCE = 10**30

amounts = st.one_of(st.integers(1, 1000), st.integers(1, 10**24), st.just(10**27))
time_steps = st.one_of(st.integers(0, 5), st.integers(1, 3600), st.integers(1, 10 * 86400))
durations = st.one_of(st.integers(1, 100), st.integers(1, 30 * 86400))
reward_amounts = st.one_of(st.integers(1, 10**6), st.integers(1, 10**24))


@dataclass
class Ledger:
    """The emission with exact rational arithmetic, the way the model describes it."""

    t_last: int = 0
    rate: Fraction = Fraction(0)
    finish: int = 0
    stakes: dict[str, int] = field(default_factory=dict)
    credit: dict[str, Fraction] = field(default_factory=dict)
    paid: dict[str, int] = field(default_factory=dict)
    idle: Fraction = Fraction(0)
    funded: int = 0
    recovered: int = 0
    updates: int = 0
    max_stake: int = 0
    durations: int = 0
    fundings: int = 0

    @property
    def total(self) -> int:
        return sum(self.stakes.values())

    def advance(self, t: int) -> None:
        end = min(t, self.finish)
        if end <= self.t_last:
            return
        emitted = self.rate * (end - self.t_last)
        total = self.total
        if total == 0:
            self.idle += emitted
        else:
            self.updates += 1
            for who, s in self.stakes.items():
                self.credit[who] = self.credit.get(who, Fraction(0)) + emitted * s / total
        self.t_last = end

    def fund(self, t: int, amount: int, duration: int) -> None:
        self.advance(t)
        rest = self.rate * (self.finish - t) if t < self.finish else Fraction(0)
        self.rate = (rest + amount) / duration
        self.finish = t + duration
        self.t_last = t
        self.funded += amount
        self.durations += duration
        self.fundings += 1

    def stake(self, t: int, who: str, amount: int) -> None:
        self.advance(t)
        self.stakes[who] = self.stakes.get(who, 0) + amount
        self.max_stake = max(self.max_stake, self.total)

    def withdraw(self, t: int, who: str, amount: int) -> None:
        self.advance(t)
        self.stakes[who] -= amount

    def owed(self, who: str) -> Fraction:
        return self.credit.get(who, Fraction(0)) - self.paid.get(who, 0)

    def bound(self) -> Fraction:
        """I-E3's dust bound, raw reward units."""
        return 1 + Fraction(self.updates * self.max_stake + self.durations, SCALE)


class EmissionMachine(RuleBasedStateMachine):
    def __init__(self, env):
        super().__init__()
        self.env = env
        self.chain = env["chain"]
        self.snapshot = self.chain.snapshot()
        self.mining = env["mining"]
        self.reward = env["reward"]
        self.stakers = env["stakers"]
        self.sponsor = env["sponsor"]
        self.ledger = Ledger()
        self.now = self.chain.pending_timestamp
        self.ledger.t_last = self.now

    def _at(self, dt: int) -> int:
        self.now = max(self.now + dt, self.chain.pending_timestamp)
        self.chain.pending_timestamp = self.now
        return self.now

    # ------------------------------------------------------------------ rules

    @initialize(
        amount=reward_amounts, duration=durations, who=st.sampled_from(STAKER_ROLES), stake=amounts
    )
    def start(self, amount, duration, who, stake):
        """Every example starts with an emission running and one staker, so that the rules below
        act on a moving index from the first step (late stakers, withdrawals, re-funding)."""
        self.fund(amount, duration, 0, False)
        self.stake(who, stake, 1)

    @rule(amount=reward_amounts, duration=durations, dt=time_steps, extend_only=st.booleans())
    def fund(self, amount, duration, dt, extend_only):
        t = self._at(dt)
        running = t < self.ledger.finish
        if running:
            duration = max(duration, self.ledger.finish - t)  # never shorten (PeriodShortened)
            if extend_only:
                amount = 0
        self.mining.fund(amount, duration, sender=self.sponsor)
        self.ledger.fund(t, amount, duration)

    @rule(who=st.sampled_from(STAKER_ROLES), amount=amounts, dt=time_steps)
    def stake(self, who, amount, dt):
        t = self._at(dt)
        self.mining.stake(amount, sender=self.stakers[who])
        self.ledger.stake(t, who, amount)

    @precondition(lambda self: self.ledger.total > 0)
    @rule(data=st.data(), dt=time_steps)
    def withdraw(self, data, dt):
        who = data.draw(st.sampled_from([w for w, s in self.ledger.stakes.items() if s > 0]))
        amount = data.draw(st.integers(1, self.ledger.stakes[who]))
        t = self._at(dt)
        self.mining.withdraw(amount, sender=self.stakers[who])
        self.ledger.withdraw(t, who, amount)

    @rule(who=st.sampled_from(STAKER_ROLES), dt=time_steps)
    def claim(self, who, dt):
        t = self._at(dt)
        before = self.reward.balanceOf(self.stakers[who])
        self.mining.claim(sender=self.stakers[who])
        self.ledger.advance(t)
        self.ledger.paid[who] = self.ledger.paid.get(who, 0) + (
            self.reward.balanceOf(self.stakers[who]) - before
        )

    @rule(dt=time_steps)
    def recover_idle(self, dt):
        t = self._at(dt)
        before = self.reward.balanceOf(self.sponsor)
        self.mining.recoverIdle(self.sponsor, sender=self.sponsor)
        self.ledger.advance(t)
        got = self.reward.balanceOf(self.sponsor) - before
        self.ledger.recovered += got
        assert self.ledger.recovered <= self.ledger.idle, "recovered more than was idle"

    @rule(dt=time_steps)
    def wait(self, dt):
        self._at(dt)
        self.chain.mine(timestamp=self.now)
        self.now += 1

    # ------------------------------------------------------------------ invariants

    @invariant()
    def earned_matches_ledger(self):
        t = self.chain.pending_timestamp - 1  # views run on the last mined block
        ledger = self.ledger
        self._ledger_view_at(t)
        bound = ledger.bound()
        for who in STAKER_ROLES:
            on_chain = self.mining.earned(self.stakers[who])
            exact = self._view_owed[who]
            assert abs(on_chain - exact) <= bound, (
                f"I-E3 {who}: earned {on_chain}, exact {float(exact)}, bound {float(bound)}"
            )
        idle = self.mining.idleRewards()
        exact_idle = self._view_idle - ledger.recovered
        assert abs(idle - exact_idle) <= bound, f"idle {idle} vs exact {float(exact_idle)}"
        balance = self.reward.balanceOf(self.mining)
        paid = sum(ledger.paid.values())
        assert balance == ledger.funded - paid - ledger.recovered, "I-E2 balance"
        assert paid + ledger.recovered <= ledger.funded, "I-E2"
        assert self.mining.totalStaked() == ledger.total

    def _ledger_view_at(self, t: int) -> None:
        """What the ledger would say at ``t`` without changing it (views do not update)."""
        saved = (
            self.ledger.t_last,
            dict(self.ledger.credit),
            self.ledger.idle,
            self.ledger.updates,
        )
        self.ledger.advance(max(t, self.ledger.t_last))
        self._view_owed = {who: self.ledger.owed(who) for who in STAKER_ROLES}
        self._view_idle = self.ledger.idle
        self.ledger.t_last, self.ledger.credit, self.ledger.idle, self.ledger.updates = saved

    def teardown(self):
        try:
            self._settle_everyone()
        finally:
            self.chain.restore(self.snapshot)

    def _settle_everyone(self):
        ledger = self.ledger
        self._at(max(ledger.finish - self.now, 0) + 1)
        for who in STAKER_ROLES:
            staked = ledger.stakes.get(who, 0)
            if staked:
                self.mining.withdraw(staked, sender=self.stakers[who])
                ledger.withdraw(self._at(1), who, staked)
            self.claim(who, 1)
            assert abs(ledger.owed(who)) <= ledger.bound(), f"I-E3 final {who}"
        self.recover_idle(1)
        left = self.reward.balanceOf(self.mining)
        assert left == ledger.funded - sum(ledger.paid.values()) - ledger.recovered
        assert left <= len(STAKER_ROLES) + ledger.fundings + 1, f"I-E4 dust {left}"


@pytest.fixture
def emission_env(chain, project, deployer, launcher, holder, other, attacker):
    staking = deployer.deploy(project.TestERC20, "Pool token", "BPT", 18)
    reward = deployer.deploy(project.TestERC20, "KPI long", "KPIL", 18)
    mining = deployer.deploy(project.LiquidityMining, staking, reward, launcher)
    stakers = {"holder": holder, "other": other, "attacker": attacker}
    for account in stakers.values():
        staking.mint(account, BALANCE, sender=account)
        staking.approve(mining, MAX_UINT, sender=account)
    reward.mint(launcher, BALANCE, sender=launcher)
    reward.approve(mining, MAX_UINT, sender=launcher)
    return {
        "chain": chain,
        "mining": mining,
        "reward": reward,
        "stakers": stakers,
        "sponsor": launcher,
    }


def _run(env, examples: int, steps: int) -> None:
    run_state_machine_as_test(
        lambda: EmissionMachine(env),
        settings=settings(
            settings.default, max_examples=examples, stateful_step_count=steps, deadline=None
        ),
    )


def test_emission__random_operations__earned_within_dust_of_exact_ledger(emission_env):
    _run(emission_env, examples=min(settings.default.max_examples, 4), steps=10)


@pytest.mark.deep
def test_emission__many_random_operations__earned_within_dust_of_exact_ledger(emission_env):
    _run(emission_env, examples=settings.default.max_examples, steps=40)

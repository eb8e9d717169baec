"""Stateful test of a Long Short Pair's whole life, against a plain-Python shadow ledger.

Each hypothesis example launches one pair through the real creator and the local oracle stack,
with drawn collateral decimals (6, 8, 18), collateral per pair, payout library and parameters (or
the mock, with shares above 1e18), early expiration on or off, proposer reward, bond, final fee,
liveness and expiry. Actors: ``sponsor``, ``holder``, ``other`` and ``attacker`` hold tokens;
``requester`` and ``attacker`` call ``expire``/``requestEarlyExpiration`` (paying the reward);
``proposer`` proposes true, false and ignore prices; ``disputer`` disputes; ``deployer`` answers
as the DVM; the M-1 griefer (an ``EarlyExpiryGriefer`` contract driven by ``attacker``) requests
unused past timestamps and proposes the ignore price in the same transaction, which must never
keep another request out (early requests are not serial). Every rule lets time pass first, then acts. Rules attempt actions in every state: the
ledger (``tests/stateful/ledger.py``) predicts the exact custom error or the exact collateral moved.

Invariants, checked after every step (and I5 in teardown):
- L1 Ledger: every account's collateral, every holder's long and short balance, both supplies,
  ``pairState()``, the fixed share, the oracle's and the Store's balances equal the ledger, to the wei.
- I1 Solvency: the pair's collateral covers the exact worth of every outstanding token (at the
  fixed share once settled; at any share before, since the supplies are equal).
- I2 Total paid out never exceeds total deposited, and the pool is exactly their difference.
- I3 Per call: create takes at least what it mints is worth; redeem and settle pay at most what
  they burn is worth (so a long+short pair never pays more than collateralPerPair); each keeps
  less than 1 (create, redeem) or 3 (settle) wei. See ``ledger.record_call``.
- I4 Long supply equals short supply until the settlement price is fixed.
- I5 Teardown: everyone settles; then no token is left and the pool holds only dust, which equals
  the rounding recorded call by call and is below 1 wei per create and per redeem call plus
  3 wei per settle call (each holder's final settle adds less than 3 wei).

Why 3 wei per settle: each side pays floor(floor(n * cpp / 1e18) * share / 1e18); the inner floor
loses a < 1, scaled by the share (<= 1), the outer floor loses b < 1, so a side loses < 1 + share
(long) or < 1 + (1 - share) (short): < 3 wei for both sides together.

``make test`` runs the CI settings (HYPOTHESIS_PROFILE=ci); ``make deep`` runs the deep variant.
``tests/stateful/test_planted_bug.py`` runs the same machine against a pair whose settle rounds up.
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
import time
from fractions import Fraction

import ape
import pytest
from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from kpi_options.chain.oracle import GENERAL_KPI, OracleState
from kpi_options.chain.pair import IGNORE_PRICE, PairState, launch_pair
from kpi_options.chain.system import default_creator_params
from kpi_options.payouts import WAD
from tests import strategies as S
from tests.fixtures.oracle import on_both_stacks
from tests.stateful.chainview import BatchReader
from tests.stateful.env import ANCILLARY, HOLDER_ROLES, MAX_UINT, REQUESTER_ROLES, Env
from tests.stateful.ledger import ModelRevert, PairLedger, Payout, record_call

# (examples, steps per example) per profile; the deep variant has its own figures below.
RUNS = {"quick": (5, 20), "ci": (25, 40), "deep": (25, 40)}
DEEP_RUN = (200, 60)


class _StopAfterRecordedFailure(BaseException):
    """Ends a run once a cut-short example's teardown has failed (not an ``Exception``, so
    hypothesis lets it through instead of treating it as this example's failure)."""


class PairLifecycle(RuleBasedStateMachine):
    """One pair's life; ``exact=False`` keeps only the safety invariants (I1-I5), adopting the
    amounts measured on chain instead of asserting the ledger's predictions (L1)."""

    def __init__(self, env: Env, exact: bool = True):
        super().__init__()
        self.env = env
        self.exact = exact
        self.snapshot = env.chain.snapshot()
        self.m: PairLedger | None = None
        self.healthy = False
        env.stats["examples"] += 1

    # ------------------------------------------------------------------ launch

    @initialize(
        decimals=S.collateral_decimals,
        cpp=S.collateral_per_pair,
        payout=S.payout_setups(),
        early=S.early_expiration,
        expiry=S.expiry_offsets,
        liveness=S.liveness_times,
        data=st.data(),
    )
    def launch(self, decimals, cpp, payout, early, expiry, liveness, data):
        env = self.env
        if env.cut_short_failures:
            raise _StopAfterRecordedFailure
        self.healthy = False
        self.decimals = decimals
        self.token = env.collateral[decimals]
        reward = data.draw(S.oracle_amounts(decimals), label="proposer reward")
        bond = data.draw(S.oracle_amounts(decimals), label="proposer bond")
        final_fee = data.draw(S.oracle_amounts(decimals), label="final fee")
        self.true_price = data.draw(S.kpi_prices(payout), label="true price")
        self.head = env.chain.blocks.head.timestamp
        deployer, launcher = env.accounts["deployer"], env.accounts["launcher"]

        self._at(self.head + 1)
        env.stack.store.setFinalFee(self.token, (final_fee,), sender=deployer)
        name, value = payout
        if name == "Mock":
            self._at(self.head + 1)
            env.mock.setValueToReturn(value, sender=deployer)
            library, parameters, model_payout = env.mock, b"", Payout(name, mock_share=value)
        else:
            library, parameters = env.libraries[name], value.encode_parameters()
            model_payout = Payout(name, twin=value)
        launch_time = self.head + 1
        params = default_creator_params(
            collateral=self.token,
            library=library,
            expiration=launch_time + expiry,
            pair_name="Stateful KPI option",
            collateral_per_pair=cpp,
            enable_early_expiration=early,
            custom_ancillary_data=ANCILLARY,
            proposer_reward=reward,
            optimistic_oracle_liveness_time=liveness,
            optimistic_oracle_proposer_bond=bond,
        )
        self._at(launch_time)
        self.pair = launch_pair(self._creator(), params, parameters, launcher)
        self.long_token = env.project.PositionToken.at(self.pair.longToken())
        self.short_token = env.project.PositionToken.at(self.pair.shortToken())
        for role in (*HOLDER_ROLES, "requester"):
            self._at(self.head + 1)
            self.token.approve(self.pair, MAX_UINT, sender=env.accounts[role])
        oracle = env.stack.optimistic_oracle
        tracked = {role: env.address(role) for role in (*HOLDER_ROLES, "requester")}
        tracked |= {role: env.address(role) for role in ("proposer", "disputer")}
        tracked |= {"pair": self.pair.address, "oracle": oracle.address}
        if env.griefer is not None:
            tracked["griefer"] = env.griefer.address
        tracked["store"] = env.stack.store.address
        reader = BatchReader(env.chain.provider.web3)
        for address in tracked.values():
            reader.add(address, self.token, "balanceOf(address)", (address,))
        balances = reader.read()
        early_ancillary = bytes(self.pair.getEarlyExpirationAncillaryData())
        self.stamped = {
            "expiry": bytes(oracle.stampAncillaryData(ANCILLARY, self.pair)),
            "early": bytes(oracle.stampAncillaryData(early_ancillary, self.pair)),
        }
        self.m = PairLedger(
            pair=self.pair.address,
            oracle=oracle.address,
            store=env.stack.store.address,
            proposer=env.address("proposer"),
            disputer=env.address("disputer"),
            expiration=params.expiration_timestamp,
            collateral_per_pair=cpp,
            early_enabled=early,
            reward=reward,
            bond=bond,
            final_fee=final_fee,
            liveness=liveness,
            payout=model_payout,
            launched=launch_time,
            custom_ancillary=ANCILLARY,
            early_ancillary=early_ancillary,
            holders=tuple(env.address(role) for role in HOLDER_ROLES),
            collateral=balances,
        )
        event(f"payout library: {name}")
        event(f"collateral decimals: {decimals}")
        self.healthy = True
        self._initial_positions(data)

    def _initial_positions(self, data):
        """The sponsor mints and hands long and short tokens to the other holders, so every
        example starts with positions spread out (the rules add, move and remove more)."""
        sponsor = self.env.address("sponsor")
        tokens = data.draw(S.create_amounts(self.decimals), label="initial tokens")
        if tokens == 0:
            return
        ok, used = self._attempt(
            "create",
            self.head + 1,
            lambda: self.m.create(sponsor, tokens, self.head + 1),
            lambda: self.pair.create(tokens, sender=self.env.accounts["sponsor"]),
        )
        assert ok, "launch: the first create must succeed"
        self._adopt("create", sponsor, used, Fraction(tokens * self.m.collateral_per_pair, WAD))
        for role in HOLDER_ROLES[1:]:
            for side, book, token in (
                ("long", self.m.long, self.long_token),
                ("short", self.m.short, self.short_token),
            ):
                amount = data.draw(S.token_amounts(book[sponsor]), label=f"initial {side}")
                if amount:
                    self._at(self.head + 1)
                    token.transfer(
                        self.env.address(role), amount, sender=self.env.accounts["sponsor"]
                    )
                    book[sponsor] -= amount
                    book[self.env.address(role)] += amount

    def _creator(self):
        """The creator to launch with (the planted-bug test swaps it)."""
        return self.env.creator

    # ------------------------------------------------------------------ time and plumbing

    def _at(self, timestamp: int) -> None:
        """Make the next transaction's block carry ``timestamp``."""
        self.env.chain.pending_timestamp = timestamp
        self.head = timestamp

    def _mine_at(self, timestamp: int) -> None:
        self.env.chain.mine(1, timestamp=timestamp)
        self.head = timestamp

    def _reverts(self, expected: ModelRevert):
        return ape.reverts(getattr(self.pair, expected.error), **expected.inputs)

    def _attempt(self, label: str, timestamp: int, predict, send):
        """Predict with the ledger, then send at ``timestamp``; a predicted revert is asserted with
        its exact error and inputs (and time still passes). Returns (succeeded, prediction)."""
        self.healthy = False
        saved = copy.deepcopy(self.m)
        try:
            predicted = predict()
        except ModelRevert as expected:
            self.m = saved
            self.env.chain.pending_timestamp = timestamp
            with self._reverts(expected):
                send()
            self._mine_at(timestamp)
            self.env.stats[f"{label} refused: {expected.error}"] += 1
            self.healthy = True
            return False, None
        self._at(timestamp)
        send()
        self.env.stats[f"{label} ok"] += 1
        self.healthy = True
        return True, predicted

    def _later(self, dt: int) -> int:
        return self.head + dt

    def _balance(self, account: str) -> int:
        return self.token.balanceOf(account)

    def _adopt(self, kind: str, actor: str, predicted: int, value: Fraction) -> None:
        """Compare the collateral ``actor`` gave or got with the prediction (L1), adopt what the
        chain did (I1-I5 then judge the contract, not the ledger) and record the call (I3)."""
        self.healthy = False
        expected = -predicted if kind == "create" else predicted
        before = self.m.collateral[actor] - expected  # the ledger has already moved `expected`
        measured = self._balance(actor) - before
        amount = -measured if kind == "create" else measured
        if self.exact:
            assert measured == expected, f"L1: {kind} moved {measured}, ledger says {expected}"
        else:
            self.m.collateral[actor] += measured - expected
            self.m.collateral[self.m.pair] -= measured - expected
        record_call(self.m, kind, value, amount)
        self.healthy = True

    # ------------------------------------------------------------------ token holders

    # Preconditions below only cut attempts whose refusal no longer depends on the history (create
    # long after expiry, settle before anyone called expire(), ...): the unit tests pin those errors,
    # and the drawn time step still lands on both sides of every boundary.
    @precondition(lambda self: self.m is not None and self.head < self.m.expiration)
    @rule(role=st.sampled_from(HOLDER_ROLES), dt=S.time_steps, data=st.data())
    def create(self, role, dt, data):
        actor, t = self.env.address(role), self._later(dt)
        tokens = data.draw(S.create_amounts(self.decimals), label="tokens")
        ok, used = self._attempt(
            "create",
            t,
            lambda: self.m.create(actor, tokens, t),
            lambda: self.pair.create(tokens, sender=self.env.accounts[role]),
        )
        if ok:
            value = Fraction(tokens * self.m.collateral_per_pair, WAD)
            self._adopt("create", actor, used, value)

    def _someone_holds(self, both: bool) -> bool:
        if self.m is None:
            return False
        held = [(self.m.long[h], self.m.short[h]) for h in self.m.holders]
        return any(min(p) > 0 if both else max(p) > 0 for p in held)

    @precondition(lambda self: self._someone_holds(both=True))
    @rule(role=st.sampled_from(HOLDER_ROLES), dt=S.time_steps, data=st.data())
    def redeem(self, role, dt, data):
        actor, t = self.env.address(role), self._later(dt)
        tokens = data.draw(
            S.token_amounts(min(self.m.long[actor], self.m.short[actor])), label="tokens"
        )
        ok, returned = self._attempt(
            "redeem",
            t,
            lambda: self.m.redeem(actor, tokens),
            lambda: self.pair.redeem(tokens, sender=self.env.accounts[role]),
        )
        if ok:
            value = Fraction(tokens * self.m.collateral_per_pair, WAD)
            self._adopt("redeem", actor, returned, value)

    @precondition(lambda self: self._someone_holds(both=False))
    @rule(
        side=st.sampled_from(["long", "short"]),
        src=st.sampled_from(HOLDER_ROLES),
        dst=st.sampled_from(HOLDER_ROLES),
        dt=S.time_steps,
        data=st.data(),
    )
    def transfer(self, side, src, dst, dt, data):
        sender, receiver = self.env.address(src), self.env.address(dst)
        book = self.m.long if side == "long" else self.m.short
        tokens = data.draw(S.token_amounts(book[sender]), label="tokens")
        token = self.long_token if side == "long" else self.short_token
        self._at(self._later(dt))
        token.transfer(receiver, tokens, sender=self.env.accounts[src])
        self.env.stats["transfer ok"] += 1
        book[sender] -= tokens
        book[receiver] += tokens

    @precondition(lambda self: self._settle_worth_trying())
    @rule(role=st.sampled_from(HOLDER_ROLES), dt=S.time_steps, data=st.data())
    def settle(self, role, dt, data):
        actor, t = self.env.address(role), self._later(dt)
        long_tokens = data.draw(S.token_amounts(self.m.long[actor]), label="long")
        short_tokens = data.draw(S.token_amounts(self.m.short[actor]), label="short")
        self._settle(role, long_tokens, short_tokens, t)

    def _settle_worth_trying(self) -> bool:
        """Skip settle attempts whose refusal cannot depend on the history: before expiry with
        early expiration off (far from expiry), after expiry with the expiry price not asked for
        or still pending (the drawn time step still crosses every boundary)."""
        if self.m is None:
            return False
        if not self.m.early_enabled and self.head < self.m.expiration - 4 * 3600:
            return False
        state = self.m.pair_state(self.head)
        return state not in (PairState.ExpiredUnrequested, PairState.ExpiryPricePending)

    def _settle(self, role, long_tokens, short_tokens, t) -> bool:
        actor = self.env.address(role)
        ok, returned = self._attempt(
            "settle",
            t,
            lambda: self.m.settle(actor, long_tokens, short_tokens, t),
            lambda: self.pair.settle(long_tokens, short_tokens, sender=self.env.accounts[role]),
        )
        if ok:
            m = self.m
            value = m.tokens_value(long_tokens, short_tokens, m.percent_long)
            self._adopt("settle", actor, returned, value)
            share, cpp = m.percent_long, m.collateral_per_pair
            sides = (
                (long_tokens * cpp // WAD) * share,
                (short_tokens * cpp // WAD) * (WAD - share),
            )
            if any(side % WAD for side in sides):
                self.env.stats["settle ok, share step rounds"] += 1
        return ok

    # ------------------------------------------------------------------ expiry and early expiry

    # A second expire() (ExpiryAlreadyRequested) is a unit test; here it would only burn steps.
    @precondition(
        lambda self: (
            self.m is not None
            and self.m.expiry_request() is None
            and self.head >= self.m.expiration - 4 * 3600
        )
    )
    @rule(role=st.sampled_from(REQUESTER_ROLES), dt=S.time_steps)
    def expire(self, role, dt):
        self._expire(role, self._later(dt))

    def _expire(self, role, t) -> bool:
        caller = self.env.address(role)
        ok, _ = self._attempt(
            "expire",
            t,
            lambda: self.m.expire(caller, t),
            lambda: self.pair.expire(sender=self.env.accounts[role]),
        )
        return ok

    # Disabled early expiration and requests after expiry refuse every call (unit-tested); the
    # machine spends its steps where the outcome depends on the history.
    @precondition(
        lambda self: self.m is not None and self.m.early_enabled and self.head < self.m.expiration
    )
    @rule(role=st.sampled_from(REQUESTER_ROLES), dt=S.time_steps, data=st.data())
    def request_early_expiration(self, role, dt, data):
        caller, t = self.env.address(role), self._later(dt)
        used = sorted(ts for kind, ts in self.m.requests if kind == "early")
        choices = [st.just(t), st.integers(1, t), st.just(0), st.just(t + 1)]
        if used:
            choices.append(st.sampled_from(used))
        timestamp = data.draw(st.one_of(choices), label="early timestamp")
        self._attempt(
            "requestEarlyExpiration",
            t,
            lambda: self.m.request_early_expiration(caller, timestamp, t),
            lambda: self.pair.requestEarlyExpiration(timestamp, sender=self.env.accounts[role]),
        )

    @precondition(
        lambda self: (
            self.m is not None
            and self.env.griefer is not None
            and self.m.early_enabled
            and self.head < self.m.expiration
        )
    )
    @rule(dt=S.time_steps, data=st.data())
    def grief(self, dt, data):
        """The M-1 griefer: in one transaction (``EarlyExpiryGriefer``) it requests an unused past
        timestamp and proposes the ignore price itself. It must never keep another request out;
        the ledger predicts the rest. Rounds the ledger predicts to revert are not sent (a revert
        through the griefer contract is not decoded with the pair's errors)."""
        griefer, t = self.env.griefer.address, self._later(dt)
        used = {ts for kind, ts in self.m.requests if kind == "early"}
        timestamp = data.draw(st.integers(self.m.launched, t), label="griefing timestamp")
        if timestamp in used:
            event("grief: timestamp already used")
            return
        saved = copy.deepcopy(self.m)
        try:
            self.m.request_early_expiration(griefer, timestamp, t)
            self.m.propose(self.m.request("early", timestamp), IGNORE_PRICE, t, proposer=griefer)
        except ModelRevert as expected:
            self.m = saved
            event(f"grief: not sent ({expected.error})")
            return
        self.healthy = False
        self._at(t)
        self.env.griefer.grief(
            self.pair,
            self.env.stack.optimistic_oracle,
            timestamp,
            0,
            sender=self.env.accounts["attacker"],
        )
        self.env.stats["grief ok"] += 1
        self.healthy = True

    # ------------------------------------------------------------------ oracle and DVM

    def _requests_in(self, state: OracleState, at: int | None = None):
        now = self.head if at is None else at
        return [r for r in self.m.requests.values() if r.state(now) == state] if self.m else []

    @precondition(lambda self: self._requests_in(OracleState.Requested))
    @rule(data=st.data(), dt=S.time_steps)
    def propose(self, data, dt):
        request = data.draw(st.sampled_from(self._requests_in(OracleState.Requested)))
        kind = data.draw(st.sampled_from(["true", "false", "ignore"]), label="proposal")
        price = {
            "true": self.true_price,
            "ignore": IGNORE_PRICE,
            "false": None,
        }[kind]
        if price is None:
            price = data.draw(S.kpi_prices(("Mock", 0)), label="false price")
        t = self._later(dt)
        self._propose(request, price, t)
        event(f"proposal on {request.kind} request: {kind}")

    def _propose(self, request, price, t):
        self._at(t)
        self.env.stack.optimistic_oracle.proposePrice(
            self.pair,
            GENERAL_KPI,
            request.timestamp,
            request.ancillary,
            price,
            sender=self.env.accounts["proposer"],
        )
        self.m.propose(request, price, t)
        self.env.stats[f"propose ok ({request.kind})"] += 1

    @precondition(
        lambda self: any(
            r.expires_at > self.head + 1 for r in self._requests_in(OracleState.Proposed)
        )
    )
    @rule(data=st.data())
    def dispute(self, data):
        live = [r for r in self._requests_in(OracleState.Proposed) if r.expires_at > self.head + 1]
        request = data.draw(st.sampled_from(live))
        # Disputes are only possible within liveness: the time step is drawn inside it.
        t = self._later(data.draw(st.integers(1, request.expires_at - self.head - 1), label="dt"))
        self._at(t)
        self.env.stack.optimistic_oracle.disputePrice(
            self.pair,
            GENERAL_KPI,
            request.timestamp,
            request.ancillary,
            sender=self.env.accounts["disputer"],
        )
        self.m.dispute(request, t)
        self.env.stats[f"dispute ok ({request.kind})"] += 1
        event(f"dispute on {request.kind} request")

    @precondition(lambda self: self._requests_in(OracleState.Disputed))
    @rule(data=st.data(), dt=S.time_steps)
    def dvm_resolves(self, data, dt):
        request = data.draw(st.sampled_from(self._requests_in(OracleState.Disputed)))
        kind = data.draw(st.sampled_from(["proposed", "true", "ignore", "other"]), label="vote")
        price = {
            "proposed": request.proposed,
            "true": self.true_price,
            "ignore": IGNORE_PRICE,
            "other": None,
        }[kind]
        if price is None:
            price = data.draw(S.kpi_prices(("Mock", 0)), label="dvm price")
        self._push(request, price, self._later(dt))
        event(f"DVM on {request.kind} request: {kind}")

    def _push(self, request, price, t):
        self._at(t)
        self.env.stack.dvm.pushPrice(
            GENERAL_KPI,
            request.timestamp,
            self.stamped[request.kind],
            price,
            sender=self.env.accounts["deployer"],
        )
        self.m.push_dvm_price(request, price, t)
        self.env.stats[f"DVM push ok ({request.kind})"] += 1

    @precondition(
        lambda self: any(
            r.has_price(self.head) and not r.settled
            for r in (self.m.requests if self.m else {}).values()
        )
    )
    @rule(data=st.data(), dt=S.time_steps)
    def settle_in_oracle(self, data, dt):
        ready = [r for r in self.m.requests.values() if r.has_price(self.head) and not r.settled]
        request = data.draw(st.sampled_from(ready))
        self._oracle_settle(request, self._later(dt))

    def _oracle_settle(self, request, t):
        self._at(t)
        self.env.stack.optimistic_oracle.settle(
            self.pair,
            GENERAL_KPI,
            request.timestamp,
            request.ancillary,
            sender=self.env.accounts["other"],
        )
        self.m.settle_request(request, t)
        self.env.stats[f"oracle settle ok ({request.kind})"] += 1

    # ------------------------------------------------------------------ time

    @rule(dt=S.time_steps)
    def pass_time(self, dt):
        self._mine_at(self._later(dt))

    @precondition(lambda self: self.m is not None and self.head <= self.m.expiration + 3 * 86_400)
    @rule(jump=S.expiry_jumps)
    def jump_around_expiry(self, jump):
        """Land right before, at or after expiry (or just let a second pass if that is behind us)."""
        self._mine_at(max(self.head + 1, self.m.expiration + jump))

    # ------------------------------------------------------------------ invariants

    @invariant()
    def ledger_matches_chain(self):
        if self.m is None or not self.healthy:
            return
        self.healthy = False
        self.env.stats["steps"] += 1
        m, env = self.m, self.env
        reader = BatchReader(env.chain.provider.web3)
        for account in m.collateral:
            reader.add(f"collateral:{account}", self.token, "balanceOf(address)", (account,))
        for holder in m.holders:
            reader.add(f"long:{holder}", self.long_token, "balanceOf(address)", (holder,))
            reader.add(f"short:{holder}", self.short_token, "balanceOf(address)", (holder,))
        reader.add("long supply", self.long_token, "totalSupply()")
        reader.add("short supply", self.short_token, "totalSupply()")
        reader.add("state", self.pair, "pairState()", returns=("uint8",))
        reader.add("fixed", self.pair, "receivedSettlementPrice()", returns=("bool",))
        reader.add("share", self.pair, "expiryPercentLong()")
        reader.add("now", env.stack.optimistic_oracle, "getCurrentTime()")
        chain = reader.read()
        assert chain["now"] == self.head, ("block time", chain["now"], self.head)

        pool = chain[f"collateral:{m.pair}"]
        long_supply, short_supply = chain["long supply"], chain["short supply"]
        # I4: equal supplies until the price is fixed (then each side burns on its own).
        if not chain["fixed"]:
            assert long_supply == short_supply, f"I4: supplies {long_supply} != {short_supply}"
        # I1: the pool covers the exact worth of every outstanding token.
        share = chain["share"] if chain["fixed"] else 0
        worth = Fraction(
            (long_supply * share + short_supply * (WAD - share)) * m.collateral_per_pair, WAD * WAD
        )
        assert pool >= worth, f"I1: pool {pool} < outstanding worth {worth}"
        # I2: paid out <= deposited, pool == deposited - paid.
        assert m.paid <= m.deposited, f"I2: paid {m.paid} > deposited {m.deposited}"
        assert pool == m.deposited - m.paid, f"I2: pool {pool} != {m.deposited} - {m.paid}"

        if self.exact:
            for account, amount in m.collateral.items():
                assert chain[f"collateral:{account}"] == amount, ("L1 collateral", account)
            for holder in m.holders:
                assert chain[f"long:{holder}"] == m.long[holder], ("L1 long", holder)
                assert chain[f"short:{holder}"] == m.short[holder], ("L1 short", holder)
            assert (long_supply, short_supply) == (m.long_supply, m.short_supply), "L1 supply"
            assert chain["state"] == m.pair_state(self.head), (
                "L1 pairState",
                PairState(chain["state"]).name,
                m.pair_state(self.head).name,
            )
            assert chain["fixed"] == (m.percent_long is not None), "L1 receivedSettlementPrice"
            if chain["fixed"]:
                assert chain["share"] == m.percent_long, "L1 expiryPercentLong"
        else:
            for holder in m.holders:  # token books are not the subject here: keep them in sync
                m.long[holder], m.short[holder] = chain[f"long:{holder}"], chain[f"short:{holder}"]
            for account in m.collateral:
                m.collateral[account] = chain[f"collateral:{account}"]
            if chain["fixed"] and m.percent_long is None:
                m.percent_long = chain["share"]
        self.healthy = True

    # ------------------------------------------------------------------ teardown (I5)

    def teardown(self):
        """Settle everyone and check I5, then restore the chain.

        Hypothesis cuts many early examples short on purpose (a reduced size limit, ending the
        example with ``StopTest`` at its next draw) and then ignores whatever the teardown raises.
        The state is consistent at any draw, so the teardown checks still run; a failure there is
        recorded in ``env.cut_short_failures`` and ``run_machine`` raises it after the run (it
        cannot be shrunk or replayed by hypothesis, so the message says so)."""
        in_flight = sys.exc_info()[0]
        try:
            if self.healthy and self.m is not None:
                if in_flight is not None:
                    self.env.stats["examples cut short by hypothesis"] += 1
                try:
                    self._settle_everyone()
                except AssertionError as failure:
                    if in_flight is None:
                        raise
                    self.env.cut_short_failures.append(
                        f"{failure} [teardown of an example hypothesis cut short with "
                        f"{in_flight.__name__}: not shrunk]"
                    )
        finally:
            self.env.chain.restore(self.snapshot)

    def _settle_everyone(self):
        """Drive the pair to a settlement price with honest answers, settle every holder fully,
        then check I5: no tokens left, the pool holds exactly the recorded rounding, below budget."""
        m = self.m
        for _ in range(12):
            if self._price_available():
                break
            self._next_settlement_step()
        else:
            raise AssertionError(f"teardown: no settlement price, state {m.pair_state(self.head)}")
        before = m.retained
        settled_holders = 0
        for role in HOLDER_ROLES:
            actor = self.env.address(role)
            if m.long[actor] or m.short[actor] or m.percent_long is None:
                assert self._settle(role, m.long[actor], m.short[actor], self.head + 1), "I5 settle"
                settled_holders += 1
        self.ledger_matches_chain()
        pool = self._balance(m.pair)
        assert self.long_token.totalSupply() == 0 and self.short_token.totalSupply() == 0, "I5"
        assert pool == m.retained, f"I5: pool {pool} != recorded rounding {m.retained}"
        assert pool < m.dust_bound() or pool == 0, f"I5: dust {pool} >= budget {m.dust_bound()}"
        teardown_dust = m.retained - before
        assert teardown_dust < 3 * settled_holders or teardown_dust == 0, "I5 per holder"
        stats = self.env.stats
        stats["dust max (wei)"] = max(stats["dust max (wei)"], pool)
        stats["teardowns checked"] += 1
        event(f"final dust: {min(pool, 10)} wei" + ("+" if pool >= 10 else ""))

    def _price_available(self) -> bool:
        state = self.m.pair_state(self.head)
        return state in (PairState.Settled, PairState.EarlyExpired, PairState.ExpiryPriceAvailable)

    def _next_settlement_step(self):
        m, t = self.m, self.head + 1
        state = m.pair_state(self.head)
        if state == PairState.Open:
            self._mine_at(max(t, m.expiration))
            return
        if state == PairState.ExpiredUnrequested:
            assert self._expire("requester", t), "teardown: expire refused"
            return
        request = m.early_request() if state == PairState.EarlyExpiryPending else m.expiry_request()
        oracle_state = request.state(self.head)
        if oracle_state == OracleState.Requested:
            self._propose(request, self.true_price, t)
        elif oracle_state == OracleState.Proposed:
            self._mine_at(max(t, request.expires_at))
        elif oracle_state == OracleState.Disputed:
            self._push(request, self.true_price, t)
        elif oracle_state in (OracleState.Resolved, OracleState.Expired):
            self._oracle_settle(request, t)
        else:
            raise AssertionError(f"teardown: stuck in {state.name} / {oracle_state.name}")


def run_machine(
    env: Env, examples: int, steps: int, machine=PairLifecycle, exact=True, **overrides
) -> float:
    """Run ``machine`` for ``examples`` examples of up to ``steps`` steps; returns seconds taken.
    ``overrides`` are further hypothesis settings (e.g. ``phases``, ``database``)."""
    started = time.monotonic()
    with contextlib.suppress(_StopAfterRecordedFailure):
        run_state_machine_as_test(
            lambda: machine(env, exact=exact),
            settings=settings(
                settings.default,
                max_examples=examples,
                stateful_step_count=steps,
                deadline=None,
                **overrides,
            ),
        )
    if env.cut_short_failures:
        raise AssertionError(env.cut_short_failures[0])
    return time.monotonic() - started


def _report(env: Env, seconds: float) -> None:
    stats = env.stats
    print(
        f"\nstateful: {stats['examples']} examples, {stats['steps']} steps checked, "
        f"{stats['teardowns checked']} teardowns ({stats['examples cut short by hypothesis']} in "
        f"examples hypothesis cut short), max dust {stats['dust max (wei)']} wei, "
        f"{seconds:.1f} s"
    )
    for key in sorted(k for k in stats if " ok" in k or "refused" in k):
        print(f"  {key}: {stats[key]}")


@on_both_stacks
def test_pair_lifecycle__random_actions__ledger_and_invariants_hold(lifecycle_env):
    """Invariants: I-1, I-2, I-3, I-4, I-8 (the machine's I1-I5), and with the exact ledger parts of
    I-5, I-12, I-13, I-16, I-17, I-18 (docs/INVARIANTS.md)."""
    examples, steps = RUNS.get(os.environ.get("HYPOTHESIS_PROFILE", "ci"), RUNS["ci"])
    seconds = run_machine(lifecycle_env, examples, steps)
    _report(lifecycle_env, seconds)
    assert lifecycle_env.stats["teardowns checked"] > 0


@pytest.mark.deep
@on_both_stacks
def test_pair_lifecycle__deep_run__ledger_and_invariants_hold(lifecycle_env):
    """Invariants: I-1, I-2, I-3, I-4, I-8 (the machine's I1-I5), and with the exact ledger parts of
    I-5, I-12, I-13, I-16, I-17, I-18 (docs/INVARIANTS.md)."""
    examples, steps = DEEP_RUN
    seconds = run_machine(lifecycle_env, examples, steps)
    _report(lifecycle_env, seconds)
    assert lifecycle_env.stats["teardowns checked"] > 0

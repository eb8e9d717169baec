"""The keeper's cycle and loop: expire, propose, verify and dispute, settle, request early expiry.

Everything is read from the chain at the start of each step, so the keeper holds no state that a
restart could lose: a request is proposed only while it is ``Requested``, disputed only while it is
``Proposed`` by someone else within liveness, so a restarted keeper (or a second keeper on the same
pair) sees the first's transaction and verifies it instead of repeating it. The only memory is the
backoff of failing requests, which a restart merely resets.

The metric is always resolved from the request's ancillary data as stored on chain
(:func:`kpi_options.keeper.resolve.recipe_from_ancillary`), never from a local program file.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_options.chain.early import EarlyRequestLog
from kpi_options.chain.env import Env
from kpi_options.chain.handles import OracleRequest, PairHandle
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.errors import KeeperError, ResolutionError, UnknownForm
from kpi_options.keeper import multiple
from kpi_options.keeper.chainread import PairFacts, price_text, read_facts, read_request
from kpi_options.keeper.early import EarlySteps
from kpi_options.keeper.evidence import EvidenceLog, record
from kpi_options.keeper.report import explain_lines
from kpi_options.keeper.resolve import (
    Answer,
    NoAnswer,
    Resolution,
    recipe_from_ancillary,
    resolve,
    resolve_early,
    unresolved_answer,
)
from kpi_options.keeper.sources import Fetcher, HttpSource

#: Default wait after which an unanswerable request may get the Unresolved value (with
#: ``propose_unresolved``): UMA's DVM votes take 48-96 h, so voters facing the same missing data
#: would by then have returned Unresolved.
DEFAULT_UNRESOLVED_AFTER = 3 * 86400


@dataclass
class KeeperConfig:
    """What the keeper may do. Durations in seconds."""

    pairs: list[str] | None = None  # names or addresses; None: every pair in the deployments file
    dry_run: bool = False
    dispute: bool = True
    request_early: bool = False
    propose_unresolved: bool = False
    unresolved_after: int = DEFAULT_UNRESOLVED_AFTER
    poll_interval: float = 60.0
    backoff_base: float = 60.0
    backoff_max: float = 3600.0
    evidence: Path | None = None


@dataclass(frozen=True)
class Action:
    """One thing the keeper did (or, dry-run, would do) or declined to do, and why."""

    pair: str
    # expire, propose, dispute, settle, request-early, accept-early, verified, skip, no-answer, error
    kind: str
    request: str = ""  # "expiry" / "early-expiry @ T"
    detail: str = ""
    tx: str | None = None
    price: int | None = None

    def __str__(self) -> str:
        where = f" {self.request}" if self.request else ""
        tx = f" tx {self.tx}" if self.tx else ""
        return f"{self.kind}: {self.pair}{where}: {self.detail}{tx}"


@dataclass
class _Backoff:
    failures: int = 0
    next_try: float = 0.0


@dataclass
class Keeper(EarlySteps):
    env: Env
    account: Any
    config: KeeperConfig = field(default_factory=KeeperConfig)
    fetch: Fetcher = field(default_factory=HttpSource)
    clock: Callable[[], float] = time.time
    log: Callable[[str], None] = field(default=logging.getLogger(__name__).info)
    _backoff: dict[tuple, _Backoff] = field(default_factory=dict, init=False)
    _handles: dict[str, tuple[PairHandle, PairFacts]] = field(default_factory=dict, init=False)
    _early_logs: dict[str, EarlyRequestLog] = field(default_factory=dict, init=False)

    # --- the cycle -------------------------------------------------------------------------------

    def pair_refs(self) -> list[str]:
        if self.config.pairs:
            return list(self.config.pairs)
        return sorted(self.env.deployments.pairs)

    def _pair(self, ref: str) -> tuple[PairHandle, PairFacts]:
        """The pair's handle and launch facts, looked up once (they never change). Every state
        the keeper acts on is read afresh from the chain each cycle."""
        if ref not in self._handles:
            p = self.env.pair(ref)
            self._handles[ref] = (p, read_facts(p))
        return self._handles[ref]

    def check_pair(self, ref: str) -> None:
        """Look ``ref`` up now, so a wrong ``--pair`` fails before the loop starts."""
        try:
            self._pair(ref)
        except KeeperError:
            raise
        except Exception as exc:  # the chain layer's own error, re-raised naming --pair
            param = getattr(exc, "param", None)
            if param is None:
                raise
            raise KeeperError(str(exc), "--pair") from exc

    def cycle(self) -> list[Action]:
        """One pass over every watched pair; returns what was done. Never raises for one pair's
        trouble: it becomes an ``error`` action and that pair's backoff."""
        actions: list[Action] = []
        for ref in self.pair_refs():
            try:
                actions.extend(self._pair_cycle(*self._pair(ref)))
            except Exception as exc:  # noqa: BLE001 - one pair's failure must not stop the others
                actions.append(Action(ref, "error", detail=f"{type(exc).__name__}: {exc}"))
        for action in actions:
            self.log(str(action))
        return actions

    def _pair_cycle(self, p: PairHandle, facts: PairFacts) -> list[Action]:
        actions: list[Action] = []
        now = int(self.env.chain.pending_timestamp)
        expiration = facts.expiration
        expiry = read_request(p, facts, False, expiration)
        early = self.early_requests(p) if facts.early_enabled else None
        # Every early request, not only the latest: a buried one still counts (docs/KEEPER.md).
        for request in (expiry, *(early.requests if early is not None else ())):
            if request.state != OracleState.Invalid:
                actions.extend(self._handle_request(p, request, now))
        state = PairState(p.contract.pairState())
        if now >= expiration and expiry.state == OracleState.Invalid:
            if state in (PairState.Open, PairState.ExpiredUnrequested):
                actions.append(self._expire(p, facts))
        elif early is not None and now < expiration:
            actions.extend(self._early_steps(p, facts, early, state))
        return actions

    def _handle_request(self, p: PairHandle, request: OracleRequest, now: int) -> list[Action]:
        label = request.kind + (f" @ {request.timestamp}" if request.early else "")
        if request.state == OracleState.Requested:
            return [self._propose(p, request, label, now)]
        if request.state == OracleState.Proposed:
            if now >= request.expiration_time:
                return [self._settle(p, request, label)]
            return [self._verify(p, request, label, now)]
        if request.state in (OracleState.Expired, OracleState.Resolved):
            return [self._settle(p, request, label)]
        return []

    # --- resolution ------------------------------------------------------------------------------

    def resolve_request(self, request: OracleRequest) -> Resolution:
        """Resolve ``request`` from its own ancillary data (as stored on chain)."""
        if multiple.is_multiple_values(request.identifier):  # one value per metric, packed
            return multiple.resolve_values(
                request.ancillary, request.timestamp, self.fetch, early=request.early
            )
        try:
            recipe = recipe_from_ancillary(request.ancillary)
        except UnknownForm as exc:
            return NoAnswer(exc, (exc,))
        if request.early:
            return resolve_early(recipe, request.timestamp, self.fetch)
        return resolve(recipe, request.timestamp, self.fetch)

    def _answer_or_unresolved(self, request: OracleRequest, now: int) -> Resolution:
        result = self.resolve_request(request)
        if isinstance(result, Answer) or not self.config.propose_unresolved:
            return result
        reason = result.reason
        if not reason.voters_share or request.early:
            return result
        if now - request.timestamp < self.config.unresolved_after:
            return result
        if multiple.is_multiple_values(request.identifier):
            return multiple.unresolvable_answer(reason)
        return unresolved_answer(recipe_from_ancillary(request.ancillary), reason)

    # --- backoff ---------------------------------------------------------------------------------

    def _waiting(self, key: tuple) -> float | None:
        entry = self._backoff.get(key)
        if entry is None or self.clock() >= entry.next_try:
            return None
        return entry.next_try - self.clock()

    def _failed(self, key: tuple) -> float:
        entry = self._backoff.setdefault(key, _Backoff())
        entry.failures += 1
        delay = min(self.config.backoff_base * 2 ** (entry.failures - 1), self.config.backoff_max)
        entry.next_try = self.clock() + delay
        return delay

    def _succeeded(self, key: tuple) -> None:
        self._backoff.pop(key, None)

    # --- actions ---------------------------------------------------------------------------------

    def _request_json(self, request: OracleRequest) -> dict:
        return {
            "kind": request.kind,
            "timestamp": request.timestamp,
            "identifier": request.identifier.rstrip(b"\0").decode("utf-8", "replace"),
            "ancillary": request.ancillary.decode("utf-8", "replace"),
            "proposer": request.proposer,
            "proposed_price": str(request.proposed_price),
        }

    def _evidence(self, entry: dict) -> None:
        if self.config.evidence is not None and not self.config.dry_run:
            EvidenceLog(self.config.evidence).write(entry)

    def _no_answer(
        self, p: PairHandle, label: str, key: tuple, result: NoAnswer, what: str
    ) -> Action:
        delay = self._failed(key)
        reason: ResolutionError = result.reason
        return Action(
            p.label,
            "no-answer",
            label,
            f"{what} nothing: {reason} (rule {reason.rule}, url {reason.url or '-'}); retry in {delay:g} s",
        )

    def _fund(self, p: PairHandle, spender: str, amount: int, what: str) -> None:
        """Check the balance for ``amount`` and approve ``spender`` if the allowance is short."""
        me = self.account.address
        balance = int(p.collateral.balanceOf(me))
        if balance < amount:
            raise KeeperError(
                f"{what} needs {p.human(amount)} {p.symbol} but {me} holds {p.human(balance)}",
                "--account",
            )
        if amount and int(p.collateral.allowance(me, spender)) < amount and not self.config.dry_run:
            p.collateral.approve(spender, amount, sender=self.account)

    def _send(self, fn: Callable[[], Any]) -> str | None:
        if self.config.dry_run:
            return None
        receipt = fn()
        return str(getattr(receipt, "txn_hash", "")) or None

    def _guarded(
        self, p: PairHandle, label: str, key: tuple, kind: str, body: Callable[[], Action]
    ) -> Action:
        wait = self._waiting(key)
        if wait is not None:
            return Action(p.label, "skip", label, f"backing off {kind} for {wait:.0f} s more")
        try:
            action = body()
        except KeeperError as exc:
            delay = self._failed(key)
            return Action(p.label, "error", label, f"{kind} not sent: {exc}; retry in {delay:g} s")
        except Exception as exc:  # noqa: BLE001 - a reverted or failed transaction: retry later
            delay = self._failed(key)
            return Action(
                p.label,
                "error",
                label,
                f"{kind} failed: {type(exc).__name__}: {exc}; retry in {delay:g} s",
            )
        if action.kind != "no-answer":
            self._succeeded(key)
        return action

    def _expire(self, p: PairHandle, facts: PairFacts) -> Action:
        def body() -> Action:
            reward = facts.reward
            self._fund(p, p.address, reward, "the proposer reward")
            tx = self._send(lambda: p.contract.expire(sender=self.account))
            return Action(
                p.label,
                "expire",
                "expiry",
                f"expiry price requested (reward {p.human(reward)} {p.symbol})",
                tx,
            )

        return self._guarded(p, "expiry", (p.address, "expire"), "expire", body)

    def _post_bond(
        self,
        p: PairHandle,
        request: OracleRequest,
        result: Answer,
        action: str,
        send: Callable[[], Any],
        note: str = "",
    ) -> tuple[int, str]:
        """Fund the oracle's bond + final fee for ``action`` (``propose`` or ``dispute``), send it
        and record the evidence; returns the amount posted (raw) and the transaction."""
        posted = request.bond + request.final_fee
        bond = "proposal" if action == "propose" else action
        self._fund(p, p.oracle.address, posted, f"the {bond} bond + final fee")
        tx = self._send(send)
        self._evidence(
            record(
                action=action,
                pair=p.address,
                request=self._request_json(request),
                answer=result,
                price=result.price,
                tx=tx,
                note=note,
            )
        )
        return posted, tx

    def _propose(self, p: PairHandle, request: OracleRequest, label: str, now: int) -> Action:
        key = (p.address, request.key, "resolve")

        def body() -> Action:
            result = self._answer_or_unresolved(request, now)
            if isinstance(result, NoAnswer):
                return self._no_answer(p, label, key, result, "proposed")
            posted, tx = self._post_bond(
                p,
                request,
                result,
                "propose",
                lambda: p.oracle.proposePrice(
                    p.address, *request.key, result.price, sender=self.account
                ),
            )
            return Action(
                p.label,
                "propose",
                label,
                f"proposed {price_text(result.price, request)} from {result.rule} (bond {p.human(posted)} {p.symbol})",
                tx,
                result.price,
            )

        return self._guarded(p, label, key, "propose", body)

    def _verify(self, p: PairHandle, request: OracleRequest, label: str, now: int) -> Action:
        key = (p.address, request.key, "resolve")
        if request.proposer.lower() == str(self.account.address).lower():
            return Action(p.label, "skip", label, "our own proposal; waiting for liveness to end")

        def body() -> Action:
            result = self.resolve_request(request)
            if isinstance(result, NoAnswer):
                return self._no_answer(p, label, key, result, "disputed")
            if result.price == request.proposed_price:
                return Action(
                    p.label,
                    "verified",
                    label,
                    f"proposal {price_text(request.proposed_price, request)} matches the source",
                )
            detail = f"proposal {price_text(request.proposed_price, request)} differs from {price_text(result.price, request)}"
            if not self.config.dispute:
                return Action(p.label, "skip", label, detail + " (--no-dispute: not disputed)")
            posted, tx = self._post_bond(
                p,
                request,
                result,
                "dispute",
                lambda: p.oracle.disputePrice(p.address, *request.key, sender=self.account),
                note=detail,
            )
            return Action(
                p.label,
                "dispute",
                label,
                detail + f" (bond {p.human(posted)} {p.symbol})",
                tx,
                result.price,
            )

        return self._guarded(p, label, key, "dispute", body)

    def _settle(self, p: PairHandle, request: OracleRequest, label: str) -> Action:
        def body() -> Action:
            tx = self._send(lambda: p.oracle.settle(p.address, *request.key, sender=self.account))
            return Action(
                p.label, "settle", label, f"oracle request settled ({request.state.name})", tx
            )

        return self._guarded(p, label, (p.address, request.key, "settle"), "settle", body)

    # --- explain and loop ------------------------------------------------------------------------

    def explain(self, ref: str) -> list[str]:
        """What the keeper would do for ``ref`` now and why; sends nothing."""
        return explain_lines(self, ref)

    def run(self, stop: threading.Event | None = None, *, once: bool = False) -> None:
        """Cycle every ``poll_interval`` seconds until ``stop`` is set; in the main thread SIGINT
        and SIGTERM set it (the current cycle finishes first; the previous handlers come back)."""
        stop = stop or threading.Event()
        previous = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                previous[sig] = signal.signal(sig, lambda *_: stop.set())
        try:
            while not stop.is_set():
                self.cycle()
                if once:
                    return
                stop.wait(self.config.poll_interval)
            self.log("keeper stopped")
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def actions_of(actions: Iterable[Action], kind: str) -> list[Action]:
    return [a for a in actions if a.kind == kind]

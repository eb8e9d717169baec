"""The keeper's early-expiry steps: follow every early request of a pair, record a buried request
that was answered with a real price, and (``--request-early``) ask for early expiry.

Early requests are not serial (DIVERGENCES D9). A griefer can bury anyone's request under a newer
one and propose the ignore price on his; the pair then looks only at the newer request. The keeper
therefore reads all of a pair's early requests from its events
(:class:`kpi_options.chain.early.EarlyRequestLog`, one per pair, scanning only new blocks each
cycle) and the cycle proposes, verifies, disputes and settles on each of them. What this module
adds:

- **record a buried answer**: when a request other than the latest was answered with a real
  price and the pair has not early-expired, ask again for its timestamp
  (``requestEarlyExpiration(T)``): the pair settles it and records it as its early expiry
  (``EarlyExpirationAccepted``); no reward is pulled;
- **request early expiry** (``--request-early``) only while no early request of the pair could
  still end with a real answer, so a pending request of its own (or anyone's) is not doubled.

Both act on the chain as it is, so they are restart-safe like the rest of the keeper: an accepted
early expiry makes the pair ``EarlyExpired`` and nothing is asked again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpi_options.chain.early import EarlyRequestLog, EarlyRequests, real_answer
from kpi_options.chain.handles import OracleRequest, PairHandle
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.keeper.chainread import PairFacts, price_text
from kpi_options.keeper.evidence import record
from kpi_options.keeper.resolve import IGNORE_PRICE, NoAnswer

if TYPE_CHECKING:
    from kpi_options.keeper.bot import Action

#: Pair states in which an early expiry can still be asked for or recorded.
_ASKABLE = (PairState.Open, PairState.EarlyExpiryPending)


def may_still_answer_real(request: OracleRequest) -> bool:
    """Whether an early request could still end with a real price as the pair's early expiry:
    unanswered, with the DVM, or answered (or proposed) with a real price."""
    if request.state in (OracleState.Requested, OracleState.Disputed, OracleState.Resolved):
        return True
    if request.state in (OracleState.Proposed, OracleState.Expired):
        return request.proposed_price != IGNORE_PRICE
    return False


class EarlySteps:
    """The early-expiry part of :class:`kpi_options.keeper.bot.Keeper` (a mixin: it uses the
    keeper's config, guards, funding and evidence)."""

    def early_requests(self, p: PairHandle) -> EarlyRequests:
        """Every early request of ``p`` with its oracle state; the pair's log is kept between
        cycles so only new blocks are scanned (a restart scans from launch once)."""
        log = self._early_logs.get(p.address)
        if log is None:
            log = self._early_logs[p.address] = EarlyRequestLog(p)
        return log.read(int(self.env.chain.blocks.head.number))

    def _early_steps(
        self, p: PairHandle, facts: PairFacts, early: EarlyRequests, state: PairState
    ) -> list[Action]:
        """Before expiry: record a buried real answer, else maybe request early expiry."""
        if state not in _ASKABLE:
            return []
        buried = early.buried_answered()
        if buried is not None:
            return [self._accept_early(p, buried, early.latest)]
        if self.config.request_early and not any(map(may_still_answer_real, early.requests)):
            return [self._maybe_request_early(p, facts)]
        return []

    def _accept_early(self, p: PairHandle, request: OracleRequest, latest: int) -> Action:
        from kpi_options.keeper.bot import Action

        label = f"early-expiry @ {request.timestamp}"
        answer = real_answer(request)
        detail = (
            f"answered {price_text(answer, request)} but no longer the latest request (latest @ "
            f"{latest}): asked again to record it as the early expiry (no reward pulled)"
        )

        def body() -> Action:
            tx = self._send(
                lambda: p.contract.requestEarlyExpiration(request.timestamp, sender=self.account)
            )
            self._evidence(
                record(
                    action="accept-early",
                    pair=p.address,
                    request=self._request_json(request),
                    answer=None,
                    price=answer,
                    tx=tx,
                    note=detail,
                )
            )
            return Action(p.label, "accept-early", label, detail, tx, answer)

        key = (p.address, request.key, "accept-early")
        return self._guarded(p, label, key, "accept-early", body)

    def _maybe_request_early(self, p: PairHandle, facts: PairFacts) -> Action:
        from kpi_options.keeper.bot import Action

        key = (p.address, "request-early")

        def body() -> Action:
            t = int(self.env.chain.blocks.head.timestamp)
            data, identifier = facts.early_data, facts.identifier
            if (
                OracleState(p.oracle.getState(p.address, identifier, t, data))
                != OracleState.Invalid
            ):
                return Action(
                    p.label, "skip", "early-expiry", f"an early request at {t} exists already"
                )
            probe = OracleRequest(
                True, identifier, t, data, OracleState.Invalid, "", "", 0, 0, 0, 0, 0, 0
            )
            result = self.resolve_request(probe)
            if isinstance(result, NoAnswer):
                return self._no_answer(p, "early-expiry", key, result, "requested")
            if result.price == IGNORE_PRICE:
                return Action(p.label, "skip", "early-expiry", f"goal not met at {t}")
            reward = facts.reward
            self._fund(p, p.address, reward, "the proposer reward")
            tx = self._send(lambda: p.contract.requestEarlyExpiration(t, sender=self.account))
            return Action(
                p.label,
                "request-early",
                f"early-expiry @ {t}",
                f"goal met ({price_text(result.price, probe)})",
                tx,
            )

        return self._guarded(p, "early-expiry", key, "request-early", body)

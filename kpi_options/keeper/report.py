"""``keeper --explain PAIR``: what the keeper would do for a pair now, and why. Sends nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import PairState
from kpi_options.errors import UnknownForm
from kpi_options.keeper import multiple
from kpi_options.keeper.chainread import price_text, read_facts, read_request
from kpi_options.keeper.resolve import NoAnswer, describe, recipe_from_ancillary

if TYPE_CHECKING:
    from kpi_options.keeper.bot import Keeper


def explain_lines(keeper: Keeper, ref: str) -> list[str]:
    """For each of the pair's requests: the recipe read from its on-chain ancillary data, every
    step of the computation, the answer, and whether a proposal matches it."""
    p = keeper.env.pair(ref)
    facts = read_facts(p)
    lines = [f"pair {p.label}: state {PairState(p.contract.pairState()).name}"]
    requests = [read_request(p, facts, False, facts.expiration)]
    if facts.early_enabled:  # every early request, the buried ones too
        requests.extend(keeper.early_requests(p).requests)
    for request in requests:
        lines.append(f"{request.kind} request at {request.timestamp}: {request.state.name}")
        try:
            if multiple.is_multiple_values(request.identifier):
                described = multiple.describe_request(request.ancillary)
            else:
                described = describe(recipe_from_ancillary(request.ancillary))
        except UnknownForm as exc:
            lines.append(f"  the bot cannot read this request: {exc}")
            continue
        lines.extend("  " + line for line in described)
        result = keeper.resolve_request(request)
        if isinstance(result, NoAnswer):
            lines.append(f"  no answer now: {result.reason}")
            continue
        lines.extend(f"  {s.name}: {s.value} {s.detail}".rstrip() for s in result.steps)
        lines.append(
            f"  answer: {price_text(result.price, request)} ({result.price} in 1e18 units), "
            f"data from {result.url}"
        )
        if request.state == OracleState.Proposed:
            same = result.price == request.proposed_price
            verdict = "matches" if same else "differs: would dispute"
            lines.append(f"  proposal {price_text(request.proposed_price, request)}: {verdict}")
    return lines

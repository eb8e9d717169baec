"""Text rendering of results for the command line: pair status, payout tables, prices."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from kpi_options.ancillary.multiple_values import (
    AnswerKind,
    MultipleValuesError,
    decode,
    parse_ancillary,
)
from kpi_options.chain.oracle import OracleState, is_multiple_values
from kpi_options.chain.pair import IGNORE_PRICE
from kpi_options.units import format_decimal, format_time, from_contract_units, scale_down

__all__ = ["format_payout_table", "format_status", "price_text", "request_price_text"]


def price_text(price: int | None, ignore: str = "ignore (type(int256).min)") -> str:
    """A price in 1e18 units as human text; ``ignore`` for the ignore price (``type(int256).min``),
    ``-`` for none."""
    if price is None:
        return "-"
    if price == IGNORE_PRICE:
        return ignore
    return format_decimal(from_contract_units(price))


def request_price_text(
    price: int | None,
    identifier: bytes,
    ancillary: bytes,
    ignore: str = "ignore (type(int256).min)",
) -> str:
    """A price as the answer to a request with ``identifier`` and ``ancillary`` data: for
    UMIP-183's ``MULTIPLE_VALUES`` the decoded values by label (``label=value, ...``), UMIP-183's
    ``unresolvable`` and ``too early`` answers by name (the latter is the early ignore price), an
    invalid packing as its integer; any other identifier as :func:`price_text`."""
    if price is None or not is_multiple_values(identifier):
        return price_text(price, ignore)
    try:
        labels = parse_ancillary(ancillary).labels
    except MultipleValuesError:  # unreadable labels: the raw integer is all that can be said
        return f"{price} (packed; labels unreadable)"
    answer = decode(price, len(labels))
    if answer.kind is AnswerKind.VALUES:
        return ", ".join(
            f"{label}={value}" for label, value in zip(labels, answer.values, strict=True)
        )
    if answer.kind is AnswerKind.TOO_EARLY:
        return ignore
    if answer.kind is AnswerKind.UNRESOLVABLE:
        return "unresolvable (type(int256).max)"
    return f"{price} (not a valid packing of {len(labels)} value(s))"


def format_status(status: Any) -> str:
    """Plain-text rendering of :func:`pair_status` for the CLI."""
    p = status.pair
    pct = (
        "-"
        if status.worth.percent_long is None
        else format_decimal(scale_down(status.worth.percent_long, 16)) + " %"
    )
    lines = [
        f"pair          {p.label}",
        f"name          {p.contract.pairName()}",
        f"state         {p.state.name}",
        f"expiration    {format_time(status.expiration)}"
        + (" (passed)" if status.now >= status.expiration else ""),
        f"early expiry  {'enabled' if status.early_enabled else 'disabled'}",
        f"payout        {status.library}",
        f"collateral    {p.symbol} ({p.collateral.address}), "
        f"{format_decimal(from_contract_units(status.collateral_per_pair))} per pair",
        f"locked        {p.human(status.locked)} {p.symbol}",
        f"supply        {p.human(status.long_supply)} long, {p.human(status.short_supply)} short",
    ]
    expiry, early_requests = status.requests[0], status.requests[1:]
    lines.append(f"{'oracle expiry':<14}{_request_text(expiry)}")
    early = status.early
    if early is not None and early.requests:
        counting = early.counting()
        if early.accepted is not None:
            summary = f"accepted: {format_time(early.accepted)}"
        elif counting is not None:
            summary = f"the latest counts, recorded at the first settle: {format_time(counting)}"
        else:
            summary = f"latest at {format_time(early.latest)}; none accepted"
        lines.append(f"early requests {len(early.requests)} ({summary})")
        for r in early_requests:
            mark = ""
            if r.timestamp == early.accepted:
                mark = " [accepted]"
            elif early.accepted is None and r.timestamp == early.latest:
                mark = " [latest]"
            lines.append(f"  early @ {r.timestamp}{mark}: {_request_text(r)}")
    w = status.worth
    lines.append(f"worth now     {w.basis}")
    if w.price is not None:
        price = request_price_text(w.price, expiry.identifier, expiry.ancillary)
        lines.append(f"  price       {price} -> long share {pct}")
    if w.long_per_token is not None:
        lines.append(
            f"  per token   long {p.human(w.long_per_token)} {p.symbol}, "
            f"short {p.human(w.short_per_token)} {p.symbol}"
        )
    for h in status.holders:
        worth = "" if h.worth is None else f", worth {p.human(h.worth)} {p.symbol} now"
        lines.append(
            f"holder {h.address}: {p.human(h.long)} long, {p.human(h.short)} short, "
            f"{p.human(h.collateral)} {p.symbol}{worth}"
        )
    return "\n".join(lines)


def _request_text(r: Any) -> str:
    """One oracle request of a pair: state, time, proposal, liveness, dispute, resolved price."""

    def price(value: int) -> str:
        return request_price_text(value, r.identifier, r.ancillary)

    line = f"{r.state.name} at {format_time(r.timestamp)}"
    if r.state not in (OracleState.Invalid, OracleState.Requested):
        line += f"; proposed {price(r.proposed_price)} by {r.proposer}"
    if r.state == OracleState.Proposed:
        line += f"; liveness ends {format_time(r.expiration_time)}"
    if r.state in (OracleState.Disputed, OracleState.Resolved):
        line += f"; disputed by {r.disputer}"
    if r.state == OracleState.Settled:
        line += f"; resolved {price(r.resolved_price)}"
    return line


def format_payout_table(rows: Sequence[Any]) -> str:
    """Plain-text rendering of :func:`payout_table` rows (for scripts and docs)."""
    header = ("metric", "resolved", "long %", "long/token", "short/token")
    lines = [header]
    for r in rows:
        with localcontext() as ctx:
            ctx.prec = 60
            pct = (Decimal(r.percentage_long) / Decimal(10**16)).quantize(
                Decimal("0.0001"), rounding=ROUND_HALF_UP
            )
        if hasattr(r, "metric_text"):  # MULTIPLE_VALUES rows: one value per metric
            metric, resolved = r.metric_text, r.resolved_text
        else:
            metric = "unresolved" if r.metric is None else format_decimal(r.metric)
            resolved = format_decimal(r.resolved)
        lines.append(
            (
                metric,
                resolved,
                format_decimal(pct),
                format_decimal(r.long_per_token),
                format_decimal(r.short_per_token),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    )

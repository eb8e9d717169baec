"""Payout previews: raw metric -> resolved price -> long share -> collateral per token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.payouts.math import WAD
from kpi_options.settlement import settle_split

__all__ = ["PayoutRow", "payout_table"]


@dataclass(frozen=True)
class PayoutRow:
    """One line of the payout preview. ``metric`` None is the unresolvable case.

    ``long_per_token``/``short_per_token`` are collateral paid per whole position token, computed
    like the pair's ``settle`` (floor of tokens × collateralPerPair, then floor of × share).
    """

    metric: Decimal | None
    resolved: Decimal  # human value voters propose
    price: int  # contract units (1e18)
    percentage_long: int  # 1e18 = 100 %, capped at 1e18 as the pair does
    long_per_token: Decimal
    short_per_token: Decimal
    long_total: Decimal  # for mint.tokens
    short_total: Decimal


def payout_table(
    program: Any, metric_values: Iterable[Decimal | int | str | None]
) -> list[PayoutRow]:
    """Preview payouts: raw metric → resolved price (ancillary rounding rules) → long share →
    collateral per long/short token. ``None`` in ``metric_values`` previews ``Unresolved``."""
    rows = []
    fields = program.ancillary.fields
    unit = 10**program.collateral_decimals
    for metric in metric_values:
        resolved = anc.resolve_metric(metric, fields)
        price = anc.to_contract_units(resolved)
        share = min(program.payout.percentage_long(price), WAD)
        long_raw, short_raw = settle_split(unit, program.collateral_per_pair, share)
        long_all, short_all = settle_split(program.mint_tokens, program.collateral_per_pair, share)
        rows.append(
            PayoutRow(
                metric=None if metric is None else Decimal(metric),
                resolved=resolved,
                price=price,
                percentage_long=share,
                long_per_token=anc.scale_down(long_raw, program.collateral_decimals),
                short_per_token=anc.scale_down(short_raw, program.collateral_decimals),
                long_total=anc.scale_down(long_all, program.collateral_decimals),
                short_total=anc.scale_down(short_all, program.collateral_decimals),
            )
        )
    return rows

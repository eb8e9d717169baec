"""Payout previews: raw metric -> resolved price -> long share -> collateral per token; for
MULTIPLE_VALUES programs one raw value per metric -> packed values -> answer -> share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kpi_options.ancillary.multiple_values import UNRESOLVABLE, pack
from kpi_options.ancillary.rules import resolve_metric
from kpi_options.payouts.math import WAD
from kpi_options.settlement import settle_split
from kpi_options.units import format_decimal, scale_down, to_contract_units

__all__ = ["MultiPayoutRow", "PayoutRow", "multi_payout_table", "payout_table", "program_totals"]


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
        resolved = resolve_metric(metric, fields)
        price = to_contract_units(resolved)
        share = min(program.payout.percentage_long(price), WAD)
        long_raw, short_raw = settle_split(unit, program.collateral_per_pair, share)
        long_all, short_all = settle_split(program.mint_tokens, program.collateral_per_pair, share)
        rows.append(
            PayoutRow(
                metric=None if metric is None else Decimal(metric),
                resolved=resolved,
                price=price,
                percentage_long=share,
                long_per_token=scale_down(long_raw, program.collateral_decimals),
                short_per_token=scale_down(short_raw, program.collateral_decimals),
                long_total=scale_down(long_all, program.collateral_decimals),
                short_total=scale_down(short_all, program.collateral_decimals),
            )
        )
    return rows


# --- several KPIs in one option (MULTIPLE_VALUES) ---------------------------------------------------


@dataclass(frozen=True)
class MultiPayoutRow:
    """One line of a MULTIPLE_VALUES preview. ``raw`` None is the unresolvable answer.

    ``values`` are the packed 32-bit integers (each metric's scaling and rounding applied),
    ``price`` the int256 answer voters give; collateral amounts as in :class:`PayoutRow`.
    """

    raw: tuple[Decimal, ...] | None
    values: tuple[int, ...] | None
    price: int
    percentage_long: int
    long_per_token: Decimal
    short_per_token: Decimal
    long_total: Decimal
    short_total: Decimal

    @property
    def metric_text(self) -> str:
        if self.raw is None:
            return "unresolved"
        return ",".join(format_decimal(v) for v in self.raw)

    @property
    def resolved_text(self) -> str:
        if self.values is None:
            return "unresolvable"
        return ",".join(str(v) for v in self.values)


def multi_payout_table(
    program: Any, rows: Iterable[Sequence[Decimal | int | str] | None], *, packed: bool = False
) -> list[MultiPayoutRow]:
    """Preview a MULTIPLE_VALUES program: one raw value per metric -> packed values (each metric's
    scaling and rounding) -> UMIP-183 answer -> long share -> collateral per long/short token.

    ``program`` has ``metrics`` (a :class:`kpi_options.program.metrics.MultiMetricProgram`),
    ``payout``, ``collateral_decimals``, ``collateral_per_pair`` and ``mint_tokens``. A row of None
    previews the unresolvable answer. With ``packed`` the rows are already the 32-bit values
    (a launched pair, whose integer rules are text in its ancillary data).
    """
    unit = 10**program.collateral_decimals
    out = []
    for row in rows:
        if row is None:
            raw, values, price = None, None, UNRESOLVABLE
        elif packed:
            raw = tuple(Decimal(v) for v in row)
            values = tuple(int(v) for v in row)
            price = pack(values)
        else:
            raw = tuple(Decimal(str(v)) for v in row)
            values = tuple(program.metrics.values(list(row)))
            price = pack(values)
        share = min(program.payout.percentage_long(price), WAD)
        long_raw, short_raw = settle_split(unit, program.collateral_per_pair, share)
        long_all, short_all = settle_split(program.mint_tokens, program.collateral_per_pair, share)
        decimals = program.collateral_decimals
        out.append(
            MultiPayoutRow(
                raw=raw,
                values=values,
                price=price,
                percentage_long=share,
                long_per_token=scale_down(long_raw, decimals),
                short_per_token=scale_down(short_raw, decimals),
                long_total=scale_down(long_all, decimals),
                short_total=scale_down(short_all, decimals),
            )
        )
    return out


def _human(raw: int, decimals: int) -> str:
    value = Decimal(raw).scaleb(-decimals)
    return format(value.normalize(), "f") if raw else "0"


def program_totals(program: Any, symbol: str | None) -> list[str]:
    """Lines naming the collateral token and the program's totals in human units.

    ``program`` is a validated ``LaunchProgram``; ``symbol`` the collateral's symbol if known.
    """
    decimals = program.collateral_decimals
    unit = symbol or "collateral"
    name = f"{symbol} ({program.collateral_token})" if symbol else program.collateral_token
    cpp = _human(program.collateral_per_pair, 18)
    lines = [
        f"collateral: {name}, {decimals} decimals; {cpp} {unit} locked per long+short pair",
    ]
    if program.mint_tokens:
        tokens = _human(program.mint_tokens, decimals)
        lines.append(
            f"mint section: {tokens} pairs need {_human(program.collateral_required, decimals)} "
            f"{unit} (rounded up, as the pair's create does)"
        )
        if program.distribution:
            given = sum(amount for _, amount in program.distribution)
            lines.append(
                f"distribution: {_human(given, decimals)} long tokens to "
                f"{len(program.distribution)} recipients; "
                f"{_human(program.mint_tokens - given, decimals)} long and all "
                f"{tokens} short tokens stay with the minter"
            )
    else:
        lines.append("mint section: none (mint with `ape run kpi mint PAIR AMOUNT`)")
    lines.append(
        f"oracle: bond {_human(program.bond, decimals)} {unit} (plus the Store's final fee) per "
        f"proposal or dispute; proposer reward {_human(program.proposer_reward, decimals)} {unit}, "
        "paid by whoever requests the price"
    )
    return lines

"""The totals a launch commits to, in the program's collateral: what `preview` and
`launch --dry-run` print under the payout table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


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

"""The pair's own integer math, in one place: what a mint costs and what a settle pays.

Both follow ``contracts/lsp/LongShortPair.sol`` to the wei (docs/SPEC.md, the pair's rounding):

- minting ``tokens`` long and short tokens locks ``ceil(tokens * collateralPerPair / 1e18)``
  collateral: rounded **up**, so the sponsor pays at least what the tokens can later claim;
- settling ``tokens`` on one side pays ``floor(floor(tokens * collateralPerPair / 1e18) * share
  / 1e18)`` (long) or ``... * (1e18 - share) ...`` (short): both rounded **down**, so the pool
  never pays out more than it holds.

Amounts are raw token units (the collateral's decimals; position tokens share them);
``collateral_per_pair`` and ``share`` (the long share, capped at 1e18) are scaled by 1e18.
"""

from __future__ import annotations

from kpi_options.payouts.math import WAD

__all__ = ["collateral_for", "pairs_for", "settle_split"]


def collateral_for(tokens: int, collateral_per_pair: int) -> int:
    """Collateral (raw units) that minting ``tokens`` pairs locks: rounded up, as ``create`` does."""
    return -((-tokens * collateral_per_pair) // WAD)


def settle_split(tokens: int, collateral_per_pair: int, share: int) -> tuple[int, int]:
    """Collateral (raw units) that ``tokens`` long and ``tokens`` short tokens settle for.

    The pair's settle rounding: floor(tokens x collateralPerPair), then floor(x share) for the long
    side and floor(x (1 - share)) for the short side (never overpays).
    """
    backing = tokens * collateral_per_pair // WAD
    return backing * share // WAD, backing * (WAD - share) // WAD


def pairs_for(collateral: int, collateral_per_pair: int) -> int:
    """The most pairs ``collateral`` (raw units) can mint: ``floor(collateral * 1e18 /
    collateralPerPair)``, so that ``collateral_for(pairs_for(c, cpp), cpp) <= c`` (a rollover
    never needs more than came back)."""
    return collateral * WAD // collateral_per_pair

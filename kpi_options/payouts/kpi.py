"""Twins of this project's KPI payout libraries: Milestones, PiecewiseLinear, BoundedLog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.base import (
    PayoutLibrary,
    check_abi_fields,
    check_at_most_wad,
    check_count,
    check_increasing,
    check_nonzero,
    check_same_length,
)
from kpi_options.payouts.math import UINT128_MAX, WAD, ln_wad, sdiv

__all__ = ["Milestones", "PiecewiseLinear", "BoundedLog"]


@dataclass(frozen=True)
class Milestones(PayoutLibrary):
    """``payouts[i]`` for the highest threshold reached, ``base_percentage`` below the first."""

    contract_name: ClassVar[str] = "MilestonesLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "Milestones"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256", "int256[]", "uint256[]")
    MAX_MILESTONES: ClassVar[int] = 16

    base_percentage: int
    thresholds: tuple[int, ...]
    payouts: tuple[int, ...]

    def _validate(self) -> None:
        check_abi_fields(self)
        check_count("thresholds", self.thresholds, 1, self.MAX_MILESTONES)
        check_same_length("payouts", self.payouts, "thresholds", self.thresholds)
        check_at_most_wad("base_percentage", self.base_percentage)
        previous = self.base_percentage
        for i in range(len(self.thresholds)):
            check_increasing("thresholds", self.thresholds, i)
            check_at_most_wad(f"payouts[{i}]", self.payouts[i])
            if self.payouts[i] < previous:
                before = f"payouts[{i - 1}]" if i else "base_percentage"
                raise PayoutParameterError(
                    f"payouts[{i}] ({self.payouts[i]}) must not be below {before} ({previous})",
                    f"payouts[{i}]",
                )
            previous = self.payouts[i]

    def _percentage_long(self, price: int) -> int:
        for threshold, payout in zip(
            reversed(self.thresholds), reversed(self.payouts), strict=True
        ):
            if price >= threshold:
                return payout
        return self.base_percentage


@dataclass(frozen=True)
class PiecewiseLinear(PayoutLibrary):
    """A curve through 2 to 16 points; flat outside them; between them the floor of the line."""

    contract_name: ClassVar[str] = "PiecewiseLinearLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "PiecewiseLinear"
    abi_types: ClassVar[tuple[str, ...]] = ("int256[]", "uint256[]")
    MIN_POINTS: ClassVar[int] = 2
    MAX_POINTS: ClassVar[int] = 16

    prices: tuple[int, ...]
    percentages: tuple[int, ...]

    def _validate(self) -> None:
        check_abi_fields(self)
        check_count("prices", self.prices, self.MIN_POINTS, self.MAX_POINTS)
        check_same_length("percentages", self.percentages, "prices", self.prices)
        for i in range(len(self.prices)):
            check_increasing("prices", self.prices, i)
            check_at_most_wad(f"percentages[{i}]", self.percentages[i])

    def _percentage_long(self, price: int) -> int:
        xs, ys = self.prices, self.percentages
        if price <= xs[0]:
            return ys[0]
        if price >= xs[-1]:
            return ys[-1]
        i = next(i for i in range(1, len(xs)) if price <= xs[i])
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        # floor of the exact interpolated value (Python's // floors, also for falling segments)
        return (y0 * (x1 - x0) + (y1 - y0) * (price - x0)) // (x1 - x0)


@dataclass(frozen=True)
class BoundedLog(PayoutLibrary):
    """SMART Alpha's ``½(1 − log_{Max/Min}((Max+Min)/T − 1))``, T clamped to [Min, Max], via lnWad."""

    contract_name: ClassVar[str] = "BoundedLogLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "BoundedLog"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256", "uint256")
    MIN_RELATIVE_WIDTH_INVERSE: ClassVar[int] = 10**6

    min_price: int
    max_price: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_nonzero(self, "min_price")
        if self.max_price > UINT128_MAX:
            raise PayoutParameterError(
                f"max_price ({self.max_price}) must fit in uint128", "max_price"
            )
        if (
            self.max_price <= self.min_price
            or self.max_price - self.min_price < self.min_price // self.MIN_RELATIVE_WIDTH_INVERSE
        ):
            raise PayoutParameterError(
                f"max_price ({self.max_price}) must be at least "
                f"min_price + max(1, min_price / 1e6) (min_price {self.min_price})",
                "max_price",
            )

    def _percentage_long(self, price: int) -> int:
        low, high = self.min_price, self.max_price
        bounded = min(high, max(price, low))
        denominator = ln_wad(high) - ln_wad(low)
        numerator = ln_wad(low + high - bounded) - ln_wad(bounded)
        quotient = sdiv(numerator * WAD, denominator)
        if quotient >= WAD:
            return 0
        if quotient <= -WAD:
            return WAD
        return (WAD - quotient) // 2

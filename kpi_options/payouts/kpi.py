"""Twins of this project's KPI payout libraries: Milestones, PiecewiseLinear, BoundedLog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.base import (
    PayoutLibrary,
    check_int256_list,
    check_uint256,
    check_uint256_list,
    set_field,
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
        check_uint256("base_percentage", self.base_percentage)
        set_field(self, "thresholds", check_int256_list("thresholds", self.thresholds))
        set_field(self, "payouts", check_uint256_list("payouts", self.payouts))
        count = len(self.thresholds)
        if not 1 <= count <= self.MAX_MILESTONES:
            raise PayoutParameterError(
                f"thresholds must have 1 to {self.MAX_MILESTONES} entries, got {count}",
                "thresholds",
            )
        if len(self.payouts) != count:
            raise PayoutParameterError(
                f"payouts has {len(self.payouts)} entries but thresholds has {count}", "payouts"
            )
        if self.base_percentage > WAD:
            raise PayoutParameterError(
                f"base_percentage ({self.base_percentage}) must be at most 1e18", "base_percentage"
            )
        previous = self.base_percentage
        for i in range(count):
            if i and self.thresholds[i] <= self.thresholds[i - 1]:
                raise PayoutParameterError(
                    f"thresholds[{i}] ({self.thresholds[i]}) must be greater than "
                    f"thresholds[{i - 1}] ({self.thresholds[i - 1]})",
                    f"thresholds[{i}]",
                )
            if self.payouts[i] > WAD:
                raise PayoutParameterError(
                    f"payouts[{i}] ({self.payouts[i]}) must be at most 1e18", f"payouts[{i}]"
                )
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
        set_field(self, "prices", check_int256_list("prices", self.prices))
        set_field(self, "percentages", check_uint256_list("percentages", self.percentages))
        count = len(self.prices)
        if not self.MIN_POINTS <= count <= self.MAX_POINTS:
            raise PayoutParameterError(
                f"prices must have {self.MIN_POINTS} to {self.MAX_POINTS} entries, got {count}",
                "prices",
            )
        if len(self.percentages) != count:
            raise PayoutParameterError(
                f"percentages has {len(self.percentages)} entries but prices has {count}",
                "percentages",
            )
        for i in range(count):
            if i and self.prices[i] <= self.prices[i - 1]:
                raise PayoutParameterError(
                    f"prices[{i}] ({self.prices[i]}) must be greater than "
                    f"prices[{i - 1}] ({self.prices[i - 1]})",
                    f"prices[{i}]",
                )
            if self.percentages[i] > WAD:
                raise PayoutParameterError(
                    f"percentages[{i}] ({self.percentages[i]}) must be at most 1e18",
                    f"percentages[{i}]",
                )

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
        check_uint256("min_price", self.min_price)
        check_uint256("max_price", self.max_price)
        if self.min_price == 0:
            raise PayoutParameterError("min_price must not be 0", "min_price")
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

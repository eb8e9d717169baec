"""Twins of UMA's eight payout libraries (financial product libraries, FPL, in UMA's words)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.base import (
    PayoutLibrary,
    check_abi_fields,
    check_at_most_wad,
    check_greater,
    check_nonzero,
)
from kpi_options.payouts.math import WAD, wad_div, wad_mul

__all__ = [
    "Linear",
    "FlooredLinear",
    "BinaryOption",
    "CoveredCall",
    "CappedYieldDollar",
    "RangeBond",
    "SimpleSuccessToken",
    "SuccessToken",
]


@dataclass(frozen=True)
class Linear(PayoutLibrary):
    """0 at or below ``lower_bound``, 1e18 at or above ``upper_bound``, a line between (floor)."""

    contract_name: ClassVar[str] = "LinearLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "Linear"
    abi_types: ClassVar[tuple[str, ...]] = ("int256", "int256")

    upper_bound: int
    lower_bound: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_greater(self, "upper_bound", "lower_bound")

    def _percentage_long(self, price: int) -> int:
        if price >= self.upper_bound:
            return WAD
        if price <= self.lower_bound:
            return 0
        return wad_div(price - self.lower_bound, self.upper_bound - self.lower_bound)


@dataclass(frozen=True)
class FlooredLinear(PayoutLibrary):
    """Linear with a floor: divide first, then multiply by ``1e18 - floor`` (UMA's order)."""

    contract_name: ClassVar[str] = "FlooredLinearLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "FlooredLinear"
    abi_types: ClassVar[tuple[str, ...]] = ("int256", "int256", "uint256")

    upper_bound: int
    lower_bound: int
    floor_percentage: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_greater(self, "upper_bound", "lower_bound")
        check_at_most_wad("floor_percentage", self.floor_percentage)

    def _percentage_long(self, price: int) -> int:
        if price >= self.upper_bound:
            return WAD
        if price <= self.lower_bound:
            return self.floor_percentage
        fraction = wad_div(price - self.lower_bound, self.upper_bound - self.lower_bound)
        return wad_mul(fraction, WAD - self.floor_percentage) + self.floor_percentage


@dataclass(frozen=True)
class BinaryOption(PayoutLibrary):
    """1e18 at or above ``strike_price``, else 0. Any int256 strike is valid."""

    contract_name: ClassVar[str] = "BinaryOptionLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "BinaryOption"
    abi_types: ClassVar[tuple[str, ...]] = ("int256",)

    strike_price: int

    def _validate(self) -> None:
        check_abi_fields(self)

    def _percentage_long(self, price: int) -> int:
        return WAD if price >= self.strike_price else 0


@dataclass(frozen=True)
class CoveredCall(PayoutLibrary):
    """0 below the strike, ``(P - K) / P`` (floor) at and above it."""

    contract_name: ClassVar[str] = "CoveredCallLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "CoveredCall"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256",)

    strike_price: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_nonzero(self, "strike_price")

    def _percentage_long(self, price: int) -> int:
        if price < 0 or price < self.strike_price:
            return 0
        return wad_div(price - self.strike_price, price)


@dataclass(frozen=True)
class CappedYieldDollar(PayoutLibrary):
    """1e18 at or below ``low_price_range`` (R1), ``R1 / P`` (floor) above it."""

    contract_name: ClassVar[str] = "CappedYieldDollarLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "CappedYieldDollar"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256",)

    low_price_range: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_nonzero(self, "low_price_range")

    def _percentage_long(self, price: int) -> int:
        p = max(price, 0)
        if p <= self.low_price_range:
            return WAD
        return wad_div(self.low_price_range, p)


@dataclass(frozen=True)
class RangeBond(PayoutLibrary):
    """1e18 at or below R1, ``R1 / P`` up to R2, ``R1 / R2`` above (all floor). Order: high, low."""

    contract_name: ClassVar[str] = "RangeBondLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "RangeBond"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256", "uint256")

    high_price_range: int
    low_price_range: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_greater(self, "high_price_range", "low_price_range")
        check_nonzero(self, "low_price_range")

    def _percentage_long(self, price: int) -> int:
        p = max(price, 0)
        if p <= self.low_price_range:
            return WAD
        if p <= self.high_price_range:
            return wad_div(self.low_price_range, p)
        return wad_div(self.low_price_range, self.high_price_range)


@dataclass(frozen=True)
class SimpleSuccessToken(PayoutLibrary):
    """Half fixed, plus half a covered call: ``5e17 + floor(floor(5e17 (P - K) / 1e18) 1e18 / P)``."""

    contract_name: ClassVar[str] = "SimpleSuccessTokenLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "SimpleSuccessToken"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256",)
    BASE_PERCENTAGE: ClassVar[int] = 5 * 10**17

    strike_price: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_nonzero(self, "strike_price")

    def _percentage_long(self, price: int) -> int:
        p = max(price, 0)
        if p <= self.strike_price:
            return self.BASE_PERCENTAGE
        variable = WAD - self.BASE_PERCENTAGE
        return self.BASE_PERCENTAGE + wad_div(wad_mul(variable, p - self.strike_price), p)


@dataclass(frozen=True)
class SuccessToken(PayoutLibrary):
    """Base share ``b`` plus ``(1 - b)`` of a covered call, in UMA's truncation order."""

    contract_name: ClassVar[str] = "SuccessTokenLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "SuccessToken"
    abi_types: ClassVar[tuple[str, ...]] = ("uint256", "uint256")

    strike_price: int
    base_percentage: int

    def _validate(self) -> None:
        check_abi_fields(self)
        check_nonzero(self, "strike_price")
        if not 0 < self.base_percentage <= WAD:
            raise PayoutParameterError(
                f"base_percentage ({self.base_percentage}) must be in [1, 1e18]", "base_percentage"
            )

    def _percentage_long(self, price: int) -> int:
        p = max(price, 0)
        if p <= self.strike_price:
            return self.base_percentage
        return self.base_percentage + wad_div(
            wad_mul(WAD - self.base_percentage, p - self.strike_price), p
        )

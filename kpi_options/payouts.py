"""Exact Python twins of the payout libraries in ``contracts/fpl/``.

Each :class:`PayoutLibrary` subclass holds one pair's parameters in contract units (prices and
shares scaled by 1e18) and reproduces the contract's integer arithmetic, truncation included, so
``percentage_long(price)`` equals ``percentageLongCollateralAtExpiry(price)`` to the wei for every
int256 price. Constructing a twin (directly or through :meth:`PayoutLibrary.from_config`)
validates the parameters the way the contract's setter does and raises :class:`ValueError` naming
the offending field.

The launch tooling uses :data:`LIBRARIES` and :func:`payout_library`::

    lib = payout_library("Linear", {"upper_bound": 2000 * 10**18, "lower_bound": 1000 * 10**18})
    fpl.setLongShortPairParameters(pair, *lib.setter_args(), sender=launcher)
    fpl.setEncodedParameters(pair, lib.encode_parameters(), sender=launcher)  # same effect
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from eth_abi import encode as abi_encode

WAD = 10**18
"""1.0 in 18-decimal fixed point."""
INT256_MIN = -(2**255)
INT256_MAX = 2**255 - 1
UINT256_MAX = 2**256 - 1
UINT128_MAX = 2**128 - 1

__all__ = [
    "INT256_MAX",
    "INT256_MIN",
    "LIBRARIES",
    "UINT128_MAX",
    "UINT256_MAX",
    "WAD",
    "BinaryOption",
    "BoundedLog",
    "CappedYieldDollar",
    "CoveredCall",
    "FlooredLinear",
    "Linear",
    "Milestones",
    "PayoutLibrary",
    "PiecewiseLinear",
    "RangeBond",
    "SimpleSuccessToken",
    "SuccessToken",
    "ln_wad",
    "payout_library",
    "wad_div",
    "wad_mul",
]


# --------------------------------------------------------------------------- fixed-point helpers


def wad_mul(a: int, b: int) -> int:
    """``floor(a * b / 1e18)`` for non-negative ``a``, ``b`` (UMA's FixedPoint ``mul``; the
    contracts use a 512-bit product, so there is no overflow to model)."""
    return a * b // WAD


def wad_div(a: int, b: int) -> int:
    """``floor(a * 1e18 / b)`` for non-negative ``a`` and positive ``b`` (UMA's FixedPoint ``div``)."""
    return a * WAD // b


def _sdiv(a: int, b: int) -> int:
    """EVM/Solidity signed division: the quotient truncated toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


_TWO_256 = 2**256


def _wrap(v: int) -> int:
    """Reduce ``v`` to a signed 256-bit word (two's complement wrap-around, as EVM opcodes do)."""
    return (v + 2**255) % _TWO_256 - 2**255


def ln_wad(x: int) -> int:
    """Exact twin of Solady 0.1.26 ``FixedPointMathLib.lnWad``: ``ln(x / 1e18) * 1e18``.

    This mirrors the library's integer steps one by one (read from
    ``node_modules/solady/src/utils/FixedPointMathLib.sol``): the bit-scan that finds the
    reduction shift, the reduction of ``x`` to [1, 2) in a 2**96 basis, the (8, 8)-term rational
    approximation evaluated with arithmetic right shifts, the signed division, and the final
    scaling and base conversion. Every intermediate is wrapped to a signed 256-bit word like the
    EVM's ``mul``/``add``/``sub``/``shl``, so the result is identical to the wei.
    Raises ``ValueError`` for ``x <= 0`` (the library reverts ``LnWadUndefined()``).
    """
    if x <= 0:
        raise ValueError(f"ln_wad is undefined for x <= 0 (got {x})")
    if x > INT256_MAX:
        raise ValueError(f"ln_wad input {x} does not fit in int256")
    # r := 255 ^ floor(log2(x)), found as in the library: a coarse bit-scan to a multiple of 8 ...
    r = int(x > 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF) << 7
    r |= int((x >> r) > 0xFFFFFFFFFFFFFFFF) << 6
    r |= int((x >> r) > 0xFFFFFFFF) << 5
    r |= int((x >> r) > 0xFFFF) << 4
    r |= int((x >> r) > 0xFF) << 3
    # ... then a lookup in two packed tables: byte(and(0x1f, shr(shr(r, x), T1)), T2).
    index = (0x8421084210842108CC6318C6DB6D54BE >> (x >> r)) & 0x1F
    table = 0xF8F9F9FAF9FDFAFBF9FDFCFDFAFBFCFEF9FAFDFAFCFCFBFEFAFAFCFBFFFFFFFF
    r ^= (table >> (248 - 8 * index)) & 0xFF
    # x := shr(159, shl(r, x)): x reduced to [1, 2) * 2**96.
    x = ((x << r) % _TWO_256) >> 159

    def sar96(v: int) -> int:
        return _wrap(v) >> 96

    p = _wrap(3273285459638523848632254066296 + x)
    p = sar96(p * x)
    p = _wrap(24828157081833163892658089445524 + p)
    p = sar96(p * x)
    p = _wrap(43456485725739037958740375743393 + p)
    p = sar96(p * x)
    p = _wrap(p - 11111509109440967052023855526967)
    p = _wrap(sar96(p * x) - 45023709667254063763336534515857)
    p = _wrap(sar96(p * x) - 14706773417378608786704636184526)
    p = _wrap(_wrap(p * x) - _wrap(795164235651350426258249787498 << 96))

    q = _wrap(5573035233440673466300451813936 + x)
    q = _wrap(71694874799317883764090561454958 + sar96(x * q))
    q = _wrap(283447036172924575727196451306956 + sar96(x * q))
    q = _wrap(401686690394027663651624208769553 + sar96(x * q))
    q = _wrap(204048457590392012362485061816622 + sar96(x * q))
    q = _wrap(31853899698501571402653359427138 + sar96(x * q))
    q = _wrap(909429971244387300277376558375 + sar96(x * q))

    p = _sdiv(p, q)
    p = _wrap(1677202110996718588342820967067443963516166 * p)
    p = _wrap(
        _wrap(16597577552685614221487285958193947469193820559219878177908093499208371 * (159 - r))
        + p
    )
    p = _wrap(600920179829731861736702779321621459595472258049074101567377883020018308 + p)
    return p >> 174


# --------------------------------------------------------------------------- validation helpers


def _check_int(name: str, value: Any, low: int, high: int, kind: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer ({kind}), got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} ({value}) is out of {kind} range")
    return value


def _int256(name: str, value: Any) -> int:
    return _check_int(name, value, INT256_MIN, INT256_MAX, "int256")


def _uint256(name: str, value: Any) -> int:
    return _check_int(name, value, 0, UINT256_MAX, "uint256")


def _int256_list(name: str, values: Any) -> tuple[int, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"{name} must be a list of integers, got {values!r}")
    return tuple(_int256(f"{name}[{i}]", v) for i, v in enumerate(values))


def _uint256_list(name: str, values: Any) -> tuple[int, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"{name} must be a list of integers, got {values!r}")
    return tuple(_uint256(f"{name}[{i}]", v) for i, v in enumerate(values))


def _distance(high: int, low: int) -> int:
    return high - low


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# --------------------------------------------------------------------------- base class


class PayoutLibrary(ABC):
    """One pair's parameters for one payout library, plus the library's exact integer math.

    Subclasses are frozen dataclasses whose fields are the typed setter's arguments after the
    pair address, in order, in contract units.
    """

    contract_name: ClassVar[str]
    """The Solidity contract, e.g. ``"LinearLongShortPairFinancialProductLibrary"``."""
    short_name: ClassVar[str]
    """The name used by launch tooling (``--fpl``), e.g. ``"Linear"``."""
    abi_types: ClassVar[tuple[str, ...]]
    """ABI types of the setter arguments after the pair address (the encoded tuple's types)."""

    def __post_init__(self) -> None:
        self._validate()

    @abstractmethod
    def _validate(self) -> None:
        """Normalise and check the fields like the contract's setter; raise ValueError naming the field."""

    @abstractmethod
    def _percentage_long(self, price: int) -> int:
        """The contract's compute function for a valid int256 ``price``."""

    def percentage_long(self, price: int) -> int:
        """Long share at ``price`` (scaled by 1e18), identical to the contract, truncation included."""
        return self._percentage_long(_int256("price", price))

    def setter_args(self) -> tuple:
        """The typed setter's arguments after the pair address (arrays as lists)."""
        return tuple(
            list(v) if isinstance(v, tuple) else v
            for v in (getattr(self, f.name) for f in dataclasses.fields(self))
        )

    def encode_parameters(self) -> bytes:
        """``abi.encode`` of :meth:`setter_args`, for ``setEncodedParameters`` or a creator."""
        return abi_encode(list(self.abi_types), list(self.setter_args()))

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The parameter names, in setter order."""
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def from_config(cls, params: Mapping[str, int | list]) -> Self:
        """Build from a mapping of parameter name to value (contract units).

        Keys are the field names (``upper_bound``) or UMA's camelCase names (``upperBound``).
        Raises ValueError for a missing or unknown key or an invalid value, naming the field.
        """
        if not isinstance(params, Mapping):
            raise ValueError(f"{cls.short_name} parameters must be a mapping, got {params!r}")
        names = cls.field_names()
        values: dict[str, Any] = {}
        for key, value in params.items():
            name = _snake(str(key))
            if name not in names:
                raise ValueError(
                    f"{cls.short_name}: unknown parameter {key!r}; expected {', '.join(names)}"
                )
            if name in values:
                raise ValueError(f"{cls.short_name}: parameter {name} given twice")
            values[name] = value
        missing = [n for n in names if n not in values]
        if missing:
            raise ValueError(f"{cls.short_name}: missing parameter(s) {', '.join(missing)}")
        return cls(**values)


def _set(obj: object, name: str, value: Any) -> None:
    """Assign a normalised value to a frozen dataclass field during validation."""
    object.__setattr__(obj, name, value)


# --------------------------------------------------------------------------- UMA's eight


@dataclass(frozen=True)
class Linear(PayoutLibrary):
    """0 at or below ``lower_bound``, 1e18 at or above ``upper_bound``, a line between (floor)."""

    contract_name: ClassVar[str] = "LinearLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "Linear"
    abi_types: ClassVar[tuple[str, ...]] = ("int256", "int256")

    upper_bound: int
    lower_bound: int

    def _validate(self) -> None:
        _int256("upper_bound", self.upper_bound)
        _int256("lower_bound", self.lower_bound)
        if self.upper_bound <= self.lower_bound:
            raise ValueError(
                f"upper_bound ({self.upper_bound}) must be greater than lower_bound ({self.lower_bound})"
            )

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
        _int256("upper_bound", self.upper_bound)
        _int256("lower_bound", self.lower_bound)
        _uint256("floor_percentage", self.floor_percentage)
        if self.upper_bound <= self.lower_bound:
            raise ValueError(
                f"upper_bound ({self.upper_bound}) must be greater than lower_bound ({self.lower_bound})"
            )
        if self.floor_percentage > WAD:
            raise ValueError(f"floor_percentage ({self.floor_percentage}) must be at most 1e18")

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
        _int256("strike_price", self.strike_price)

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
        _uint256("strike_price", self.strike_price)
        if self.strike_price == 0:
            raise ValueError("strike_price must not be 0")

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
        _uint256("low_price_range", self.low_price_range)
        if self.low_price_range == 0:
            raise ValueError("low_price_range must not be 0")

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
        _uint256("high_price_range", self.high_price_range)
        _uint256("low_price_range", self.low_price_range)
        if self.high_price_range <= self.low_price_range:
            raise ValueError(
                f"high_price_range ({self.high_price_range}) must be greater than "
                f"low_price_range ({self.low_price_range})"
            )
        if self.low_price_range == 0:
            raise ValueError("low_price_range must not be 0")

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
        _uint256("strike_price", self.strike_price)
        if self.strike_price == 0:
            raise ValueError("strike_price must not be 0")

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
        _uint256("strike_price", self.strike_price)
        _uint256("base_percentage", self.base_percentage)
        if self.strike_price == 0:
            raise ValueError("strike_price must not be 0")
        if not 0 < self.base_percentage <= WAD:
            raise ValueError(f"base_percentage ({self.base_percentage}) must be in [1, 1e18]")

    def _percentage_long(self, price: int) -> int:
        p = max(price, 0)
        if p <= self.strike_price:
            return self.base_percentage
        return self.base_percentage + wad_div(
            wad_mul(WAD - self.base_percentage, p - self.strike_price), p
        )


# --------------------------------------------------------------------------- new libraries


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
        _uint256("base_percentage", self.base_percentage)
        _set(self, "thresholds", _int256_list("thresholds", self.thresholds))
        _set(self, "payouts", _uint256_list("payouts", self.payouts))
        count = len(self.thresholds)
        if not 1 <= count <= self.MAX_MILESTONES:
            raise ValueError(
                f"thresholds must have 1 to {self.MAX_MILESTONES} entries, got {count}"
            )
        if len(self.payouts) != count:
            raise ValueError(f"payouts has {len(self.payouts)} entries but thresholds has {count}")
        if self.base_percentage > WAD:
            raise ValueError(f"base_percentage ({self.base_percentage}) must be at most 1e18")
        previous = self.base_percentage
        for i in range(count):
            if i and self.thresholds[i] <= self.thresholds[i - 1]:
                raise ValueError(
                    f"thresholds[{i}] ({self.thresholds[i]}) must be greater than "
                    f"thresholds[{i - 1}] ({self.thresholds[i - 1]})"
                )
            if self.payouts[i] > WAD:
                raise ValueError(f"payouts[{i}] ({self.payouts[i]}) must be at most 1e18")
            if self.payouts[i] < previous:
                before = f"payouts[{i - 1}]" if i else "base_percentage"
                raise ValueError(
                    f"payouts[{i}] ({self.payouts[i]}) must not be below {before} ({previous})"
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
        _set(self, "prices", _int256_list("prices", self.prices))
        _set(self, "percentages", _uint256_list("percentages", self.percentages))
        count = len(self.prices)
        if not self.MIN_POINTS <= count <= self.MAX_POINTS:
            raise ValueError(
                f"prices must have {self.MIN_POINTS} to {self.MAX_POINTS} entries, got {count}"
            )
        if len(self.percentages) != count:
            raise ValueError(
                f"percentages has {len(self.percentages)} entries but prices has {count}"
            )
        for i in range(count):
            if i and self.prices[i] <= self.prices[i - 1]:
                raise ValueError(
                    f"prices[{i}] ({self.prices[i]}) must be greater than "
                    f"prices[{i - 1}] ({self.prices[i - 1]})"
                )
            if self.percentages[i] > WAD:
                raise ValueError(f"percentages[{i}] ({self.percentages[i]}) must be at most 1e18")

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
        _uint256("min_price", self.min_price)
        _uint256("max_price", self.max_price)
        if self.min_price == 0:
            raise ValueError("min_price must not be 0")
        if self.max_price > UINT128_MAX:
            raise ValueError(f"max_price ({self.max_price}) must fit in uint128")
        if (
            self.max_price <= self.min_price
            or self.max_price - self.min_price < self.min_price // self.MIN_RELATIVE_WIDTH_INVERSE
        ):
            raise ValueError(
                f"max_price ({self.max_price}) must be at least "
                f"min_price + max(1, min_price / 1e6) (min_price {self.min_price})"
            )

    def _percentage_long(self, price: int) -> int:
        low, high = self.min_price, self.max_price
        bounded = min(high, max(price, low))
        denominator = ln_wad(high) - ln_wad(low)
        numerator = ln_wad(low + high - bounded) - ln_wad(bounded)
        quotient = _sdiv(numerator * WAD, denominator)
        if quotient >= WAD:
            return 0
        if quotient <= -WAD:
            return WAD
        return (WAD - quotient) // 2


# --------------------------------------------------------------------------- registry

LIBRARIES: dict[str, type[PayoutLibrary]] = {
    cls.short_name: cls
    for cls in (
        Linear,
        FlooredLinear,
        BinaryOption,
        CoveredCall,
        CappedYieldDollar,
        RangeBond,
        SimpleSuccessToken,
        SuccessToken,
        Milestones,
        PiecewiseLinear,
        BoundedLog,
    )
}
"""Short name (launch tooling's ``--fpl``) -> twin class."""


def payout_library(name: str, params: Mapping[str, int | list]) -> PayoutLibrary:
    """The twin for library ``name`` (short name or contract name) built from ``params``.

    Raises ValueError listing the valid names when ``name`` is unknown, and ValueError naming the
    field when a parameter is missing or invalid.
    """
    cls = LIBRARIES.get(name)
    if cls is None:
        cls = next((c for c in LIBRARIES.values() if c.contract_name == name), None)
    if cls is None:
        raise ValueError(
            f"unknown payout library {name!r}; valid names: {', '.join(sorted(LIBRARIES))}"
        )
    return cls.from_config(params)

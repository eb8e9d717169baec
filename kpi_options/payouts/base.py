"""The base of every payout twin and the parameter checks the twins share.

Each :class:`PayoutLibrary` subclass holds one pair's parameters in contract units (prices and
shares scaled by 1e18) and reproduces the contract's integer arithmetic, truncation included, so
``percentage_long(price)`` equals ``percentageLongCollateralAtExpiry(price)`` to the wei for every
int256 price. Constructing a twin (directly or through :meth:`PayoutLibrary.from_config`)
validates the parameters the way the contract's setter does and raises :class:`kpi_options.errors.PayoutParameterError` whose ``field``
names the offending parameter (never parse its message).
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Self

from eth_abi import encode as abi_encode

from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.math import INT256_MAX, INT256_MIN, UINT256_MAX, WAD

__all__ = [
    "PayoutLibrary",
    "check_abi_fields",
    "check_at_most_wad",
    "check_count",
    "check_greater",
    "check_increasing",
    "check_int",
    "check_int256",
    "check_int256_list",
    "check_nonzero",
    "check_same_length",
    "check_uint256",
    "check_uint256_list",
    "set_field",
    "snake",
]

# --------------------------------------------------------------------------- validation helpers


def check_int(name: str, value: Any, low: int, high: int, kind: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayoutParameterError(f"{name} must be an integer ({kind}), got {value!r}", name)
    if not low <= value <= high:
        raise PayoutParameterError(f"{name} ({value}) is out of {kind} range", name)
    return value


def check_int256(name: str, value: Any) -> int:
    return check_int(name, value, INT256_MIN, INT256_MAX, "int256")


def check_uint256(name: str, value: Any) -> int:
    return check_int(name, value, 0, UINT256_MAX, "uint256")


def check_int256_list(name: str, values: Any) -> tuple[int, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise PayoutParameterError(f"{name} must be a list of integers, got {values!r}", name)
    return tuple(check_int256(f"{name}[{i}]", v) for i, v in enumerate(values))


def check_uint256_list(name: str, values: Any) -> tuple[int, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise PayoutParameterError(f"{name} must be a list of integers, got {values!r}", name)
    return tuple(check_uint256(f"{name}[{i}]", v) for i, v in enumerate(values))


_TYPE_CHECKS = {
    "int256": check_int256,
    "uint256": check_uint256,
    "int256[]": check_int256_list,
    "uint256[]": check_uint256_list,
}


def check_abi_fields(twin: PayoutLibrary) -> None:
    """Check every field against its ABI type (``abi_types``, in field order) and store the
    normalised value (lists become tuples); a field of another type is left to the twin."""
    for field, abi_type in zip(dataclasses.fields(twin), twin.abi_types, strict=True):
        check = _TYPE_CHECKS.get(abi_type)
        if check is not None:
            set_field(twin, field.name, check(field.name, getattr(twin, field.name)))


def check_greater(twin: PayoutLibrary, high: str, low: str) -> None:
    """The setter's bound order: field ``high`` strictly greater than field ``low``; the error
    names ``high``."""
    high_value, low_value = getattr(twin, high), getattr(twin, low)
    if high_value <= low_value:
        raise PayoutParameterError(
            f"{high} ({high_value}) must be greater than {low} ({low_value})", high
        )


def check_nonzero(twin: PayoutLibrary, name: str) -> None:
    """Field ``name`` must not be 0 (a divisor in the contract's math)."""
    if getattr(twin, name) == 0:
        raise PayoutParameterError(f"{name} must not be 0", name)


def check_at_most_wad(name: str, value: int) -> None:
    """A share scaled by 1e18 must be at most 1e18 (all to the long side)."""
    if value > WAD:
        raise PayoutParameterError(f"{name} ({value}) must be at most 1e18", name)


def check_count(name: str, values: Sequence, low: int, high: int) -> None:
    """The list ``name`` must have ``low`` to ``high`` entries."""
    if not low <= len(values) <= high:
        raise PayoutParameterError(
            f"{name} must have {low} to {high} entries, got {len(values)}", name
        )


def check_same_length(name: str, values: Sequence, other: str, others: Sequence) -> None:
    """The list ``name`` must have as many entries as the list ``other``; the error names ``name``."""
    if len(values) != len(others):
        raise PayoutParameterError(
            f"{name} has {len(values)} entries but {other} has {len(others)}", name
        )


def check_increasing(name: str, values: Sequence[int], i: int) -> None:
    """Entry ``i`` of the list ``name`` must be strictly greater than entry ``i - 1``."""
    if i and values[i] <= values[i - 1]:
        raise PayoutParameterError(
            f"{name}[{i}] ({values[i]}) must be greater than {name}[{i - 1}] ({values[i - 1]})",
            f"{name}[{i}]",
        )


def snake(name: str) -> str:
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
    """The name program files and the deployments file use (``payout.library``), e.g. ``"Linear"``."""
    abi_types: ClassVar[tuple[str, ...]]
    """ABI types of the setter arguments after the pair address (the encoded tuple's types)."""

    def __post_init__(self) -> None:
        self._validate()

    @abstractmethod
    def _validate(self) -> None:
        """Normalise and check the fields like the contract's setter; raise PayoutParameterError with the field."""

    @abstractmethod
    def _percentage_long(self, price: int) -> int:
        """The contract's compute function for a valid int256 ``price``."""

    def percentage_long(self, price: int) -> int:
        """Long share at ``price`` (scaled by 1e18), identical to the contract, truncation included."""
        return self._percentage_long(check_int256("price", price))

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
        Raises PayoutParameterError (``field`` set) for a missing or unknown key or an invalid
        value.
        """
        if not isinstance(params, Mapping):
            raise PayoutParameterError(
                f"{cls.short_name} parameters must be a mapping, got {params!r}"
            )
        names = cls.field_names()
        values: dict[str, Any] = {}
        for key, value in params.items():
            name = snake(str(key))
            if name not in names:
                raise PayoutParameterError(
                    f"{cls.short_name}: unknown parameter {key!r}; expected {', '.join(names)}",
                    str(key),
                )
            if name in values:
                raise PayoutParameterError(f"{cls.short_name}: parameter {name} given twice", name)
            values[name] = value
        missing = [n for n in names if n not in values]
        if missing:
            raise PayoutParameterError(
                f"{cls.short_name}: missing parameter(s) {', '.join(missing)}", missing[0]
            )
        return cls(**values)


def set_field(obj: object, name: str, value: Any) -> None:
    """Assign a normalised value to a frozen dataclass field during validation."""
    object.__setattr__(obj, name, value)

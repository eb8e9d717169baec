"""Python twin of ``MultiMetricLongShortPairFinancialProductLibrary``: several KPIs in one option.

The pair's price is a UMIP-183 ``MULTIPLE_VALUES`` answer: up to 7 unsigned 32-bit values packed in
one int256 (:mod:`kpi_options.multiple_values`). Each metric turns its value into progress between
a lower and an upper bound (linear, or in equal whole steps); the long side gets the minimum share
plus the weighted progress of the rest, to the wei as the contract computes it:

* term of metric i: 0 if ``v <= L``; ``w`` if ``v >= U``; else ``floor(w (v - L) / (U - L))`` (linear)
  or ``floor(w k / n)`` with ``k = floor(n (v - L) / (U - L))`` (``n`` equal steps);
* all-or-none: one value strictly below its lower bound pays exactly the minimum;
* share = ``minimum + floor(sum(terms) (1e18 - minimum) / 1e18)``;
* an answer that carries no values (negative, among them UMIP-183's "too early"; a non-zero bit above
  the last metric, among them "unresolvable") pays ``unresolvable_percentage``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from kpi_options.ancillary.multiple_values import (
    MAX_VALUE,
    MAX_VALUES,
    VALUE_BITS,
    carries_values,
    pack,
)
from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.base import PayoutLibrary, check_count
from kpi_options.payouts.math import WAD

__all__ = ["Metric", "MultiMetric"]

MAX_STEPS = 1000


def _uint(name: str, value: Any, high: int = 2**256 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayoutParameterError(f"{name} must be an integer, got {value!r}", name)
    if not 0 <= value <= high:
        raise PayoutParameterError(f"{name} ({value}) must be in [0, {high}]", name)
    return value


@dataclass(frozen=True)
class Metric:
    """One metric's parameters, in the integer units of its packed value (weight scaled by 1e18)."""

    lower_bound: int
    upper_bound: int
    weight: int
    steps: int = 0

    FIELDS: ClassVar[tuple[str, ...]] = ("lower_bound", "upper_bound", "weight", "steps")

    def validate(self, index: int) -> None:
        """Check like the contract's setter; PayoutParameterError whose ``field`` is
        ``metrics[index].<field>``."""
        prefix = f"metrics[{index}]"
        _uint(f"{prefix}.lower_bound", self.lower_bound)
        _uint(f"{prefix}.upper_bound", self.upper_bound, MAX_VALUE)
        if self.lower_bound >= self.upper_bound:
            raise PayoutParameterError(
                f"{prefix}.lower_bound ({self.lower_bound}) must be below "
                f"{prefix}.upper_bound ({self.upper_bound})",
                f"{prefix}.lower_bound",
            )
        _uint(f"{prefix}.steps", self.steps, MAX_STEPS)
        _uint(f"{prefix}.weight", self.weight, WAD)

    def term(self, value: int) -> int:
        """This metric's weighted progress at ``value``, scaled by 1e18, rounded down."""
        if value <= self.lower_bound:
            return 0
        if value >= self.upper_bound:
            return self.weight
        reached = value - self.lower_bound
        span = self.upper_bound - self.lower_bound
        if self.steps == 0:
            return self.weight * reached // span
        return self.weight * (self.steps * reached // span) // self.steps

    def as_tuple(self) -> tuple[int, int, int, int]:
        """The ABI struct ``(lowerBound, upperBound, weight, steps)``."""
        return (self.lower_bound, self.upper_bound, self.weight, self.steps)

    @classmethod
    def from_config(cls, params: Any, index: int = 0) -> Metric:
        """From a mapping (snake_case or camelCase keys; ``steps`` optional) or a 4-tuple."""
        if isinstance(params, Metric):
            return params
        if isinstance(params, Mapping):
            aliases = {"lowerBound": "lower_bound", "upperBound": "upper_bound"}
            values = {aliases.get(str(k), str(k)): v for k, v in params.items()}
            unknown = sorted(set(values) - set(cls.FIELDS))
            if unknown:
                raise PayoutParameterError(
                    f"metrics[{index}]: unknown parameter(s) {', '.join(unknown)}",
                    f"metrics[{index}].{unknown[0]}",
                )
            missing = [f for f in cls.FIELDS[:3] if f not in values]
            if missing:
                raise PayoutParameterError(
                    f"metrics[{index}]: missing parameter(s) {', '.join(missing)}",
                    f"metrics[{index}].{missing[0]}",
                )
            return cls(**values)
        if (
            isinstance(params, Sequence)
            and not isinstance(params, str | bytes)
            and len(params) == 4
        ):
            return cls(*params)
        raise PayoutParameterError(
            f"metrics[{index}] must be a mapping or a 4-tuple, got {params!r}", f"metrics[{index}]"
        )


@dataclass(frozen=True)
class MultiMetric(PayoutLibrary):
    """Weighted progress on 1 to 7 metrics answered in one ``MULTIPLE_VALUES`` price."""

    contract_name: ClassVar[str] = "MultiMetricLongShortPairFinancialProductLibrary"
    short_name: ClassVar[str] = "MultiMetric"
    abi_types: ClassVar[tuple[str, ...]] = (
        "(uint256,uint256,uint256,uint256)[]",
        "uint256",
        "uint256",
        "bool",
    )
    MAX_METRICS: ClassVar[int] = MAX_VALUES
    MAX_STEPS: ClassVar[int] = MAX_STEPS

    metrics: tuple[Metric, ...]
    minimum_percentage: int = 0
    unresolvable_percentage: int | None = None
    all_or_none: bool = False

    def _validate(self) -> None:
        if isinstance(self.metrics, str | bytes) or not isinstance(self.metrics, Sequence):
            raise PayoutParameterError(f"metrics must be a list, got {self.metrics!r}", "metrics")
        metrics = tuple(Metric.from_config(m, i) for i, m in enumerate(self.metrics))
        object.__setattr__(self, "metrics", metrics)
        check_count("metrics", metrics, 1, self.MAX_METRICS)
        _uint("minimum_percentage", self.minimum_percentage, WAD)
        if self.unresolvable_percentage is None:  # the program file's default: the minimum
            object.__setattr__(self, "unresolvable_percentage", self.minimum_percentage)
        _uint("unresolvable_percentage", self.unresolvable_percentage, WAD)
        if not isinstance(self.all_or_none, bool):
            raise PayoutParameterError(
                f"all_or_none must be true or false, got {self.all_or_none!r}", "all_or_none"
            )
        for i, metric in enumerate(metrics):
            metric.validate(i)
        total = sum(m.weight for m in metrics)
        if total != WAD:
            raise PayoutParameterError(f"metrics' weights must sum to 1e18, got {total}", "metrics")

    def _percentage_long(self, price: int) -> int:
        count = len(self.metrics)
        if not carries_values(price, count):
            return self.unresolvable_percentage
        weighted = 0
        for i, metric in enumerate(self.metrics):
            value = (price >> (VALUE_BITS * i)) & MAX_VALUE
            if self.all_or_none and value < metric.lower_bound:
                return self.minimum_percentage
            weighted += metric.term(value)
        return self.minimum_percentage + weighted * (WAD - self.minimum_percentage) // WAD

    def percentage_for_values(self, values: Sequence[int]) -> int:
        """The long share for one value per metric (packed with UMIP-183's rule first)."""
        if len(values) != len(self.metrics):
            raise PayoutParameterError(
                f"values: expected {len(self.metrics)}, got {len(values)}", "values"
            )
        return self.percentage_long(pack(values))

    def setter_args(self) -> tuple:
        return (
            [m.as_tuple() for m in self.metrics],
            self.minimum_percentage,
            self.unresolvable_percentage,
            self.all_or_none,
        )

    @classmethod
    def from_config(cls, params: Mapping[str, Any]) -> Self:
        """From ``metrics`` (list of mappings), optional ``minimum_percentage``,
        ``unresolvable_percentage`` (default: the minimum) and ``all_or_none`` (default false);
        camelCase keys accepted."""
        if not isinstance(params, Mapping):
            raise PayoutParameterError(f"MultiMetric parameters must be a mapping, got {params!r}")
        aliases = {
            "minimumPercentage": "minimum_percentage",
            "unresolvablePercentage": "unresolvable_percentage",
            "allOrNone": "all_or_none",
        }
        values = {aliases.get(str(k), str(k)): v for k, v in params.items()}
        known = cls.field_names()
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise PayoutParameterError(
                f"MultiMetric: unknown parameter(s) {', '.join(unknown)}; expected {', '.join(known)}",
                unknown[0],
            )
        if "metrics" not in values:
            raise PayoutParameterError("MultiMetric: missing parameter metrics", "metrics")
        return cls(**values)

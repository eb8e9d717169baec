"""The gas regression check of ``make gas-check``: a benchmark result against the committed
baseline (``gas/baseline.json``), figure by figure (docs/GAS.md). Measuring: :mod:`.benchmark`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: A product figure may grow this much over the baseline before the check fails.
DEFAULT_TOLERANCE = 0.02


@dataclass(frozen=True)
class Regression:
    """A figure that grew more than the tolerance over the baseline (or disappeared)."""

    name: str
    baseline: int
    current: int | None

    @property
    def growth(self) -> float | None:
        """Relative growth (0.05 = +5 %); ``None`` when the figure is missing."""
        return None if self.current is None else self.current / self.baseline - 1

    def __str__(self) -> str:
        if self.current is None:
            return f"{self.name}: in the baseline ({self.baseline:,}) but not measured"
        return (
            f"{self.name}: {self.current:,} vs baseline {self.baseline:,} "
            f"({100 * self.growth:+.2f} %)"
        )


def flatten(document: Mapping[str, Any]) -> dict[str, int]:
    """Every figure of a result document (``to_json()`` shape), keyed ``operations.<collateral>.<op>``
    or ``deployments.<contract>``. Oracle mocks and test doubles are left out: they are not the product.
    """
    figures = {}
    for collateral, ops in document.get("operations", {}).items():
        for key, gas in ops.items():
            figures[f"operations.{collateral}.{key}"] = int(gas)
    for name, entry in document.get("deployments", {}).items():
        if entry.get("role") == "product":
            figures[f"deployments.{name}"] = int(entry["gas"])
    for key, gas in document.get("distribution", {}).items():
        figures[f"distribution.{key}"] = int(gas)
    return figures


def check_against_baseline(
    result: Any,
    baseline: Mapping[str, Any],
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Regression]:
    """Figures that grew more than ``tolerance`` over ``baseline`` or that the run no longer measured.

    Figures new since the baseline are not regressions. Returns an empty list when all is well.
    """
    current = flatten(result.to_json() if hasattr(result, "to_json") else result)
    regressions = []
    for name, base in flatten(baseline).items():
        now = current.get(name)
        if now is None or now > base * (1 + tolerance):
            regressions.append(Regression(name, base, now))
    return regressions

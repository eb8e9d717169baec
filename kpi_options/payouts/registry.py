"""The registry of payout twins: the one place a payout library's name is looked up."""

from __future__ import annotations

from collections.abc import Mapping

from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.base import PayoutLibrary
from kpi_options.payouts.kpi import BoundedLog, Milestones, PiecewiseLinear
from kpi_options.payouts.multi import MultiMetric
from kpi_options.payouts.uma import (
    BinaryOption,
    CappedYieldDollar,
    CoveredCall,
    FlooredLinear,
    Linear,
    RangeBond,
    SimpleSuccessToken,
    SuccessToken,
)

__all__ = ["LIBRARIES", "library_class", "payout_library"]


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
        MultiMetric,
    )
}
"""Short name -> twin class."""


def library_class(name: str) -> type[PayoutLibrary] | None:
    """The twin class for a short name (``Linear``) or a contract name
    (``LinearLongShortPairFinancialProductLibrary``); None if no twin has that name."""
    cls = LIBRARIES.get(name)
    if cls is None:
        cls = next((c for c in LIBRARIES.values() if c.contract_name == name), None)
    return cls


def payout_library(name: str, params: Mapping[str, int | list]) -> PayoutLibrary:
    """The twin for library ``name`` (short name or contract name) built from ``params``.

    Raises PayoutParameterError: ``field`` ``"library"`` (listing the valid names) when ``name``
    is unknown, else the parameter at fault.
    """
    cls = library_class(name)
    if cls is None:
        raise PayoutParameterError(
            f"unknown payout library {name!r}; valid names: {', '.join(sorted(LIBRARIES))}",
            "library",
        )
    return cls.from_config(params)

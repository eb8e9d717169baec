"""Python twins of the payout libraries (``contracts/fpl/``): exact, wei for wei.

- :mod:`.math`: WAD, the int256/uint256 bounds, ``wad_mul``/``wad_div``, Solady's ``ln_wad``.
- :mod:`.base`: :class:`PayoutLibrary` (the twin base class) and the parameter checks.
- :mod:`.uma`: UMA's eight libraries; :mod:`.kpi`: Milestones, PiecewiseLinear, BoundedLog;
  :mod:`.multi`: MultiMetric (several KPIs in one UMIP-183 ``MULTIPLE_VALUES`` answer).
- :mod:`.registry`: :data:`LIBRARIES` and :func:`payout_library`, the one name lookup.

The launch tooling uses the registry::

    lib = payout_library("Linear", {"upper_bound": 2000 * 10**18, "lower_bound": 1000 * 10**18})
    library.setLongShortPairParameters(pair, *lib.setter_args(), sender=launcher)
    library.setEncodedParameters(pair, lib.encode_parameters(), sender=launcher)  # same effect
"""

from kpi_options.payouts.base import PayoutLibrary
from kpi_options.payouts.kpi import BoundedLog, Milestones, PiecewiseLinear
from kpi_options.payouts.math import (
    INT256_MAX,
    INT256_MIN,
    UINT128_MAX,
    UINT256_MAX,
    WAD,
    ln_wad,
    wad_div,
    wad_mul,
)
from kpi_options.payouts.multi import Metric, MultiMetric
from kpi_options.payouts.registry import LIBRARIES, library_class, payout_library
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
    "Metric",
    "Milestones",
    "MultiMetric",
    "PayoutLibrary",
    "PiecewiseLinear",
    "RangeBond",
    "SimpleSuccessToken",
    "SuccessToken",
    "library_class",
    "ln_wad",
    "payout_library",
    "wad_div",
    "wad_mul",
]

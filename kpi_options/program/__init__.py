"""Launch program files: strict loading, full validation, payout previews.

- :mod:`.load`: reading YAML/JSON program files exactly (numbers as Decimal).
- :mod:`.validate`: :class:`LaunchProgram` and :func:`validate_program` (every problem at once, as
  one :class:`kpi_options.errors.ProgramError`).
- :mod:`.preview`: :func:`payout_table` (metric -> resolved price -> long share -> collateral) and
  :func:`multi_payout_table` (one value per metric, MULTIPLE_VALUES programs).
- :mod:`.metrics`: the ``metrics`` list of MULTIPLE_VALUES programs (several KPIs in one option).

See docs/PROGRAM_FILE.md.
"""

from kpi_options.program.fields import (
    DEFAULT_COLLATERAL_DECIMALS,
    DEFAULT_PRICE_IDENTIFIER,
    MAX_COLLATERAL_DECIMALS,
    MAX_LIVENESS,
    MIN_RECOMMENDED_LIVENESS,
    RECOMMENDED_LIVENESS,
    REQUIRED_TOP_LEVEL,
    TOP_LEVEL_KEYS,
    parse_expiration,
)
from kpi_options.program.load import load_deployments, load_program_file, loads_program
from kpi_options.program.metrics import MetricSpec, MultiMetricProgram
from kpi_options.program.preview import (
    MultiPayoutRow,
    PayoutRow,
    multi_payout_table,
    payout_table,
)
from kpi_options.program.validate import (
    ChainCheck,
    LaunchProgram,
    load_and_validate,
    validate_program,
    whitelist_checker,
)

__all__ = [
    "DEFAULT_COLLATERAL_DECIMALS",
    "DEFAULT_PRICE_IDENTIFIER",
    "MAX_COLLATERAL_DECIMALS",
    "MAX_LIVENESS",
    "MIN_RECOMMENDED_LIVENESS",
    "RECOMMENDED_LIVENESS",
    "REQUIRED_TOP_LEVEL",
    "TOP_LEVEL_KEYS",
    "ChainCheck",
    "LaunchProgram",
    "MetricSpec",
    "MultiMetricProgram",
    "MultiPayoutRow",
    "PayoutRow",
    "load_and_validate",
    "load_deployments",
    "load_program_file",
    "loads_program",
    "multi_payout_table",
    "parse_expiration",
    "payout_table",
    "validate_program",
    "whitelist_checker",
]

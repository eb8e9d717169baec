"""``ape run demo``: two KPI option programs end to end on a local anvil that ape-foundry starts.

Act 1: early expiry rejected with the ignore price, then accepted once the goal is met.
Act 2: expiry, a wrong proposal, a dispute and the DVM stand-in's resolution.
Both acts settle every long and short holder; the run fails (non-zero exit) unless the collateral
paid out plus what is left in each pair equals the collateral locked. The logic is
:func:`kpi_dev.demo.run_demo`, which the test suite also runs.
"""

from kpi_dev.commands import demo as cli

__all__ = ["cli"]

"""KPI options toolkit: ancillary data, payout twins, deployment and launch helpers.

Scripts (``scripts/``) and tests (``tests/``) both import from here; nothing in this package
prints or prompts.
"""

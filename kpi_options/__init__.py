"""KPI options: the product package (``pip install .``), organised by concern (CONTRIBUTING.md).

errors (the one root, ``KpiError``), units, settlement (the pair's integer math), ancillary/,
payouts/ (the Python twins of the payout libraries), program/ (program files), chain/ (connection,
handles, deployments, the one deploy path), lifecycle/ (every step), render, distribution/ and
cli/ (``ape run kpi``). Dev tooling (demo, gas benchmark, coverage, test helpers) lives apart in
``kpi_dev``. Nothing in this package prints or prompts, except the click commands in cli/.
"""

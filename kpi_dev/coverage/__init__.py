"""Solidity coverage measured from the Python test suite.

ape-solidity 0.8.x emits no pcmap, so ``ape test --coverage`` cannot see Solidity. This package
traces what the tests execute on anvil (struct logs), maps program counters through solc source
maps to statements and JUMPIs, and reports per-contract line, function and branch coverage.
See docs/COVERAGE.md. Entry point: the pytest plugin in :mod:`kpi_dev.coverage.plugin`.
"""

"""Gas figures against UMA's (docs/GAS.md), through the shared benchmark (kpi_dev.benchmark).

UMA's conditions: cpp 1e18, Linear payout library, reward 0, bond 0, final fee 0, 18-decimal
collateral approved with the maximum allowance. ``-s`` prints the table.

UMA's figures are measured in the same run on UMA's own code (``@uma/core``). Every figure must
stay at or below UMA's except ``KNOWN_OVER_UMA``, and every target in ``OPERATIONS`` must be met except
the ones docs/GAS.md explains as missed (``KNOWN_MISSES``); the regression check against the
committed baseline is ``ape run benchmark --check gas/baseline.json`` (``make gas-check``).
"""

import pytest

from kpi_dev.benchmark import COLLATERALS, evaluate, run_benchmark

KNOWN_MISSES = {"create_first", "create_second"}
"""Targets this design misses, with the reason in docs/GAS.md ("Missed targets")."""

KNOWN_OVER_UMA = {"set_payout_parameters"}
"""Figures above UMA's measured one, with the reason in docs/GAS.md ("UMA measured in the same
run"): the separate parameter transaction (not the project's launch path, which sets them in the
launch) checks the caller is the pair's launcher or creator and logs ``ParametersSet``; UMA's
setter does neither (DIVERGENCES P1, P4)."""


@pytest.fixture(scope="module")
def rows(project, chain, accounts):
    """Evaluated figures of one benchmark run."""
    result = run_benchmark(project, chain, [accounts[index] for index in range(6)])
    table = evaluate(result)
    for row in table:
        verdict = {None: "", True: "met", False: "MISSED"}[row.met]
        print(
            f"{row.collateral:13s} {row.operation.key:28s} {row.ours:>9,d}  "
            f"UMA {row.uma:>9,d}  ({100 * row.ratio:5.1f} %) {verdict}"
        )
    return table


def test_gas__every_operation__at_most_uma(rows):
    over = [
        (r.collateral, r.operation.key, r.ours, r.uma)
        for r in rows
        if r.ours > r.uma and r.operation.key not in KNOWN_OVER_UMA
    ]
    assert over == []


def test_gas__targets__met_except_documented_misses(rows):
    missed = {(r.collateral, r.operation.key) for r in rows if r.met is False}
    unexpected = {item for item in missed if item[1] not in KNOWN_MISSES}
    assert unexpected == set()
    assert {collateral for collateral, _ in missed} <= set(COLLATERALS)


def test_gas__launch__meets_the_stretch_target(rows):
    launches = [r for r in rows if r.operation.key == "launch"]
    assert launches
    assert all(r.met and r.stretch_met for r in launches)

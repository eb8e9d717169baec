"""The gas benchmark's measuring function (kpi_dev.benchmark), run once for the module.

Checks that every figure is produced and every target evaluated, and that the baseline check and
the gas breakdown behave; no expected gas figure is written here (the figures live in
gas/baseline.json and docs/GAS.md).
"""

import json

import pytest

from kpi_dev.benchmark import (
    COLLATERALS,
    OPERATIONS,
    ORACLE_MOCKS,
    PRIMARY_COLLATERAL,
    evaluate,
    run_benchmark,
)
from kpi_dev.gas_baseline import check_against_baseline, flatten
from kpi_dev.gas_trace import gas_breakdown
from kpi_options.payouts import LIBRARIES

INTRINSIC = 21_000


@pytest.fixture(scope="module")
def result(project, chain, accounts):
    """One full benchmark run on the test chain."""
    return run_benchmark(project, chain, [accounts[index] for index in range(6)])


def test_run_benchmark__every_collateral__measures_every_operation(result):
    assert set(result.operations) == set(COLLATERALS)
    for collateral in COLLATERALS:
        figures = result.operations[collateral]
        assert set(figures) == {operation.key for operation in OPERATIONS}
        for key, gas in figures.items():
            assert isinstance(gas, int)
            assert gas > INTRINSIC, (collateral, key, gas)


def test_run_benchmark__uma_column__measured_on_umas_code_for_every_operation(result):
    """UMA's figures come from UMA's own creator, pair and Linear library in the same run."""
    assert set(result.uma_operations) == set(COLLATERALS)
    for collateral in COLLATERALS:
        uma = result.uma_operations[collateral]
        assert set(uma) == {operation.key for operation in OPERATIONS}
        assert all(gas > INTRINSIC for gas in uma.values())
        # UMA's launch is its two transactions together (a second pair: figures differ a little
        # from the first pair's, warm token factory and library).
        assert uma["launch"] > uma["create_pair"] / 2 + uma["set_payout_parameters"]
        # UMA deploys a full pair and two full tokens per launch: millions of gas.
        assert uma["create_pair"] > 10 * result.operations[collateral]["launch"] / 2
    for name in ("LongShortPairCreator", "TokenFactory"):
        assert result.deployments[f"UMA {name}"]["role"] == "UMA"
    document = json.loads(json.dumps(result.to_json()))
    assert document["uma_operations"] == result.uma_operations
    assert not any(name.startswith("deployments.UMA") for name in flatten(document))


def test_run_benchmark__deployments__cover_creator_libraries_and_marked_mocks(result):
    deployments = result.deployments
    assert deployments["LongShortPairCreator"]["role"] == "product"
    for cls in LIBRARIES.values():
        assert deployments[cls.contract_name]["role"] == "product"
    for name in ORACLE_MOCKS:
        assert deployments[name]["role"] == "oracle mock"
    for name in COLLATERALS:
        assert deployments[name]["role"] == "test double"
    assert all(entry["gas"] > INTRINSIC for entry in deployments.values())


def test_evaluate__every_figure__has_ratio_and_target_verdict(result):
    rows = evaluate(result)
    assert len(rows) == len(OPERATIONS) * len(COLLATERALS)
    for row in rows:
        assert row.uma == result.uma_operations[row.collateral][row.operation.key]
        assert row.ratio == row.ours / row.uma
        if row.limit is None:
            assert row.met is None
        else:
            assert row.met is (row.ours <= row.limit)
    document = json.loads(json.dumps(result.to_json()))
    assert len(document["evaluation"]) == len(rows)
    assert {entry["met"] for entry in document["evaluation"]} <= {True, False, None}


def test_run_benchmark__figures__are_consistent_with_each_other(result):
    for collateral in COLLATERALS:
        gas = result.operations[collateral]
        # The atomic launch saves a transaction over the UMA-style launch plus parameter call.
        assert gas["launch"] < gas["create_pair"] + gas["set_payout_parameters"]
        # The first account writes the pool's and the supplies' first non-zero values.
        assert gas["create_second"] < gas["create_first"]
        # Settling the oracle request inside settle costs more than finding it settled.
        assert gas["settle_first"] < gas["settle_first_with_oo_settle"]
        assert gas["settle_second"] < gas["settle_first"]


def test_check_against_baseline__same_figures__passes(result):
    assert check_against_baseline(result, result.to_json()) == []


def test_check_against_baseline__growth_within_tolerance__passes(result):
    baseline = result.to_json()
    key = "create_first"
    baseline["operations"][PRIMARY_COLLATERAL][key] = int(
        result.operations[PRIMARY_COLLATERAL][key] / 1.015
    )
    assert check_against_baseline(result, baseline) == []


def test_check_against_baseline__growth_over_tolerance__names_the_figure(result):
    baseline = result.to_json()
    ours = result.operations[PRIMARY_COLLATERAL]["redeem"]
    baseline["operations"][PRIMARY_COLLATERAL]["redeem"] = int(ours / 1.03)
    creator = result.deployments["LongShortPairCreator"]["gas"]
    baseline["deployments"]["LongShortPairCreator"]["gas"] = int(creator / 1.03)

    regressions = check_against_baseline(result, baseline)

    names = {regression.name for regression in regressions}
    assert names == {
        f"operations.{PRIMARY_COLLATERAL}.redeem",
        "deployments.LongShortPairCreator",
    }
    for regression in regressions:
        assert regression.growth > 0.02
        assert regression.name in str(regression)


def test_check_against_baseline__figure_no_longer_measured__fails(result):
    baseline = result.to_json()
    baseline["operations"][PRIMARY_COLLATERAL]["retired_operation"] = 50_000
    regressions = check_against_baseline(result, baseline)
    assert [(r.name, r.current) for r in regressions] == [
        (f"operations.{PRIMARY_COLLATERAL}.retired_operation", None)
    ]


def test_flatten__mocks_and_test_doubles__are_not_checked(result):
    names = flatten(result.to_json())
    assert not any(name.endswith(tuple(ORACLE_MOCKS)) for name in names)
    assert not any(
        name == f"deployments.{collateral}" for collateral in COLLATERALS for name in names
    )
    assert "deployments.LongShortPairCreator" in names


def test_gas_breakdown__create_first__accounts_for_all_execution_gas(result, chain):
    txn = result.transactions[PRIMARY_COLLATERAL]["create_first"]
    receipt = chain.get_receipt(txn)
    split = gas_breakdown(chain.provider, txn)

    assert sum(split["by_class"].values()) == split["execution"]
    data = bytes(receipt.transaction.data)
    calldata = sum(16 if byte else 4 for byte in data)
    # create refunds nothing, so the receipt is exactly intrinsic + calldata + execution.
    assert receipt.gas_used == INTRINSIC + calldata + split["execution"]
    # Five zero-to-non-zero slots: the pool's collateral balance, two supplies, two balances.
    assert split["by_class"]["SSTORE"] >= 5 * 20_000
    assert any(op == "DELEGATECALL" for _, op, _, _ in split["by_frame"])


def test_run_benchmark__distribution__measures_airdrop_and_emission(result):
    from kpi_dev.distribution_benchmark import airdrop_cost, tree_build_cost

    gas = result.distribution
    assert set(gas) == {
        "merkle_fund",
        "merkle_claim_first",
        "merkle_claim_later",
        "transfer_to_new_holder",
        "mining_deploy",
        "mining_fund",
        "mining_stake_first",
        "mining_stake",
        "mining_withdraw",
        "mining_claim",
    }
    assert all(value > INTRINSIC for value in gas.values())
    # The first claim writes the distribution's claimed total from zero; later ones update it.
    assert gas["merkle_claim_later"] < gas["merkle_claim_first"]
    # A claim carries a 14-hash proof and a leaf mark on top of the transfer it makes.
    assert gas["merkle_claim_later"] > gas["transfer_to_new_holder"]
    assert result.deployments["MerkleDistributor"]["role"] == "product"
    assert "distribution.merkle_claim_first" in flatten(result.to_json())
    cost = airdrop_cost(gas, holders=10)
    assert cost["by_transfer_team"] == 10 * gas["transfer_to_new_holder"]
    assert cost["by_merkle_claimants"] == gas["merkle_claim_first"] + 9 * gas["merkle_claim_later"]
    built = tree_build_cost(200)
    assert built["recipients"] == 200 and built["peak_mib"] > 0

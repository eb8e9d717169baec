"""End to end: a tiny contract with known executed lines, traced on the test anvil."""

import json
from pathlib import Path

import pytest
from ape.contracts import ContractContainer
from ethpm_types import ContractType

from kpi_dev.coverage.artifacts import build_compilation, run_standard_json
from kpi_dev.coverage.plugin import _RawRpc
from kpi_dev.coverage.report import build_report
from kpi_dev.coverage.tracer import Tracer

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def tiny_build():
    """Tiny.sol compiled with the project's settings (optimizer 1,000,000 runs, prague)."""
    source = (DATA / "Tiny.sol").read_text()
    outputs = ["abi", "evm.bytecode.object", "evm.bytecode.sourceMap"]
    outputs += ["evm.deployedBytecode.object", "evm.deployedBytecode.sourceMap"]
    outputs += ["evm.deployedBytecode.immutableReferences"]
    standard_input = {
        "language": "Solidity",
        "sources": {"Tiny.sol": {"content": source}},
        "settings": {
            "optimizer": {"enabled": True, "runs": 1_000_000},
            "evmVersion": "prague",
            "outputSelection": {"*": {"*": outputs, "": ["ast"]}},
        },
    }
    output = run_standard_json(standard_input, "0.8.30", DATA)
    compilation = build_compilation([(output, standard_input["sources"])], DATA)
    data = output["contracts"]["Tiny.sol"]["Tiny"]
    contract_type = ContractType.model_validate(
        {
            "contractName": "Tiny",
            "abi": data["abi"],
            "deploymentBytecode": {"bytecode": "0x" + data["evm"]["bytecode"]["object"]},
            "runtimeBytecode": {"bytecode": "0x" + data["evm"]["deployedBytecode"]["object"]},
        }
    )
    return compilation, ContractContainer(contract_type), source.splitlines()


def _line_of(lines, text):
    (number,) = [i + 1 for i, line in enumerate(lines) if text in line]
    return number


def test_tracer__bump_and_pick_run__never_and_revert_lines_missed(tiny_build, deployer, chain):
    compilation, container, lines = tiny_build
    tracer = Tracer(compilation, _RawRpc(chain.provider.web3.provider.endpoint_uri))
    tiny = deployer.deploy(container)
    tracer.trace_transaction(tiny.txn_hash)  # the deployment itself; history may hold reverted txs
    receipt = tiny.bump(3, sender=deployer)
    tracer.trace_transaction(receipt.txn_hash)
    calldata = tiny.pick.encode_input(True)
    tracer.trace_call({"to": tiny.address, "data": "0x" + calldata.hex()}, "latest")

    assert tracer.stats.trace_failures == 0
    assert tracer.stats.unattributed_frames == 0
    report = build_report(compilation, tracer.hits, include=lambda source_id: True)
    (tiny_cov,) = report.contracts
    assert tiny_cov.key == "Tiny.sol:Tiny"
    missed = {line for line, hit in tiny_cov.line_hits.items() if not hit}
    hit = {line for line, was_hit in tiny_cov.line_hits.items() if was_hit}
    assert missed == {_line_of(lines, 'revert("zero")'), _line_of(lines, "count = 42")}
    assert {
        _line_of(lines, "if (by == 0)"),
        _line_of(lines, "count += by"),
        _line_of(lines, "return flag"),
    } <= hit
    assert [f["name"] for f in tiny_cov.function_hits if not f["hit"]] == ["Tiny.never"]
    by_line = {b["line"]: b for b in tiny_cov.branch_hits}
    if_branch = by_line[_line_of(lines, "if (by == 0)")]
    assert if_branch["kind"] == "IfStatement"
    assert if_branch["jumped"] != if_branch["fell_through"]  # only the by != 0 side ran
    doc = json.loads(json.dumps(report.to_json()))
    assert doc["totals"]["functions"] == {"hit": 2, "total": 3, "pct": 66.67}


def test_tracer__revert_path_also_run__if_branch_fully_covered(tiny_build, deployer, chain):
    compilation, container, lines = tiny_build
    tracer = Tracer(compilation, _RawRpc(chain.provider.web3.provider.endpoint_uri))
    tiny = deployer.deploy(container)
    tracer.trace_transaction(tiny.bump(3, sender=deployer).txn_hash)
    failed = tiny.bump(0, sender=deployer, raise_on_revert=False)
    assert failed.failed
    tracer.trace_transaction(failed.txn_hash)

    report = build_report(compilation, tracer.hits, include=lambda source_id: True)
    (tiny_cov,) = report.contracts
    assert tiny_cov.line_hits[_line_of(lines, 'revert("zero")')] is True
    if_branch = {b["line"]: b for b in tiny_cov.branch_hits}[_line_of(lines, "if (by == 0)")]
    assert if_branch["jumped"] and if_branch["fell_through"]
    assert tiny_cov.line_hits[_line_of(lines, "count = 42")] is False


@pytest.fixture(scope="module")
def caller_build():
    """Caller.sol (which imports Tiny.sol) compiled with the project's settings."""
    outputs = ["abi", "evm.bytecode.object", "evm.bytecode.sourceMap"]
    outputs += ["evm.deployedBytecode.object", "evm.deployedBytecode.sourceMap"]
    outputs += ["evm.deployedBytecode.immutableReferences"]
    sources = {name: {"content": (DATA / name).read_text()} for name in ("Tiny.sol", "Caller.sol")}
    standard_input = {
        "language": "Solidity",
        "sources": sources,
        "settings": {
            "optimizer": {"enabled": True, "runs": 1_000_000},
            "evmVersion": "prague",
            "outputSelection": {"*": {"*": outputs, "": ["ast"]}},
        },
    }
    output = run_standard_json(standard_input, "0.8.30", DATA)
    compilation = build_compilation([(output, sources)], DATA)
    containers = {}
    for file, name in (("Tiny.sol", "Tiny"), ("Caller.sol", "Caller")):
        data = output["contracts"][file][name]
        containers[name] = ContractContainer(
            ContractType.model_validate(
                {
                    "contractName": name,
                    "abi": data["abi"],
                    "deploymentBytecode": {"bytecode": "0x" + data["evm"]["bytecode"]["object"]},
                    "runtimeBytecode": {
                        "bytecode": "0x" + data["evm"]["deployedBytecode"]["object"]
                    },
                }
            )
        )
    return compilation, containers


def test_tracer__nested_calls_precompile_and_create__call_tree_walk_equals_stack_walk(
    caller_build, deployer, other, chain, monkeypatch
):
    """The stackless walk (addresses from the callTracer tree) credits exactly what the walk of
    full stacks credits, for a call, a static call, a precompile, an account without code and a
    create, in a transaction and in an eth_call."""
    compilation, containers = caller_build
    tiny = deployer.deploy(containers["Tiny"])
    caller = deployer.deploy(containers["Caller"])
    receipt = caller.run(tiny, other, sender=deployer)
    calldata = caller.run.encode_input(tiny.address, other.address)
    call = {"to": caller.address, "from": deployer.address, "data": "0x" + calldata.hex()}

    uri = chain.provider.web3.provider.endpoint_uri
    stackless = Tracer(compilation, _RawRpc(uri))
    monkeypatch.setenv("KPI_COVERAGE_STACKS", "1")
    with_stacks = Tracer(compilation, _RawRpc(uri))
    for tracer in (stackless, with_stacks):
        tracer.trace_transaction(receipt.txn_hash)
        tracer.trace_call(call, "latest")

    assert not stackless.always_stacks and with_stacks.always_stacks
    assert stackless.stats.call_trees == 2
    assert stackless.stats.stack_fallbacks == 0
    assert stackless.stats.trace_failures == with_stacks.stats.trace_failures == 0
    assert stackless.hits.to_json() == with_stacks.hits.to_json()
    kinds = set(stackless.hits.pcs)
    assert {("Caller.sol:Caller", "runtime"), ("Tiny.sol:Tiny", "runtime")} <= kinds
    assert ("Tiny.sol:Tiny", "creation") in kinds
    assert stackless.stats.frames == with_stacks.stats.frames


def test_lean_ape__addresses_used__equal_to_apes_struct_log_walk(
    caller_build, deployer, other, chain
):
    """``kpi_dev.lean_ape`` reads "the addresses a transaction called" from the call tree; ape
    reads them from struct logs with stacks. Same list, same order, for a call, a static call, a
    precompile, an account without code and a create (ape decodes a nested custom error with the
    ABI of the last one)."""
    from ape_ethereum.trace import TransactionTrace
    from ape_foundry.trace import AnvilTransactionTrace

    from kpi_dev.lean_ape import _addresses_used

    compilation, containers = caller_build
    tiny = deployer.deploy(containers["Tiny"])
    caller = deployer.deploy(containers["Caller"])
    receipt = caller.run(tiny, other, sender=deployer)
    trace = AnvilTransactionTrace(transaction_hash=receipt.txn_hash)

    made = receipt.return_value
    ecrecover = "0x0000000000000000000000000000000000000001"
    expected = [tiny.address, tiny.address, ecrecover, other.address, made, made]
    assert list(_addresses_used(trace)) == expected
    assert list(_addresses_used(trace, reverse=True)) == expected[::-1]
    # Ape's walk reads the same list, except that it pads a short stack word (the precompile's
    # address, 0x1) on the wrong side; the call tree carries the address itself.
    apes = list(TransactionTrace.get_addresses_used(trace))
    assert apes[2] == "0x0100000000000000000000000000000000000000"
    assert apes[:2] + apes[3:] == expected[:2] + expected[3:]

"""kpi_dev.lean_ape: what it keeps and when it lets go (no chain; the call-tree reading is checked
against ape's own on a chain in test_coverage_trace.py)."""

import os
from types import SimpleNamespace

import pytest

from kpi_dev.lean_ape import (
    ReadCache,
    _await_sender_nonce_increment,
    called_addresses,
    is_local,
    may_change_code,
)


class _Node:
    """A stand-in node: answers from ``state`` and counts what reached it."""

    def __init__(self):
        self.state = {"code": {"0xa": "0x6001"}, "automine": True}
        self.sent = []

    def __call__(self, method, params):
        self.sent.append(method)
        if method == "eth_getCode":
            return {"jsonrpc": "2.0", "id": 1, "result": self.state["code"].get(params[0], "0x")}
        if method == "anvil_getAutomine":
            return {"jsonrpc": "2.0", "id": 1, "result": self.state["automine"]}
        return {"jsonrpc": "2.0", "id": 1, "result": None}


def test_read_cache__code_with_bytes__asked_once_until_a_revert():
    node, cache = _Node(), ReadCache()
    for _ in range(3):
        assert cache.request(node, "eth_getCode", ["0xa", "latest"])["result"] == "0x6001"
    assert node.sent == ["eth_getCode"]
    for kept in ("anvil_mine", "evm_mine", "evm_setNextBlockTimestamp", "evm_snapshot"):
        cache.request(node, kept, [])
    cache.request(node, "eth_getCode", ["0xa", "latest"])
    assert node.sent.count("eth_getCode") == 1
    cache.request(node, "evm_revert", ["0x1"])
    cache.request(node, "eth_getCode", ["0xa", "latest"])
    assert node.sent.count("eth_getCode") == 2


def test_read_cache__address_without_code__asked_every_time():
    node, cache = _Node(), ReadCache()
    assert cache.request(node, "eth_getCode", ["0xb", "latest"])["result"] == "0x"
    node.state["code"]["0xb"] = "0x60"  # deployed by a transaction the cache never sees
    assert cache.request(node, "eth_getCode", ["0xb", "latest"])["result"] == "0x60"
    assert node.sent == ["eth_getCode", "eth_getCode"]


def test_read_cache__automine__kept_until_set_again():
    node, cache = _Node(), ReadCache()
    assert cache.request(node, "anvil_getAutomine", [])["result"] is True
    assert cache.request(node, "anvil_getAutomine", [])["result"] is True
    assert node.sent == ["anvil_getAutomine"]
    cache.request(node, "evm_setAutomine", [False])
    node.state["automine"] = False
    assert cache.request(node, "anvil_getAutomine", [])["result"] is False


@pytest.mark.parametrize(
    ("method", "changes"),
    [
        ("evm_revert", True),
        ("anvil_setCode", True),
        ("anvil_reset", True),
        ("hardhat_setCode", True),
        ("evm_setAutomine", True),
        ("anvil_mine", False),
        ("evm_mine", False),
        ("evm_increaseTime", False),
        ("evm_setNextBlockTimestamp", False),
        ("evm_snapshot", False),
        ("eth_sendRawTransaction", False),
        ("eth_call", False),
    ],
)
def test_may_change_code__node_requests__only_state_resets_and_code_writes(method, changes):
    assert may_change_code(method) is changes


def test_called_addresses__nested_tree__pre_order_without_the_root():
    tree = {
        "to": "0xroot",
        "calls": [
            {"to": "0x1", "calls": [{"to": "0x2"}, {"to": "0x3", "calls": [{"to": "0x4"}]}]},
            {"to": "0x5"},
        ],
    }
    assert called_addresses(tree) == ["0x1", "0x2", "0x3", "0x4", "0x5"]
    assert called_addresses({"to": "0xroot"}) == []


@pytest.mark.parametrize(("block", "waits"), [(7, False), (0, False), (-1, True), (None, True)])
def test_nonce_wait__mined_receipt__skipped(block, waits):
    waited = []
    wait = _await_sender_nonce_increment(lambda receipt: waited.append(receipt))
    receipt = SimpleNamespace(block_number=block)
    wait(receipt)
    assert waited == ([receipt] if waits else [])


@pytest.mark.parametrize(
    ("uri", "local"),
    [
        ("http://127.0.0.1:8545", True),
        ("http://localhost:1234/rpc", True),
        ("https://mainnet.example.org", False),
    ],
)
def test_is_local__node_uri(uri, local):
    assert is_local(uri) is local


def test_lean_ape__block_exited__every_patched_attribute_restored():
    """Applied by tests/conftest.py for the session, so leaving a nested block restores the
    session's patches: compared before and after, attribute by attribute."""
    from ape.api.transactions import ReceiptAPI
    from ape_foundry.provider import FoundryProvider
    from ape_foundry.trace import AnvilTransactionTrace
    from web3._utils.http_session_manager import HTTPSessionManager
    from web3.providers.rpc import HTTPProvider

    from kpi_dev.lean_ape import lean_ape

    watched = [
        (AnvilTransactionTrace, "show"),
        (AnvilTransactionTrace, "get_addresses_used"),
        (ReceiptAPI, "show_debug_logs"),
        (ReceiptAPI, "_await_sender_nonce_increment"),
        (HTTPProvider, "make_request"),
        (HTTPSessionManager, "cache_and_return_session"),
        (FoundryProvider, "build_command"),
    ]
    before = [(owner.__dict__.get(name), getattr(owner, name)) for owner, name in watched]
    with lean_ape():
        wrapped = getattr(HTTPProvider.make_request, "__wrapped__", None)
    after = [(owner.__dict__.get(name), getattr(owner, name)) for owner, name in watched]
    assert after == before
    assert wrapped is before[4][1] or os.environ.get("KPI_PLAIN_APE") == "1"


@pytest.mark.parametrize(
    ("command", "added"),
    [
        (["anvil", "--port", "8545"], ["--prune-history", "256"]),
        (["anvil", "--prune-history", "10"], []),
    ],
)
def test_pruned_history__anvil_command__history_kept_in_memory_only(command, added):
    from kpi_dev.lean_ape import _pruned_history

    build = _pruned_history(lambda provider: list(command))
    assert build(None) == [*command, *added]


def test_pruned_history__fork_session__command_unchanged():
    from ape_foundry.provider import FoundryForkProvider

    from kpi_dev.lean_ape import _pruned_history

    fork = FoundryForkProvider.__new__(FoundryForkProvider)
    command = ["anvil", "--fork-url", "http://127.0.0.1:9"]
    assert _pruned_history(lambda provider: list(command))(fork) == command


def test_coverage_solc_cache__same_input__solc_run_once(tmp_path, monkeypatch):
    """build/coverage-solc: an output is reused for the same input and replaced for a changed one
    (a source's content is part of the input)."""
    from kpi_dev.coverage import artifacts

    runs = []

    def fake_solc(input_json, version, root):
        runs.append(input_json["sources"]["A.sol"]["content"])
        return {"contracts": {}, "sources": {}, "run": len(runs)}

    monkeypatch.setattr(artifacts, "run_standard_json", fake_solc)
    monkeypatch.setattr(artifacts, "_solc_binary", lambda version: tmp_path / "solc")
    first = {"language": "Solidity", "sources": {"A.sol": {"content": "one"}}, "settings": {}}
    second = {"language": "Solidity", "sources": {"A.sol": {"content": "two"}}, "settings": {}}
    cache = tmp_path / "cache"

    outputs = [
        artifacts.coverage_outputs({"0.8.30": i}, tmp_path, cache)[0][0] for i in (first, first)
    ]
    assert [o["run"] for o in outputs] == [1, 1] and runs == ["one"]
    assert artifacts.coverage_outputs({"0.8.30": second}, tmp_path, cache)[0][0]["run"] == 2
    assert runs == ["one", "two"]
    assert len(list(cache.glob("solc-0.8.30-*.json"))) == 1  # one kept per version

"""UMA's addresses by chain id, checked against the connected node: for each chain UMA runs on, an
anvil started with that chain's id (no UMA code there: refused with the contract and address;
UMA's runtime code placed at UMA's addresses with ``anvil_setCode``: found)."""

import json
import urllib.request

import pytest
from eth_utils import to_checksum_address

from kpi_options.uma import UmaAddressError, deployed_address
from kpi_options.uma.artifacts import artifact
from kpi_options.uma.chains import (
    LSP_CONTRACTS,
    ORACLE_CONTRACTS,
    UMA_CHAINS,
    find_uma_deployment,
)
from tests.fork.upstream import free_port, start_upstream


class Node:
    """A bare JSON-RPC client of one anvil (no ape connection: the test session keeps its own)."""

    def __init__(self, uri: str):
        self.uri = uri

    def call(self, method: str, *params):
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
        request = urllib.request.Request(
            self.uri, body.encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            reply = json.load(answer)
        assert "error" not in reply, reply
        return reply["result"]

    def has_code(self, address: str) -> bool:
        return self.call("eth_getCode", address, "latest") not in ("0x", "0x0")


@pytest.fixture(scope="module", params=sorted(UMA_CHAINS), ids=lambda c: UMA_CHAINS[c])
def chain_node(request):
    """An anvil answering with the chain id of one of UMA's chains."""
    port = free_port()
    process = start_upstream(port, chain_id=request.param)
    try:
        node = Node(f"http://127.0.0.1:{port}")
        assert int(node.call("eth_chainId"), 16) == request.param
        yield request.param, node
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_find__chain_without_uma_code__refused_naming_contract_and_address(chain_node):
    chain_id, node = chain_node
    finder = to_checksum_address(deployed_address("Finder", chain_id))
    with pytest.raises(UmaAddressError) as err:
        find_uma_deployment(chain_id, node.has_code)
    assert err.value.param == "--network"
    assert f"Finder at {finder}" in str(err.value)
    assert f"chain id {chain_id}" in str(err.value)


def test_find__uma_code_placed_at_uma_addresses__found_and_listed(chain_node):
    chain_id, node = chain_node
    for name in (*ORACLE_CONTRACTS, *LSP_CONTRACTS, "LinearLongShortPairFinancialProductLibrary"):
        runtime = artifact(name)["deployedBytecode"]
        node.call("anvil_setCode", deployed_address(name, chain_id), runtime)
    found = find_uma_deployment(
        chain_id, node.has_code, names=(*ORACLE_CONTRACTS, *LSP_CONTRACTS), libraries=["Linear"]
    )
    assert found.addresses == {
        name: to_checksum_address(deployed_address(name, chain_id))
        for name in (*ORACLE_CONTRACTS, *LSP_CONTRACTS)
    }
    linear = deployed_address("LinearLongShortPairFinancialProductLibrary", chain_id)
    assert found.libraries == {"Linear": to_checksum_address(linear)}
    finder = to_checksum_address(deployed_address("Finder", chain_id))
    assert any(finder in line for line in found.lines())


def test_find__library_uma_does_not_ship__refused_naming_the_field():
    with pytest.raises(UmaAddressError, match="no payout library 'Milestones'") as err:
        find_uma_deployment(1, lambda address: True, libraries=["Milestones"])
    assert err.value.param == "payout.library"


def test_find__chain_uma_does_not_serve__refused_listing_the_chains():
    with pytest.raises(UmaAddressError, match="no Finder on chain id 31337") as err:
        find_uma_deployment(31337, lambda address: True)
    assert err.value.param == "--network"
    assert "8453" in str(err.value)

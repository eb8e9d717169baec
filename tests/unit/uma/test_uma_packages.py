"""UMA's published packages read as data: artifacts deploy and answer; the address table matches
``@uma/contracts-node``'s own ``getAddress`` (run under node)."""

import json
import subprocess

import pytest

from kpi_options.uma import (
    UmaAddressError,
    UmaArtifactError,
    contract_container,
    deployed_address,
    deployed_names,
)
from kpi_options.uma.addresses import chains_of

ZERO = "0x0000000000000000000000000000000000000000"


def test_addresses__every_name_and_chain__equal_node_getAddress():
    pairs = [(name, chain) for name in deployed_names() for chain in chains_of(name)]
    script = (
        "const m = require('@uma/contracts-node');"
        "const pairs = JSON.parse(process.argv[1]);"
        "Promise.all(pairs.map(([n, c]) => m.getAddress(n, c)))"
        ".then(a => console.log(JSON.stringify(a)));"
    )
    out = subprocess.run(
        ["node", "-e", script, json.dumps(pairs)], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == [deployed_address(n, c) for n, c in pairs]
    assert len(pairs) > 300


def test_addresses__mainnet_oracle__known_values():
    assert deployed_address("Finder", 1) == "0x40f941E48A552bF496B154Af6bf55725f18D77c3"
    assert deployed_address("OptimisticOracleV2", 1) == "0xA0Ae6609447e57a42c51B50EAe921D701823FFAe"
    for chain in (10, 137, 8453, 42161):
        assert deployed_address("OptimisticOracleV2", chain).startswith("0x")


def test_addresses__unknown_chain_or_name__refused_with_the_parameter():
    with pytest.raises(UmaAddressError, match="no Finder on chain id 31337") as err:
        deployed_address("Finder", 31337)
    assert err.value.param == "chain_id"
    with pytest.raises(UmaAddressError) as err:
        deployed_address("NoSuchContract", 1)
    assert err.value.param == "name"


def test_artifacts__unknown_name__refused():
    with pytest.raises(UmaArtifactError, match="no artifact named"):
        contract_container("NoSuchContract")


def test_artifacts__uma_oracle_stack__deploys_and_answers(accounts):
    owner = accounts[0]
    finder = contract_container("Finder").deploy(sender=owner)
    oracle = contract_container("OptimisticOracleV2").deploy(7200, finder, ZERO, sender=owner)
    assert oracle.defaultLiveness() == 7200
    assert oracle.finder() == finder.address
    assert finder.owner() == owner.address

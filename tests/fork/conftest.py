"""Fork sessions: point ape at the upstream chain and describe the system deployed on it.

``tests/fork/upstream.py`` starts these sessions (``make fork-test``) with ``KPI_FORK_TARGET``
(``local`` or ``mainnet``) and ``KPI_FORK_UPSTREAM_URI``; the configuration below is applied as
this conftest loads, before ape connects (ape connects after collection). In any other session
(``make test`` on the local network) every fork test is skipped with the reason.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import pytest

from kpi_options.chain.oracle import identifier
from kpi_options.payouts import LIBRARIES

TARGET = os.environ.get("KPI_FORK_TARGET")
UPSTREAM_URI = os.environ.get("KPI_FORK_UPSTREAM_URI")
MAINNET_RPC_ENV = "KPI_MAINNET_RPC_URL"

# UMA's deployments on Ethereum mainnet.
# - OptimisticOracleV2: UMIP-162 "Add OptimisticOracleV2" (UMAprotocol/UMIPs, UMIPs/umip-162.md),
#   https://etherscan.io/address/0xA0Ae6609447e57a42c51B50EAe921D701823FFAe
# - Finder: UMAprotocol/protocol, packages/core/networks/1.json ("Finder").
UMA_MAINNET_FINDER = "0x40f941E48A552bF496B154Af6bf55725f18D77c3"
UMA_MAINNET_OPTIMISTIC_ORACLE_V2 = "0xA0Ae6609447e57a42c51B50EAe921D701823FFAe"
# WETH (on UMA's collateral whitelist): wrapping ETH is how the fork funds actors.
MAINNET_WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"


def _point_ape_at(uri: str) -> None:
    """``node: ethereum: mainnet: uri`` and ``foundry: fork: ethereum: mainnet: upstream_provider:
    node`` (TOOLCHAIN.md, "Forking"), set on ape's live configuration."""
    from ape import config
    from ape_foundry.provider import FoundryForkConfig

    config.get_config("node").ethereum.mainnet["uri"] = uri
    config.get_config("foundry").fork = {
        "ethereum": {"mainnet": FoundryForkConfig(upstream_provider="node")}
    }


if UPSTREAM_URI:
    _point_ape_at(UPSTREAM_URI)


@dataclass
class ForkSystem:
    """The contracts a fork test drives, and how to give an account collateral."""

    target: str
    finder: Any
    optimistic_oracle: Any
    store: Any
    dvm: Any | None
    creator: Any
    libraries: dict[str, Any]
    collateral: Any
    decimals: int

    def fund(self, account: Any, amount: int, spender: Any) -> None:
        """Give ``account`` ``amount`` raw collateral units and approve ``spender`` for them."""
        if self.target == "local":
            self.collateral.mint(account, amount, sender=account)
        else:
            account.transfer(self.collateral.address, amount)  # WETH: sending ETH wraps it
        self.collateral.approve(spender, amount, sender=account)


@pytest.fixture(params=["local", "mainnet"], ids=["local-upstream", "uma-mainnet"])
def fork_system(request, networks, project, deployer):
    """The system on the forked chain: ours from the local upstream, or UMA's Finder and OOv2 on
    mainnet (with our creator and Linear library deployed on the fork, WETH as collateral)."""
    target = request.param
    if target == "mainnet" and not os.environ.get(MAINNET_RPC_ENV):
        pytest.skip(
            f"{MAINNET_RPC_ENV} is not set: the run against UMA's deployed OptimisticOracleV2 "
            "and Finder needs a mainnet RPC URL"
        )
    if networks.provider.network.name != "mainnet-fork" or TARGET is None:
        pytest.skip("fork tests run on ethereum:mainnet-fork:foundry: use make fork-test")
    if target != TARGET:
        pytest.skip(f"this session forks the {TARGET} upstream, not {target}")
    if target == "local":
        with open(os.environ["KPI_FORK_SYSTEM"]) as system_file:
            recorded = json.load(system_file)
        from kpi_options.uma import contract_container

        assert recorded["oracle"] == "uma", "the local upstream carries UMA's oracle stack"
        return ForkSystem(
            target=target,
            finder=contract_container("Finder").at(recorded["finder"]),
            optimistic_oracle=contract_container("OptimisticOracleV2").at(
                recorded["optimisticOracle"]
            ),
            store=contract_container("Store").at(recorded["store"]),
            dvm=contract_container("MockOracleAncillary").at(recorded["dvm"]),
            creator=project.LongShortPairCreator.at(recorded["creator"]),
            libraries={
                name: getattr(project, LIBRARIES[name].contract_name).at(address)
                for name, address in recorded["libraries"].items()
            },
            collateral=project.TestERC20.at(recorded["collateral"]),
            decimals=6,
        )
    from kpi_options.chain.system import deploy_creator

    finder = project.Finder.at(UMA_MAINNET_FINDER)
    oracle_address = finder.getImplementationAddress(identifier("OptimisticOracleV2"))
    assert oracle_address == UMA_MAINNET_OPTIMISTIC_ORACLE_V2
    return ForkSystem(
        target=target,
        finder=finder,
        optimistic_oracle=project.MockOptimisticOracleV2.at(oracle_address),
        store=project.Store.at(finder.getImplementationAddress(identifier("Store"))),
        dvm=None,
        creator=deploy_creator(project, deployer, finder),
        libraries={"Linear": deployer.deploy(project.LinearLongShortPairFinancialProductLibrary)},
        collateral=project.TestERC20.at(MAINNET_WETH),
        decimals=18,
    )

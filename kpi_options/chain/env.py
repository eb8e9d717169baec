"""The connection every step works through: ape's project and chain, the deployments record, a log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_options.chain.abi import ERC20_ABI
from kpi_options.chain.deployments import Deployments, has_code
from kpi_options.chain.handles import PairHandle
from kpi_options.chain.oracle import FINDER_NAMES
from kpi_options.chain.pair import PairState
from kpi_options.errors import LifecycleError

__all__ = ["Env", "throwaway_chain_note"]


@dataclass
class Env:
    """What every step needs: the ape project and chain, the deployments record and a logger.

    ``log`` receives one-line progress messages (the CLI routes them to ape's logger; tests may
    collect them). ``local`` is whether the connected network is a local (development) chain.
    """

    project: Any
    chain: Any
    deployments: Deployments
    local: bool
    log: Callable[[str], None] = field(default=lambda message: None)
    warn: Callable[[str], None] | None = None

    @classmethod
    def connect(
        cls,
        project: Any,
        chain: Any,
        directory: str | Path,
        *,
        network: str,
        local: bool,
        log: Callable[[str], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> Env:
        """Load the deployments file of the connected chain (``<directory>/<network>-<id>.json``)."""
        deployments = Deployments.load(directory, network, chain.chain_id)
        return cls(project, chain, deployments, local, log or (lambda message: None), warn)

    def record(self) -> Path:
        """Save the deployments record; say so when the chain it points at is about to vanish."""
        path = self.deployments.save()
        note = throwaway_chain_note(self.provider, path)
        if note:
            (self.warn or self.log)(note)
        return path

    # contract handles ------------------------------------------------------------------------

    @property
    def provider(self) -> Any:
        return self.chain.provider

    def erc20(self, address: str) -> Any:
        """Any ERC20 at ``address`` through the standard ABI."""
        from ethpm_types import ContractType

        contract_type = ContractType.model_validate({"contractName": "ERC20", "abi": ERC20_ABI})
        return self.chain.contracts.instance_at(address, contract_type=contract_type)

    def finder(self) -> Any:
        return self.project.Finder.at(self.deployments.require("finder", self.provider))

    def creator(self) -> Any:
        return self.project.LongShortPairCreator.at(
            self.deployments.require("creator", self.provider)
        )

    def _uma_pair(self, address: str) -> Any:
        """UMA's own ``LongShortPair`` at ``address`` (launched with ``launch --creator uma``),
        which has no ``pairState()``; refused when it is no pair at all."""
        from kpi_options.uma.artifacts import contract_type

        # Replace the type the first probe (as one of ours) cached for this address: UMA's ABI.
        pair = self.chain.contracts.instance_at(
            address, contract_type=contract_type("LongShortPair"), replace=True
        )
        try:
            pair.receivedSettlementPrice()
            pair.collateralToken()
        except Exception as exc:  # noqa: BLE001 - any revert means "not a pair"
            raise LifecycleError(
                f"{address} is not a Long Short Pair (neither the project's clone nor UMA's)",
                "PAIR",
            ) from exc
        return pair

    def from_finder(self, finder_address: str, key: str) -> str:
        """The implementation registered in a Finder under UMA's name for ``key``."""
        finder = self.project.Finder.at(finder_address)
        return str(finder.getImplementationAddress(FINDER_NAMES[key]))

    def pair(self, ref: str) -> PairHandle:
        """The pair at an address or recorded under a name; checks it is a Long Short Pair."""
        address = self.deployments.resolve_pair(ref)
        if not has_code(self.provider, address):
            raise LifecycleError(
                f"no contract at {address}"
                + (" (the chain was reset? launch again)" if not ref.startswith("0x") else ""),
                "PAIR",
            )
        pair = self.project.LongShortPair.at(address)
        try:
            state = PairState(pair.pairState())
            collateral_address = str(pair.collateralToken())
        except Exception:  # noqa: BLE001 - not one of ours: maybe UMA's own LongShortPair
            state = None
        if state is None:
            pair = self._uma_pair(address)
            collateral_address = str(pair.collateralToken())
        collateral = self.erc20(collateral_address)
        finder_address = str(pair.finder())
        if state is None:
            # UMA's own pair looks the oracle up in the Finder at every call.
            oracle = self.project.MockOptimisticOracleV2.at(
                self.from_finder(finder_address, "optimistic_oracle")
            )
            from kpi_options.uma.lsp import uma_pair_state

            now = int(self.chain.blocks.head.timestamp)
            state = PairState(uma_pair_state(pair, oracle, now))
        else:
            # Ours pins the oracle it launched with (a later Finder repoint does not move its
            # requests), so its requests are read there, not at the Finder's current entry.
            oracle = self.project.MockOptimisticOracleV2.at(str(pair.optimisticOracle()))
        name, record = self.deployments.pair_record(address)
        return PairHandle(
            contract=pair,
            address=str(pair.address),
            name=name,
            record=record,
            state=state,
            collateral=collateral,
            decimals=int(collateral.decimals()),
            symbol=str(collateral.symbol()),
            long_token=self.erc20(str(pair.longToken())),
            short_token=self.erc20(str(pair.shortToken())),
            oracle=oracle,
            finder=finder_address,
        )


def throwaway_chain_note(provider: Any, recorded_in: Any = None) -> str | None:
    """A warning when ``provider`` is an anvil that ape started and will stop, else None.

    ape-foundry manages the process (``provider.process`` is set) unless ``APE_FOUNDRY_HOST`` or a
    ``--network`` URI points it at a node that is already running.
    """
    if getattr(provider, "process", None) is None:
        return None
    where = f" in {recorded_in}" if recorded_in else ""
    return (
        f"this anvil was started by ape-foundry for this command and stops when it ends: what was "
        f"recorded{where} will point at a chain that no longer exists. To keep one chain across "
        "commands, start `anvil` yourself and `export APE_FOUNDRY_HOST=http://127.0.0.1:8545`"
    )

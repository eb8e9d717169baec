"""UMA's contracts on a live chain, found by chain id and checked against the connected node.

On a live network nothing needs typing: the chain id picks UMA's Finder, OptimisticOracleV2,
LongShortPairCreator and payout libraries from ``@uma/contracts-node``
(:func:`kpi_options.uma.addresses.deployed_address`). An address is only trusted once the node the
tool is connected to has code there: an address without code means a wrong network or a fork
without state, and the lookup refuses with a message saying which contract and address.

Chains UMA runs the Optimistic Oracle V2 and the LSP creator on, with the Ape ecosystem plugin
that connects to each, are in :data:`UMA_CHAINS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from eth_utils import to_checksum_address

from kpi_options.uma.addresses import UmaAddressError, chains_of, deployed_address
from kpi_options.uma.lsp import UMA_LIBRARIES

__all__ = [
    "LSP_CONTRACTS",
    "ORACLE_CONTRACTS",
    "UMA_CHAINS",
    "UmaDeployment",
    "find_uma_deployment",
]

UMA_CHAINS = {
    1: "ethereum:mainnet",
    10: "optimism:mainnet",
    137: "polygon:mainnet",
    8453: "base:mainnet",
    42161: "arbitrum:mainnet",
}
"""Chain id -> Ape network choice (ape-optimism, ape-polygon, ape-base, ape-arbitrum plugins)."""

ORACLE_CONTRACTS = ("Finder", "OptimisticOracleV2")
"""What ``deploy`` needs of UMA on a live network."""

LSP_CONTRACTS = ("LongShortPairCreator",)
"""What ``launch --creator uma`` needs besides the payout library the program names."""


@dataclass(frozen=True)
class UmaDeployment:
    """UMA's addresses found for one chain, each checked to have code on the connected node."""

    chain_id: int
    addresses: dict[str, str]
    libraries: dict[str, str] = field(default_factory=dict)
    """Program short name (``Linear``) -> UMA's library address on this chain."""

    def lines(self) -> list[str]:
        """One ``name: address`` line per address used, for the command's output."""
        rows = [
            f"UMA's {name} on chain id {self.chain_id}: {a}" for name, a in self.addresses.items()
        ]
        rows += [f"UMA's {name} payout library: {a}" for name, a in self.libraries.items()]
        return rows


def find_uma_deployment(
    chain_id: int,
    has_code: Callable[[str], bool],
    *,
    names: Iterable[str] = ORACLE_CONTRACTS,
    libraries: Iterable[str] = (),
) -> UmaDeployment:
    """UMA's ``names`` (and payout ``libraries``, by program short name) on ``chain_id``.

    ``has_code(address)`` asks the connected node. Raises :class:`UmaAddressError` (``param``
    ``"--network"``) when UMA lists no such contract on the chain, or when the node has no code at
    UMA's address (a wrong network, or a fork without state).
    """
    chain_id = int(chain_id)
    found: dict[str, str] = {}
    for name in names:
        found[name] = _lookup(name, chain_id)
    libs: dict[str, str] = {}
    for short in libraries:
        if short not in UMA_LIBRARIES:
            raise UmaAddressError(
                f"UMA has no payout library {short!r} (UMA's are: {', '.join(UMA_LIBRARIES)}); "
                "launch it with the project's creator instead",
                param="payout.library",
            )
        libs[short] = _lookup(UMA_LIBRARIES[short], chain_id)
    missing = [
        f"{name} at {address}"
        for name, address in [*found.items(), *libs.items()]
        if not has_code(address)
    ]
    if missing:
        raise UmaAddressError(
            f"the connected node (chain id {chain_id}) has no code at UMA's "
            + "; ".join(missing)
            + ": wrong network, or a fork without the chain's state?",
            param="--network",
        )
    return UmaDeployment(chain_id, found, libs)


def _lookup(name: str, chain_id: int) -> str:
    # @uma/contracts-node lists some addresses in lower case (Polygon's Finder): checksum them.
    try:
        return to_checksum_address(deployed_address(name, chain_id))
    except UmaAddressError:
        chains = ", ".join(str(c) for c in chains_of(name)) or "none"
        raise UmaAddressError(
            f"UMA lists no {name} on chain id {chain_id} (@uma/contracts-node has it on chain ids "
            f"{chains})",
            param="--network",
        ) from None

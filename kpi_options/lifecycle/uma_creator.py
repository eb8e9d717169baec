"""``launch --creator uma``: UMA's own ``LongShortPairCreator`` and payout libraries.

Locally, UMA's creator (with its ``TokenFactory``) and the library the program names are deployed
from ``@uma/core`` on first use, wired to the recorded oracle stack's Finder (mock or UMA's), and
recorded in the deployments file (``umaCreator``, ``umaTokenFactory``, ``uma<Library>``). On a live
network their addresses come from ``@uma/contracts-node`` by chain id, each checked to have code on
the connected node (:func:`kpi_options.uma.chains.find_uma_deployment`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kpi_options.chain.deployments import has_code
from kpi_options.chain.env import Env
from kpi_options.chain.tx import is_recording
from kpi_options.errors import LifecycleError
from kpi_options.uma.artifacts import contract_container
from kpi_options.uma.chains import LSP_CONTRACTS, find_uma_deployment
from kpi_options.uma.lsp import UMA_LIBRARIES, deploy_uma_creator, deploy_uma_libraries

__all__ = ["CREATORS", "UmaCreator", "check_uma_library", "uma_creator"]

CREATORS = ("ours", "uma")
"""``launch --creator``: the project's creator (one transaction) or UMA's (two steps)."""


@dataclass(frozen=True)
class UmaCreator:
    """UMA's creator and the payout library a launch goes through, and where they came from."""

    creator: Any
    library: Any
    lines: list[str]
    """One line per address used (for the command's output)."""


def check_uma_library(short: str) -> None:
    """Refuse a program whose payout library UMA does not ship (before anything is sent)."""
    if short not in UMA_LIBRARIES:
        raise LifecycleError(
            f"UMA's creator cannot launch a {short} payout: UMA ships no such library (UMA's are "
            f"{', '.join(UMA_LIBRARIES)}); launch it with the project's creator (--creator ours)",
            "--creator",
        )


def uma_creator(env: Env, sender: Any, short: str) -> UmaCreator:
    """UMA's creator and UMA's ``short`` payout library for this chain (see the module doc)."""
    check_uma_library(short)
    contracts = env.deployments.contracts
    library_key = f"uma{short}"
    if not env.local:
        found = find_uma_deployment(
            env.chain.chain_id,
            lambda address: has_code(env.provider, address),
            names=LSP_CONTRACTS,
            libraries=[short],
        )
        creator = contract_container("LongShortPairCreator").at(
            found.addresses["LongShortPairCreator"]
        )
        library = contract_container(UMA_LIBRARIES[short]).at(found.libraries[short])
        return UmaCreator(creator, library, found.lines())
    lines = []
    missing = [
        key
        for key in ("umaCreator", library_key)
        if not (contracts.get(key) and has_code(env.provider, contracts[key]))
    ]
    if missing and is_recording(sender):
        raise LifecycleError(
            f"UMA's creator and {short} library are deployed on first use, which a Safe batch "
            f"cannot do ({', '.join(missing)} not deployed yet): run `launch --creator uma` once "
            "from an account, or deploy them, before writing the batch",
            "--safe-batch",
        )
    address = contracts.get("umaCreator")
    if address and has_code(env.provider, address):
        creator = contract_container("LongShortPairCreator").at(address)
    else:
        finder = env.deployments.require("finder", env.provider)
        creator, token_factory = deploy_uma_creator(sender, finder)
        contracts["umaCreator"] = str(creator.address)
        contracts["umaTokenFactory"] = str(token_factory.address)
        lines.append(f"deployed UMA's LongShortPairCreator (@uma/core) at {creator.address}")
    address = contracts.get(library_key)
    if address and has_code(env.provider, address):
        library = contract_container(UMA_LIBRARIES[short]).at(address)
    else:
        library = deploy_uma_libraries(sender, (short,))[short]
        contracts[library_key] = str(library.address)
        lines.append(f"deployed UMA's {UMA_LIBRARIES[short]} (@uma/core) at {library.address}")
    env.deployments.save()
    lines.append(f"UMA's LongShortPairCreator: {creator.address}")
    lines.append(f"UMA's {short} payout library: {library.address}")
    return UmaCreator(creator, library, lines)

"""UMA's deployed addresses per chain id, read from ``@uma/contracts-node``.

The package's generated ``index.js`` holds, for each deployed contract name, a function
``get<Name>StaticAddress(chainId)`` that switches on the chain id (``case "1": return "0x..."``).
This module reads that table as data (no JavaScript is run); a test compares it with the package's
own ``getAddress`` run under node.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kpi_options.errors import KpiError
from kpi_options.uma._paths import node_modules

PACKAGE = "@uma/contracts-node"
_INDEX = Path("dist/packages/contracts-node/generated/index.js")
_FUNCTION = re.compile(
    r"function get(?P<name>\w+?)StaticAddress\(chainId\)\s*\{(?P<body>.*?)\n\}", re.DOTALL
)
_CASE = re.compile(r'case "(?P<chain>\d+)":\s*return "(?P<address>0x[0-9a-fA-F]{40})";')


class UmaAddressError(KpiError, LookupError):
    """UMA has no deployment of that name on that chain (or the package is missing)."""


@cache
def _table(index: Path) -> dict[str, dict[int, str]]:
    text = index.read_text()
    table: dict[str, dict[int, str]] = {}
    for match in _FUNCTION.finditer(text):
        cases = {int(c["chain"]): c["address"] for c in _CASE.finditer(match["body"])}
        if cases:
            table[match["name"]] = cases
    return table


def _load() -> dict[str, dict[int, str]]:
    index = node_modules() / PACKAGE / _INDEX
    if not index.is_file():
        raise UmaAddressError(
            f"{PACKAGE} is not installed ({index} missing): run the README's set-up command"
        )
    return _table(index)


def deployed_names() -> tuple[str, ...]:
    """Every contract name UMA lists addresses for."""
    return tuple(sorted(_load()))


def chains_of(name: str) -> tuple[int, ...]:
    """The chain ids on which UMA lists a deployment of ``name``."""
    return tuple(sorted(_load().get(name, {})))


def deployed_address(name: str, chain_id: int) -> str:
    """UMA's address of ``name`` (e.g. ``"Finder"``, ``"OptimisticOracleV2"``) on ``chain_id``."""
    table = _load()
    if name not in table:
        raise UmaAddressError(f"UMA lists no deployment named {name!r}", param="name")
    try:
        return table[name][int(chain_id)]
    except KeyError:
        chains = ", ".join(str(c) for c in sorted(table[name]))
        raise UmaAddressError(
            f"UMA lists no {name} on chain id {chain_id} (it does on: {chains})", param="chain_id"
        ) from None

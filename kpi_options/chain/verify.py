"""Source verification on the chain's block explorer, through the optional ``ape-etherscan`` plugin.

``ape-etherscan`` is the optional extra ``verify`` (``pip install '.[verify]'``), not installed by
default: once installed, ape asks the explorer about every unknown address, also on a local chain.
``deploy --verify`` calls :func:`verify_sources`, which says plainly what is missing (the plugin,
or an API key) instead of failing half-way, and otherwise publishes each deployed contract's
sources with the network's explorer (``provider.network.explorer.publish_contract``).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Mapping
from typing import Any

from kpi_options.errors import KpiError

__all__ = ["API_KEY_VARIABLES", "VerifyError", "verification_problem", "verify_sources"]

API_KEY_VARIABLES = {
    1: ("ETHERSCAN_API_KEY",),
    10: ("OPTIMISTIC_ETHERSCAN_API_KEY", "ETHERSCAN_API_KEY"),
    137: ("POLYGONSCAN_API_KEY", "ETHERSCAN_API_KEY"),
    8453: ("BASESCAN_API_KEY", "ETHERSCAN_API_KEY"),
    42161: ("ARBISCAN_API_KEY", "ETHERSCAN_API_KEY"),
}
"""Chain id -> environment variables ape-etherscan reads an API key from (first one set wins)."""


class VerifyError(KpiError):
    """Source verification cannot run (plugin missing, no key, local chain); ``param`` is
    ``--verify``."""


def verification_problem(
    chain_id: int,
    *,
    local: bool,
    installed: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """Why ``deploy --verify`` cannot verify on ``chain_id`` (None when it can)."""
    if installed is None:
        installed = importlib.util.find_spec("ape_etherscan") is not None
    if not installed:
        return (
            "ape-etherscan is not installed (it is the optional extra 'verify': "
            "pip install '.[verify]'); deployed without verifying sources"
        )
    if local:
        return "a local chain has no block explorer to verify sources on"
    environ = os.environ if environ is None else environ
    names = API_KEY_VARIABLES.get(int(chain_id), ("ETHERSCAN_API_KEY",))
    if not any(environ.get(name) for name in names):
        return f"no explorer API key: set {' or '.join(names)} to verify sources"
    return None


def verify_sources(
    provider: Any,
    contracts: Mapping[str, str],
    *,
    local: bool,
    log: Callable[[str], None] = lambda message: None,
) -> list[str]:
    """Publish the sources of ``contracts`` (name -> address) on the network's explorer; returns
    the names verified. Raises :class:`VerifyError` naming what is missing, before publishing."""
    problem = verification_problem(provider.chain_id, local=local)
    if problem is not None:
        raise VerifyError(problem, "--verify")
    explorer = provider.network.explorer
    if explorer is None:
        raise VerifyError(f"ape knows no block explorer for {provider.network.choice}", "--verify")
    done = []
    for name, address in contracts.items():
        explorer.publish_contract(address)
        log(f"{name} at {address}: sources submitted to the explorer")
        done.append(name)
    return done

"""``@uma/core``'s Hardhat artifacts as ape contract types.

UMA publishes the compiled form of its contracts in the npm package ``@uma/core``:
``artifacts/contracts/<folder>/<File>.sol/<Name>.json`` with ``abi``, ``bytecode`` and
``deployedBytecode`` (none of the contracts used here has library link references). This module
is the one loader: tests, scripts and the benchmark call :func:`contract_container` and deploy or
attach UMA's code with ape as they would the project's own contracts.

UMA's constructors take a ``Timer`` address; pass the zero address for ``block.timestamp``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from kpi_options.errors import KpiError
from kpi_options.uma._paths import node_modules

PACKAGE = "@uma/core"


class UmaArtifactError(KpiError, LookupError):
    """An artifact of ``@uma/core`` is missing, ambiguous or unusable; ``param`` names it."""


def artifacts_root() -> Path:
    """``node_modules/@uma/core/artifacts/contracts``."""
    return node_modules() / PACKAGE / "artifacts" / "contracts"


@cache
def _index(root: Path) -> dict[str, tuple[Path, ...]]:
    """Contract name -> artifact files with that name (debug files left out)."""
    found: dict[str, list[Path]] = {}
    for path in root.rglob("*.json"):
        if path.name.endswith(".dbg.json") or not path.parent.name.endswith(".sol"):
            continue
        found.setdefault(path.stem, []).append(path)
    return {name: tuple(sorted(paths)) for name, paths in found.items()}


def artifact(name: str, source: str | None = None) -> dict[str, Any]:
    """The raw Hardhat artifact of contract ``name`` (``source``: a part of its path, to choose
    between two contracts of the same name)."""
    root = artifacts_root()
    if not root.is_dir():
        raise UmaArtifactError(
            f"{PACKAGE} is not installed ({root} missing): run the README's set-up command",
            param="name",
        )
    paths = _index(root).get(name, ())
    if source is not None:
        paths = tuple(p for p in paths if source in p.as_posix())
    if not paths:
        raise UmaArtifactError(f"{PACKAGE} has no artifact named {name!r}", param="name")
    if len(paths) > 1:
        names = ", ".join(str(p.relative_to(root)) for p in paths)
        raise UmaArtifactError(
            f"{PACKAGE} has {len(paths)} artifacts named {name!r} ({names}): pass source=",
            param="source",
        )
    data = json.loads(paths[0].read_text())
    if data.get("linkReferences"):
        raise UmaArtifactError(f"{name} needs linked libraries, which this loader does not do")
    return data


def contract_type(name: str, source: str | None = None):
    """UMA's contract ``name`` as an ``ethpm_types.ContractType`` (ABI, creation and runtime code)."""
    from ethpm_types import ContractType

    data = artifact(name, source)
    return ContractType.model_validate(
        {
            "contractName": data["contractName"],
            "sourceId": data["sourceName"],
            "abi": data["abi"],
            "deploymentBytecode": {"bytecode": data["bytecode"]},
            "runtimeBytecode": {"bytecode": data["deployedBytecode"]},
        }
    )


def contract_container(name: str, source: str | None = None):
    """UMA's contract ``name`` as an ape ``ContractContainer``: ``.deploy(...)``, ``.at(address)``."""
    from ape.contracts import ContractContainer

    return ContractContainer(contract_type(name, source))

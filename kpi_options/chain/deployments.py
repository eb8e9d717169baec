"""The deployments file: what ``ape run kpi deploy`` and ``launch`` recorded on one chain.

One JSON file per network and chain id, ``<directory>/<network>-<chain id>.json`` (for example
``deployments/local-31337.json``), read by every later command::

    {
      "network": "local", "chainId": 31337,
      "contracts": {"finder": "0x…", "optimisticOracle": "0x…", "creator": "0x…", …},
      "libraries": {"Linear": "0x…", "Milestones": "0x…", …},
      "tokens": {"USDC": {"address": "0x…", "decimals": 6}, …},
      "pairs": {"tvl-milestones": {"address": "0x…", "pairName": "…", "library": "Milestones",
                                   "block": 12, "program": "programs/…yaml"}},
      "emitters": {"smart-alpha": {"address": "0x…", "stakingToken": "0x…", "rewardToken": "0x…",
                                   "sponsor": "0x…"}}
    }

``contracts.merkleDistributor`` is the one ``MerkleDistributor`` of the chain (deployed with the
system); ``emitters`` are the ``LiquidityMining`` contracts deployed by ``ape run kpi
mining-deploy``, by name (written only once there is one).

``tokens`` has the shape :func:`kpi_options.program.validate.validate_program` takes as ``deployments``, so a
program file may name its collateral (``collateral: USDC``). A pair is referred to on the command
line by its address or by the name it was launched under (the program file's stem by default).

Every local anvil starts at chain id 31337, so a file may describe a chain that no longer exists.
:meth:`Deployments.require` therefore checks that a recorded contract still has code before it is
used, and says to deploy again when it has not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_options.errors import LifecycleError
from kpi_options.files import read_json
from kpi_options.units import check_address

__all__ = [
    "CONTRACT_KEYS",
    "Deployments",
    "deployments_file",
    "has_code",
]

CONTRACT_KEYS = (
    "finder",
    "identifierWhitelist",
    "collateralWhitelist",
    "store",
    "optimisticOracle",
    "dvm",
    "creator",
    "merkleDistributor",
)
"""Contract names recorded under ``contracts`` (the oracle stack ones only on local networks)."""


def deployments_file(directory: str | Path, network: str, chain_id: int) -> Path:
    """``<directory>/<network>-<chain id>.json``; ``network`` is sanitised for a file name."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", network) or "network"
    return Path(directory) / f"{safe}-{chain_id}.json"


@dataclass
class Deployments:
    """Addresses recorded for one network; load with :meth:`load`, persist with :meth:`save`."""

    path: Path
    network: str
    chain_id: int
    contracts: dict[str, str] = field(default_factory=dict)
    libraries: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    pairs: dict[str, dict[str, Any]] = field(default_factory=dict)
    emitters: dict[str, dict[str, Any]] = field(default_factory=dict)

    # --- files --------------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | Path, network: str, chain_id: int) -> Deployments:
        """The file for ``network``/``chain_id`` under ``directory``; empty if there is none yet."""
        path = deployments_file(directory, network, chain_id)
        if not path.exists():
            return cls(path=path, network=network, chain_id=chain_id)
        raw = read_json(path, LifecycleError, "--deployments")
        _check_record_shape(path, raw)
        if raw.get("chainId") != chain_id:
            raise LifecycleError(
                f"{path} records chain id {raw.get('chainId')}, but the connected chain is "
                f"{chain_id}",
                "--deployments",
            )
        return cls(
            path=path,
            network=network,
            chain_id=chain_id,
            contracts=dict(raw.get("contracts", {})),
            libraries=dict(raw.get("libraries", {})),
            tokens={k: dict(v) for k, v in raw.get("tokens", {}).items()},
            pairs={k: dict(v) for k, v in raw.get("pairs", {}).items()},
            emitters={k: dict(v) for k, v in raw.get("emitters", {}).items()},
        )

    def save(self) -> Path:
        """Write the file (creating its directory) and return its path."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "network": self.network,
            "chainId": self.chain_id,
            "contracts": self.contracts,
            "libraries": self.libraries,
            "tokens": self.tokens,
            "pairs": self.pairs,
        }
        if self.emitters:
            data["emitters"] = self.emitters
        self.path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return self.path

    def reset(self) -> None:
        """Forget everything recorded (a fresh deploy replaces the whole file)."""
        self.contracts, self.libraries, self.tokens, self.pairs = {}, {}, {}, {}
        self.emitters = {}

    # --- lookups ------------------------------------------------------------------------------

    def require(self, key: str, provider: Any | None = None) -> str:
        """The address recorded under ``contracts[key]``; with ``provider``, check it has code.

        Raises :class:`LifecycleError` telling the user to run ``ape run kpi deploy``.
        """
        address = self.contracts.get(key)
        if not address:
            raise LifecycleError(
                f"no {key} recorded in {self.path}; run `ape run kpi deploy` on this network first",
                "--deployments",
            )
        if provider is not None and not has_code(provider, address):
            raise LifecycleError(
                f"{self.path} records {key} at {address} but there is no contract there (the "
                "chain was reset?); run `ape run kpi deploy` again",
                "--deployments",
            )
        return address

    def library_address(self, name: str) -> str | None:
        """The deployed payout library for a short name (``Linear``), or None."""
        return self.libraries.get(name)

    def library_name(self, address: str) -> str | None:
        """The short name of the payout library deployed at ``address``, or None."""
        for name, recorded in self.libraries.items():
            if recorded.lower() == str(address).lower():
                return name
        return None

    def resolve_pair(self, ref: str) -> str:
        """A pair's address from an address or a name recorded under ``pairs``.

        Raises :class:`LifecycleError` (param ``PAIR``) naming the known pairs.
        """
        ref = ref.strip()
        if ref.startswith("0x"):
            return check_address(ref, "PAIR")
        if ref in self.pairs:
            return self.pairs[ref]["address"]
        known = ", ".join(sorted(self.pairs)) or "none recorded yet"
        raise LifecycleError(
            f"{ref!r} is neither an address nor a pair in {self.path} (known: {known})", "PAIR"
        )

    def pair_record(self, address: str) -> tuple[str | None, dict[str, Any]]:
        """``(name, record)`` of the pair at ``address``, or ``(None, {})`` if not recorded."""
        for name, record in self.pairs.items():
            if str(record.get("address", "")).lower() == str(address).lower():
                return name, record
        return None, {}


_SECTIONS = {"contracts": str, "libraries": str, "tokens": dict, "pairs": dict}


def _check_record_shape(path: Path, raw: Any) -> None:
    """Refuse (naming ``--deployments``) a file that is JSON but not a deployments record."""

    def refuse(what: str) -> LifecycleError:
        return LifecycleError(
            f"{path} is not a deployments record written by `ape run kpi deploy`: {what}",
            "--deployments",
        )

    if not isinstance(raw, dict):
        raise refuse(f"expected a JSON object, found {type(raw).__name__}")
    for section, kind in _SECTIONS.items():
        entries = raw.get(section, {})
        if not isinstance(entries, dict):
            raise refuse(f"`{section}` must be an object, found {type(entries).__name__}")
        for name, entry in entries.items():
            if not isinstance(entry, kind):
                raise refuse(
                    f"`{section}.{name}` must be {'an address' if kind is str else 'an object'}"
                )
            if kind is dict and section == "pairs" and not isinstance(entry.get("address"), str):
                raise refuse(f"`pairs.{name}` has no address")


def has_code(provider: Any, address: str) -> bool:
    """Whether ``address`` holds contract code on the provider's chain."""
    code = provider.get_code(address)
    return bool(code) and bytes(code) not in (b"", b"\x00")

"""Whether the connected chain outlives the command: an anvil that ape-foundry started for this
``ape run`` is stopped when the command ends, and with it everything the command recorded."""

from __future__ import annotations

from typing import Any


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

"""Where the pinned npm packages are: ``$KPI_NODE_MODULES``, else the nearest ``node_modules``."""

from __future__ import annotations

import os
from pathlib import Path


def node_modules() -> Path:
    """The ``node_modules`` folder holding UMA's packages.

    ``$KPI_NODE_MODULES`` wins; otherwise the first ``node_modules`` found walking up from the
    current directory, then from this package (a checkout of the repository has it at its root).
    """
    override = os.environ.get("KPI_NODE_MODULES")
    if override:
        return Path(override)
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            candidate = folder / "node_modules"
            if (candidate / "@uma").is_dir():
                return candidate
    return Path.cwd() / "node_modules"

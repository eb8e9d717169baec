"""Gas benchmark against UMA's Long Short Pair (docs/GAS.md).

    ape run benchmark                             # table + build/gas/benchmark.json
    ape run benchmark --check gas/baseline.json   # also fail if a figure grew > 2 % over the baseline
    ape run benchmark --breakdown create_first    # where one operation's gas goes (opcode classes)

Runs on a fresh local chain (ape-foundry starts its own anvil).
"""

import sys
from pathlib import Path

# `ape run` does not keep PYTHONPATH on sys.path, and a venv's .pth may name another checkout: put
# this checkout's root first so a worktree measures its own code.
_ROOT = str(Path(__file__).resolve().parents[1])
if sys.path[:1] != [_ROOT]:
    sys.path.insert(0, _ROOT)

from kpi_dev.commands import benchmark as cli  # noqa: E402

__all__ = ["cli"]

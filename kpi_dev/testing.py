"""Test support shared by the test suite and the benchmark: chain isolation that never hides a
failure.

eth-ape 0.8.51's ``chain.isolate()`` wraps its body in ``try/except Exception: pass``, so an
assertion that fails inside it passes silently. :func:`isolated` restores the snapshot and lets
every exception through.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def isolated(chain: Any) -> Iterator[None]:
    """Run the block on a snapshot of ``chain`` and restore it afterwards, re-raising errors."""
    snapshot_id = chain.snapshot()
    try:
        yield
    finally:
        chain.restore(snapshot_id)

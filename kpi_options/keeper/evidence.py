"""The evidence record: one JSON line per proposal, dispute or Unresolved answer the keeper sends.

Each line holds the pair, the request (kind, timestamp, ancillary text), what was fetched (URL and
the data points used), the raw value, every rounding and scaling step, the price sent (1e18 units)
and the transaction hash, so anyone can check the keeper's work against the source later.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.keeper.resolve import Answer


def record(
    *,
    action: str,
    pair: str,
    request: dict[str, Any],
    answer: Answer | None,
    price: int,
    tx: str | None,
    note: str = "",
) -> dict[str, Any]:
    """The record of one action (``propose``, ``dispute``, ...) as a JSON-ready dict."""
    entry: dict[str, Any] = {
        "time": int(time.time()),
        "action": action,
        "pair": pair,
        "request": request,
        "price": str(price),
        "tx": tx,
    }
    if answer is not None:
        entry.update(answer.as_json())
        entry["price"] = str(price)
    if note:
        entry["note"] = note
    return entry


@dataclass
class EvidenceLog:
    """Appends records to a JSON-lines file (created with its folder on first write)."""

    path: Path

    def write(self, entry: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

"""What the lifecycle machines share: actor roles, constants and the deployed environment."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

HOLDER_ROLES = ("sponsor", "holder", "other", "attacker")
REQUESTER_ROLES = ("requester", "attacker")
ROLES = (*HOLDER_ROLES, "requester", "proposer", "disputer", "deployer", "launcher")
ANCILLARY = b"Metric:stateful test KPI,Method:https://example.org/kpi"
FUNDS = 2**200
"""Collateral minted to every actor once: enough for any amount the strategies draw."""
MAX_UINT = 2**256 - 1


@dataclass
class Env:
    """Everything a machine needs, deployed once per test (each example restores to it)."""

    chain: Any
    project: Any
    accounts: dict[str, Any]
    creator: Any
    stack: Any
    libraries: dict[str, Any]
    mock: Any
    collateral: dict[int, Any]
    stats: Counter = field(default_factory=Counter)
    griefer: Any = None
    """An ``EarlyExpiryGriefer`` funded in every collateral (the M-1 griefer actor), if deployed."""
    planted_creator: Any = None
    """Set by the planted-bug test: a creator of pairs whose settle rounds up."""
    cut_short_failures: list[str] = field(default_factory=list)
    """Teardown failures in examples hypothesis had already cut short (see ``PairLifecycle.teardown``)."""

    def address(self, role: str) -> str:
        return str(self.accounts[role].address)

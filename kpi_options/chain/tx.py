"""Sending transactions: the balance check before a payment and the exact approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kpi_options.errors import LifecycleError

__all__ = ["approve", "require_balance"]


def require_balance(
    token: Any, owner: Any, amount: int, param: str, what: str, human: Callable[[int], str]
) -> None:
    """Refuse (naming ``param``) unless ``owner`` holds ``amount`` raw units of ``token``."""
    balance = int(token.balanceOf(owner))
    if balance < amount:
        raise LifecycleError(
            f"{what} needs {human(amount)} {token.symbol()} but {owner} holds {human(balance)}",
            param,
        )


def approve(token: Any, owner: Any, spender: Any, amount: int) -> None:
    """Approve exactly ``amount`` unless the allowance already covers it."""
    if amount and int(token.allowance(owner, spender)) < amount:
        token.approve(spender, amount, sender=owner)

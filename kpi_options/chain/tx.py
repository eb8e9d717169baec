"""Sending transactions: the balance check before a payment, the exact approval, and recording
instead of sending for a Safe.

Every step sends with ape (``contract.method(*args, sender=sender)``) from the ``sender`` it was
given. For a Safe batch (``--safe-batch FILE --safe ADDRESS``, :mod:`kpi_options.safe.options`)
that sender is a :class:`kpi_options.safe.sender.SafeBatchSender`: the same calls are recorded into
the batch instead of being sent, so a new command gets Safe batches by sending this way. What a
step must check before paying goes through :func:`require_balance`, which, while a batch for the
payer is recorded, notes what the Safe must hold instead of refusing. A step that needs the
receipt (an event, a new address) asks :func:`is_recorded` first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kpi_options.errors import LifecycleError

__all__ = ["approve", "is_recorded", "is_recording", "require_balance"]


def require_balance(
    token: Any, owner: Any, amount: int, param: str, what: str, human: Callable[[int], str]
) -> None:
    """Refuse (naming ``param``) unless ``owner`` holds ``amount`` raw units of ``token``.

    While a Safe batch for ``owner`` is being recorded, note the amount as something the Safe must
    hold when the batch executes instead.
    """
    from kpi_options.safe.sender import note_requirement

    if note_requirement(token, owner, amount, what):
        return
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


def is_recorded(receipt: Any) -> bool:
    """Whether ``receipt`` stands for a call recorded into a Safe batch (nothing was sent)."""
    from kpi_options.safe.sender import RecordedCall

    return isinstance(receipt, RecordedCall)


def is_recording(sender: Any) -> bool:
    """Whether ``sender`` records into a Safe batch instead of sending."""
    from kpi_options.safe.sender import SafeBatchSender

    return isinstance(sender, SafeBatchSender)

"""Record instead of send: a stand-in sender that turns every transaction into a Safe batch entry.

Any code that sends with ape's ``contract.method(*args, sender=sender)`` records the call when
``sender`` is a :class:`SafeBatchSender`: ape hands the serialised transaction to
``sender.call(txn)``, which appends it (target, value, calldata, and the method's name and inputs
when the target's ABI is known) to the batch and returns a :class:`RecordedCall` instead of a
receipt. Nothing is signed or sent. Reads (balances, allowances, views) see the chain as it is
now, with the Safe as the account, so an approval that the Safe's current allowance already covers
is left out, exactly as on the direct path.

Balance checks go through :func:`note_requirement` (``kpi_options.chain.tx.require_balance``
calls it): while a batch is being recorded, the amount the Safe must hold is added up per token
instead of refused, and :meth:`SafeBatchSender.requirements` lists it for the command to print.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ape.api.address import BaseAddress
from ape.types import AddressType
from eth_utils import to_checksum_address

from kpi_options.safe.batch import SafeBatch, SafeBatchError, SafeCall, write_batch

_ACTIVE: ContextVar[SafeBatchSender | None] = ContextVar("kpi_safe_batch", default=None)


@dataclass
class Requirement:
    """What the Safe must hold of one token for the batch: ``amount`` raw units, and for what."""

    token: str
    symbol: str
    decimals: int
    amount: int = 0
    uses: list[str] = field(default_factory=list)
    held: int = 0


class RecordedCall:
    """What a recorded "send" returns in place of a receipt."""

    def __init__(self, index: int, call: SafeCall):
        self.index, self.call = index, call
        self.txn_hash = None

    def __getattr__(self, name: str) -> Any:
        raise SafeBatchError(
            f"call {self.index + 1} ({self.call.method or 'raw data'}) is recorded in the Safe "
            f"batch, not sent: its {name!r} exists only once the Safe has executed the batch",
            "--safe-batch",
        )


class SafeBatchSender(BaseAddress):
    """The Safe as a sender whose transactions are recorded into a batch, not sent."""

    def __init__(self, safe: str, chain_id: int, name: str = "KPI options"):
        self._address = to_checksum_address(safe)
        self.batch = SafeBatch(chain_id=chain_id, safe=self._address, name=name)
        self._requirements: dict[str, Requirement] = {}

    @property
    def address(self) -> AddressType:
        return self._address  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"<Safe batch for {self._address}>"

    # ape calls this with the serialised transaction for ``method(..., sender=self)``.
    def call(self, txn: Any, **_: Any) -> RecordedCall:
        if not txn.receiver:  # a contract creation, which a batch of calls cannot hold
            self.deploy()
        return self._add(str(txn.receiver), bytes(txn.data or b""), int(txn.value or 0))

    def record(self, contract: Any, method: str, *args: Any) -> RecordedCall:
        """Record ``contract.method(*args)`` as a call of the batch where ape would not send it: a
        view (ape would only read it; recorded, it is a check that reverts the whole MultiSend when
        the chain has moved away from what the batch was written against), or a contract that the
        batch itself creates (ape looks a contract's code up before sending to it)."""
        data = bytes(getattr(contract, method).encode_input(*args))
        return self._add(str(contract.address), data, 0, contract.contract_type)

    def _add(self, to: str, data: bytes, value: int, contract_type: Any = None) -> RecordedCall:
        method, inputs, args = _describe(self, to, data, contract_type)
        call = SafeCall(to=to, data=data, value=value, method=method, inputs=inputs, args=args)
        self.batch.add(call)
        return RecordedCall(len(self.batch.calls) - 1, call)

    def deploy(self, *_: Any, **__: Any) -> Any:
        raise SafeBatchError("deploying contracts from a Safe batch is not supported", "--safe")

    def note(self, token: Any, amount: int, what: str) -> None:
        key = str(token.address)
        if key not in self._requirements:
            self._requirements[key] = Requirement(
                token=key,
                symbol=str(token.symbol()),
                decimals=int(token.decimals()),
                held=int(token.balanceOf(self._address)),
            )
        entry = self._requirements[key]
        entry.amount += amount
        entry.uses.append(what)

    def requirements(self) -> list[Requirement]:
        return list(self._requirements.values())

    def write(self, path: str | Path, owner: str = "") -> Path:
        return write_batch(path, self.batch, int(time.time() * 1000), owner)


def _describe(sender: SafeBatchSender, to: str, data: bytes, contract_type: Any = None) -> tuple:
    """(method name, ((type, name), ...), args) when ``to``'s ABI is known (``contract_type``, or
    ape's record of ``to``), else (None, (), ())."""
    try:
        contract_type = contract_type or sender.chain_manager.contracts.get(to)
        if contract_type is None or len(data) < 4:
            return None, (), ()
        selector = data[:4]
        methods = contract_type.mutable_methods
        abi = (methods if selector in methods else contract_type.view_methods)[selector]
        decoded = sender.provider.network.ecosystem.decode_calldata(abi, data[4:])
    except Exception:  # an unknown contract or method: the raw data is what counts
        return None, (), ()
    inputs = tuple((i.canonical_type, i.name or f"arg{n}") for n, i in enumerate(abi.inputs))
    return abi.name, inputs, tuple(decoded.values())


def active_batch() -> SafeBatchSender | None:
    """The batch being recorded in this context, if any."""
    return _ACTIVE.get()


@contextmanager
def recording(safe: str, chain_id: int, name: str = "KPI options") -> Iterator[SafeBatchSender]:
    """Record every send by the returned sender (and every balance check of the Safe)."""
    sender = SafeBatchSender(safe, chain_id, name)
    token = _ACTIVE.set(sender)
    try:
        yield sender
    finally:
        _ACTIVE.reset(token)


def note_requirement(token: Any, owner: Any, amount: int, what: str) -> bool:
    """While recording for ``owner`` (the Safe): note that it must hold ``amount`` and return True
    (the caller skips its own balance check); otherwise return False."""
    batch = _ACTIVE.get()
    owner_address = str(getattr(owner, "address", owner))
    if batch is None or owner_address.lower() != batch.address.lower():
        return False
    batch.note(token, amount, what)
    return True


def describe_requirements(sender: SafeBatchSender, human: Any = None) -> list[str]:
    """Lines saying what the Safe must hold for the batch to succeed, and what it holds now."""
    lines = []
    for r in sender.requirements():
        fmt = human or (lambda raw, d=r.decimals: _format_units(raw, d))
        short = " (short now)" if r.held < r.amount else ""
        lines.append(
            f"the Safe {sender.address} must hold {fmt(r.amount)} {r.symbol} ({r.token}) for "
            f"{', '.join(r.uses)}; it holds {fmt(r.held)}{short}"
        )
    value = sum(c.value for c in sender.batch.calls)
    if value:
        lines.append(f"the Safe must hold {_format_units(value, 18)} ETH for the calls' value")
    return lines


def _format_units(raw: int, decimals: int) -> str:
    if decimals == 0:
        return str(raw)
    whole, frac = divmod(raw, 10**decimals)
    text = f"{whole}.{frac:0{decimals}d}".rstrip("0").rstrip(".")
    return text

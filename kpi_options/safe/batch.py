"""Safe Transaction Builder batch files: the JSON a team imports in the Safe web app.

Format (Safe's ``tx-builder`` app, ``BatchFile`` in its typings)::

    {"version": "1.0", "chainId": "<decimal>", "createdAt": <unix milliseconds>,
     "meta": {"name", "description", "txBuilderVersion", "createdFromSafeAddress",
              "createdFromOwnerAddress", "checksum"},
     "transactions": [{"to", "value": "<wei, decimal string>", "data": "0x..." | null,
                       "contractMethod": {...} | null, "contractInputsValues": {...} | null}]}

The app refuses a file whose ``value`` is not a string or whose input values are numbers, and
warns ("This file was modified since it was generated") when ``meta.checksum`` does not match.
Its checksum (``apps/tx-builder/src/lib/checksum.ts`` in safe-global/safe-react-apps) is
``web3.utils.sha3`` -- keccak-256 of the UTF-8 text -- of a canonical serialisation of the whole
file with ``meta.name`` set to null and ``meta.checksum`` left out: an object becomes ``{`` + its
sorted keys as a JSON array + each value serialised and followed by a comma + ``}``; an array
becomes ``[`` + its elements joined by commas + ``]``; anything else is ``JSON.stringify`` of it
(undefined as null). :func:`checksum` computes the same; the test vector of Safe's own unit test
is reproduced in ``tests/unit/safe/test_batch_file.py``.

A transaction with ``data`` is executed with that data (the app only reads ``contractMethod``
when ``data`` is empty); we always write ``data`` and add ``contractMethod`` and
``contractInputsValues`` so that the reviewers see the call by name in the app.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eth_hash.auto import keccak
from eth_utils import is_checksum_address, is_hex_address, to_checksum_address

from kpi_options.errors import SafeBatchError
from kpi_options.files import read_json

BATCH_VERSION = "1.0"
# The Transaction Builder release whose format this writes (package.json of apps/tx-builder).
TX_BUILDER_VERSION = "1.18.3"


@dataclass(frozen=True)
class SafeCall:
    """One call the Safe makes: ``to`` with ``value`` wei and calldata ``data``.

    ``method`` (name, [(type, name), ...]) and ``args`` describe the call for humans; ``data`` is
    what is executed.
    """

    to: str
    data: bytes
    value: int = 0
    method: str | None = None
    inputs: tuple[tuple[str, str], ...] = ()
    args: tuple[Any, ...] = ()
    label: str = ""

    def __post_init__(self) -> None:
        if not is_hex_address(self.to):
            raise SafeBatchError(f"`to` {self.to!r} is not an address", "to")
        if self.value < 0:
            raise SafeBatchError(f"`value` {self.value} is negative", "value")


@dataclass
class SafeBatch:
    """An ordered list of calls for one Safe on one chain."""

    chain_id: int
    safe: str
    calls: list[SafeCall] = field(default_factory=list)
    name: str = "KPI options"
    description: str = ""

    def add(self, call: SafeCall) -> None:
        self.calls.append(call)

    def to_json(self, created_at_ms: int, owner: str = "") -> dict[str, Any]:
        """The batch file as a JSON object, checksum included."""
        if not is_hex_address(self.safe):
            raise SafeBatchError(f"Safe address {self.safe!r} is not an address", "safe")
        if not self.calls:
            raise SafeBatchError("the batch has no transactions", "transactions")
        body: dict[str, Any] = {
            "version": BATCH_VERSION,
            "chainId": str(self.chain_id),
            "createdAt": int(created_at_ms),
            "meta": {
                "name": self.name,
                "description": self.description,
                "txBuilderVersion": TX_BUILDER_VERSION,
                "createdFromSafeAddress": to_checksum_address(self.safe),
                "createdFromOwnerAddress": owner,
            },
            "transactions": [_transaction_json(c) for c in self.calls],
        }
        body["meta"]["checksum"] = checksum(body)
        return body


def _input_value(abi_type: str, value: Any) -> str:
    """A call argument as the Transaction Builder shows it: always a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return "0x" + bytes(value).hex()
    if isinstance(value, list | tuple):
        return json.dumps([_input_value("", v) for v in value], separators=(",", ":"))
    return str(value)


def _transaction_json(call: SafeCall) -> dict[str, Any]:
    method = None
    values = None
    if call.method is not None:
        method = {
            "inputs": [{"internalType": t, "name": n, "type": t} for t, n in call.inputs],
            "name": call.method,
            "payable": call.value > 0,
        }
        values = {n: _input_value(t, a) for (t, n), a in zip(call.inputs, call.args, strict=True)}
    return {
        "to": to_checksum_address(call.to),
        "value": str(call.value),
        "data": "0x" + call.data.hex(),
        "contractMethod": method,
        "contractInputsValues": values,
    }


def describe_call(call: SafeCall) -> str:
    """One line a signer compares with what the Safe app shows for the call: the method and its
    inputs as the file gives them (``contractInputsValues``), the target, and any value in wei."""
    if call.method is None:
        text = f"raw data 0x{call.data[:4].hex()}... ({len(call.data)} bytes) to {call.to}"
    else:
        values = _transaction_json(call)["contractInputsValues"]
        args = ", ".join(f"{name}={value}" for name, value in values.items())
        text = f"{call.method}({args}) on {to_checksum_address(call.to)}"
    return text + (f", value {call.value} wei" if call.value else "")


def _serialise(value: Any) -> str:
    """Safe's canonical serialisation (``serializeJSONObject`` in the tx-builder app)."""
    if isinstance(value, Mapping):
        keys = sorted(value)
        out = "{" + json.dumps(keys, separators=(",", ":"), ensure_ascii=False)
        for key in keys:
            out += _serialise(value[key]) + ","
        return out + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_serialise(v) for v in value) + "]"
    if isinstance(value, float):
        raise SafeBatchError(f"a number in a batch file must be an integer, not {value!r}")
    return json.dumps(value, ensure_ascii=False)


def checksum(batch: Mapping[str, Any]) -> str:
    """The Transaction Builder's checksum of ``batch`` as given (``meta.name`` counted as null).

    Pass the file without ``meta.checksum`` to get the value the app expects there.
    """
    meta = dict(batch.get("meta") or {})
    meta["name"] = None
    text = _serialise({**batch, "meta": meta})
    return "0x" + keccak(text.encode("utf-8")).hex()


def write_batch(path: str | Path, batch: SafeBatch, created_at_ms: int, owner: str = "") -> Path:
    """Write ``batch`` as a Transaction Builder file at ``path`` (parent folders created)."""
    target = Path(path)
    body = batch.to_json(created_at_ms, owner)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return target


def _hex_bytes(text: Any, where: str) -> bytes:
    if text is None or text == "":
        return b""
    if not isinstance(text, str) or not text.startswith("0x"):
        raise SafeBatchError(f"{where}: `data` must be 0x-prefixed hex", "data")
    try:
        return bytes.fromhex(text[2:])
    except ValueError:
        raise SafeBatchError(f"{where}: `data` is not valid hex", "data") from None


def read_batch(path: str | Path) -> tuple[dict[str, Any], list[SafeCall]]:
    """Read a batch file; return its JSON and its calls. Refuses what the web app would refuse,
    and a checksum that does not match (the app only warns; a rehearsal should not run a file
    edited by hand without anyone noticing)."""
    source = Path(path)
    body = read_json(source, SafeBatchError, "batch")
    if not isinstance(body, dict) or not isinstance(body.get("transactions"), list):
        raise SafeBatchError(f"{source}: not a Transaction Builder batch file", "batch")
    meta = body.get("meta")
    if not isinstance(meta, dict):
        raise SafeBatchError(f"{source}: `meta` is missing", "meta")
    unsigned = {**body, "meta": {k: v for k, v in meta.items() if k != "checksum"}}
    if meta.get("checksum") != checksum(unsigned):
        raise SafeBatchError(f"{source}: checksum does not match the contents", "checksum")
    calls = []
    for i, tx in enumerate(body["transactions"]):
        where = f"{source}: transactions[{i}]"
        if not isinstance(tx, dict) or not isinstance(tx.get("value"), str):
            raise SafeBatchError(f"{where}: `value` must be a decimal string", "value")
        if not is_hex_address(tx.get("to", "")) or (
            tx["to"] != tx["to"].lower() and not is_checksum_address(tx["to"])
        ):
            raise SafeBatchError(f"{where}: `to` is not a valid address", "to")
        if not tx["value"].isdigit():
            raise SafeBatchError(f"{where}: `value` must be a decimal string", "value")
        data = _hex_bytes(tx.get("data"), where)
        if not data and tx.get("contractMethod"):
            raise SafeBatchError(f"{where}: only transactions with `data` are supported", "data")
        calls.append(SafeCall(to=tx["to"], data=data, value=int(tx["value"])))
    return body, calls


def total_value(calls: Sequence[SafeCall]) -> int:
    """Ether (wei) the Safe must hold for the batch."""
    return sum(c.value for c in calls)

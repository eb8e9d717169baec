"""MultiSend encoding: several calls as one Safe transaction.

A Safe executes a batch as one transaction that DELEGATECALLs ``multiSend(bytes)`` on Safe's
``MultiSendCallOnly`` library; the bytes are the calls packed back to back, each as
``uint8 operation (0 = CALL) | address to | uint256 value | uint256 length | bytes data``
(``abi.encodePacked``). ``MultiSendCallOnly`` refuses any operation but CALL, so a batch cannot
DELEGATECALL anything else. The packing is ape-safe's (``ape_safe.multisend.MultiSend``); this
module only feeds it calls that are already encoded and decodes the result back.
"""

from __future__ import annotations

from collections.abc import Sequence

from eth_abi import decode, encode
from eth_utils import function_signature_to_4byte_selector, to_checksum_address

from kpi_options.safe.batch import SafeCall

MULTISEND_SELECTOR = function_signature_to_4byte_selector("multiSend(bytes)")
CALL, DELEGATECALL = 0, 1


def pack_calls(calls: Sequence[SafeCall]) -> bytes:
    """The ``transactions`` argument of ``multiSend``: every call packed, in order."""
    from ape_safe.multisend import MultiSend

    batch = MultiSend(version="1.4.1")
    for call in calls:
        batch.calls.append({"target": call.to, "value": call.value, "callData": call.data})
    return b"".join(batch.encoded_calls)


def multisend_calldata(calls: Sequence[SafeCall]) -> bytes:
    """Calldata of ``multiSend(pack_calls(calls))``."""
    return MULTISEND_SELECTOR + encode(["bytes"], [pack_calls(calls)])


def unpack_calls(calldata: bytes) -> list[SafeCall]:
    """The calls in ``multiSend`` calldata (refuses any operation other than CALL)."""
    if calldata[:4] != MULTISEND_SELECTOR:
        raise ValueError("not multiSend(bytes) calldata")
    (packed,) = decode(["bytes"], calldata[4:])
    calls, i = [], 0
    while i < len(packed):
        operation = packed[i]
        if operation != CALL:
            raise ValueError(f"call {len(calls)} is not a CALL (operation {operation})")
        to = to_checksum_address(packed[i + 1 : i + 21])
        value = int.from_bytes(packed[i + 21 : i + 53], "big")
        length = int.from_bytes(packed[i + 53 : i + 85], "big")
        data = bytes(packed[i + 85 : i + 85 + length])
        if len(data) != length:
            raise ValueError(f"call {len(calls)} is truncated")
        calls.append(SafeCall(to=to, data=data, value=value))
        i += 85 + length
    return calls

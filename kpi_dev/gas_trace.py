"""Where one transaction's gas goes: by opcode class and by call frame (anvil's
``debug_traceTransaction``); ``ape run benchmark --breakdown KEY`` prints it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

__all__ = ["gas_breakdown"]

_CALLS = {"CALL", "STATICCALL", "DELEGATECALL", "CALLCODE", "CREATE", "CREATE2"}
_CLASSES = {
    "SSTORE": "SSTORE",
    "SLOAD": "SLOAD",
    "TSTORE": "transient",
    "TLOAD": "transient",
    "EXTCODECOPY": "code reads (EXTCODECOPY)",
    "KECCAK256": "KECCAK256",
    "SHA3": "KECCAK256",
    "BALANCE": "account access",
    "EXTCODESIZE": "account access",
    "EXTCODEHASH": "account access",
}


def gas_breakdown(provider: Any, txn_hash: str) -> dict[str, Any]:
    """Split a transaction's execution gas by opcode class and by call frame (needs anvil's debug API).

    Returns ``{"by_class": {class: gas}, "by_frame": [(depth, opcode, target, exclusive gas)],
    "execution": total}``. A call opcode's own cost (cold/warm account access, memory) counts under
    ``"calls"``; the callee's work counts where it happens. SSTORE figures are before refunds, and
    ``execution`` excludes the intrinsic 21,000 + calldata.
    """
    trace = provider.make_request(
        "debug_traceTransaction",
        [txn_hash, {"disableStorage": True, "enableMemory": False, "disableStack": False}],
    )
    steps = trace["structLogs"]
    by_class: dict[str, int] = defaultdict(int)
    frames: list[tuple[int, str, str, int]] = []

    def frame(start: int, depth: int) -> tuple[int, int]:
        """Walk the frame starting at ``start``; returns (index after it, its inclusive gas)."""
        index, total = start, 0
        while index < len(steps) and steps[index]["depth"] == depth:
            step = steps[index]
            nxt = steps[index + 1] if index + 1 < len(steps) else None
            if nxt is not None and nxt["depth"] > depth:
                stack = step.get("stack") or []
                target = stack[-2] if step["op"] in _CALLS - {"CREATE", "CREATE2"} else "new"
                slot = len(frames)
                frames.append((depth, step["op"], str(target), 0))
                after, child = frame(index + 1, nxt["depth"])
                frames[slot] = (depth, step["op"], str(target), child)
                back = steps[after] if after < len(steps) else None
                inclusive = step["gas"] - back["gas"] if back is not None else step["gasCost"]
                own = inclusive - child
                by_class["calls"] += own
                total += inclusive
                index = after
                continue
            if nxt is not None and nxt["depth"] == depth:
                cost = step["gas"] - nxt["gas"]
            else:
                cost = step["gasCost"]
            op = step["op"]
            if op in _CALLS:
                key = "calls"
            elif op.startswith("LOG"):
                key = "events (LOG)"
            else:
                key = _CLASSES.get(op, "computation and memory")
            by_class[key] += cost
            total += cost
            index += 1
        return index, total

    _, execution = frame(0, steps[0]["depth"]) if steps else (0, 0)
    return {"by_class": dict(by_class), "by_frame": frames, "execution": execution}

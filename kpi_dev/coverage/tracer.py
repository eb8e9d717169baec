"""Replay transactions and calls on the node with struct logs and record which code ran.

For each traced transaction or call, the struct logs (one entry per executed opcode with ``pc``,
``op`` and ``depth``; stack, memory and storage off) are walked once, keeping a stack of call
frames:

- depth goes up after ``CALL``/``CALLCODE``/``STATICCALL``/``DELEGATECALL``: the new frame runs the
  code of the called address (for ``DELEGATECALL`` that is the implementation, so minimal-proxy
  clones are credited to the implementation they delegate to; the clone's own 45-byte proxy code
  matches no contract and is ignored);
- depth goes up after ``CREATE``/``CREATE2``: the new frame runs init code; its program counters are
  credited to the created contract's *creation* bytecode;
- ``JUMPI``: the next step of the same frame tells whether it jumped (pc != jumpi pc + 1).

Where a frame's code comes from. The stack of every step would tell (``stack[-2]`` of the call, the
top of the parent's stack after a create returns), but it is most of the trace's size and of the
time spent fetching and parsing it. So the struct logs come without stacks and, when they contain
a call or create at all, the node's ``callTracer`` tree of the same execution supplies the
addresses: each call or create opcode of a frame is its next child in the tree, in order, whether
or not it entered code (a precompile or an account without code runs no steps). The walk checks
that the two agree (the child's type is the opcode; a frame is entered exactly when the child's
address has code; every child is used); if they ever disagree, that execution is traced again
with stacks and walked the old way (``stack_fallbacks`` in the stats). ``KPI_COVERAGE_STACKS=1``
always uses stacks.

Hits are stored as raw program counters per (contract, runtime|creation); mapping to source lines
happens once, in the report.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kpi_dev.coverage.artifacts import Bytecode, Compilation, CompiledContract
from kpi_dev.coverage.astutil import FunctionIndex

CALL_OPS = frozenset({"CALL", "CALLCODE", "STATICCALL", "DELEGATECALL"})
CREATE_OPS = frozenset({"CREATE", "CREATE2"})
TAKEN = 1
NOT_TAKEN = 2
_ADDRESS_MASK = (1 << 160) - 1

TRACE_OPTIONS = {
    "disableStorage": True,
    "disableMemory": True,
    "enableMemory": False,
    "disableStack": True,
    "enableReturnData": False,
}
STACK_TRACE_OPTIONS = {**TRACE_OPTIONS, "disableStack": False}
CALL_TREE_OPTIONS = {"tracer": "callTracer"}

Rpc = Callable[[str, list], Any]


@dataclass
class Hits:
    """Executed program counters and JUMPI outcomes, per (contract key, 'runtime'|'creation')."""

    pcs: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    jumps: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)

    def add(self, key: tuple[str, str], pcs: set[int], jumps: dict[int, int]) -> None:
        """Merge one frame's hits."""
        self.pcs.setdefault(key, set()).update(pcs)
        known = self.jumps.setdefault(key, {})
        for pc, bits in jumps.items():
            known[pc] = known.get(pc, 0) | bits

    def merge(self, other: Hits) -> None:
        """Add every hit of ``other`` (another run or xdist worker) to these."""
        for key, pcs in other.pcs.items():
            self.add(key, pcs, other.jumps.get(key, {}))
        for key, jumps in other.jumps.items():
            if key not in other.pcs:
                self.add(key, set(), jumps)

    def to_json(self) -> dict:
        """A JSON-serialisable form (used to merge runs, e.g. pytest-xdist workers)."""
        return {
            "pcs": {f"{k[0]}|{k[1]}": sorted(v) for k, v in self.pcs.items()},
            "jumps": {
                f"{k[0]}|{k[1]}": {str(pc): b for pc, b in v.items()} for k, v in self.jumps.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Hits:
        """Inverse of :meth:`to_json`."""
        hits = cls()
        for key, pcs in data.get("pcs", {}).items():
            contract, kind = key.rsplit("|", 1)
            hits.pcs[(contract, kind)] = set(pcs)
        for key, jumps in data.get("jumps", {}).items():
            contract, kind = key.rsplit("|", 1)
            hits.jumps[(contract, kind)] = {int(pc): b for pc, b in jumps.items()}
        return hits


@dataclass
class TraceStats:
    """What the tracer did and what it cost."""

    transactions: int = 0
    calls: int = 0
    steps: int = 0
    frames: int = 0
    unattributed_frames: int = 0
    trace_failures: int = 0
    call_trees: int = 0
    stack_fallbacks: int = 0
    shared_code_pcs_dropped: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        """A JSON-serialisable form."""
        return dict(self.__dict__)


@dataclass
class _Frame:
    address: str | None
    create: bool
    pcs: dict[int, None] = field(default_factory=dict)  # insertion order = first execution
    jumps: dict[int, int] = field(default_factory=dict)
    jump_edges: set[tuple[int, int]] = field(default_factory=set)  # (JUMP pc, target pc)
    jump_pc: int | None = None
    jump_op: str = ""
    contract: CompiledContract | None = None
    children: Iterator[dict] | None = None  # the frame's calls in the callTracer tree, in order


class _Misaligned(Exception):
    """The struct logs and the call tree of one execution do not agree."""


def _address_from_word(word: str) -> str:
    return f"0x{int(word, 16) & _ADDRESS_MASK:040x}"


class Tracer:
    """Traces transactions/calls through ``rpc`` and accumulates :class:`Hits`."""

    def __init__(self, compilation: Compilation, rpc: Rpc) -> None:
        self.compilation = compilation
        self.functions = FunctionIndex({fid: src.ast for fid, src in compilation.sources.items()})
        self.rpc = rpc
        self.hits = Hits()
        self.stats = TraceStats()
        # address -> its code, fetched once; an empty answer only until the next transaction (which
        # may create code there), the rest until a request that may change code (forget_addresses)
        self._codes: dict[str, bytes] = {}
        self._contracts: dict[str, CompiledContract | None] = {}  # address with code -> contract
        # id(Bytecode) -> pc -> the function or modifier holding it (FunctionIndex.of)
        self._functions_at: dict[int, dict[int, tuple | None]] = {}
        self.always_stacks = os.environ.get("KPI_COVERAGE_STACKS") == "1"

    def forget_addresses(self) -> None:
        """Drop what is known of addresses (after a snapshot revert or a code change)."""
        self._codes.clear()
        self._contracts.clear()

    def _code(self, address: str) -> bytes:
        address = address.lower()
        if address not in self._codes:
            code_hex = self.rpc("eth_getCode", [address, "latest"]) or "0x"
            self._codes[address] = bytes.fromhex(code_hex[2:])
        return self._codes[address]

    def _forget_empty_codes(self) -> None:
        """Before a transaction: an address without code may get some from it."""
        for address in [a for a, code in self._codes.items() if not code]:
            del self._codes[address]

    def has_code(self, address: str) -> bool:
        """Whether ``address`` holds code now (a call to it runs steps)."""
        return bool(self._code(address))

    def contract_at(self, address: str) -> CompiledContract | None:
        """The compiled contract whose runtime is deployed at ``address`` now."""
        address = address.lower()
        if address not in self._contracts:
            code = self._code(address)
            if not code:
                return None
            self._contracts[address] = self.compilation.identify_runtime(code)
        return self._contracts[address]

    # -- entry points -------------------------------------------------------------------------

    def trace_transaction(self, tx_hash: str) -> None:
        """Trace a mined transaction and record its hits."""
        started = time.perf_counter()
        self._forget_empty_codes()
        try:
            # anvil answers eth_sendRawTransaction before its automine task has mined the
            # transaction: wait for the receipt so the trace and the code lookups see it mined.
            receipt = self._wait_for_receipt(tx_hash)
            tx = self.rpc("eth_getTransactionByHash", [tx_hash])
            if not tx or receipt is None:
                self.stats.trace_failures += 1
                return

            def root() -> _Frame:
                if tx.get("to"):
                    return _Frame(address=tx["to"], create=False)
                frame = _Frame(address=receipt.get("contractAddress"), create=True)
                if not (receipt.get("status") in ("0x1", 1) and frame.address):
                    frame.address = None
                    frame.contract = self.compilation.identify_initcode(_hex_bytes(tx.get("input")))
                return frame

            self.stats.transactions += 1
            self._trace(
                lambda options: self.rpc("debug_traceTransaction", [tx_hash, options]), root
            )
        except Exception:  # noqa: BLE001 - coverage must never break the test run
            self.stats.trace_failures += 1
        finally:
            self.stats.seconds += time.perf_counter() - started

    def _wait_for_receipt(self, tx_hash: str, timeout: float = 30.0) -> dict | None:
        deadline = time.monotonic() + timeout
        delay = 0.001
        while True:
            receipt = self.rpc("eth_getTransactionReceipt", [tx_hash])
            if receipt or time.monotonic() > deadline:
                return receipt
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def trace_call(self, call: dict, block: Any) -> None:
        """Trace an ``eth_call`` (same parameters and block) and record its hits."""
        started = time.perf_counter()
        try:
            block = block if block is not None else "latest"

            def root() -> _Frame:
                if call.get("to"):
                    return _Frame(address=call["to"], create=False)
                frame = _Frame(address=None, create=True)
                data = call.get("data") or call.get("input")
                frame.contract = self.compilation.identify_initcode(_hex_bytes(data))
                return frame

            self.stats.calls += 1
            self._trace(lambda options: self.rpc("debug_traceCall", [call, block, options]), root)
        except Exception:  # noqa: BLE001 - coverage must never break the test run
            self.stats.trace_failures += 1
        finally:
            self.stats.seconds += time.perf_counter() - started

    def _trace(self, fetch: Callable[[dict], Any], root: Callable[[], _Frame]) -> None:
        """Fetch and walk one execution: stackless struct logs plus, when a frame calls out, the
        call tree; with stacks if the two disagree (module docstring)."""
        if not self.always_stacks:
            logs = (fetch(TRACE_OPTIONS) or {}).get("structLogs", [])
            tree = None
            if any(step["depth"] > 1 for step in logs):
                tree = fetch(CALL_TREE_OPTIONS) or {}
                self.stats.call_trees += 1
            try:
                self.process(logs, root(), tree)
                return
            except _Misaligned:
                self.stats.stack_fallbacks += 1
        logs = (fetch(STACK_TRACE_OPTIONS) or {}).get("structLogs", [])
        self.process(logs, root())

    # -- struct-log walk ----------------------------------------------------------------------

    def process(self, logs: list[dict], root: _Frame, tree: dict | None = None) -> None:
        """Walk struct logs, attributing every step to the code its frame runs.

        With ``tree`` (the execution's callTracer tree, for stackless logs) the hits are committed
        only once the whole walk agreed with the tree; otherwise this raises ``_Misaligned`` and
        records nothing."""
        if tree is not None:
            root.children = iter(tree.get("calls") or ())
        frames = [root]
        done_frames: list[_Frame] = []
        commit = self._commit if tree is None else done_frames.append
        prev: dict | None = None
        pending: dict | None = None  # the tree child of the last call/create opcode
        created: set[str] = set()  # addresses created in this execution (an eth_call keeps none)
        for step in logs:
            depth = step["depth"]
            if pending is not None and pending.get("type") in CALL_OPS:
                # A call runs steps exactly when the called address has code. (A create runs its
                # init code, which need not have left code behind: not checked.)
                to = pending.get("to")
                has_code = bool(to) and (to.lower() in created or self.has_code(to))
                if (depth > len(frames)) != has_code:
                    raise _Misaligned
            while depth < len(frames):
                done = frames.pop()
                if tree is not None and next(done.children, None) is not None:
                    raise _Misaligned
                if done.create and done.address is None and done.contract is None:
                    stack = step.get("stack") or []
                    if stack:
                        address = _address_from_word(stack[-1])
                        done.address = None if int(address, 16) == 0 else address
                commit(done)
            if depth > len(frames):
                op = prev["op"] if prev else ""
                if pending is not None:
                    frames.append(
                        _Frame(
                            address=pending.get("to"),
                            create=op in CREATE_OPS,
                            children=iter(pending.get("calls") or ()),
                        )
                    )
                elif op in CALL_OPS:
                    frames.append(
                        _Frame(address=_address_from_word(prev["stack"][-2]), create=False)
                    )
                elif op in CREATE_OPS:
                    frames.append(_Frame(address=None, create=True))
                else:  # should not happen; keep depth bookkeeping right
                    if tree is not None:
                        raise _Misaligned
                    frames.append(_Frame(address=None, create=False))
            pending = None
            frame = frames[-1]
            pc = step["pc"]
            if frame.jump_pc is not None:
                if frame.jump_op == "JUMPI":
                    bit = NOT_TAKEN if pc == frame.jump_pc + 1 else TAKEN
                    frame.jumps[frame.jump_pc] = frame.jumps.get(frame.jump_pc, 0) | bit
                else:
                    frame.jump_edges.add((frame.jump_pc, pc))
            frame.pcs[pc] = None
            op = step["op"]
            if op == "JUMP" or op == "JUMPI":
                frame.jump_pc, frame.jump_op = pc, op
            else:
                frame.jump_pc = None
                if tree is not None and (op in CALL_OPS or op in CREATE_OPS):
                    pending = next(frame.children, None)
                    if pending is None or pending.get("type") != op:
                        raise _Misaligned
                    if op in CREATE_OPS and pending.get("to") and not pending.get("error"):
                        created.add(pending["to"].lower())
            prev = step
        if pending is not None:  # the execution ended at a call or create (out of gas, say)
            raise _Misaligned
        while frames:
            done = frames.pop()
            if tree is not None and next(done.children, None) is not None:
                raise _Misaligned
            commit(done)
        for done in done_frames:
            self._commit(done)
        self.stats.steps += len(logs)

    def _commit(self, frame: _Frame) -> None:
        self.stats.frames += 1
        contract = frame.contract
        if contract is None and frame.address is not None:
            contract = self.contract_at(frame.address)
        if contract is None:
            self.stats.unattributed_frames += 1
            return
        kind = "creation" if frame.create else "runtime"
        code = contract.creation if frame.create else contract.runtime
        credited = self._credited(code, frame)
        self.stats.shared_code_pcs_dropped += len(frame.pcs) - len(credited)
        self.hits.add((contract.key, kind), credited, frame.jumps)

    def _credited(self, code: Bytecode, frame: _Frame) -> set[int]:
        """The frame's pcs that may count for the source they map to.

        The optimizer merges identical blocks (``JUMPDEST STOP`` after a function returns, the last
        instructions of a revert) and keeps *one* copy's source location, so running ``deposit``
        can execute a block mapped into ``sweep``. A frame runs one external entry point (the first
        external/public function, constructor, fallback or receive whose code it executes) plus
        the internal functions and modifiers it reaches, so an instruction mapped to any *other*
        external/public function is not credited unless that function was entered by an internal
        call jump (source-map jump type ``i``).
        """
        function_at = self._function_at(code)
        entry_fn = None
        allowed: set[tuple] = set()
        for source, target in frame.jump_edges:
            jump = code.entry_at(source)
            if jump is not None and jump.jump == "i":
                fn = function_at(target)
                if fn is not None:
                    allowed.add(fn)
        credited: set[int] = set()
        for pc in frame.pcs:
            fn = function_at(pc)
            if fn is None or not fn[3]:
                credited.add(pc)
                continue
            if entry_fn is None:
                entry_fn = fn
                allowed.add(fn)
            if fn in allowed:
                credited.add(pc)
        return credited

    def _function_at(self, code: Bytecode) -> Callable[[int], tuple | None]:
        """``pc -> the function or modifier holding its source-map entry``, remembered per code."""
        known = self._functions_at.setdefault(id(code), {})
        functions = self.functions

        def function_at(pc: int) -> tuple | None:
            try:
                return known[pc]
            except KeyError:
                fn = known[pc] = functions.of(code.entry_at(pc))
                return fn

        return function_at


def _hex_bytes(value: str | None) -> bytes:
    if not value:
        return b""
    return bytes.fromhex(value[2:] if value.startswith("0x") else value)

"""Decoding of solc source maps and of EVM bytecode into instructions.

A solc source map (``evm.deployedBytecode.sourceMap`` / ``evm.bytecode.sourceMap``) has one entry
per *instruction* (not per byte), separated by ``;``. Each entry is ``s:l:f:j:m`` (start offset in
bytes, length in bytes, source file index, jump kind, modifier depth); any field left empty, and any
trailing field left out, repeats the previous entry's value. File index ``-1`` means "no source"
(compiler-generated code with no place in any file).

The EVM executes by *program counter* (byte offset). ``PUSH1``..``PUSH32`` carry 1..32 immediate
bytes, so the instruction index of a pc is found by walking the bytecode once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

JUMPI = 0x57
_PUSH1 = 0x60
_PUSH32 = 0x7F


@dataclass(frozen=True, slots=True)
class SourceMapEntry:
    """One decoded source-map entry: byte range ``[start, start + length)`` in file ``file``."""

    start: int
    length: int
    file: int
    jump: str
    modifier_depth: int

    @property
    def end(self) -> int:
        """One past the last byte of the range."""
        return self.start + self.length


def decode_source_map(source_map: str) -> list[SourceMapEntry]:
    """Decode a compressed solc source map into one entry per instruction."""
    entries: list[SourceMapEntry] = []
    if not source_map:
        return entries
    start, length, file, jump, depth = 0, 0, -1, "-", 0
    for item in source_map.split(";"):
        if item:
            fields = item.split(":")
            if len(fields) > 0 and fields[0] != "":
                start = int(fields[0])
            if len(fields) > 1 and fields[1] != "":
                length = int(fields[1])
            if len(fields) > 2 and fields[2] != "":
                file = int(fields[2])
            if len(fields) > 3 and fields[3] != "":
                jump = fields[3]
            if len(fields) > 4 and fields[4] != "":
                depth = int(fields[4])
        entries.append(SourceMapEntry(start, length, file, jump, depth))
    return entries


def instruction_pcs(bytecode: bytes) -> list[int]:
    """The program counter of each instruction, in order (PUSH immediates are skipped)."""
    pcs: list[int] = []
    pc = 0
    size = len(bytecode)
    while pc < size:
        pcs.append(pc)
        op = bytecode[pc]
        pc += 1 + (op - _PUSH1 + 1 if _PUSH1 <= op <= _PUSH32 else 0)
    return pcs


def pc_to_instruction_index(bytecode: bytes) -> dict[int, int]:
    """Map each instruction's program counter to its index (the source map's index)."""
    return {pc: index for index, pc in enumerate(instruction_pcs(bytecode))}


def jumpi_pcs(bytecode: bytes) -> list[int]:
    """Program counters of every ``JUMPI`` instruction (never a PUSH immediate byte)."""
    return [pc for pc in instruction_pcs(bytecode) if bytecode[pc] == JUMPI]


def strip_metadata(bytecode: bytes) -> bytes:
    """Drop the CBOR metadata solc appends (its length is the last two bytes), if it looks valid."""
    if len(bytecode) < 2:
        return bytecode
    meta_len = int.from_bytes(bytecode[-2:], "big")
    if meta_len + 2 > len(bytecode) or meta_len == 0:
        return bytecode
    head = bytecode[-2 - meta_len]
    # CBOR map with a few entries: 0xa1..0xa5.
    if 0xA1 <= head <= 0xA5:
        return bytecode[: -2 - meta_len]
    return bytecode


class LineIndex:
    """Converts byte offsets of one source file into 1-based line numbers."""

    def __init__(self, text: str) -> None:
        data = text.encode("utf8")
        self._starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]

    def line(self, offset: int) -> int:
        """The 1-based line holding byte ``offset``."""
        return bisect.bisect_right(self._starts, offset)

    @property
    def line_count(self) -> int:
        """Number of lines (a trailing newline starts an empty last line)."""
        return len(self._starts)

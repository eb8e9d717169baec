"""Small helpers over solc's JSON AST: walking nodes, source ranges, enclosing functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kpi_dev.coverage.sourcemap import SourceMapEntry

FUNCTION_TYPES = frozenset({"FunctionDefinition", "ModifierDefinition"})
_ENTRY_KINDS = frozenset({"constructor", "fallback", "receive"})


def src_range(node: dict) -> tuple[int, int, int]:
    """``(start, end, file)`` of a node's ``src`` field."""
    start, length, file_id = (int(x) for x in node["src"].split(":"))
    return start, start + length, file_id


def walk(node: Any) -> Iterator[dict]:
    """Every AST node under ``node`` (pre-order: a parent before its children)."""
    if isinstance(node, dict):
        if "nodeType" in node:
            yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def is_entry_function(node: dict) -> bool:
    """Whether a function is entered from outside (external/public, constructor, fallback, receive)."""
    if node.get("nodeType") != "FunctionDefinition":
        return False
    return node.get("kind") in _ENTRY_KINDS or node.get("visibility") in ("external", "public")


class FunctionIndex:
    """Which function/modifier holds a source-map entry: ``(file, start, end, is_entry)`` or None."""

    def __init__(self, asts: dict[int, dict]) -> None:
        self._ranges: dict[int, list[tuple[int, int, bool]]] = {}
        for fid, ast in asts.items():
            spans = []
            for node in walk(ast):
                if node.get("nodeType") in FUNCTION_TYPES and "src" in node:
                    s, e, _ = src_range(node)
                    spans.append((s, e, is_entry_function(node)))
            self._ranges[fid] = spans
        self._cache: dict[tuple[int, int, int], tuple[int, int, int, bool] | None] = {}

    def of(self, entry: SourceMapEntry | None) -> tuple[int, int, int, bool] | None:
        """The innermost function/modifier range holding ``entry`` (None outside any)."""
        if entry is None:
            return None
        key = (entry.file, entry.start, entry.end)
        if key not in self._cache:
            best = None
            for s, e, is_entry in self._ranges.get(entry.file, ()):
                if (
                    s <= entry.start
                    and entry.end <= e
                    and (best is None or e - s < best[2] - best[1])
                ):
                    best = (entry.file, s, e, is_entry)
            self._cache[key] = best
        return self._cache[key]

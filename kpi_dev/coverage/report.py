"""Turn recorded program counters into line, function and branch coverage per contract.

Definitions (also in docs/COVERAGE.md):

- **Executable statement**: an AST statement node (``ExpressionStatement``, ``Return``, ``IfStatement``,
  ``RevertStatement``, ``EmitStatement``, loops, ``VariableDeclarationStatement``, inline assembly, ...)
  such that at least one instruction of some compiled bytecode (runtime or creation) has a source-map
  range inside the statement's range. Statements the optimizer left without any instruction of their
  own are not counted.
- **Statement hit**: some *executed* instruction has a source range inside the statement's range.
- **Line**: the line where an executable statement starts; hit when one of its statements is hit.
- **Function**: a function/modifier/constructor with a body; hit when an executed instruction maps
  inside its range.
- **Branch**: every ``JUMPI`` instruction whose source range lies in a counted file (generated Yul
  helpers such as checked arithmetic and ABI decoding are in no file, and JUMPIs mapped to a whole
  function or contract range, i.e. dispatch, callvalue and calldata checks, are left out) gives two
  branches at its source location: *jumped* and *fell through*. JUMPIs sharing a source location are
  merged. Each location is labelled with the innermost AST node holding it (``IfStatement``,
  ``FunctionCall`` for ``require``, ``Conditional``, ``BinaryOperation`` for ``&&``/``||``, loops).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kpi_dev.coverage.artifacts import Compilation, SourceFile
from kpi_dev.coverage.astutil import FUNCTION_TYPES
from kpi_dev.coverage.astutil import src_range as _src
from kpi_dev.coverage.astutil import walk as _walk
from kpi_dev.coverage.sourcemap import JUMPI
from kpi_dev.coverage.tracer import NOT_TAKEN, TAKEN, Hits

STATEMENT_TYPES = frozenset(
    {
        "ExpressionStatement",
        "VariableDeclarationStatement",
        "Return",
        "RevertStatement",
        "EmitStatement",
        "IfStatement",
        "ForStatement",
        "WhileStatement",
        "DoWhileStatement",
        "Break",
        "Continue",
        "InlineAssembly",
        "TryStatement",
        "PlaceholderStatement",
    }
)
DEFAULT_EXCLUDES = ("contracts/test/", "contracts/.cache/", "node_modules/", "lib/")


class _Ranges:
    """Sorted (start, end) ranges answering "is any range inside [a, b]?"."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self._ranges = sorted(set(ranges))
        self._starts = [r[0] for r in self._ranges]

    def any_inside(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._ranges) and self._ranges[i][0] <= end:
            if self._ranges[i][1] <= end:
                return True
            i += 1
        return False


@dataclass
class Tally:
    """hit / total."""

    hit: int = 0
    total: int = 0

    @property
    def pct(self) -> float | None:
        """Percentage, or None when there is nothing to cover."""
        return None if self.total == 0 else 100.0 * self.hit / self.total

    def to_json(self) -> dict:
        """JSON form."""
        pct = self.pct
        return {"hit": self.hit, "total": self.total, "pct": None if pct is None else round(pct, 2)}


@dataclass
class ContractCoverage:
    """Coverage of one contract definition (its source range)."""

    key: str
    source_id: str
    lines: Tally = field(default_factory=Tally)
    branches: Tally = field(default_factory=Tally)
    decisions: Tally = field(default_factory=Tally)
    functions: Tally = field(default_factory=Tally)
    line_hits: dict[int, bool] = field(default_factory=dict)
    branch_hits: list[dict] = field(default_factory=list)
    function_hits: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """JSON form, with the missed lines/branches/functions listed."""
        return {
            "contract": self.key,
            "source": self.source_id,
            "lines": self.lines.to_json(),
            "branches": self.branches.to_json(),
            "decision_branches": self.decisions.to_json(),
            "functions": self.functions.to_json(),
            "missed_lines": sorted(line for line, hit in self.line_hits.items() if not hit),
            "missed_branches": [
                b for b in self.branch_hits if not (b["jumped"] and b["fell_through"])
            ],
            "missed_functions": [f["name"] for f in self.function_hits if not f["hit"]],
        }


@dataclass
class CoverageReport:
    """Per-contract coverage plus the tracer's statistics."""

    contracts: list[ContractCoverage]
    stats: dict = field(default_factory=dict)

    def totals(self) -> dict[str, Tally]:
        """Sums over all contracts."""
        out = {"lines": Tally(), "branches": Tally(), "decisions": Tally(), "functions": Tally()}
        for c in self.contracts:
            for name in out:
                part = getattr(c, name)
                out[name].hit += part.hit
                out[name].total += part.total
        return out

    def to_json(self) -> dict:
        """The document written to build/coverage.json."""
        return {
            "definitions": {
                "line": "start line of an AST statement that has instructions of its own; hit when one executed instruction maps inside it",
                "branch": "JUMPI source location in a counted file: two branches (jumped, fell through)",
                "decision_branch": "the branches whose JUMPI belongs to an if, ternary, loop, require/assert or &&/|| condition (the rest are compiler checks, e.g. external call success)",
                "function": "function/modifier/constructor with a body; hit when an executed instruction maps inside it",
            },
            "totals": {k: v.to_json() for k, v in self.totals().items()},
            "contracts": [c.to_json() for c in self.contracts],
            "stats": self.stats,
        }

    def table(self) -> str:
        """A fixed-width table, one row per contract, and a total row."""
        rows = [("contract", "lines", "%", "branches", "%", "decisions", "%", "functions", "%")]

        def fmt(t: Tally) -> tuple[str, str]:
            pct = t.pct
            return f"{t.hit}/{t.total}", "-" if pct is None else f"{pct:.1f}"

        for c in self.contracts:
            rows.append(
                (
                    _short_name(c.key),
                    *fmt(c.lines),
                    *fmt(c.branches),
                    *fmt(c.decisions),
                    *fmt(c.functions),
                )
            )
        t = self.totals()
        rows.append(
            (
                "TOTAL",
                *fmt(t["lines"]),
                *fmt(t["branches"]),
                *fmt(t["decisions"]),
                *fmt(t["functions"]),
            )
        )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        out = []
        for n, r in enumerate(rows):
            cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in range(1, len(r))]
            out.append("  ".join(cells))
            if n == 0 or n == len(rows) - 2:
                out.append("-" * len(out[-1]))
        return "\n".join(out)

    def lcov(self, root: str = "") -> str:
        """lcov tracefile (DA per line, FN/FNDA per function, BRDA per branch)."""
        by_source: dict[str, list[ContractCoverage]] = {}
        for c in self.contracts:
            by_source.setdefault(c.source_id, []).append(c)
        chunks = []
        for source_id, items in sorted(by_source.items()):
            lines = [f"SF:{root.rstrip('/') + '/' if root else ''}{source_id}"]
            for c in items:
                for f in c.function_hits:
                    lines.append(f"FN:{f['line']},{f['name']}")
                    lines.append(f"FNDA:{1 if f['hit'] else 0},{f['name']}")
            for c in items:
                for block, b in enumerate(c.branch_hits):
                    lines.append(f"BRDA:{b['line']},{block},0,{1 if b['jumped'] else '-'}")
                    lines.append(f"BRDA:{b['line']},{block},1,{1 if b['fell_through'] else '-'}")
            for c in items:
                for line, hit in sorted(c.line_hits.items()):
                    lines.append(f"DA:{line},{1 if hit else 0}")
            fn = sum(c.functions.total for c in items)
            fnh = sum(c.functions.hit for c in items)
            lh = sum(c.lines.hit for c in items)
            lf = sum(c.lines.total for c in items)
            bh = sum(c.branches.hit for c in items)
            bf = sum(c.branches.total for c in items)
            lines += [f"FNF:{fn}", f"FNH:{fnh}", f"BRF:{bf}", f"BRH:{bh}", f"LF:{lf}", f"LH:{lh}"]
            lines.append("end_of_record")
            chunks.append("\n".join(lines))
        return "\n".join(chunks) + "\n"


def _short_name(key: str) -> str:
    """``contracts/fpl/X.sol:X`` -> ``fpl/X``; other names keep ``file:Name`` minus ``contracts/``."""
    path, _, name = key.rpartition(":")
    path = path.removeprefix("contracts/")
    stem = path.rsplit("/", 1)[-1].removesuffix(".sol")
    return path.removesuffix(".sol") if stem == name else f"{path}:{name}"


def is_counted(source_id: str, excludes: Iterable[str] = DEFAULT_EXCLUDES) -> bool:
    """Whether a source file is counted (project contracts, not tests nor dependencies)."""
    return source_id.startswith("contracts/") and not any(source_id.startswith(e) for e in excludes)


def build_report(
    compilation: Compilation,
    hits: Hits,
    excludes: Iterable[str] = DEFAULT_EXCLUDES,
    include: Callable[[str], bool] | None = None,
) -> CoverageReport:
    """Compute per-contract coverage of the counted files from recorded hits.

    ``include`` (a predicate on source ids) replaces the default rule (files under
    ``contracts/`` minus ``excludes``).
    """
    excludes = tuple(excludes)
    keep = include or (lambda source_id: is_counted(source_id, excludes))
    counted = {fid: src for fid, src in compilation.sources.items() if keep(src.source_id)}
    mapped: dict[int, set[tuple[int, int]]] = {fid: set() for fid in counted}
    executed: dict[int, set[tuple[int, int]]] = {fid: set() for fid in counted}
    # (file, start, end) -> outcome bits, for every JUMPI location (bits 0 when never run)
    branch_bits: dict[tuple[int, int, int], int] = {}

    for contract in compilation.contracts:
        for kind, code in (("runtime", contract.runtime), ("creation", contract.creation)):
            ran = hits.pcs.get((contract.key, kind), set())
            jumps = hits.jumps.get((contract.key, kind), {})
            for index, pc in enumerate(code.pcs):
                if index >= len(code.source_map):
                    break
                entry = code.source_map[index]
                if entry.file not in counted:
                    continue
                rng = (entry.start, entry.end)
                mapped[entry.file].add(rng)
                if pc in ran:
                    executed[entry.file].add(rng)
                if code.code[pc] == JUMPI:
                    loc = (entry.file, entry.start, entry.end)
                    branch_bits[loc] = branch_bits.get(loc, 0) | jumps.get(pc, 0)

    results: list[ContractCoverage] = []
    for fid, source in sorted(counted.items(), key=lambda kv: kv[1].source_id):
        results.extend(
            _file_coverage(source, _Ranges(mapped[fid]), _Ranges(executed[fid]), branch_bits, fid)
        )
    return CoverageReport(contracts=[c for c in results if c.lines.total or c.branches.total])


def _file_coverage(
    source: SourceFile,
    mapped: _Ranges,
    executed: _Ranges,
    branch_bits: dict[tuple[int, int, int], int],
    fid: int,
) -> list[ContractCoverage]:
    nodes = list(_walk(source.ast))
    contracts = [n for n in nodes if n.get("nodeType") == "ContractDefinition"]
    whole_ranges = {
        (s, e)
        for n in nodes
        if n.get("nodeType") in FUNCTION_TYPES | {"ContractDefinition"}
        for s, e, _ in [_src(n)]
    }
    out = []
    for cdef in contracts:
        c_start, c_end, _ = _src(cdef)
        cov = ContractCoverage(key=f"{source.source_id}:{cdef['name']}", source_id=source.source_id)
        inside = [n for n in _walk(cdef.get("nodes", [])) if "src" in n]
        conditions = _conditions(inside)
        for node in inside:
            kind = node.get("nodeType")
            start, end, _ = _src(node)
            if kind in STATEMENT_TYPES and mapped.any_inside(start, end):
                line = source.lines.line(start)
                hit = executed.any_inside(start, end)
                cov.line_hits[line] = cov.line_hits.get(line, False) or hit
            elif kind in FUNCTION_TYPES and node.get("body") and mapped.any_inside(start, end):
                name = node.get("name") or node.get("kind", "function")
                cov.function_hits.append(
                    {
                        "name": f"{cdef['name']}.{name}",
                        "line": source.lines.line(start),
                        "hit": executed.any_inside(start, end),
                    }
                )
        for (bfid, start, end), bits in sorted(branch_bits.items()):
            if (
                bfid != fid
                or not (c_start <= start and end <= c_end)
                or (start, end) in whole_ranges
            ):
                continue
            cov.branch_hits.append(
                {
                    "line": source.lines.line(start),
                    "src": f"{start}:{end - start}:{fid}",
                    "kind": _branch_kind(inside, conditions, start, end),
                    "jumped": bool(bits & TAKEN),
                    "fell_through": bool(bits & NOT_TAKEN),
                }
            )
        cov.lines = Tally(sum(cov.line_hits.values()), len(cov.line_hits))
        cov.functions = Tally(sum(f["hit"] for f in cov.function_hits), len(cov.function_hits))
        cov.branches = Tally(
            sum(b["jumped"] + b["fell_through"] for b in cov.branch_hits), 2 * len(cov.branch_hits)
        )
        decisions = [b for b in cov.branch_hits if not b["kind"].startswith("check:")]
        cov.decisions = Tally(
            sum(b["jumped"] + b["fell_through"] for b in decisions), 2 * len(decisions)
        )
        out.append(cov)
    return out


DECISION_TYPES = frozenset(
    {"IfStatement", "Conditional", "ForStatement", "WhileStatement", "DoWhileStatement"}
)


def _decision_kind(node: dict) -> str | None:
    """The decision a node is (if, ternary, loop, require/assert, &&/||), or None."""
    kind = node.get("nodeType")
    if kind in DECISION_TYPES:
        return kind
    if kind == "FunctionCall" and node.get("expression", {}).get("name") in ("require", "assert"):
        return node["expression"]["name"]
    if kind == "BinaryOperation" and node.get("operator") in ("&&", "||"):
        return node["operator"]
    return None


def _conditions(nodes: list[dict]) -> dict[tuple[int, int], str]:
    """Source range of each decision's condition -> the decision's kind."""
    out: dict[tuple[int, int], str] = {}
    for node in nodes:
        kind = _decision_kind(node)
        if kind is None:
            continue
        if kind in ("require", "assert"):
            cond = (node.get("arguments") or [None])[0]
        elif kind in ("&&", "||"):
            cond = node.get("leftExpression")
        else:
            cond = node.get("condition")
        if isinstance(cond, dict) and "src" in cond:
            s, e, _ = _src(cond)
            out[(s, e)] = kind
    return out


def _branch_kind(
    nodes: list[dict], conditions: dict[tuple[int, int], str], start: int, end: int
) -> str:
    """Label a JUMPI location: a decision kind, or ``check:<node>`` for compiler-inserted checks.

    The innermost AST node holding the location decides (ties go to the deeper node): a decision
    node itself, or the condition expression of one, is a decision; anything else (an external
    call's success/extcodesize check, ``new``'s success check, ...) is a check.
    """
    best: tuple[int, dict] | None = None
    for node in nodes:  # pre-order: on equal size the later node is the deeper one
        s, e, _ = _src(node)
        if s <= start and end <= e and (best is None or e - s <= best[0]):
            best = (e - s, node)
    if best is None:
        return "check:?"
    node = best[1]
    kind = _decision_kind(node)
    if kind is not None:
        return kind
    s, e, _ = _src(node)
    if (s, e) in conditions:
        return conditions[(s, e)]
    return f"check:{node.get('nodeType', '?')}"

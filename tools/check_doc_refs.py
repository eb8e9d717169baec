#!/usr/bin/env python3
"""Fail when the docs cite tests that do not exist, or an invariant or threat cites no test.

Usage: check_doc_refs.py [--root ROOT] [DOC.md ...]

With no DOC arguments every ``docs/*.md`` under ROOT (default: the repository holding this file)
is checked. What is checked:

1. Every test reference ``tests/<path>.py::<name>`` (or ``tests/<path>.py::<Class>::<name>``)
   names a file that exists and, parsed with ``ast``, defines that test: a top-level
   ``def``/``async def`` whose name starts with ``test``, a top-level class (or assignment, as in
   ``TestMachine = Machine.TestCase``) whose name starts with ``Test``, or a ``test*`` method of
   such a class. A parametrised id in brackets (``::test_x[6-epl1]``) is ignored.
2. Every bare path ``tests/<path>.py`` cited in a document exists.
3. In ``INVARIANTS.md`` every heading ``I-<n>`` and in ``THREAT_MODEL.md`` every heading
   ``T-<n>`` has at least one test reference before the next heading, and no id repeats.
4. Every invariant id ``I-<n>`` written in ``tests/``, ``contracts/`` or ``interfaces/`` (test
   docstrings, NatSpec) is defined in ``docs/INVARIANTS.md``.

Prints each problem as ``file:line: message`` and exits 1 if there is any; standard library only.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

TEST_REF = re.compile(
    r"(?<![\w/.])(?P<path>tests/[\w./-]+?\.py)::(?P<first>[A-Za-z_]\w*)"
    r"(?:::(?P<second>[A-Za-z_]\w*))?(?:\[[^\]\n]*\])?"
)
BARE_PATH = re.compile(r"(?<![\w/.])(?P<path>tests/[\w./-]+?\.py)(?!::)\b")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*)$")
ID_AT_START = re.compile(r"^\*{0,2}(?P<id>[IT]-\d+)\b")
INVARIANT_ID = re.compile(r"(?<![\w-])I-(?P<n>\d+)\b")
SOURCE_DIRS = (("tests", "*.py"), ("contracts", "*.sol"), ("interfaces", "*.sol"))
SKIP_PARTS = {".cache", "node_modules", "__pycache__", ".build"}


@dataclass
class Reference:
    """One test reference found in a document."""

    doc: Path
    line: int
    path: str
    first: str
    second: str | None

    @property
    def text(self) -> str:
        tail = f"::{self.second}" if self.second else ""
        return f"{self.path}::{self.first}{tail}"


@dataclass
class TestIndex:
    """The tests one Python file defines, read with ``ast`` (never imported)."""

    functions: set[str] = field(default_factory=set)
    classes: dict[str, set[str]] = field(default_factory=dict)
    assigned_classes: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, source: str) -> TestIndex:
        index = cls()
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                index.functions.add(node.name)
            elif isinstance(node, ast.ClassDef):
                index.classes[node.name] = {
                    item.name
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                }
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        index.assigned_classes.add(target.id)
        return index

    def resolve(self, first: str, second: str | None) -> str | None:
        """None when ``first[::second]`` is a test of this file, else why not."""
        if second is None:
            if first.startswith("test") and first in self.functions:
                return None
            if first.startswith("Test") and (
                first in self.classes or first in self.assigned_classes
            ):
                return None
            if first in self.functions or first in self.classes:
                return f"'{first}' exists but is not a test (pytest collects test*/Test*)"
            return f"no test '{first}' in the file"
        if not first.startswith("Test"):
            return f"'{first}' is not a test class name (Test*)"
        if first in self.assigned_classes and second == "runTest":
            return None  # hypothesis RuleBasedStateMachine.TestCase
        methods = self.classes.get(first)
        if methods is None:
            return f"no test class '{first}' in the file"
        if not second.startswith("test") or second not in methods:
            return f"no test method '{second}' in class '{first}'"
        return None


@dataclass
class Checker:
    """Runs every check against one repository root and collects the problems."""

    root: Path
    problems: list[str] = field(default_factory=list)
    references: int = 0
    _indexes: dict[str, TestIndex | str] = field(default_factory=dict)

    def problem(self, doc: Path, line: int, message: str) -> None:
        self.problems.append(f"{self._rel(doc)}:{line}: {message}")

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def _index(self, rel_path: str) -> TestIndex | str:
        """The parsed test file, or a message saying why it cannot be read."""
        if rel_path not in self._indexes:
            file = self.root / rel_path
            if not file.is_file():
                self._indexes[rel_path] = "test file does not exist"
            else:
                try:
                    self._indexes[rel_path] = TestIndex.parse(file.read_text(encoding="utf-8"))
                except SyntaxError as exc:
                    self._indexes[rel_path] = f"test file does not parse: {exc.msg}"
        return self._indexes[rel_path]

    def references_in(self, doc: Path, lines: list[str]) -> list[Reference]:
        found = []
        for number, text in enumerate(lines, start=1):
            for match in TEST_REF.finditer(text):
                found.append(Reference(doc, number, match["path"], match["first"], match["second"]))
        return found

    def check_document(self, doc: Path) -> None:
        lines = doc.read_text(encoding="utf-8").splitlines()
        for ref in self.references_in(doc, lines):
            self.references += 1
            index = self._index(ref.path)
            why = index if isinstance(index, str) else index.resolve(ref.first, ref.second)
            if why is not None:
                self.problem(doc, ref.line, f"{ref.text}: {why}")
        for number, text in enumerate(lines, start=1):
            for match in BARE_PATH.finditer(text):
                if not (self.root / match["path"]).is_file():
                    self.problem(doc, number, f"{match['path']}: file does not exist")
        if doc.name == "INVARIANTS.md":
            self.check_sections(doc, lines, "I")
        if doc.name == "THREAT_MODEL.md":
            self.check_sections(doc, lines, "T")

    def check_sections(self, doc: Path, lines: list[str], prefix: str) -> list[str]:
        """Each heading whose title starts with ``<prefix>-<n>`` must cite a test; ids unique."""
        seen: dict[str, int] = {}
        current: tuple[str, int] | None = None
        cited = False

        def close() -> None:
            if current is not None and not cited:
                self.problem(doc, current[1], f"{current[0]} cites no test")

        for number, text in enumerate(lines, start=1):
            heading = HEADING.match(text)
            if heading:
                close()
                current, cited = None, False
                ident = ID_AT_START.match(heading["title"])
                if ident and ident["id"].startswith(prefix + "-"):
                    key = ident["id"]
                    if key in seen:
                        self.problem(doc, number, f"{key} already defined on line {seen[key]}")
                    seen[key] = number
                    current = (key, number)
                continue
            if current is not None and TEST_REF.search(text):
                cited = True
        close()
        return list(seen)

    def check_invariant_citations(self, defined: set[str]) -> None:
        """Invariant ids in test docstrings and Solidity comments must exist in INVARIANTS.md."""
        for folder, pattern in SOURCE_DIRS:
            base = self.root / folder
            if not base.is_dir():
                continue
            for file in sorted(base.rglob(pattern)):
                if SKIP_PARTS.intersection(file.relative_to(self.root).parts):
                    continue
                text = file.read_text(encoding="utf-8", errors="replace")
                lines = _python_docstring_lines(text) if pattern == "*.py" else _comment_lines(text)
                for number, line in lines:
                    for match in INVARIANT_ID.finditer(line):
                        ident = f"I-{match['n']}"
                        if ident not in defined:
                            self.problem(
                                file, number, f"{ident} is not defined in docs/INVARIANTS.md"
                            )

    def defined_invariants(self) -> set[str]:
        doc = self.root / "docs" / "INVARIANTS.md"
        if not doc.is_file():
            return set()
        defined = set()
        for text in doc.read_text(encoding="utf-8").splitlines():
            heading = HEADING.match(text)
            if heading:
                ident = ID_AT_START.match(heading["title"])
                if ident and ident["id"].startswith("I-"):
                    defined.add(ident["id"])
        return defined


def _python_docstring_lines(source: str) -> list[tuple[int, str]]:
    """(line number, text) of every module, class and function docstring line."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            first = body[0].lineno
            for offset, text in enumerate(body[0].value.value.splitlines()):
                lines.append((first + offset, text))
    return lines


def _comment_lines(source: str) -> list[tuple[int, str]]:
    """(line number, text) of Solidity comment lines (``//``, ``///``, ``/*``, `` *``)."""
    lines = []
    for number, text in enumerate(source.splitlines(), start=1):
        stripped = text.strip()
        if stripped.startswith(("//", "/*", "*")):
            lines.append((number, stripped))
        elif "//" in text:
            lines.append((number, text[text.index("//") :]))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", type=Path, help="documents (default: docs/*.md)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args(argv)
    root = args.root.resolve()
    docs = [d.resolve() for d in args.docs] or sorted((root / "docs").glob("*.md"))

    checker = Checker(root)
    for doc in docs:
        checker.check_document(doc)
    checker.check_invariant_citations(checker.defined_invariants())

    for message in checker.problems:
        print(message)
    if checker.problems:
        print(f"check_doc_refs: {len(checker.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"check_doc_refs: {checker.references} test references in {len(docs)} documents resolve")
    return 0


if __name__ == "__main__":
    sys.exit(main())

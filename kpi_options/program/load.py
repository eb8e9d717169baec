"""Strict reading of program files (YAML 1.2 or JSON) and of the names file a program may cite.

YAML 1.1 (PyYAML) changes what a launch sends: ``bond: 0100`` is octal 64, an unquoted ``12:30``
is base-60 750, ``symbol: NO`` is false, and a key written twice silently keeps the last value.
This reader composes the file with ruamel.yaml under YAML 1.2 and builds the values itself:

- integers are decimal (``0100`` is one hundred; ``0x``/``0o`` forms are refused), numbers with
  a fraction or exponent are :class:`~decimal.Decimal` exactly as written, ``.inf``/``.nan`` stay
  text for the validator to report;
- ``12:30``, ``yes``/``no``/``on``/``off`` are text (YAML 1.2 has no base 60 and only
  ``true``/``false``); dates and times stay text (parsed later by ``parse_expiration``);
- a key given twice in one mapping, at any depth (also inside ``ancillary``), is an error naming
  both lines; keys must be plain text;
- tags other than YAML's own (``!!str`` …) are refused;
- JSON files are checked as JSON first (its own error positions), then read the same way.

Every failure is one :class:`ProgramFileError` whose text is ``FILE:LINE:COL: what is wrong``
(1-based), never a traceback.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kpi_options.errors import ProgramFileError

__all__ = [
    "load_deployments",
    "load_program_file",
    "load_program_text",
    "loads_program",
    "loads_program_text",
    "read_program_text",
]


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Builder:
    def __init__(self, source: str):
        self.source = source

    def fail(self, node: Any, message: str) -> ProgramFileError:
        mark = node.start_mark
        return ProgramFileError(self.source, mark.line + 1, mark.column + 1, message)

    def build(self, node: Any) -> Any:
        kind = type(node).__name__
        tag = str(node.tag)
        if kind == "MappingNode":
            if tag != _MAP:
                raise self.fail(node, f"tag {tag} is not allowed here")
            return self.mapping(node)
        if kind == "SequenceNode":
            if tag != _SEQ:
                raise self.fail(node, f"tag {tag} is not allowed here")
            return [self.build(item) for item in node.value]
        return self.scalar(node, tag)

    def mapping(self, node: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if type(key_node).__name__ != "ScalarNode":
                raise self.fail(key_node, "a key must be plain text, not a list or mapping")
            if str(key_node.tag) == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys (<<) are not allowed: write the fields out")
            key = str(key_node.value)
            here = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in first:
                (line1, col1), (line2, col2) = first[key], here
                where = (
                    f"lines {line1} and {line2}"
                    if line1 != line2
                    else f"line {line1}, columns {col1} and {col2}"
                )
                raise self.fail(key_node, f"key {key!r} is given twice ({where}); keep one")
            first[key] = here
            out[key] = self.build(value_node)
        return out

    def scalar(self, node: Any, tag: str) -> Any:
        text = node.value
        if node.style == ">":
            # ruamel's round-trip scanner marks each folded line break with BEL (U+0007); YAML
            # content cannot hold a raw BEL, so removing them gives the folded text.
            text = text.replace("\a", "")
        if tag in (_STR, _TIMESTAMP):
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _INT:
            body = text.replace("_", "")
            digits = body.lstrip("+-")
            if not digits.isdigit():
                raise self.fail(node, f"{text!r}: write numbers in decimal (no 0x / 0o forms)")
            return int(body)
        if tag == _FLOAT:
            try:
                return Decimal(text.replace("_", ""))
            except InvalidOperation:
                return text  # .inf / .nan: left as text so the validator names the field
        raise self.fail(node, f"tag {tag} is not allowed here")


def loads_program_text(text: str, source: str = "<program>", *, fmt: str = "yaml") -> Any:
    """Parse program text (``fmt`` ``"yaml"`` or ``"json"``) as described in the module doc."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if fmt == "json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgramFileError(
                source, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}"
            ) from None
    if not text.strip():
        raise ProgramFileError(source, 1, 1, "the file is empty; a program is a mapping of fields")
    yaml = YAML(typ="rt", pure=True)
    yaml.version = (1, 2)
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        if "\t" in problem or "'\\t'" in problem:
            problem += " (indent with spaces, not tabs)"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ProgramFileError(source, line, column, f"not valid YAML: {problem}") from None
    except YAMLError as exc:
        raise ProgramFileError(source, 1, 1, f"not valid YAML: {exc}") from None
    if node is None:
        raise ProgramFileError(source, 1, 1, "the file is empty; a program is a mapping of fields")
    return _Builder(source).build(node)


def read_program_text(path: str | Path) -> tuple[str, str]:
    """The file's text and format (``"json"`` for ``.json``, else ``"yaml"``), or one-line errors
    for an unreadable file or bytes that are not UTF-8 text."""
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ProgramFileError(source, 1, 1, "is a directory, not a program file") from None
    except OSError as exc:
        raise ProgramFileError(source, 1, 1, f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = raw[exc.start]
        raise ProgramFileError(
            source, line, column, f"not UTF-8 text (byte 0x{byte:02x}); is this a program file?"
        ) from None
    if "\x00" in text:
        before = text[: text.index("\x00")]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise ProgramFileError(source, line, column, "binary data (a NUL byte); not a program file")
    return text.removeprefix("\ufeff"), "json" if path.suffix.lower() == ".json" else "yaml"


def load_program_text(path: str | Path) -> Any:
    """Read and parse a program (or deployments) file; see :func:`loads_program_text`."""
    text, fmt = read_program_text(path)
    return loads_program_text(text, str(path), fmt=fmt)


def loads_program(text: str, *, fmt: str = "yaml", source: str = "<program>") -> dict:
    """Parse program text into a mapping (see the module doc); a file whose top level is not a
    mapping of fields is refused the same way."""
    data = loads_program_text(text, source, fmt=fmt)
    if not isinstance(data, dict):
        raise ProgramFileError(source, 1, 1, "the program file must hold a mapping of fields")
    return data


def load_program_file(path: str | Path) -> dict:
    """Read a ``.yaml``/``.yml``/``.json`` program file into a dict (not yet validated)."""
    text, fmt = read_program_text(path)
    return loads_program(text, fmt=fmt, source=str(path))


def load_deployments(path: str | Path) -> dict[str, dict]:
    """Read a names file: ``{name: "0x…"}`` or ``{name: {address: "0x…", decimals: 6}}``.

    Returns ``{name: {"address": ..., "decimals": ... (optional)}}``.
    """
    raw = load_program_file(path)
    out: dict[str, dict] = {}
    for name, entry in raw.items():
        if isinstance(entry, str):
            out[str(name)] = {"address": entry}
        elif isinstance(entry, dict):
            out[str(name)] = dict(entry)
        else:
            raise ProgramFileError(
                str(path), 1, 1, f"{name!r}: expected an address or {{address, decimals}}"
            )
    return out

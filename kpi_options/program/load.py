"""Strict reading of program files (YAML or JSON) and of the names file a program may cite.

Numbers are read without floats: YAML floats and JSON numbers are loaded as :class:`Decimal`
exactly as written; YAML timestamps stay text (validation parses them).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from kpi_options.errors import Problem, ProgramError

__all__ = ["load_deployments", "load_program_file", "loads_program"]


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader that reads floats as Decimal (exactly as written) and timestamps as text."""


def _decimal_constructor(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal | str:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return text  # .inf / .nan: left as text so validation reports it


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal_constructor)
_ExactLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def loads_program(text: str, *, fmt: str = "yaml") -> dict:
    """Parse program text (``fmt`` ``"yaml"`` or ``"json"``) with exact numbers."""
    if fmt == "json":
        data = json.loads(text, parse_float=Decimal)
    else:
        data = yaml.load(text, Loader=_ExactLoader)  # noqa: S506 - SafeLoader subclass
    if not isinstance(data, dict):
        raise ProgramError([Problem("(file)", "the program file must hold a mapping at top level")])
    return data


def load_program_file(path: str | Path) -> dict:
    """Read a ``.yaml``/``.yml``/``.json`` program file into a dict (not yet validated)."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    return loads_program(path.read_text(encoding="utf-8"), fmt=fmt)


def load_deployments(path: str | Path) -> dict[str, dict]:
    """Read a deployments file: ``{name: "0x…"}`` or ``{name: {address: "0x…", decimals: 6}}``.

    Returns ``{name: {"address": ..., "decimals": ... (optional)}}``.
    """
    path = Path(path)
    raw = loads_program(
        path.read_text(encoding="utf-8"), fmt="json" if path.suffix == ".json" else "yaml"
    )
    out: dict[str, dict] = {}
    for name, entry in raw.items():
        out[str(name)] = {"address": entry} if isinstance(entry, str) else dict(entry)
    return out

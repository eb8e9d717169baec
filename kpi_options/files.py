"""Reading the JSON files a user hands us (deployments records, Safe batch files).

One reader, so that every such file fails the same way: one line naming the file (and, for a
syntax error, its line and column), raised as the caller's error class with the caller's
parameter name, never a traceback. Program files have their own, stricter reader
(``kpi_options.program.load``: YAML or JSON, duplicate keys refused).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kpi_options.errors import KpiError


def read_json(path: str | Path, error: type[KpiError], param: str) -> Any:
    """The JSON value in ``path``; any problem reading it raises ``error(message, param)``."""
    source = Path(path)
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{source}: cannot read ({exc.strerror})", param) from None
    except UnicodeDecodeError:
        raise error(f"{source}: not UTF-8 text", param) from None
    except json.JSONDecodeError as exc:
        raise error(
            f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}", param
        ) from None

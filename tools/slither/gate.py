#!/usr/bin/env python3
"""Fail when slither reports a high/medium finding that is not triaged.

Usage: gate.py SLITHER_JSON TRIAGE_JSON

SLITHER_JSON is slither's ``--json`` output; TRIAGE_JSON lists accepted findings as
``{"accepted": [{"detector": ..., "location": ..., "reason": ...}]}``. A finding's location is
``<file>:<Contract>.<function signature>`` (or ``<file>:<Contract>`` / ``<file>#L<line>``) of its
first element, so it survives edits that only move lines. Standard library only: it runs with any
Python 3.
"""

from __future__ import annotations

import json
import sys

GATED = ("High", "Medium")


def location(result: dict) -> str:
    """A stable location string for a slither result (its first source element)."""
    elements = result.get("elements") or []
    if not elements:
        return "?"
    el = elements[0]
    mapping = el.get("source_mapping") or {}
    filename = mapping.get("filename_relative") or mapping.get("filename_short") or "?"
    kind = el.get("type")
    name = el.get("name", "?")
    parent = (el.get("type_specific_fields") or {}).get("parent") or {}
    if kind == "function":
        return f"{filename}:{parent.get('name', '?')}.{(el.get('type_specific_fields') or {}).get('signature', name)}"
    if kind == "contract":
        return f"{filename}:{name}"
    if kind == "variable" and parent.get("type") == "contract":
        return f"{filename}:{parent.get('name', '?')}.{name}"
    if parent.get("type") == "function":
        grand = (parent.get("type_specific_fields") or {}).get("parent") or {}
        sig = (parent.get("type_specific_fields") or {}).get("signature", parent.get("name"))
        return f"{filename}:{grand.get('name', '?')}.{sig}"
    lines = mapping.get("lines") or [0]
    return f"{filename}#L{lines[0]}"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf8") as fh:
        report = json.load(fh)
    with open(argv[2], encoding="utf8") as fh:
        triage = json.load(fh)
    if not report.get("success", False):
        print(f"slither failed: {report.get('error')}", file=sys.stderr)
        return 2
    accepted = {
        (a["detector"], a["location"]): a.get("reason", "") for a in triage.get("accepted", [])
    }
    results = (report.get("results") or {}).get("detectors") or []
    counts: dict[str, int] = {}
    untriaged, used = [], set()
    for result in results:
        impact = result.get("impact", "?")
        counts[impact] = counts.get(impact, 0) + 1
        if impact not in GATED:
            continue
        key = (result.get("check", "?"), location(result))
        if key in accepted:
            used.add(key)
        else:
            untriaged.append((impact, key, result.get("description", "").strip().splitlines()[0:1]))
    summary = ", ".join(f"{k}: {counts[k]}" for k in sorted(counts)) or "none"
    print(f"slither findings by impact: {summary}")
    for key in sorted(set(accepted) - used):
        print(f"note: triage entry matches no finding any more: {key[0]} @ {key[1]}")
    if untriaged:
        print(f"{len(untriaged)} high/medium finding(s) not triaged in {argv[2]}:")
        for impact, (check, loc), first in untriaged:
            print(f"  [{impact}] {check} @ {loc}  {first[0] if first else ''}")
        return 1
    print("no untriaged high/medium findings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

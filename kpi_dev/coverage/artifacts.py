"""Compile the project's Solidity sources for coverage and recognise deployed code.

The sources are compiled again with the *same* standard-json settings ape-solidity uses (its own
``get_standard_input_json``: optimizer, runs, EVM version, remappings), through the same compiler
(the solc-js shim in ``$SOLCX_BINARY_PATH``), asking only for the outputs coverage needs: bytecode,
deployed bytecode, both source maps, immutable references and the AST. The bytecode therefore
matches what ape deployed; deployed code is recognised by comparing it with each compiled runtime
after zeroing immutables and dropping the CBOR metadata (whose hash can differ when ape compiled a
subset of files with fewer remappings).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_dev.coverage.sourcemap import (
    LineIndex,
    SourceMapEntry,
    decode_source_map,
    instruction_pcs,
    strip_metadata,
)

OUTPUT_SELECTION = [
    "evm.bytecode.object",
    "evm.bytecode.sourceMap",
    "evm.deployedBytecode.object",
    "evm.deployedBytecode.sourceMap",
    "evm.deployedBytecode.immutableReferences",
]


class CoverageCompileError(RuntimeError):
    """The coverage compilation failed or produced errors."""


@dataclass
class Bytecode:
    """One bytecode object (runtime or creation) with its decoded source map."""

    code: bytes
    source_map: list[SourceMapEntry]
    immutables: list[tuple[int, int]] = field(default_factory=list)
    pcs: list[int] = field(init=False)
    index_of: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.pcs = instruction_pcs(self.code)
        self.index_of = {pc: i for i, pc in enumerate(self.pcs)}

    def entry_at(self, pc: int) -> SourceMapEntry | None:
        """The source-map entry of the instruction at ``pc`` (None past the mapped code)."""
        index = self.index_of.get(pc)
        if index is None or index >= len(self.source_map):
            return None
        return self.source_map[index]

    def comparable(self, code: bytes | None = None) -> bytes:
        """``code`` (default: this object's) with immutables zeroed and metadata dropped."""
        data = bytearray(self.code if code is None else code)
        for start, length in self.immutables:
            data[start : start + length] = bytes(length)
        return strip_metadata(bytes(data))


@dataclass
class CompiledContract:
    """A contract of the coverage compilation."""

    source_id: str
    name: str
    runtime: Bytecode
    creation: Bytecode

    @property
    def key(self) -> str:
        """``source_id:Name``, the identifier used in reports."""
        return f"{self.source_id}:{self.name}"


@dataclass
class SourceFile:
    """A compiled source file: its text, line index and AST."""

    file_id: int
    source_id: str
    text: str
    ast: dict[str, Any]
    lines: LineIndex


@dataclass
class Compilation:
    """All contracts and sources of the project, compiled for coverage."""

    root: Path
    sources: dict[int, SourceFile]
    contracts: list[CompiledContract]
    _by_length: dict[int, list[CompiledContract]] = field(default_factory=dict, init=False)
    _known: dict[bytes, CompiledContract | None] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for contract in self.contracts:
            if contract.runtime.code:
                self._by_length.setdefault(len(contract.runtime.code), []).append(contract)

    def contract_by_key(self, key: str) -> CompiledContract:
        """Look a contract up by ``source_id:Name``."""
        for contract in self.contracts:
            if contract.key == key:
                return contract
        raise KeyError(key)

    def identify_runtime(self, code: bytes) -> CompiledContract | None:
        """The compiled contract whose runtime code is ``code`` (immutables and metadata aside)."""
        if code in self._known:
            return self._known[code]
        found = None
        for candidate in self._by_length.get(len(code), []):
            if candidate.runtime.comparable(code) == candidate.runtime.comparable():
                found = candidate
                break
        self._known[code] = found
        return found

    def identify_initcode(self, initcode: bytes) -> CompiledContract | None:
        """The compiled contract whose creation code starts ``initcode`` (constructor args follow)."""
        best = None
        for contract in self.contracts:
            code = contract.creation.code
            if (
                code
                and initcode.startswith(code)
                and (best is None or len(code) > len(best.creation.code))
            ):
                best = contract
        if best is not None:
            return best
        # Metadata may differ from ape's build: compare up to the runtime's metadata marker.
        for contract in self.contracts:
            code = contract.creation.code
            cut = code.find(b"\xa2\x64ipfs")
            if code and cut > 0 and initcode[:cut] == code[:cut]:
                return contract
        return None


def _solc_binary(version: str) -> Path:
    folder = os.environ.get("SOLCX_BINARY_PATH")
    if not folder:
        raise CoverageCompileError("SOLCX_BINARY_PATH is not set (source tools/env.sh first)")
    binary = Path(folder) / f"solc-v{version}"
    if not binary.exists():
        raise CoverageCompileError(f"no compiler at {binary}")
    return binary


def run_standard_json(input_json: dict, version: str, base_path: Path) -> dict:
    """Compile a standard-json input with the shim for ``version``; raise on compile errors."""
    proc = subprocess.run(
        [str(_solc_binary(version)), "--standard-json", "--base-path", str(base_path)],
        input=json.dumps(input_json),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise CoverageCompileError(proc.stderr.strip() or f"solc exited with {proc.returncode}")
    output = json.loads(proc.stdout)
    errors = [e for e in output.get("errors", []) if e.get("severity") == "error"]
    if errors:
        raise CoverageCompileError("\n".join(e.get("formattedMessage", str(e)) for e in errors))
    return output


def with_coverage_outputs(input_json: dict) -> dict:
    """A copy of ``input_json`` asking for the coverage outputs for every source."""
    patched = json.loads(json.dumps(input_json))
    patched["settings"]["outputSelection"] = {
        source_id: {"*": list(OUTPUT_SELECTION), "": ["ast"]} for source_id in patched["sources"]
    }
    return patched


def build_compilation(outputs: list[dict], root: Path) -> Compilation:
    """Turn standard-json outputs (one per compiler version) into a :class:`Compilation`."""
    sources: dict[int, SourceFile] = {}
    contracts: list[CompiledContract] = []
    for output, input_sources in outputs:
        for source_id, info in output.get("sources", {}).items():
            text = input_sources.get(source_id, {}).get("content")
            if text is None:
                path = root / source_id
                text = path.read_text(encoding="utf8") if path.is_file() else ""
            sources[info["id"]] = SourceFile(
                file_id=info["id"],
                source_id=source_id,
                text=text,
                ast=info.get("ast", {}),
                lines=LineIndex(text),
            )
        for source_id, by_name in output.get("contracts", {}).items():
            for name, data in by_name.items():
                evm = data.get("evm", {})
                deployed = evm.get("deployedBytecode", {})
                creation = evm.get("bytecode", {})
                immutables = [
                    (ref["start"], ref["length"])
                    for refs in (deployed.get("immutableReferences") or {}).values()
                    for ref in refs
                ]
                contracts.append(
                    CompiledContract(
                        source_id=source_id,
                        name=name,
                        runtime=Bytecode(
                            bytes.fromhex(deployed.get("object", "")),
                            decode_source_map(deployed.get("sourceMap", "")),
                            immutables,
                        ),
                        creation=Bytecode(
                            bytes.fromhex(creation.get("object", "")),
                            decode_source_map(creation.get("sourceMap", "")),
                        ),
                    )
                )
    return Compilation(root=root, sources=sources, contracts=contracts)


def compile_standard_inputs(inputs: dict[str, dict], root: Path) -> Compilation:
    """Compile ``{version: standard-json input}`` for coverage."""
    return build_compilation(coverage_outputs(inputs, root), root)


def coverage_outputs(
    inputs: dict[str, dict], root: Path, cache: Path | None = None
) -> list[tuple[dict, dict]]:
    """``(solc output, input sources)`` per compiler version, with the coverage outputs asked for:
    the JSON-serialisable form of a compilation (pytest-xdist workers read it from a file instead
    of each compiling again). With ``cache`` (a folder), an output is kept there under the hash of
    everything solc is given -- the sources' contents are in the input -- and reused."""
    outputs = []
    for version, input_json in inputs.items():
        patched = with_coverage_outputs(input_json)
        outputs.append((_cached_standard_json(patched, version, root, cache), patched["sources"]))
    return outputs


def _cached_standard_json(input_json: dict, version: str, root: Path, cache: Path | None) -> dict:
    if cache is None:
        return run_standard_json(input_json, version, root)
    key = hashlib.sha256(
        json.dumps(
            [version, str(_solc_binary(version)), str(root), input_json], sort_keys=True
        ).encode()
    ).hexdigest()
    path = cache / f"solc-{version}-{key[:32]}.json"
    if path.is_file():
        return json.loads(path.read_text())
    output = run_standard_json(input_json, version, root)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"solc-{version}-*.json"):  # one kept per version
        old.unlink(missing_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(output))
    partial.replace(path)
    return output


def ape_project_outputs(project: Any, cache: Path | None = None) -> list[tuple[dict, dict]]:
    """:func:`coverage_outputs` for every Solidity source of an ape project."""
    from ape import compilers

    solidity = compilers.registered_compilers[".sol"]
    paths = [p for p in project.sources.paths if p.suffix == ".sol"]
    if not paths:
        return []
    inputs = solidity.get_standard_input_json(paths, project=project)
    by_version = {str(v).split("+")[0]: j for v, j in inputs.items()}
    return coverage_outputs(by_version, Path(project.path), cache)


def compile_ape_project(project: Any, cache: Path | None = None) -> Compilation:
    """Compile every Solidity source of an ape project with ape-solidity's own settings."""
    return build_compilation(ape_project_outputs(project, cache), Path(project.path))

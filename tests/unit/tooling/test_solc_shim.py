"""The solc-js shim must answer the two calls py-solc-x and forge make of a native solc."""

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHIM = ROOT / "tools" / "solc" / "solc-v0.8.30"


def _run(*args, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SHIM), *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_version__answers_like_native_solc__py_solc_x_parses_it():
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    match = re.search(r"^Version: (\d+\.\d+\.\d+)\+commit\.[0-9a-f]{8}", result.stdout, re.M)
    assert match is not None, result.stdout
    assert match.group(1) == "0.8.30"


def test_standard_json__import_from_base_path__compiles_both_files(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "Math.sol").write_text(
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n"
        "library Math { function twice(uint256 x) internal pure returns (uint256) { return 2 * x; } }\n"
    )
    source = (
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n"
        'import {Math} from "lib/Math.sol";\n'
        "contract UsesMath { function f(uint256 x) external pure returns (uint256) { return Math.twice(x); } }\n"
    )
    request = {
        "language": "Solidity",
        "sources": {"UsesMath.sol": {"content": source}},
        "settings": {
            "evmVersion": "prague",
            "outputSelection": {"*": {"*": ["abi", "evm.bytecode.object"]}},
        },
    }
    result = _run("--standard-json", "--base-path", str(tmp_path), stdin=json.dumps(request))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    errors = [e for e in output.get("errors", []) if e["severity"] == "error"]
    assert errors == []
    assert set(output["sources"]) == {"UsesMath.sol", "lib/Math.sol"}
    compiled = output["contracts"]["UsesMath.sol"]["UsesMath"]
    assert compiled["abi"][0]["name"] == "f"
    assert len(compiled["evm"]["bytecode"]["object"]) > 100


def test_standard_json__missing_import__reports_compiler_error(tmp_path):
    source = (
        "// SPDX-License-Identifier: MIT\npragma solidity 0.8.30;\n"
        'import "nowhere/Missing.sol";\ncontract C {}\n'
    )
    request = {"language": "Solidity", "sources": {"C.sol": {"content": source}}, "settings": {}}
    result = _run("--standard-json", "--base-path", str(tmp_path), stdin=json.dumps(request))
    assert result.returncode == 0
    errors = json.loads(result.stdout)["errors"]
    assert any("Missing.sol" in e["message"] for e in errors)


@pytest.mark.parametrize("bad", [["--optimize"], []])
def test_unsupported_call__exits_2_with_message(bad):
    result = _run(*bad)
    assert result.returncode == 2
    assert "solc-shim:" in result.stderr

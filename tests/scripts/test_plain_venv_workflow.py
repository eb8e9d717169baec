"""The plain Ape workflow: `source .venv/bin/activate` alone is enough for `ape test`.

The shell starts from an empty environment (no tools/env.sh, no SOLCX_BINARY_PATH, no
APE_DATA_FOLDER, no node_modules on PATH), activates the venv and runs one test file; the venv's
start-up file (tools/venv_env.py, written by `make setup`) and the anvil/forge links provide the
rest.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"


@pytest.mark.skipif(VENV.is_symlink(), reason=".venv links another checkout's install")
def test_ape_test__shell_with_only_the_venv_activated__runs_and_passes():
    assert (VENV / "bin" / "activate").is_file(), "run `make setup` first"
    script = (
        "source .venv/bin/activate && command -v anvil && command -v forge && "
        # the solc shim is found through the venv (py-solc-x lists it as installed)
        "python -c 'import solcx; print(\"solc\", solcx.get_installed_solc_versions())' && "
        "ape run kpi --help && "
        "ape test tests/unit/safe/test_batch_file.py -q -p no:cacheprovider -k test_checksum__"
    )
    clean_env = {
        "HOME": os.environ.get("HOME", "/root"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert str(VENV / "bin" / "anvil") in result.stdout
    assert str(VENV / "bin" / "forge") in result.stdout
    assert "solc [<Version('0.8.30')>]" in result.stdout, output
    assert "Commands:" in result.stdout and "launch" in result.stdout, output
    assert "3 passed" in result.stdout, output

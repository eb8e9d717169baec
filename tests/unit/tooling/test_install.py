"""``pip install .`` gives an importable product without the dev tooling (issue 15).

The package is built and installed by pip from a copy of this checkout (pyproject.toml,
kpi_options/ and kpi_dev/, which must be left out by the build) into a temporary folder (``--target``,
``--no-deps``, ``--no-build-isolation``: offline, with the setuptools and wheel of this env), then
imported by a fresh interpreter started with ``-I -S``: no current folder, no ``PYTHONPATH``, no
``.pth`` files (the venv's ``kpi_options_repo.pth`` would put the checkout itself on the path). Its
path is the installed folder followed by this env's site-packages, for the dependencies only.
"""

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import importlib, importlib.util, json, sys
sys.path[:0] = json.loads(sys.argv[1])
names = ["kpi_options", "kpi_options.cli", "kpi_options.lifecycle", "kpi_options.chain.system",
         "kpi_options.program", "kpi_options.payouts", "kpi_options.distribution.transfers",
         "kpi_options.settlement", "kpi_options.render", "kpi_options.errors",
         "kpi_options.keeper", "kpi_options.uma"]
files = {name: importlib.import_module(name).__file__ for name in names}
print(json.dumps({"files": files, "kpi_dev": importlib.util.find_spec("kpi_dev") is not None}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    # Build from a copy of what the build reads (pyproject.toml and the packages it lists), so
    # setuptools' build/ and egg-info folders land there and not in the checkout.
    source = work / "src"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    for package in ("kpi_options", "kpi_dev"):
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    target = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--no-index", "--disable-pip-version-check", "--target", str(target), str(source)],
        check=True,
        cwd=work,
        capture_output=True,
    )
    return target


def test_pip_install__fresh_target__product_importable_without_dev_tools(installed):
    path = [str(installed), sysconfig.get_paths()["purelib"]]
    probe = subprocess.run(
        [sys.executable, "-I", "-S", "-c", PROBE, json.dumps(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=installed,
    )
    found = json.loads(probe.stdout)
    for name, file in found["files"].items():
        assert Path(file).is_relative_to(installed), (name, file)
    assert found["kpi_dev"] is False
    assert not (installed / "kpi_dev").exists()


def test_pip_install__metadata__dev_extra_brings_the_dev_tools(installed):
    (dist_info,) = installed.glob("kpi_options-*.dist-info")
    requires = [
        line.split(":", 1)[1].strip()
        for line in (dist_info / "METADATA").read_text().splitlines()
        if line.startswith("Requires-Dist:")
    ]
    dev = {r.split("==")[0] for r in requires if 'extra == "dev"' in r}
    runtime = {r.split("==")[0] for r in requires if "extra ==" not in r}
    assert {"pytest", "hypothesis", "ruff"} <= dev
    assert not {"pytest", "hypothesis", "ruff"} & runtime
    assert "eth-ape" in runtime

"""Make the project's .venv self-sufficient: after `source .venv/bin/activate` alone, `ape compile`,
`ape test` and `ape run` find the solc shim, anvil, forge and the per-checkout ape data folder.

Run by `make setup` (with the venv's python, from the repository root):

- links anvil and forge (npm's @foundry-rs/*-linux-amd64 binaries) into .venv/bin, which the
  activated venv puts on PATH;
- writes `kpi_options_env.pth` into the venv's site-packages: a start-up line that sets
  SOLCX_BINARY_PATH (the solc-js shim in tools/solc) and APE_DATA_FOLDER (.ape of this checkout)
  unless they are already set, and puts .venv/bin on PATH for `.venv/bin/ape` run without
  activation. What tools/env.sh exports, the venv now carries itself.
"""

import os
import site
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path.cwd()
BIN = Path(sys.prefix) / "bin"
TOOLS = {
    "anvil": ROOT / "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil",
    "forge": ROOT / "node_modules/@foundry-rs/forge-linux-amd64/bin/forge",
}


def main() -> None:
    for name, target in TOOLS.items():
        if not target.is_file():
            sys.exit(f"{target}: missing (npm ci first)")
        link = BIN / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
    env = {"SOLCX_BINARY_PATH": str(ROOT / "tools/solc"), "APE_DATA_FOLDER": str(ROOT / ".ape")}
    line = (
        "import os; "
        + "; ".join(f"os.environ.setdefault({k!r}, {v!r})" for k, v in env.items())
        + f"; {str(BIN)!r} in os.environ.get('PATH', '').split(os.pathsep)"
        + f" or os.environ.__setitem__('PATH', {str(BIN)!r} + os.pathsep + os.environ.get('PATH', ''))"
    )
    pth = Path(site.getsitepackages()[0]) / "kpi_options_env.pth"
    pth.write_text(line + "\n", encoding="utf-8")
    print(f"{pth.name}: SOLCX_BINARY_PATH, APE_DATA_FOLDER set; anvil, forge linked into {BIN}")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()

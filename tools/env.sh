# Source this from the repository root (or a worktree root) to use the toolchain by hand:
#   source tools/env.sh && ape compile && ape test tests/unit
_kpi_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SOLCX_BINARY_PATH="$_kpi_root/tools/solc"
export PATH="$_kpi_root/node_modules/@foundry-rs/anvil-linux-amd64/bin:$_kpi_root/node_modules/@foundry-rs/forge-linux-amd64/bin:$_kpi_root/.venv/bin:$PATH"
export APE_DATA_FOLDER="$_kpi_root/.ape"
export PYTHONPATH="$_kpi_root${PYTHONPATH:+:$PYTHONPATH}"
unset _kpi_root

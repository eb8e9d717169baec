"""Run the fork tests: an upstream chain, the system on it, and an ape session forking it.

``ethereum:mainnet-fork:foundry`` forks whatever the ``node`` provider's mainnet URI points at. Two
targets:

- ``local``: an upstream anvil started here (chain id 1, a free loopback port), with the system
  deployed on it by ``deploy_system`` in a process of its own; always run. Its oracle is UMA's
  own code from ``@uma/core`` (Finder, IdentifierWhitelist, AddressWhitelist, Store,
  OptimisticOracleV2 and UMA's DVM double MockOracleAncillary, through
  ``kpi_options.chain.system.deploy_system(oracle="uma")``); the creator and payout libraries
  are the project's.
- ``mainnet``: the real chain at ``KPI_MAINNET_RPC_URL``, against UMA's deployed Finder and
  OptimisticOracleV2 (addresses in ``tests/fork/conftest.py``); run only when that variable is set.

Each target runs ``ape test tests/fork --network ethereum:mainnet-fork:foundry`` as a subprocess;
``tests/fork/conftest.py`` reads ``KPI_FORK_TARGET``, ``KPI_FORK_UPSTREAM_URI`` and
``KPI_FORK_SYSTEM`` and points ape's node and foundry fork configuration at the upstream.

Usage: ``python -m tests.fork.upstream`` (``make fork-test``), or through
``tests/fork/test_fork_runner.py`` in a normal session (``-m fork``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORK_NETWORK = "ethereum:mainnet-fork:foundry"
MAINNET_RPC_ENV = "KPI_MAINNET_RPC_URL"


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_upstream(port: int, chain_id: int = 1) -> subprocess.Popen:
    """Start ``anvil --chain-id <chain_id>`` on ``port`` and wait until it opens the port (30 s at
    most)."""
    anvil = shutil.which("anvil")
    if anvil is None:
        raise RuntimeError("anvil is not on PATH (source tools/env.sh)")
    process = subprocess.Popen(
        [
            anvil,
            "--chain-id",
            str(chain_id),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--silent",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"upstream anvil exited with {process.returncode}") from None
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"upstream anvil did not open port {port} within 30 s")


def deploy_system(uri: str, out: Path) -> dict:
    """Deploy UMA's oracle stack (``@uma/core``), the project's creator, every payout library and a
    whitelisted 6-decimal collateral on the chain at ``uri`` from test account 0; write the
    addresses to ``out``.

    Runs inside the caller's process: call it from a process with no other ape connection
    (``python -m tests.fork.upstream deploy``).
    """
    from ape import accounts, config, networks, project
    from ape.logging import logger

    from kpi_options.chain.abi import TestToken
    from kpi_options.chain.system import deploy_system

    logger.set_level("WARNING")  # one line per deployment otherwise
    # Anvil mines one block per transaction; ape waits for 2 confirmations on "mainnet" by default.
    config.get_config("ethereum").mainnet.required_confirmations = 0
    with networks.parse_network_choice("ethereum:mainnet:node", provider_settings={"uri": uri}):
        owner = accounts.test_accounts[0]
        deployed = deploy_system(
            project, owner, oracle="uma", tokens=[TestToken("fUSD", "Fork USD", 6, Decimal(2))]
        )
        system = {
            "oracle": "uma",
            "finder": deployed.finder,
            "optimisticOracle": deployed.optimistic_oracle,
            "store": deployed.stack.store.address,
            "dvm": deployed.stack.dvm.address,
            "creator": deployed.creator.address,
            "collateral": deployed.tokens["fUSD"].address,
            "libraries": {name: lib.address for name, lib in deployed.libraries.items()},
        }
    out.write_text(json.dumps(system, indent=2))
    return system


def run_target(target: str, pytest_args: list[str]) -> int:
    """Run the fork suite against ``target`` (``local`` or ``mainnet``); returns the exit code."""
    env = dict(os.environ, KPI_FORK_TARGET=target)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    upstream = None
    with tempfile.TemporaryDirectory() as scratch:
        try:
            if target == "local":
                port = free_port()
                upstream = start_upstream(port)
                uri = f"http://127.0.0.1:{port}"
                system = Path(scratch) / "system.json"
                subprocess.run(
                    [sys.executable, "-m", "tests.fork.upstream", "deploy", uri, str(system)],
                    cwd=ROOT,
                    env=env,
                    check=True,
                )
                env |= {"KPI_FORK_UPSTREAM_URI": uri, "KPI_FORK_SYSTEM": str(system)}
            else:
                env["KPI_FORK_UPSTREAM_URI"] = os.environ[MAINNET_RPC_ENV]
            command = ["ape", "test", "tests/fork", "--network", FORK_NETWORK, "-m", "fork"]
            return subprocess.run([*command, *pytest_args], cwd=ROOT, env=env).returncode
        finally:
            if upstream is not None:
                upstream.terminate()
                upstream.wait(timeout=30)


def main(argv: list[str]) -> int:
    if argv[:1] == ["deploy"]:
        deploy_system(argv[1], Path(argv[2]))
        return 0
    code = run_target("local", argv)
    if os.environ.get(MAINNET_RPC_ENV):
        code = code or run_target("mainnet", argv)
    else:
        print(f"{MAINNET_RPC_ENV} is not set: skipping the run against UMA's deployed contracts")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

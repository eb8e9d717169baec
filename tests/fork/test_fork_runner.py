"""Runs the fork suite from a normal session (``ape test tests/fork -m fork``): starts the
upstream anvil, deploys the system on it, runs ``tests/fork`` on ``ethereum:mainnet-fork:foundry``
in a subprocess and checks it passed. ``make fork-test`` does the same without this wrapper."""

import os

import pytest

from tests.fork.upstream import MAINNET_RPC_ENV, run_target

pytestmark = pytest.mark.fork


@pytest.mark.skipif(os.environ.get("KPI_FORK_TARGET") is not None, reason="inside a fork session")
def test_fork_suite__local_upstream__passes():
    assert run_target("local", ["-q", "-p", "no:cacheprovider"]) == 0


@pytest.mark.skipif(
    not os.environ.get(MAINNET_RPC_ENV) or os.environ.get("KPI_FORK_TARGET") is not None,
    reason=f"{MAINNET_RPC_ENV} is not set: no run against UMA's deployed contracts",
)
def test_fork_suite__uma_mainnet__passes():
    assert run_target("mainnet", ["-q", "-p", "no:cacheprovider"]) == 0

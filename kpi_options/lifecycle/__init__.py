"""Every step of a KPI options program, from deploying the system to rolling over into the next one.

The CLI (``ape run kpi``, :mod:`kpi_options.cli`), the demo and the tests call these functions; the
click layer only parses arguments, calls one function and reports its result. One module per step:
:mod:`.setup` (deploy, faucet, advance), :mod:`.launch`, :mod:`.positions` (mint), :mod:`.oracle`
(expire, early request, propose, dispute, resolve), :mod:`.settle`, :mod:`.status` (status,
preview) and :mod:`.rollover`.

Each function checks its inputs and the chain state **before** sending anything and raises
:class:`kpi_options.errors.LifecycleError` (naming the command-line input at fault in ``param``)
when a transaction would fail or do something the user did not mean; program files raise
:class:`kpi_options.errors.ProgramError`, listing every problem. Nothing is sent when any of these
is raised.

Contract handles use this project's ABIs: the mock oracle stack's ABI is UMA's, so the same calls
work against UMA's deployed Finder, whitelists and Optimistic Oracle V2 when ``deploy --finder`` is
used on a live network. Collateral is reached through a minimal ERC20 ABI. Units: see
:mod:`kpi_options.units`.

Typical use (what ``ape run demo`` does)::

    env = Env.connect(project, chain, "deployments", network="local", local=True)
    deploy(env, deployer)
    launched = launch(env, launcher, "programs/demo/tvl-milestones-early.yaml")
    mint(env, sponsor, launched.name, "20000")
"""

from kpi_options.lifecycle.launch import LaunchResult, launch, load_program, sample_metrics
from kpi_options.lifecycle.oracle import (
    DisputeResult,
    ProposeResult,
    RequestResult,
    ResolveResult,
    dispute,
    expire,
    price_argument,
    propose,
    request_early_expiry,
    resolve,
)
from kpi_options.lifecycle.positions import MintResult, mint, mint_raw
from kpi_options.lifecycle.rollover import RolloverResult, rollover
from kpi_options.lifecycle.settle import SettleResult, settle
from kpi_options.lifecycle.setup import DeployResult, advance, deploy, faucet
from kpi_options.lifecycle.status import (
    HolderBalance,
    PairStatus,
    Worth,
    pair_status,
    payout_twin,
    preview,
)

__all__ = [
    "DeployResult",
    "DisputeResult",
    "HolderBalance",
    "LaunchResult",
    "MintResult",
    "PairStatus",
    "ProposeResult",
    "RequestResult",
    "ResolveResult",
    "RolloverResult",
    "SettleResult",
    "Worth",
    "advance",
    "deploy",
    "dispute",
    "expire",
    "faucet",
    "launch",
    "load_program",
    "mint",
    "mint_raw",
    "pair_status",
    "payout_twin",
    "preview",
    "price_argument",
    "propose",
    "request_early_expiry",
    "resolve",
    "rollover",
    "sample_metrics",
    "settle",
]

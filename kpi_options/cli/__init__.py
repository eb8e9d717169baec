"""``ape run kpi <command>``: every step of a KPI options program from the command line.

One module per concern registers its commands on :data:`cli`; the logic lives in
:mod:`kpi_options.lifecycle` (and :mod:`kpi_options.distribution`): each command parses its
arguments, calls one function and reports the result. Bad input is a ``click.BadParameter`` naming
the argument (:func:`kpi_options.cli.common.reported`, the one error translation), with a non-zero
exit and nothing sent. On live networks each sending command asks for confirmation unless ``--yes``
is given; on local networks it never prompts. See README.md "Using it".

A new command: write it in the module of its concern (or a new ``cli/<concern>.py``) with
``@click.command(cls=ConnectedProviderCommand)``, ``@common.options()`` and ``@common.reported``, and add
it to :data:`COMMANDS` below.
"""

from __future__ import annotations

import click

from kpi_options.cli import (
    distribution,
    keeper,
    launch,
    oracle,
    positions,
    rollover,
    settle,
    setup,
    status,
)

__all__ = ["COMMANDS", "cli"]


@click.group()
def cli():
    """KPI options: deploy, launch, mint, distribute, expire, propose, dispute, settle, roll over,
    and the keeper bot."""


COMMANDS = (
    setup.deploy,
    setup.faucet,
    setup.advance,
    launch.launch,
    positions.mint,
    distribution.distribute,
    distribution.airdrop_tree,
    distribution.airdrop_fund,
    distribution.airdrop_claim,
    distribution.airdrop_status,
    distribution.airdrop_clawback,
    distribution.mining_deploy,
    distribution.mining_fund,
    distribution.mining_stake,
    distribution.mining_withdraw,
    distribution.mining_claim,
    distribution.mining_recover_idle,
    distribution.mining_status,
    oracle.expire,
    oracle.request_early_expiry,
    oracle.propose,
    oracle.dispute,
    oracle.resolve,
    settle.settle,
    status.status,
    status.preview,
    rollover.rollover,
    keeper.keeper,
)
"""Every command of the group (``--help`` lists them by name)."""

for _command in COMMANDS:
    cli.add_command(_command)

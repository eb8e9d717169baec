"""``mint``: lock collateral and mint long and short tokens."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli.common import (
    NUMBER_ARGUMENTS,
    common_options,
    confirm,
    connect,
    pair_argument,
    reported,
    sender_for,
)


@click.command(cls=ConnectedProviderCommand, context_settings=NUMBER_ARGUMENTS)
@common_options()
@pair_argument
@click.argument("amount")
@reported
def mint(cli_ctx, network, account, deployments_dir, yes, pair, amount):
    """Lock collateral and mint AMOUNT long and AMOUNT short tokens (human units)."""
    from kpi_options import lifecycle

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    confirm(network, yes, f"Mint {amount} pairs of {pair}")
    result = lifecycle.mint(env, sender, pair, amount)
    p = env.pair(result.pair)
    cli_ctx.logger.success(
        f"minted {p.human(result.tokens)} long + short for {p.human(result.collateral)} {p.symbol}"
    )

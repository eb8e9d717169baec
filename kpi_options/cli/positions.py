"""``mint``: lock collateral and mint long and short tokens."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common


@click.command(cls=ConnectedProviderCommand, context_settings=common.NUMBER_ARGUMENTS)
@common.options()
@common.pair_argument
@click.argument("amount")
@common.reported
def mint(cli_ctx, network, account, deployments_dir, yes, pair, amount):
    """Lock collateral and mint AMOUNT long and AMOUNT short tokens (human units)."""
    from kpi_options import lifecycle

    action = f"Mint {amount} pairs of {pair}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.mint(env, sender, pair, amount)
    p = env.pair(result.pair)
    cli_ctx.logger.success(
        f"minted {p.human(result.tokens)} long + short for {p.human(result.collateral)} {p.symbol}"
    )

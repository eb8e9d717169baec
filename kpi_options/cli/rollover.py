"""``rollover``: settle a finished pair, launch the next program, mint with the proceeds."""

from __future__ import annotations

from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common


@click.command(cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@click.argument("new_program_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", help="Record the new pair under this name (default: the file's stem).")
@click.option("--expiration", help="Override the new file's expiration (unix s or ISO 8601 UTC).")
@common.reported
def rollover(
    cli_ctx, network, account, deployments_dir, yes, pair, new_program_file, name, expiration
):
    """Settle --account's position, launch NEW_PROGRAM_FILE and mint with the returned collateral."""
    from kpi_options import lifecycle

    action = f"Settle {pair} and launch {Path(new_program_file).name}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.rollover(
        env, sender, pair, new_program_file, name=name, expiration=expiration
    )
    if result.launched.pair is None:  # recorded for a Safe batch
        old = env.pair(pair)
        click.echo(
            f"rollover recorded, not sent: settling returns {old.human(result.settled.collateral)} "
            f"{old.symbol}; the new pair will be at {result.launched.expected_pair} (the batch "
            "reverts if another launch from the creator takes that address first)"
        )
    p = env.pair(pair if result.launched.pair is None else result.launched.pair)
    minted = (
        "nothing minted"
        if result.minted is None
        else (
            f"minted {p.human(result.minted.tokens)} pairs for {p.human(result.minted.collateral)} "
            f"{p.symbol}"
        )
    )
    cli_ctx.logger.success(
        f"rolled over into {result.launched.name!r} at "
        f"{result.launched.pair or result.launched.expected_pair}; {minted}"
    )

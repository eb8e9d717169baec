"""``distribute``: send position tokens to every row of a recipients CSV."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli.common import (
    common_options,
    confirm,
    connect,
    pair_argument,
    reported,
    sender_for,
)


@click.command(cls=ConnectedProviderCommand)
@common_options()
@pair_argument
@click.argument("recipients", metavar="RECIPIENTS.csv", type=click.Path(dir_okay=False))
@click.option("--side", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--batch-size", default=25, show_default=True, help="Transfers per batch.")
@reported
def distribute(cli_ctx, network, account, deployments_dir, yes, pair, recipients, side, batch_size):
    """Send position tokens to every address,amount row of RECIPIENTS.csv (checked in full first)."""
    from kpi_options.distribution import transfers

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    p = env.pair(pair)
    rows = transfers.read_recipients(recipients, p.decimals)
    confirm(network, yes, f"Send {side} tokens to {len(rows)} recipients")
    result = transfers.distribute(
        env,
        sender,
        pair,
        recipients,
        side=side,
        batch_size=batch_size,
        progress=lambda done, total: cli_ctx.logger.info(f"sent {done}/{total}"),
    )
    cli_ctx.logger.success(
        f"sent {p.human(result.total)} {side} tokens to {result.recipients} recipients "
        f"in {result.batches} batch(es)"
    )

"""``launch``: validate a program file in full, preview its payouts, launch it."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli.common import (
    common_options,
    confirm,
    connect,
    echo_table,
    reported,
    sender_for,
)
from kpi_options.units import format_time, parse_metric


@click.command(cls=ConnectedProviderCommand)
@common_options()
@click.argument("program_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Validate and print the payout table; send nothing.")
@click.option("--name", help="Record the pair under this name (default: the file's stem).")
@click.option("--expiration", help="Override the file's expiration (unix s or ISO 8601 UTC).")
@click.option("--metric", "metrics", multiple=True, help="Raw metric value for the table (repeat).")
@reported
def launch(
    cli_ctx,
    network,
    account,
    deployments_dir,
    yes,
    program_file,
    dry_run,
    name,
    expiration,
    metrics,
):
    """Validate PROGRAM_FILE in full and launch it (payout parameters set atomically)."""
    from kpi_options import lifecycle

    env = connect(cli_ctx, network, deployments_dir)
    values = [parse_metric(m) for m in metrics] or None
    preview = lifecycle.launch(
        env, None, program_file, name=name, expiration=expiration, dry_run=True, metrics=values
    )
    program = preview.program
    for warning in program.warnings:
        cli_ctx.logger.warning(str(warning))
    symbol = env.erc20(program.collateral_token).symbol()
    click.echo(
        f"{program.pair_name}: {program.payout_library} payout, {symbol} "
        f"({program.collateral_token}), expires {format_time(program.expiration_timestamp)}"
    )
    echo_table(preview.table, symbol)
    if dry_run:
        from kpi_options.program.resolution import resolution_report

        for line in resolution_report(program.ancillary.fields):
            click.echo(line)
        cli_ctx.logger.success(f"{program_file} is valid (dry run: nothing sent)")
        return
    sender = sender_for(cli_ctx, network, account)
    confirm(network, yes, f"Launch {program.pair_name!r}")
    result = lifecycle.launch(env, sender, program_file, name=name, expiration=expiration)
    cli_ctx.logger.success(f"launched {result.name!r} at {result.pair}")

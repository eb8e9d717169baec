"""``launch``: validate a program file in full, preview its payouts, launch it."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common
from kpi_options.lifecycle.uma_creator import CREATORS
from kpi_options.program.preview import program_totals
from kpi_options.uma.lsp import TWO_STEP_WARNING
from kpi_options.units import format_time, parse_metric


@click.command(cls=ConnectedProviderCommand)
@common.options()
@click.argument("program_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Validate and print the payout table; send nothing.")
@click.option("--name", help="Record the pair under this name (default: the file's stem).")
@click.option("--expiration", help="Override the file's expiration (unix s or ISO 8601 UTC).")
@click.option("--metric", "metrics", multiple=True, help="Raw metric value for the table (repeat).")
@click.option(
    "--creator",
    type=click.Choice(CREATORS),
    default="ours",
    show_default=True,
    help="The project's creator (one transaction) or UMA's own LongShortPairCreator (two steps).",
)
@common.reported
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
    creator,
):
    """Validate PROGRAM_FILE in full and launch it (payout parameters set atomically; with
    --creator uma through UMA's own creator: the pair, then its parameters, in two transactions,
    or one Safe batch with --safe-batch)."""
    from kpi_options import lifecycle
    from kpi_options.chain.tx import is_recording

    env = common.connect(cli_ctx, network, deployments_dir)
    # a MULTIPLE_VALUES program takes one comma-separated value per metric in each --metric
    values = [m if "," in m else parse_metric(m) for m in metrics] or None
    preview = lifecycle.launch(
        env,
        None,
        program_file,
        name=name,
        expiration=expiration,
        dry_run=True,
        metrics=values,
        creator=creator,
    )
    program = preview.program
    for warning in program.warnings:
        cli_ctx.logger.warning(str(warning))
    symbol = env.erc20(program.collateral_token).symbol()
    click.echo(
        f"{program.pair_name}: {program.payout_library} payout, {symbol} "
        f"({program.collateral_token}), expires {format_time(program.expiration_timestamp)}"
    )
    common.echo_table(preview.table, symbol)
    for line in program_totals(program, symbol):
        click.echo(line)
    if dry_run:
        if program.metrics is not None:  # MULTIPLE_VALUES: UMIP-183 JSON, one recipe per metric
            lines = program.metrics.report()
        else:
            from kpi_options.program.resolution import resolution_report

            lines = resolution_report(program.ancillary.fields)
        for line in lines:
            click.echo(line)
        cli_ctx.logger.success(f"{program_file} is valid (dry run: nothing sent)")
        return
    sender = common.sender_for(cli_ctx, network, account)
    common.confirm(network, yes, f"Launch {program.pair_name!r}")
    if creator == "uma" and not is_recording(sender):  # a batch makes both steps atomic
        cli_ctx.logger.warning(TWO_STEP_WARNING)
    result = lifecycle.launch(
        env, sender, program_file, name=name, creator=creator, program=program
    )
    if result.pair is None:
        click.echo(
            f"launch recorded, not sent: once the Safe executes the batch the pair will be at "
            f"{result.expected_pair} (its first call reverts the whole batch if another launch "
            f"from the creator takes that address first); record it then with its address as PAIR"
        )
        return
    cli_ctx.logger.success(f"launched {result.name!r} at {result.pair}")

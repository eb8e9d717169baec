"""``ape run demo``: two KPI option programs end to end on a local anvil that ape-foundry starts.

Act 1: early expiry rejected with the ignore price, then accepted once the goal is met.
Act 2: expiry, a wrong proposal, a dispute and the DVM stand-in's resolution.
Both acts settle every long and short holder; the run fails (non-zero exit) unless the collateral
paid out plus what is left in each pair equals the collateral locked. The logic is
:func:`kpi_options.demo.run_demo`, which the test suite also runs.
"""

import time

import click
from ape.cli import ConnectedProviderCommand, ape_cli_context, network_option


@click.command(cls=ConnectedProviderCommand)
@ape_cli_context()
@network_option(default="ethereum:local:foundry")
@click.option(
    "--deployments",
    "deployments_dir",
    default="build/demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the demo writes its deployments file and recipient CSVs.",
)
@click.option("--show-transactions", is_flag=True, help="Also log every confirmed transaction.")
def cli(cli_ctx, network, deployments_dir, show_transactions):
    """Run a full KPI options lifecycle (two programs) on a local chain."""
    from ape import accounts, chain, project

    from kpi_options.demo import DemoError, run_demo

    if not network.is_local:
        raise click.BadParameter("the demo runs on local networks only", param_hint="--network")
    started = time.monotonic()

    def step(index, total, title):
        click.echo(click.style(f"\n[{index}/{total}] {title}", bold=True))

    try:
        # ape logs every confirmed transaction at INFO; the narration says what each one does.
        with cli_ctx.logger.at_level("INFO" if show_transactions else "SUCCESS"):
            result = run_demo(
                project,
                chain,
                accounts.test_accounts,
                deployments_dir=deployments_dir,
                network=network.name,
                log=lambda message: click.echo(f"  {message}"),
                step=step,
            )
    except DemoError as exc:
        cli_ctx.abort(f"demo check failed: {exc}")
    elapsed = time.monotonic() - started
    cli_ctx.logger.success(
        f"demo finished in {elapsed:.1f} s: {len(result.acts)} programs settled, collateral "
        f"accounted for to the wei (deployments: {result.deployments})"
    )

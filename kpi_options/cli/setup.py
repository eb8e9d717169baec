"""``deploy``, ``faucet``, ``advance``: set up a chain."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.chain.system import ORACLE_KINDS
from kpi_options.cli import common
from kpi_options.units import format_time


@click.command(cls=ConnectedProviderCommand)
@common.options()
@click.option(
    "--finder",
    help="A Finder to deploy the creator and libraries against (live networks: default UMA's "
    "Finder for the chain id, from @uma/contracts-node).",
)
@click.option("--liveness", default=7200, show_default=True, help="Mock OOv2 default liveness, s.")
@click.option("--redeploy", is_flag=True, help="Replace an existing record on this chain.")
@click.option(
    "--oracle",
    type=click.Choice(ORACLE_KINDS),
    default="mock",
    show_default=True,
    help="Local oracle stack: the project's mocks, or UMA's own contracts from @uma/core.",
)
@click.option(
    "--verify",
    is_flag=True,
    help="Verify the sources on the chain's explorer (needs the optional extra 'verify': "
    "ape-etherscan, and an explorer API key).",
)
@common.reported
def deploy(
    cli_ctx, network, account, deployments_dir, yes, finder, liveness, redeploy, oracle, verify
):
    """Deploy the oracle stack (local only), test collateral, the creator and every payout library."""
    from kpi_options import lifecycle

    action = "Deploy the creator and the payout libraries"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.deploy(
        env, sender, finder=finder, liveness=liveness, redeploy=redeploy, oracle=oracle
    )
    d = result.deployments
    for key, address in d.contracts.items():
        click.echo(f"{key:<20} {address}")
    for symbol, token in d.tokens.items():
        click.echo(f"{symbol:<20} {token['address']} ({token['decimals']} decimals)")
    cli_ctx.logger.success(f"deployed; addresses recorded in {d.path}")
    if verify:
        from kpi_options.chain.verify import VerifyError, verify_sources

        ours = {"creator": d.contracts["creator"], **d.libraries}
        try:
            verify_sources(env.provider, ours, local=env.local, log=cli_ctx.logger.info)
        except VerifyError as exc:
            cli_ctx.logger.warning(f"--verify: {exc}")


@click.command(cls=ConnectedProviderCommand, context_settings=common.NUMBER_ARGUMENTS)
@common.options()
@click.argument("token")
@click.argument("amount")
@click.option("--to", help="Recipient (default: --account).")
@common.reported
def faucet(cli_ctx, network, account, deployments_dir, yes, token, amount, to):
    """Mint AMOUNT of a local test TOKEN (USDC, UMA, BOND) to --to or --account; local only."""
    from kpi_options import lifecycle

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    lifecycle.faucet(env, sender, token, amount, to)
    cli_ctx.logger.success(f"minted {amount} {token} to {to or sender.address}")


@click.command(cls=ConnectedProviderCommand, context_settings=common.NUMBER_ARGUMENTS)
@common.options(sends=False)
@click.argument("seconds", type=int)
@common.reported
def advance(cli_ctx, network, account, deployments_dir, seconds):
    """Mine a block SECONDS later (local networks only): pass expiry or a liveness period."""
    from kpi_options import lifecycle

    env = common.connect(cli_ctx, network, deployments_dir)
    now = lifecycle.advance(env, seconds)
    cli_ctx.logger.success(f"chain time is now {format_time(now)}")

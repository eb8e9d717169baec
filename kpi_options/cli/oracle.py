"""``expire``, ``request-early-expiry``, ``propose``, ``dispute``, ``resolve``: the oracle requests."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common
from kpi_options.render import price_text
from kpi_options.units import format_time


@click.command(cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@common.reported
def expire(cli_ctx, network, account, deployments_dir, yes, pair):
    """Request the expiry price (after expiry); the caller pays the proposer reward."""
    from kpi_options import lifecycle

    action = f"Expire {pair}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.expire(env, sender, pair)
    cli_ctx.logger.success(f"expiry price requested for timestamp {result.timestamp}")


@click.command("request-early-expiry", cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@click.option("--timestamp", type=int, help="Unix seconds, not in the future (default: now).")
@common.reported
def request_early_expiry(cli_ctx, network, account, deployments_dir, yes, pair, timestamp):
    """Ask the oracle whether the pair may expire early (event-based expiry)."""
    from kpi_options import lifecycle

    action = f"Request early expiry of {pair}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.request_early_expiry(env, sender, pair, timestamp)
    cli_ctx.logger.success(f"early expiry requested for timestamp {result.timestamp}")


@click.command(cls=ConnectedProviderCommand, context_settings=common.NUMBER_ARGUMENTS)
@common.options()
@common.pair_argument
@click.argument("price", required=False)
@common.early_option
@click.option("--ignore", is_flag=True, help="Propose the ignore price (reject an early expiry).")
@click.option(
    "--force", is_flag=True, help="Propose PRICE even if the pair's Rounding would not produce it."
)
@common.reported
def propose(cli_ctx, network, account, deployments_dir, yes, pair, price, early, ignore, force):
    """Propose PRICE (the resolved metric, human units; x1e18 on chain) or --ignore.

    For a MULTIPLE_VALUES pair PRICE is the values in label order (320,12345,650), packed.
    """
    from kpi_options import lifecycle

    action = f"Propose {'the ignore price' if ignore else price} for {pair}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.propose(env, sender, pair, price, ignore=ignore, early=early, force=force)
    cli_ctx.logger.success(
        f"proposed {price_text(result.price)}; liveness ends {format_time(result.liveness_ends)}"
    )


@click.command(cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@common.early_option
@common.reported
def dispute(cli_ctx, network, account, deployments_dir, yes, pair, early):
    """Dispute the pending proposal; the DVM decides."""
    from kpi_options import lifecycle

    action = f"Dispute the proposal for {pair}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    result = lifecycle.dispute(env, sender, pair, early=early)
    cli_ctx.logger.success(
        f"disputed the proposal {price_text(result.proposed_price)}; the DVM decides"
    )


@click.command(cls=ConnectedProviderCommand, context_settings=common.NUMBER_ARGUMENTS)
@common.options()
@common.pair_argument
@click.argument("price", required=False)
@common.early_option
@click.option("--ignore", is_flag=True, help="Resolve to the ignore price.")
@common.reported
def resolve(cli_ctx, network, account, deployments_dir, yes, pair, price, early, ignore):
    """Resolve a dispute through the local DVM stand-in (local networks only): as its owner on the
    mock stack, as any account on UMA's own stack (its MockOracleAncillary has no owner)."""
    from kpi_options import lifecycle

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    result = lifecycle.resolve(env, sender, pair, price, ignore=ignore, early=early)
    if result.anyone:
        cli_ctx.logger.success(
            f"UMA's MockOracleAncillary resolved {price_text(result.price)} (it has no owner: "
            f"anyone may push a price; pushed by {sender.address})"
        )
    else:
        cli_ctx.logger.success(f"the DVM stand-in resolved {price_text(result.price)}")

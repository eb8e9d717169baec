"""``settle``: settle a position (or only the oracle requests) for collateral."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common


@click.command(cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@click.option("--oracle-only", is_flag=True, help="Only settle the oracle requests (bonds back).")
@common.reported
def settle(cli_ctx, network, account, deployments_dir, yes, pair, oracle_only):
    """Settle all of --account's long and short tokens for collateral."""
    from kpi_options import lifecycle

    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, f"Settle {pair}")
    result = lifecycle.settle(env, sender, pair, oracle_only=oracle_only)
    if oracle_only:
        cli_ctx.logger.success(f"settled the {', '.join(result.oracle_settled)} request(s)")
        return
    p = env.pair(result.pair)
    cli_ctx.logger.success(
        f"settled {p.human(result.long_tokens)} long + {p.human(result.short_tokens)} short"
        + (f" for {p.human(result.collateral)} {p.symbol}" if result.proceeds_known else "")
    )

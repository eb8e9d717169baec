"""``status``, ``preview``: read a pair or a program file; nothing is sent."""

from __future__ import annotations

from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common
from kpi_options.program.preview import program_totals
from kpi_options.render import format_status


@click.command(cls=ConnectedProviderCommand)
@common.options(sends=False)
@common.pair_argument
@click.option("--holder", "holders", multiple=True, help="Also show this address (repeat).")
@common.reported
def status(cli_ctx, network, account, deployments_dir, pair, holders):
    """Pair state, oracle requests, what each token is worth now, balances."""
    from kpi_options import lifecycle

    env = common.connect(cli_ctx, network, deployments_dir)
    shown = list(holders) + ([account.address] if account is not None else [])
    click.echo(format_status(lifecycle.pair_status(env, pair, shown)))


@click.command(cls=ConnectedProviderCommand, context_settings=common.NUMBER_ARGUMENTS)
@common.options(sends=False)
@click.argument("program_file", required=False)
@click.argument("metrics", nargs=-1, metavar="METRIC...")
@click.option("--pair", "pair_ref", help="Preview a launched pair instead of a program file.")
@common.reported
def preview(cli_ctx, network, account, deployments_dir, program_file, metrics, pair_ref):
    """Payout for raw METRIC values ('unresolved' for the Unresolved value).

    Give a PROGRAM_FILE, or --pair PAIR and only metric values.
    """
    from kpi_options import lifecycle

    env = common.connect(cli_ctx, network, deployments_dir)
    if pair_ref is not None and program_file is not None:
        # With --pair every positional is a metric value.
        metrics = (program_file, *metrics)
        program_file = None
    elif program_file is not None and not Path(program_file).is_file():
        raise click.BadParameter(f"{program_file!r} is not a file", param_hint="PROGRAM_FILE")
    rows = lifecycle.preview(env, metrics, program_path=program_file, pair_ref=pair_ref)
    if pair_ref is not None:
        common.echo_table(rows, env.pair(pair_ref).symbol)
        return
    program = lifecycle.load_program(env, program_file, chain_checks=False, now=0)
    symbol = _symbol(env, program.collateral_token)
    common.echo_table(rows, symbol or "collateral")
    for line in program_totals(program, symbol):
        click.echo(line)


def _symbol(env, token: str) -> str | None:
    """The collateral's symbol on the connected chain, else the name the deployments file gives
    it, else None."""
    from kpi_options.chain.deployments import has_code

    if not has_code(env.provider, token):
        for name, entry in env.deployments.tokens.items():
            if str(entry.get("address", "")).lower() == token.lower():
                return name
        return None
    try:
        return str(env.erc20(token).symbol())
    except Exception:  # noqa: BLE001 - not an ERC20 with a symbol: show the address only
        return None

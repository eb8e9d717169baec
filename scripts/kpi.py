"""``ape run kpi <command>``: every step of a KPI options program from the command line.

The logic lives in :mod:`kpi_options.lifecycle`; each command here parses its arguments, calls one
function and reports the result. Bad input is a ``click.BadParameter`` naming the argument, with a
non-zero exit and nothing sent. On live networks each sending command asks for confirmation unless
``--yes`` is given; on local networks it never prompts. See README.md "Using it".
"""

from __future__ import annotations

import functools
from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, account_option, ape_cli_context

DEFAULT_DEPLOYMENTS = "deployments"


# --- shared options and error handling -------------------------------------------------------------


def _common(sends: bool = True):
    """ape's context, ``--account``, ``--deployments`` and (for sending commands) ``--yes``."""

    def decorate(f):
        f = ape_cli_context()(f)
        f = account_option(prompt=False)(f)
        f = click.option(
            "--deployments",
            "deployments_dir",
            default=DEFAULT_DEPLOYMENTS,
            envvar="KPI_DEPLOYMENTS",
            show_default=True,
            type=click.Path(file_okay=False),
            help="Folder of deployments files (<network>-<chain id>.json).",
        )(f)
        if sends:
            f = click.option(
                "--yes", "-y", is_flag=True, help="Do not ask for confirmation on live networks."
            )(f)
        return f

    return decorate


def _env(cli_ctx, network, deployments_dir):
    from ape import chain, project

    from kpi_options.lifecycle import Env

    return Env.connect(
        project,
        chain,
        deployments_dir,
        network=network.name,
        local=bool(network.is_local),
        log=cli_ctx.logger.info,
    )


def _sender(cli_ctx, network, account):
    """``--account``, or the first test account on a local network; required elsewhere."""
    if account is not None:
        return account
    if network.is_local:
        from ape import accounts

        cli_ctx.logger.info("no --account given: using TEST::0 on this local network")
        return accounts.test_accounts[0]
    raise click.BadParameter("required on live networks", param_hint="--account")


def _confirm(network, yes: bool, action: str) -> None:
    """Ask before sending on a live network (never on local ones, never with --yes)."""
    if network.is_local or yes:
        return
    click.confirm(f"{action} on {network.name}?", abort=True)


def _reported(f):
    """Turn the library's refusals into click errors naming the input; nothing has been sent."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from ape.exceptions import ContractLogicError

        from kpi_options.deployments import DeploymentError
        from kpi_options.lifecycle import LifecycleError, RecipientsError
        from kpi_options.program import ProgramError

        try:
            return f(*args, **kwargs)
        except (LifecycleError, DeploymentError) as exc:
            raise click.BadParameter(str(exc), param_hint=exc.param) from None
        except ProgramError as exc:
            raise click.BadParameter(str(exc), param_hint="PROGRAM_FILE") from None
        except RecipientsError as exc:
            raise click.BadParameter(str(exc), param_hint="RECIPIENTS.csv") from None
        except ContractLogicError as exc:
            raise click.ClickException(f"transaction reverted: {exc}") from None

    return wrapper


pair_argument = click.argument("pair", metavar="PAIR")
early_option = click.option("--early", is_flag=True, help="Act on the early-expiry request.")


@click.group()
def cli():
    """KPI options: deploy, launch, mint, distribute, expire, propose, dispute, settle, roll over."""


# --- deploy ------------------------------------------------------------------------------------------


@cli.command(cls=ConnectedProviderCommand)
@_common()
@click.option("--finder", help="UMA's Finder: deploy only the creator and libraries against it.")
@click.option("--liveness", default=7200, show_default=True, help="Mock OOv2 default liveness, s.")
@click.option("--redeploy", is_flag=True, help="Replace an existing record on this chain.")
@_reported
def deploy(cli_ctx, network, account, deployments_dir, yes, finder, liveness, redeploy):
    """Deploy the oracle stack (local only), test collateral, the creator and every payout library."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, "Deploy the creator and the payout libraries")
    result = lifecycle.deploy(env, sender, finder=finder, liveness=liveness, redeploy=redeploy)
    d = result.deployments
    for key, address in d.contracts.items():
        click.echo(f"{key:<20} {address}")
    for symbol, token in d.tokens.items():
        click.echo(f"{symbol:<20} {token['address']} ({token['decimals']} decimals)")
    cli_ctx.logger.success(f"deployed; addresses recorded in {d.path}")


@cli.command(cls=ConnectedProviderCommand)
@_common()
@click.argument("token")
@click.argument("amount")
@click.option("--to", help="Recipient (default: --account).")
@_reported
def faucet(cli_ctx, network, account, deployments_dir, yes, token, amount, to):
    """Mint AMOUNT of a local test TOKEN (USDC, UMA, BOND) to --to or --account; local only."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    lifecycle.faucet(env, sender, token, amount, to)
    cli_ctx.logger.success(f"minted {amount} {token} to {to or sender.address}")


@cli.command(cls=ConnectedProviderCommand)
@_common(sends=False)
@click.argument("seconds", type=int)
@_reported
def advance(cli_ctx, network, account, deployments_dir, seconds):
    """Mine a block SECONDS later (local networks only): pass expiry or a liveness period."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    now = lifecycle.advance(env, seconds)
    cli_ctx.logger.success(f"chain time is now {lifecycle._when(now)}")


# --- launch ------------------------------------------------------------------------------------------


def _echo_table(rows, symbol: str) -> None:
    from kpi_options.program import format_payout_table

    click.echo(f"metric -> resolved price -> long share -> {symbol} per whole long/short token")
    click.echo(format_payout_table(rows))


@cli.command(cls=ConnectedProviderCommand)
@_common()
@click.argument("program_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Validate and print the payout table; send nothing.")
@click.option("--name", help="Record the pair under this name (default: the file's stem).")
@click.option("--expiration", help="Override the file's expiration (unix s or ISO 8601 UTC).")
@click.option("--metric", "metrics", multiple=True, help="Raw metric value for the table (repeat).")
@_reported
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

    env = _env(cli_ctx, network, deployments_dir)
    values = [lifecycle.parse_metric(m) for m in metrics] or None
    preview = lifecycle.launch(
        env, None, program_file, name=name, expiration=expiration, dry_run=True, metrics=values
    )
    program = preview.program
    for warning in program.warnings:
        cli_ctx.logger.warning(str(warning))
    symbol = env.erc20(program.collateral_token).symbol()
    click.echo(
        f"{program.pair_name}: {program.payout_library} payout, {symbol} "
        f"({program.collateral_token}), expires {lifecycle._when(program.expiration_timestamp)}"
    )
    _echo_table(preview.table, symbol)
    if dry_run:
        cli_ctx.logger.success(f"{program_file} is valid (dry run: nothing sent)")
        return
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Launch {program.pair_name!r}")
    result = lifecycle.launch(env, sender, program_file, name=name, expiration=expiration)
    cli_ctx.logger.success(f"launched {result.name!r} at {result.pair}")


# --- positions -----------------------------------------------------------------------------------------


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.argument("amount")
@_reported
def mint(cli_ctx, network, account, deployments_dir, yes, pair, amount):
    """Lock collateral and mint AMOUNT long and AMOUNT short tokens (human units)."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Mint {amount} pairs of {pair}")
    result = lifecycle.mint(env, sender, pair, amount)
    p = env.pair(result.pair)
    cli_ctx.logger.success(
        f"minted {p.human(result.tokens)} long + short for {p.human(result.collateral)} {p.symbol}"
    )


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.argument("recipients", metavar="RECIPIENTS.csv", type=click.Path(dir_okay=False))
@click.option("--side", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--batch-size", default=25, show_default=True, help="Transfers per batch.")
@_reported
def distribute(cli_ctx, network, account, deployments_dir, yes, pair, recipients, side, batch_size):
    """Send position tokens to every address,amount row of RECIPIENTS.csv (checked in full first)."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    p = env.pair(pair)
    rows = lifecycle.read_recipients(recipients, p.decimals)
    _confirm(network, yes, f"Send {side} tokens to {len(rows)} recipients")
    result = lifecycle.distribute(
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


# --- oracle ------------------------------------------------------------------------------------------


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@_reported
def expire(cli_ctx, network, account, deployments_dir, yes, pair):
    """Request the expiry price (after expiry); the caller pays the proposer reward."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Expire {pair}")
    result = lifecycle.expire(env, sender, pair)
    cli_ctx.logger.success(f"expiry price requested for timestamp {result.timestamp}")


@cli.command("request-early-expiry", cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.option("--timestamp", type=int, help="Unix seconds, not in the future (default: now).")
@_reported
def request_early_expiry(cli_ctx, network, account, deployments_dir, yes, pair, timestamp):
    """Ask the oracle whether the pair may expire early (event-based expiry)."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Request early expiry of {pair}")
    result = lifecycle.request_early_expiry(env, sender, pair, timestamp)
    cli_ctx.logger.success(f"early expiry requested for timestamp {result.timestamp}")


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.argument("price", required=False)
@early_option
@click.option("--ignore", is_flag=True, help="Propose the ignore price (reject an early expiry).")
@_reported
def propose(cli_ctx, network, account, deployments_dir, yes, pair, price, early, ignore):
    """Propose PRICE (the resolved metric, human units; x1e18 on chain) or --ignore."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Propose {'the ignore price' if ignore else price} for {pair}")
    result = lifecycle.propose(env, sender, pair, price, ignore=ignore, early=early)
    cli_ctx.logger.success(
        f"proposed {lifecycle._price_text(result.price)}; liveness ends "
        f"{lifecycle._when(result.liveness_ends)}"
    )


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@early_option
@_reported
def dispute(cli_ctx, network, account, deployments_dir, yes, pair, early):
    """Dispute the pending proposal; the DVM decides."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Dispute the proposal for {pair}")
    result = lifecycle.dispute(env, sender, pair, early=early)
    cli_ctx.logger.success(
        f"disputed the proposal {lifecycle._price_text(result.proposed_price)}; the DVM decides"
    )


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.argument("price", required=False)
@early_option
@click.option("--ignore", is_flag=True, help="Resolve to the ignore price.")
@_reported
def resolve(cli_ctx, network, account, deployments_dir, yes, pair, price, early, ignore):
    """Resolve a dispute as the local DVM stand-in's owner (local networks only)."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    result = lifecycle.resolve(env, sender, pair, price, ignore=ignore, early=early)
    cli_ctx.logger.success(f"the DVM stand-in resolved {lifecycle._price_text(result.price)}")


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.option("--oracle-only", is_flag=True, help="Only settle the oracle requests (bonds back).")
@_reported
def settle(cli_ctx, network, account, deployments_dir, yes, pair, oracle_only):
    """Settle all of --account's long and short tokens for collateral."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Settle {pair}")
    result = lifecycle.settle(env, sender, pair, oracle_only=oracle_only)
    if oracle_only:
        cli_ctx.logger.success(f"settled the {', '.join(result.oracle_settled)} request(s)")
        return
    p = env.pair(result.pair)
    cli_ctx.logger.success(
        f"settled {p.human(result.long_tokens)} long + {p.human(result.short_tokens)} short "
        f"for {p.human(result.collateral)} {p.symbol}"
    )


# --- read-only -------------------------------------------------------------------------------------


@cli.command(cls=ConnectedProviderCommand)
@_common(sends=False)
@pair_argument
@click.option("--holder", "holders", multiple=True, help="Also show this address (repeat).")
@_reported
def status(cli_ctx, network, account, deployments_dir, pair, holders):
    """Pair state, oracle requests, what each token is worth now, balances."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    shown = list(holders) + ([account.address] if account is not None else [])
    click.echo(lifecycle.format_status(lifecycle.pair_status(env, pair, shown)))


@cli.command(cls=ConnectedProviderCommand)
@_common(sends=False)
@click.argument("program_file", required=False)
@click.argument("metrics", nargs=-1, metavar="METRIC...")
@click.option("--pair", "pair_ref", help="Preview a launched pair instead of a program file.")
@_reported
def preview(cli_ctx, network, account, deployments_dir, program_file, metrics, pair_ref):
    """Payout for raw METRIC values ('unresolved' for the Unresolved value).

    Give a PROGRAM_FILE, or --pair PAIR and only metric values.
    """
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    if pair_ref is not None and program_file is not None:
        # With --pair every positional is a metric value.
        metrics = (program_file, *metrics)
        program_file = None
    elif program_file is not None and not Path(program_file).is_file():
        raise click.BadParameter(f"{program_file!r} is not a file", param_hint="PROGRAM_FILE")
    rows = lifecycle.preview(env, metrics, program_path=program_file, pair_ref=pair_ref)
    _echo_table(rows, "collateral" if pair_ref is None else env.pair(pair_ref).symbol)


# --- rollover ----------------------------------------------------------------------------------------


@cli.command(cls=ConnectedProviderCommand)
@_common()
@pair_argument
@click.argument("new_program_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", help="Record the new pair under this name (default: the file's stem).")
@click.option("--expiration", help="Override the new file's expiration (unix s or ISO 8601 UTC).")
@_reported
def rollover(
    cli_ctx, network, account, deployments_dir, yes, pair, new_program_file, name, expiration
):
    """Settle --account's position, launch NEW_PROGRAM_FILE and mint with the returned collateral."""
    from kpi_options import lifecycle

    env = _env(cli_ctx, network, deployments_dir)
    sender = _sender(cli_ctx, network, account)
    _confirm(network, yes, f"Settle {pair} and launch {Path(new_program_file).name}")
    result = lifecycle.rollover(
        env, sender, pair, new_program_file, name=name, expiration=expiration
    )
    p = env.pair(result.launched.pair)
    minted = (
        "nothing minted"
        if result.minted is None
        else (
            f"minted {p.human(result.minted.tokens)} pairs for {p.human(result.minted.collateral)} "
            f"{p.symbol}"
        )
    )
    cli_ctx.logger.success(
        f"rolled over into {result.launched.name!r} at {result.launched.pair}; {minted}"
    )

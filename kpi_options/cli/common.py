"""What every ``ape run kpi`` command shares: the options, the connection, the sender, the live-network
confirmation and the one translation of the package's errors into click errors."""

from __future__ import annotations

import functools

import click
from ape.cli import account_option, ape_cli_context

from kpi_options.safe.options import safe_batch_options, safe_batch_refused
from kpi_options.safe.sender import active_batch

__all__ = [
    "DEFAULT_DEPLOYMENTS",
    "NUMBER_ARGUMENTS",
    "options",
    "confirm",
    "connect",
    "early_option",
    "echo_table",
    "pair_argument",
    "reported",
    "sender_for",
    "sending",
]

DEFAULT_DEPLOYMENTS = "deployments"

# For commands whose arguments are numbers: `mint tvl -5` reaches AMOUNT (and is refused there,
# naming it) instead of click reading "-5" as an unknown option.
NUMBER_ARGUMENTS = {"ignore_unknown_options": True}


# --- shared options and error handling -------------------------------------------------------------


def options(sends: bool = True, batch_refusal: str | None = None):
    """ape's context, ``--account``, ``--deployments`` and (for sending commands) ``--yes`` and
    ``--safe-batch``/``--safe``, which a command that cannot write a batch refuses with
    ``batch_refusal``."""

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
            # --safe-batch FILE --safe ADDRESS: record the transactions for a Safe, send nothing.
            if batch_refusal is None:
                f = safe_batch_options(f)
            else:
                f = safe_batch_refused(batch_refusal)(f)
        return f

    return decorate


def connect(cli_ctx, network, deployments_dir):
    from ape import chain, project

    from kpi_options.chain.env import Env

    return Env.connect(
        project,
        chain,
        deployments_dir,
        network=network.name,
        local=bool(network.is_local),
        log=cli_ctx.logger.info,
        warn=cli_ctx.logger.warning,
    )


def sender_for(cli_ctx, network, account):
    """``--account``, or the first test account on a local network; required elsewhere.

    While ``--safe-batch`` records for a Safe, the Safe's recording sender (nothing is sent).
    """
    recorder = active_batch()
    if recorder is not None:
        return recorder
    if account is not None:
        return account
    if network.is_local:
        from ape import accounts

        cli_ctx.logger.info("no --account given: using TEST::0 on this local network")
        return accounts.test_accounts[0]
    raise click.BadParameter("required on live networks", param_hint="--account")


def confirm(network, yes: bool, action: str) -> None:
    """Ask before sending on a live network (never on local ones, never with --yes)."""
    if network.is_local or yes or active_batch() is not None:
        return
    click.confirm(f"{action} on {network.name}?", abort=True)


def sending(cli_ctx, network, account, deployments_dir, yes: bool, action: str):
    """``(env, sender)`` for a command that sends: connect, pick the sender, and on a live network
    ask to confirm ``action`` (unless ``--yes``)."""
    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    confirm(network, yes, action)
    return env, sender


def reported(f):
    """Turn the package's refusals (every :class:`kpi_options.errors.KpiError`) into click errors
    naming the input (``exc.param``); nothing has been sent. A revert becomes a click error too."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from ape.exceptions import ContractLogicError

        from kpi_options.errors import KpiError

        try:
            return f(*args, **kwargs)
        except KpiError as exc:
            raise click.BadParameter(str(exc), param_hint=exc.param) from None
        except ContractLogicError as exc:
            raise click.ClickException(f"transaction reverted: {exc}") from None

    return wrapper


pair_argument = click.argument("pair", metavar="PAIR")
early_option = click.option("--early", is_flag=True, help="Act on the early-expiry request.")


def echo_table(rows, symbol: str) -> None:
    from kpi_options.render import format_payout_table

    click.echo(f"metric -> resolved price -> long share -> {symbol} per whole long/short token")
    click.echo(format_payout_table(rows))

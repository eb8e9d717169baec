"""``--safe-batch FILE --safe ADDRESS`` for every sending command: write, don't send.

:func:`safe_batch_options` adds the two options to a click command and runs the command's body
inside :func:`kpi_options.safe.sender.recording`: the command's sender (``sender_for`` in
``kpi_options.cli.common`` returns the active batch's sender) records every transaction, balance
checks of the Safe become requirements, and at the end the batch file is written and what the
Safe must hold is printed. A command needs nothing of its own for this: it gets it by sending
through ape with the sender it was given.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path

import click

from kpi_options.safe.batch import describe_call
from kpi_options.safe.sender import describe_requirements, recording


def check_safe_address(text: str) -> str:
    """The ``--safe`` address, checksummed (the one address check, naming ``--safe``)."""
    from kpi_options.errors import KpiError
    from kpi_options.units import check_address

    try:
        return check_address(text, "--safe")
    except KpiError as exc:
        raise click.BadParameter(str(exc), param_hint="--safe") from None


@contextmanager
def _recorded_success():
    """While recording, the command's own "success" lines (ape's logger, which ``cli_ctx.logger``
    is) say that nothing was sent yet."""
    from ape.logging import logger

    original = logger.success

    def recorded(message, *args, **kwargs):
        logger.info(f"recorded for the Safe, not sent: {message}", *args, **kwargs)

    logger.success = recorded
    try:
        yield
    finally:
        logger.success = original


def _declare(f):
    """The two options, as every sending command declares them."""
    f = click.option(
        "--safe",
        "safe_address",
        metavar="ADDRESS",
        help="The Safe that will execute the batch (with --safe-batch).",
    )(f)
    return click.option(
        "--safe-batch",
        "safe_batch",
        type=click.Path(dir_okay=False, writable=True),
        help="Write the transactions as a Safe Transaction Builder batch file instead of sending.",
    )(f)


def safe_batch_refused(reason: str):
    """For a sending command that cannot write a batch (the keeper: a bot that decides as it goes):
    the two options are accepted by name and refused with ``reason``, before anything is read."""

    def decorate(f):
        @_declare
        @functools.wraps(f)
        def wrapper(*args, safe_batch=None, safe_address=None, **kwargs):
            if safe_batch is not None or safe_address is not None:
                option = "--safe-batch" if safe_batch is not None else "--safe"
                raise click.BadParameter(reason, param_hint=option)
            return f(*args, **kwargs)

        return wrapper

    return decorate


def safe_batch_options(f):
    """Add ``--safe-batch FILE`` and ``--safe ADDRESS``; record instead of send when given."""

    @_declare
    @functools.wraps(f)
    def wrapper(*args, safe_batch=None, safe_address=None, **kwargs):
        if safe_batch is None and safe_address is None:
            return f(*args, **kwargs)
        if safe_batch is None:
            raise click.BadParameter("--safe needs --safe-batch FILE", param_hint="--safe-batch")
        if safe_address is None:
            raise click.BadParameter("--safe-batch needs --safe ADDRESS", param_hint="--safe")
        safe = check_safe_address(safe_address)
        target = Path(safe_batch)
        from ape import chain

        click.echo(f"recording for the Safe {safe} into {target}; nothing is sent")
        command = click.get_current_context().info_name
        with (
            recording(safe, chain.chain_id, name=f"kpi {command}") as batch,
            _recorded_success(),
        ):
            result = f(*args, **kwargs)
            if not batch.batch.calls:
                click.echo("nothing to send: no batch file written")
                return result
            try:
                path = batch.write(target)
            except OSError as exc:
                raise click.BadParameter(
                    f"cannot write {target}: {exc.strerror}", param_hint="--safe-batch"
                ) from None
            click.echo(
                f"wrote {len(batch.batch.calls)} transaction(s) to {path} (Safe Transaction "
                "Builder format; executed as one MultiSend):"
            )
            for i, call in enumerate(batch.batch.calls, 1):
                click.echo(f"  {i}. {describe_call(call)}")
            for line in describe_requirements(batch):
                click.echo(line)
        return result

    return wrapper

"""``ape run kpi keeper``: the KPI bot (docs/KEEPER.md).

Each cycle, for every watched pair: expire at expiry, propose the metric for Requested requests
(resolved from the request's on-chain ancillary data), verify others' proposals and dispute wrong
ones, settle after liveness, optionally request early expiry. ``--once`` runs one cycle (cron);
otherwise it loops every ``--poll-interval`` seconds until SIGINT/SIGTERM.
"""

from __future__ import annotations

from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common

DEFAULT_EVIDENCE = "keeper-evidence.jsonl"
_QUIET = ("verified", "skip")
_WARN = ("no-answer", "error")


BATCH_REFUSAL = (
    "the keeper is a bot that decides each cycle from what the chain shows then, so it cannot "
    "write its transactions ahead as one Safe batch: run it with an account of its own, or write "
    "each step from the Safe with expire, propose, dispute or settle --safe-batch"
)


@click.command(cls=ConnectedProviderCommand)
@common.options(batch_refusal=BATCH_REFUSAL)
@click.option(
    "--pair",
    "pairs",
    multiple=True,
    metavar="PAIR",
    help="Watch this pair (repeatable; default: every pair in the deployments file).",
)
@click.option("--once", is_flag=True, help="Run one cycle and exit (for cron).")
@click.option(
    "--dry-run", is_flag=True, help="Log what would be sent; send nothing, write no evidence."
)
@click.option("--no-dispute", is_flag=True, help="Verify proposals but never dispute.")
@click.option(
    "--request-early", is_flag=True, help="Request early expiry when the source shows the goal met."
)
@click.option(
    "--propose-unresolved",
    is_flag=True,
    help="After --unresolved-after, propose the Unresolved value for a request the source cannot answer.",
)
@click.option(
    "--unresolved-after",
    type=click.IntRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Age of a request before --propose-unresolved applies [default: 3 days].",
)
@click.option(
    "--poll-interval",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=15.0,
    show_default=True,
    metavar="SECONDS",
    help="Whole-answer deadline of each source fetch.",
)
@click.option(
    "--evidence",
    type=click.Path(dir_okay=False),
    default=DEFAULT_EVIDENCE,
    show_default=True,
    help="JSON-lines record of every proposal and dispute.",
)
@click.option(
    "--explain",
    "explain_pair",
    metavar="PAIR",
    help="Print what the keeper would do for PAIR now, and why; send nothing.",
)
@common.reported
def keeper(
    cli_ctx,
    network,
    account,
    deployments_dir,
    yes,
    pairs,
    once,
    dry_run,
    no_dispute,
    request_early,
    propose_unresolved,
    unresolved_after,
    poll_interval,
    timeout,
    evidence,
    explain_pair,
):
    """Run the KPI bot on the watched pairs (see docs/KEEPER.md)."""
    from kpi_options.keeper.bot import DEFAULT_UNRESOLVED_AFTER, Keeper, KeeperConfig
    from kpi_options.keeper.sources import HttpSource

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    config = KeeperConfig(
        pairs=list(pairs) or None,
        dry_run=dry_run or explain_pair is not None,
        dispute=not no_dispute,
        request_early=request_early,
        propose_unresolved=propose_unresolved,
        unresolved_after=DEFAULT_UNRESOLVED_AFTER if unresolved_after is None else unresolved_after,
        poll_interval=poll_interval,
        evidence=Path(evidence),
    )
    logger = cli_ctx.logger

    def log(line: str) -> None:
        kind = line.split(":", 1)[0]
        if kind in _WARN:
            logger.warning(line)
        elif kind in _QUIET:
            logger.info(line)
        else:
            logger.success(line)

    bot = Keeper(env, sender, config, fetch=HttpSource(timeout=timeout), log=log)
    if explain_pair is not None:
        for line in bot.explain(explain_pair):
            click.echo(line)
        return
    watched = bot.pair_refs()
    if not watched:
        raise click.BadParameter(
            "no pairs to watch: launch one or give --pair", param_hint="--pair"
        )
    for ref in watched:
        bot.check_pair(ref)
    if not dry_run:
        common.confirm(
            network, yes, f"Run the keeper as {sender.address} on {len(watched)} pair(s)"
        )
        if hasattr(sender, "set_autosign"):
            # An unattended bot cannot confirm each signature: unlock once (the passphrase from
            # APE_ACCOUNTS_<alias>_PASSPHRASE, else one prompt now) and sign for this run only.
            sender.set_autosign(True)
    logger.info(
        f"keeper {sender.address} watching {', '.join(watched)}" + (" (dry run)" if dry_run else "")
    )
    bot.run(once=once)

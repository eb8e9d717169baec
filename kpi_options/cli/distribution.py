"""Distribution commands: ``distribute`` (direct transfers with receipts), the Merkle airdrop
(``airdrop-tree``, ``airdrop-fund``, ``airdrop-claim``, ``airdrop-status``, ``airdrop-clawback``)
and liquidity mining (``mining-deploy``, ``mining-fund``, ``mining-stake``, ``mining-withdraw``,
``mining-claim``, ``mining-status``)."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli.common import (
    common_options,
    confirm,
    connect,
    pair_argument,
    reported,
    sender_for,
)

DAY = 86_400


@click.command(cls=ConnectedProviderCommand)
@common_options()
@pair_argument
@click.argument("recipients", metavar="RECIPIENTS.csv", type=click.Path(dir_okay=False))
@click.option("--side", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--batch-size", default=25, show_default=True, help="Transfers per batch.")
@click.option(
    "--receipts",
    type=click.Path(dir_okay=False),
    default=None,
    help="Receipts file (JSON lines); default RECIPIENTS.csv.receipts.jsonl. Rows it records are skipped.",
)
@reported
def distribute(
    cli_ctx, network, account, deployments_dir, yes, pair, recipients, side, batch_size, receipts
):
    """Send position tokens to every address,amount row of RECIPIENTS.csv not sent yet (checked in
    full first; a re-run skips the rows the receipts file records)."""
    from kpi_options.distribution import transfers

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    p = env.pair(pair)
    rows = transfers.read_recipients(recipients, p.decimals)
    confirm(network, yes, f"Send {side} tokens to up to {len(rows)} recipients")
    result = transfers.distribute(
        env,
        sender,
        pair,
        recipients,
        side=side,
        batch_size=batch_size,
        receipts=receipts,
        progress=lambda done, total: cli_ctx.logger.info(f"sent {done}/{total}"),
    )
    skipped = f" ({result.skipped} already sent, skipped)" if result.skipped else ""
    cli_ctx.logger.success(
        f"sent {p.human(result.total)} {side} tokens to {result.recipients} recipients "
        f"in {result.batches} batch(es){skipped}; receipts in {result.receipts}"
    )


# --- Merkle airdrop ---------------------------------------------------------------------------------


@click.command("airdrop-tree", cls=ConnectedProviderCommand)
@common_options(sends=False)
@pair_argument
@click.argument("recipients", metavar="RECIPIENTS.csv", type=click.Path(dir_okay=False))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False), help="Tree file to write."
)
@reported
def airdrop_tree(cli_ctx, network, account, deployments_dir, pair, recipients, out):
    """Build the Merkle tree file (OpenZeppelin's dump + per-account proofs) of RECIPIENTS.csv, in
    PAIR's token units."""
    from kpi_options.distribution import airdrop

    env = connect(cli_ctx, network, deployments_dir)
    p = env.pair(pair)
    tree = airdrop.build_tree(recipients, p.decimals, out)
    cli_ctx.logger.success(
        f"tree of {len(tree.values)} leaves, total {p.human(tree.total)}, root "
        f"0x{tree.root.hex()} written to {out}"
    )


@click.command("airdrop-fund", cls=ConnectedProviderCommand)
@common_options()
@pair_argument
@click.argument("tree_file", metavar="TREE_FILE", type=click.Path(dir_okay=False))
@click.option("--side", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option(
    "--claim-days",
    type=click.IntRange(min=1, max=5 * 365),
    default=90,
    show_default=True,
    help="Claim period from now, days.",
)
@reported
def airdrop_fund(
    cli_ctx, network, account, deployments_dir, yes, pair, tree_file, side, claim_days
):
    """Fund a new distribution of PAIR's tokens with TREE_FILE's root and total."""
    from kpi_options.distribution import airdrop

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    p = env.pair(pair)
    token = p.long_token if side == "long" else p.short_token
    deadline = env.chain.pending_timestamp + claim_days * DAY
    confirm(network, yes, f"Fund an airdrop of {side} tokens from {tree_file}")
    dist_id, tree = airdrop.fund(env, sender, tree_file, token, deadline)
    cli_ctx.logger.success(
        f"distribution {dist_id}: {p.human(tree.total)} {side} tokens to {len(tree.values)} "
        f"leaves, claimable until {deadline}"
    )


@click.command("airdrop-claim", cls=ConnectedProviderCommand)
@common_options()
@click.argument("tree_file", metavar="TREE_FILE", type=click.Path(dir_okay=False))
@click.argument("dist_id", metavar="ID", type=int)
@click.option(
    "--for",
    "for_accounts",
    multiple=True,
    help="Claim for this account (repeatable); 'all' claims every leaf. Default: the sender.",
)
@reported
def airdrop_claim(
    cli_ctx, network, account, deployments_dir, yes, tree_file, dist_id, for_accounts
):
    """Claim leaves of distribution ID from TREE_FILE (tokens go to each leaf's account)."""
    from kpi_options.distribution import airdrop

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    accounts = list(for_accounts) or None
    confirm(network, yes, f"Claim from distribution {dist_id}")
    result = airdrop.claim(env, sender, tree_file, dist_id, accounts)
    for who, amount in result.skipped:
        cli_ctx.logger.info(f"{who}: {amount} already claimed")
    cli_ctx.logger.success(
        f"claimed {len(result.claimed)} leaves, {sum(a for _, a in result.claimed)} raw units"
    )


@click.command("airdrop-status", cls=ConnectedProviderCommand)
@common_options(sends=False)
@click.argument("dist_id", metavar="ID", type=int)
@click.option("--tree", "tree_file", type=click.Path(dir_okay=False), help="Count paid leaves.")
@reported
def airdrop_status(cli_ctx, network, account, deployments_dir, dist_id, tree_file):
    """Funded, claimed, unclaimed and time left of distribution ID."""
    from kpi_options.distribution import airdrop

    env = connect(cli_ctx, network, deployments_dir)
    s = airdrop.status(env, dist_id, tree_file)
    click.echo(f"distribution {s.id}: token {s.token}, sponsor {s.sponsor}")
    click.echo(f"funded {s.funded}, claimed {s.claimed}, unclaimed {s.unclaimed} (raw units)")
    if s.leaves is not None:
        click.echo(f"leaves claimed {s.leaves_claimed}/{s.leaves}")
    state = "clawed back" if s.clawed_back else ("open" if s.seconds_left else "closed")
    click.echo(f"deadline {s.deadline}, {s.seconds_left} s left, {state}")


@click.command("airdrop-clawback", cls=ConnectedProviderCommand)
@common_options()
@click.argument("dist_id", metavar="ID", type=int)
@click.option("--to", "to", default=None, help="Recipient (default: the sponsor).")
@reported
def airdrop_clawback(cli_ctx, network, account, deployments_dir, yes, dist_id, to):
    """After the deadline, take back what distribution ID did not pay out (sponsor only)."""
    from kpi_options.distribution import airdrop
    from kpi_options.units import check_address

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    to = check_address(to, "--to") if to else None
    confirm(network, yes, f"Claw back distribution {dist_id}")
    amount = airdrop.clawback(env, sender, dist_id, to)
    cli_ctx.logger.success(f"clawed back {amount} raw units of distribution {dist_id}")


# --- liquidity mining -------------------------------------------------------------------------------


@click.command("mining-deploy", cls=ConnectedProviderCommand)
@common_options()
@click.argument("name", metavar="NAME")
@pair_argument
@click.option("--staking-token", required=True, help="The pool token stakers deposit.")
@click.option("--sponsor", default=None, help="Who funds the emission (default: the sender).")
@reported
def mining_deploy(
    cli_ctx, network, account, deployments_dir, yes, name, pair, staking_token, sponsor
):
    """Deploy an emitter of PAIR's long token to stakers of --staking-token, recorded as NAME."""
    from kpi_options.distribution import mining

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    confirm(network, yes, f"Deploy the emitter {name}")
    contract = mining.deploy_emitter(env, sender, name, pair, staking_token, sponsor)
    cli_ctx.logger.success(f"emitter {name} at {contract.address}")


@click.command("mining-fund", cls=ConnectedProviderCommand)
@common_options()
@click.argument("emitter", metavar="EMITTER")
@click.argument("amount", metavar="AMOUNT")
@click.option("--days", type=float, required=True, help="Emission period from now, days.")
@reported
def mining_fund(cli_ctx, network, account, deployments_dir, yes, emitter, amount, days):
    """Emit AMOUNT reward tokens (plus what the running period has left) over --days from now."""
    from kpi_options.distribution import mining

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    confirm(network, yes, f"Fund {emitter} with {amount}")
    raw = mining.fund(env, sender, emitter, amount, int(days * DAY))
    cli_ctx.logger.success(f"{emitter} funded with {raw} raw units over {days} days")


def _staker_command(name: str, action: str, doc: str):
    @click.command(name, cls=ConnectedProviderCommand)
    @common_options()
    @click.argument("emitter", metavar="EMITTER")
    @click.argument("amount", metavar="AMOUNT")
    @reported
    def command(cli_ctx, network, account, deployments_dir, yes, emitter, amount):
        from kpi_options.distribution import mining

        env = connect(cli_ctx, network, deployments_dir)
        sender = sender_for(cli_ctx, network, account)
        confirm(network, yes, f"{action} {amount} on {emitter}")
        raw = getattr(mining, action)(env, sender, emitter, amount)
        cli_ctx.logger.success(f"{action}: {raw} raw units")

    command.help = doc
    return command


mining_stake = _staker_command("mining-stake", "stake", "Stake AMOUNT pool tokens in EMITTER.")
mining_withdraw = _staker_command(
    "mining-withdraw", "withdraw", "Withdraw AMOUNT of your stake from EMITTER."
)


@click.command("mining-claim", cls=ConnectedProviderCommand)
@common_options()
@click.argument("emitter", metavar="EMITTER")
@reported
def mining_claim(cli_ctx, network, account, deployments_dir, yes, emitter):
    """Claim your rewards from EMITTER."""
    from kpi_options.distribution import mining

    env = connect(cli_ctx, network, deployments_dir)
    sender = sender_for(cli_ctx, network, account)
    confirm(network, yes, f"Claim rewards from {emitter}")
    paid = mining.claim_rewards(env, sender, emitter)
    cli_ctx.logger.success(f"claimed {paid} raw units")


@click.command("mining-status", cls=ConnectedProviderCommand)
@common_options(sends=False)
@click.argument("emitter", metavar="EMITTER")
@click.option("--of", "of", default=None, help="Also show this account's stake and rewards.")
@reported
def mining_status(cli_ctx, network, account, deployments_dir, emitter, of):
    """Stake, rate, time left, funded, paid and idle rewards of EMITTER."""
    from kpi_options.distribution import mining

    env = connect(cli_ctx, network, deployments_dir)
    s = mining.status(env, emitter, of)
    click.echo(f"emitter {s.address}: stake {s.staking_token} -> rewards {s.reward_token}")
    click.echo(f"total staked {s.total_staked}; rate {s.rate_per_second:.6g} raw units/s")
    click.echo(f"period ends {s.period_finish} ({s.seconds_left} s left)")
    click.echo(f"funded {s.funded}, paid {s.paid}, idle (sponsor-recoverable) {s.idle}")
    if s.stake is not None:
        click.echo(f"{of}: staked {s.stake}, earned {s.earned}")

"""Distribution commands: ``distribute`` (direct transfers with receipts), the Merkle airdrop
(``airdrop-tree``, ``airdrop-fund``, ``airdrop-claim``, ``airdrop-status``, ``airdrop-clawback``)
and liquidity mining (``mining-deploy``, ``mining-fund``, ``mining-stake``, ``mining-withdraw``,
``mining-claim``, ``mining-recover-idle``, ``mining-status``)."""

from __future__ import annotations

import click
from ape.cli import ConnectedProviderCommand

from kpi_options.cli import common

DAY = 86_400


@click.command(cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@click.argument("recipients", metavar="RECIPIENTS.csv", type=click.Path(dir_okay=False))
@click.option("--side", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--batch-size", default=25, show_default=True, help="Transfers per batch.")
@click.option(
    "--receipts",
    type=click.Path(dir_okay=False),
    default=None,
    help="Receipts file (JSON lines); default RECIPIENTS.csv.receipts.jsonl. Rows it records are skipped.",
)
@common.reported
def distribute(
    cli_ctx, network, account, deployments_dir, yes, pair, recipients, side, batch_size, receipts
):
    """Send position tokens to every address,amount row of RECIPIENTS.csv not sent yet (checked in
    full first; a re-run skips the rows the receipts file records)."""
    from kpi_options.distribution import transfers

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    p = env.pair(pair)
    rows = transfers.read_recipients(recipients, p.decimals)
    common.confirm(network, yes, f"Send {side} tokens to up to {len(rows)} recipients")
    result = transfers.distribute(
        env,
        sender,
        pair,
        recipients,
        side=side,
        batch_size=batch_size,
        receipts=receipts,
        progress=lambda done, total: cli_ctx.logger.info(f"sent {done}/{total}"),
        rows=rows,
    )
    skipped = f" ({result.skipped} already sent, skipped)" if result.skipped else ""
    cli_ctx.logger.success(
        f"sent {p.human(result.total)} {side} tokens to {result.recipients} recipients "
        f"in {result.batches} batch(es){skipped}; receipts in {result.receipts}"
    )


# --- Merkle airdrop ---------------------------------------------------------------------------------


@click.command("airdrop-tree", cls=ConnectedProviderCommand)
@common.options(sends=False)
@common.pair_argument
@click.argument("recipients", metavar="RECIPIENTS.csv", type=click.Path(dir_okay=False))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False), help="Tree file to write."
)
@common.reported
def airdrop_tree(cli_ctx, network, account, deployments_dir, pair, recipients, out):
    """Build the Merkle tree file (OpenZeppelin's dump + per-account proofs) of RECIPIENTS.csv, in
    PAIR's token units."""
    from kpi_options.distribution import airdrop

    env = common.connect(cli_ctx, network, deployments_dir)
    p = env.pair(pair)
    tree = airdrop.build_tree(recipients, p.decimals, out)
    cli_ctx.logger.success(
        f"tree of {len(tree.values)} leaves, total {p.human(tree.total)}, root "
        f"0x{tree.root.hex()} written to {out}"
    )


@click.command("airdrop-fund", cls=ConnectedProviderCommand)
@common.options()
@common.pair_argument
@click.argument("tree_file", metavar="TREE_FILE", type=click.Path(dir_okay=False))
@click.option("--side", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option(
    "--claim-days",
    type=click.IntRange(min=1, max=5 * 365),
    default=90,
    show_default=True,
    help="Claim period from now, days.",
)
@common.reported
def airdrop_fund(
    cli_ctx, network, account, deployments_dir, yes, pair, tree_file, side, claim_days
):
    """Fund a new distribution of PAIR's tokens with TREE_FILE's root and total."""
    from kpi_options.distribution import airdrop

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    p = env.pair(pair)
    token = p.long_token if side == "long" else p.short_token
    deadline = env.chain.pending_timestamp + claim_days * DAY
    common.confirm(network, yes, f"Fund an airdrop of {side} tokens from {tree_file}")
    dist_id, tree = airdrop.fund(env, sender, tree_file, token, deadline)
    cli_ctx.logger.success(
        f"distribution {dist_id}: {p.human(tree.total)} {side} tokens to {len(tree.values)} "
        f"leaves, claimable until {deadline}"
    )


@click.command("airdrop-claim", cls=ConnectedProviderCommand)
@common.options()
@click.argument("tree_file", metavar="TREE_FILE", type=click.Path(dir_okay=False))
@click.argument("dist_id", metavar="ID", type=int)
@click.option(
    "--for",
    "for_accounts",
    multiple=True,
    help="Claim for this account (repeatable); 'all' claims every leaf. Default: the sender.",
)
@common.reported
def airdrop_claim(
    cli_ctx, network, account, deployments_dir, yes, tree_file, dist_id, for_accounts
):
    """Claim leaves of distribution ID from TREE_FILE (tokens go to each leaf's account)."""
    from kpi_options.distribution import airdrop

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    accounts = list(for_accounts) or None
    common.confirm(network, yes, f"Claim from distribution {dist_id}")
    result = airdrop.claim(env, sender, tree_file, dist_id, accounts)
    for who, amount in result.skipped:
        cli_ctx.logger.info(f"{who}: {amount} already claimed")
    cli_ctx.logger.success(
        f"claimed {len(result.claimed)} leaves, {sum(a for _, a in result.claimed)} raw units"
    )


@click.command("airdrop-status", cls=ConnectedProviderCommand)
@common.options(sends=False)
@click.argument("dist_id", metavar="ID", type=int)
@click.option("--tree", "tree_file", type=click.Path(dir_okay=False), help="Count paid leaves.")
@common.reported
def airdrop_status(cli_ctx, network, account, deployments_dir, dist_id, tree_file):
    """Funded, claimed, unclaimed and time left of distribution ID."""
    from kpi_options.distribution import airdrop

    env = common.connect(cli_ctx, network, deployments_dir)
    s = airdrop.status(env, dist_id, tree_file)
    click.echo(f"distribution {s.id}: token {s.token}, sponsor {s.sponsor}")
    click.echo(f"funded {s.funded}, claimed {s.claimed}, unclaimed {s.unclaimed} (raw units)")
    if s.leaves is not None:
        click.echo(f"leaves claimed {s.leaves_claimed}/{s.leaves}")
    state = "clawed back" if s.clawed_back else ("open" if s.seconds_left else "closed")
    click.echo(f"deadline {s.deadline}, {s.seconds_left} s left, {state}")


@click.command("airdrop-clawback", cls=ConnectedProviderCommand)
@common.options()
@click.argument("dist_id", metavar="ID", type=int)
@click.option("--to", "to", default=None, help="Recipient (default: the sponsor).")
@common.reported
def airdrop_clawback(cli_ctx, network, account, deployments_dir, yes, dist_id, to):
    """After the deadline, take back what distribution ID did not pay out (sponsor only)."""
    from kpi_options.distribution import airdrop
    from kpi_options.units import check_address

    env = common.connect(cli_ctx, network, deployments_dir)
    sender = common.sender_for(cli_ctx, network, account)
    to = check_address(to, "--to") if to else None
    common.confirm(network, yes, f"Claw back distribution {dist_id}")
    amount = airdrop.clawback(env, sender, dist_id, to)
    cli_ctx.logger.success(f"clawed back {amount} raw units of distribution {dist_id}")


# --- liquidity mining -------------------------------------------------------------------------------


@click.command("mining-deploy", cls=ConnectedProviderCommand)
@common.options()
@click.argument("name", metavar="NAME")
@common.pair_argument
@click.option("--staking-token", required=True, help="The pool token stakers deposit.")
@click.option("--sponsor", default=None, help="Who funds the emission (default: the sender).")
@common.reported
def mining_deploy(
    cli_ctx, network, account, deployments_dir, yes, name, pair, staking_token, sponsor
):
    """Deploy an emitter of PAIR's long token to stakers of --staking-token, recorded as NAME."""
    from kpi_options.distribution import mining

    action = f"Deploy the emitter {name}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    contract = mining.deploy_emitter(env, sender, name, pair, staking_token, sponsor)
    cli_ctx.logger.success(f"emitter {name} at {contract.address}")


@click.command("mining-fund", cls=ConnectedProviderCommand)
@common.options()
@click.argument("emitter", metavar="EMITTER")
@click.argument("amount", metavar="AMOUNT")
@click.option("--days", type=float, required=True, help="Emission period from now, days.")
@common.reported
def mining_fund(cli_ctx, network, account, deployments_dir, yes, emitter, amount, days):
    """Emit AMOUNT reward tokens (plus what the running period has left) over --days from now."""
    from kpi_options.distribution import mining

    action = f"Fund {emitter} with {amount}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    raw = mining.fund(env, sender, emitter, amount, int(days * DAY))
    cli_ctx.logger.success(f"{emitter} funded with {raw} raw units over {days} days")


def _staker_command(name: str, action: str, doc: str):
    @click.command(name, cls=ConnectedProviderCommand)
    @common.options()
    @click.argument("emitter", metavar="EMITTER")
    @click.argument("amount", metavar="AMOUNT")
    @common.reported
    def command(cli_ctx, network, account, deployments_dir, yes, emitter, amount):
        from kpi_options.distribution import mining

        env = common.connect(cli_ctx, network, deployments_dir)
        sender = common.sender_for(cli_ctx, network, account)
        common.confirm(network, yes, f"{action} {amount} on {emitter}")
        raw = getattr(mining, action)(env, sender, emitter, amount)
        cli_ctx.logger.success(f"{action}: {raw} raw units")

    command.help = doc
    return command


mining_stake = _staker_command("mining-stake", "stake", "Stake AMOUNT pool tokens in EMITTER.")
mining_withdraw = _staker_command(
    "mining-withdraw", "withdraw", "Withdraw AMOUNT of your stake from EMITTER."
)


@click.command("mining-claim", cls=ConnectedProviderCommand)
@common.options()
@click.argument("emitter", metavar="EMITTER")
@common.reported
def mining_claim(cli_ctx, network, account, deployments_dir, yes, emitter):
    """Claim your rewards from EMITTER."""
    from kpi_options.distribution import mining

    action = f"Claim rewards from {emitter}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    paid = mining.claim_rewards(env, sender, emitter)
    cli_ctx.logger.success(f"claimed {paid} raw units")


@click.command("mining-recover-idle", cls=ConnectedProviderCommand)
@common.options()
@click.argument("emitter", metavar="EMITTER")
@click.option("--to", "to", default=None, help="Recipient (default: the sponsor).")
@common.reported
def mining_recover_idle(cli_ctx, network, account, deployments_dir, yes, emitter, to):
    """Sponsor: take back the rewards EMITTER emitted while nothing was staked."""
    from kpi_options.distribution import mining

    action = f"Recover idle rewards of {emitter}"
    env, sender = common.sending(cli_ctx, network, account, deployments_dir, yes, action)
    amount = mining.recover_idle(env, sender, emitter, to)
    cli_ctx.logger.success(f"recovered {amount} raw units of idle rewards")


@click.command("mining-status", cls=ConnectedProviderCommand)
@common.options(sends=False)
@click.argument("emitter", metavar="EMITTER")
@click.option("--of", "of", default=None, help="Also show this account's stake and rewards.")
@common.reported
def mining_status(cli_ctx, network, account, deployments_dir, emitter, of):
    """Stake, rate, time left, funded, paid and idle rewards of EMITTER."""
    from kpi_options.distribution import mining

    env = common.connect(cli_ctx, network, deployments_dir)
    s = mining.status(env, emitter, of)
    click.echo(f"emitter {s.address}: stake {s.staking_token} -> rewards {s.reward_token}")
    click.echo(f"total staked {s.total_staked}; rate {s.rate_per_second:.6g} raw units/s")
    click.echo(f"period ends {s.period_finish} ({s.seconds_left} s left)")
    click.echo(f"funded {s.funded}, paid {s.paid}, idle (sponsor-recoverable) {s.idle}")
    if s.stake is not None:
        click.echo(f"{of}: staked {s.stake}, earned {s.earned}")

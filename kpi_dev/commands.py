"""The click commands behind ``ape run demo`` and ``ape run benchmark`` (scripts/ only import them)."""

import json
import time
from pathlib import Path

import click
from ape.cli import ConnectedProviderCommand, ape_cli_context, network_option

__all__ = ["benchmark", "demo"]

OUTPUT = Path("build/gas/benchmark.json")


@click.command(cls=ConnectedProviderCommand)
@ape_cli_context()
@network_option(default="ethereum:local:foundry")
@click.option(
    "--deployments",
    "deployments_dir",
    default="build/demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the demo writes its deployments file and recipient CSVs.",
)
@click.option("--show-transactions", is_flag=True, help="Also log every confirmed transaction.")
@click.option(
    "--oracle",
    type=click.Choice(["mock", "uma"]),
    default="mock",
    show_default=True,
    help="Local oracle stack: the project's mocks, or UMA's own contracts from @uma/core.",
)
def demo(cli_ctx, network, deployments_dir, show_transactions, oracle):
    """Run a full KPI options lifecycle (two programs) on a local chain."""
    from ape import accounts, chain, project

    from kpi_dev.demo import DemoError, run_demo

    if not network.is_local:
        raise click.BadParameter("the demo runs on local networks only", param_hint="--network")
    started = time.monotonic()

    def step(index, total, title):
        click.echo(click.style(f"\n[{index}/{total}] {title}", bold=True))

    try:
        # ape logs every confirmed transaction at INFO; the narration says what each one does.
        with cli_ctx.logger.at_level("INFO" if show_transactions else "SUCCESS"):
            result = run_demo(
                project,
                chain,
                accounts.test_accounts,
                deployments_dir=deployments_dir,
                network=network.name,
                oracle=oracle,
                log=lambda message: click.echo(f"  {message}"),
                step=step,
            )
    except DemoError as exc:
        cli_ctx.abort(f"demo check failed: {exc}")
    elapsed = time.monotonic() - started
    cli_ctx.logger.success(
        f"demo finished in {elapsed:.1f} s: "
        f"{len(result.acts) + (result.distribution is not None)} programs settled, collateral "
        f"accounted for to the wei (deployments: {result.deployments})"
    )


def _echo_distribution(figures, tree_size):
    """The distribution figures, the airdrop comparison and (optionally) the tree build cost."""
    from kpi_dev.distribution_benchmark import AIRDROP_HOLDERS, airdrop_cost, tree_build_cost

    click.echo("\ndistribution (gas)")
    for key, gas in figures.items():
        click.echo(f"  {key:58s} {gas:>10,d}")
    cost = airdrop_cost(figures)
    click.echo(
        f"airdrop to {AIRDROP_HOLDERS:,} holders: by transfer {cost['by_transfer_team']:,} gas "
        f"(team); by Merkle claims {cost['by_merkle_team']:,} (team) + "
        f"{cost['by_merkle_claimants']:,} (claimants, if all claim)"
    )
    if tree_size:
        built = tree_build_cost(tree_size)
        click.echo(
            f"tree of {tree_size:,} recipients: build {built['build_seconds']} s, tree file "
            f"{built['file_seconds']} s, peak {built['peak_mib']} MiB"
        )


def _fmt_bool(value):
    return "—" if value is None else ("yes" if value else "NO")


@click.command(cls=ConnectedProviderCommand)
@network_option(default="ethereum:local:foundry")
@click.option(
    "--check",
    "baseline_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Baseline JSON; exit 1 if any figure grew more than the tolerance over it.",
)
@click.option("--tolerance", default=0.02, show_default=True, help="Allowed growth (0.02 = 2 %).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=OUTPUT,
    show_default=True,
    help="Where to write the figures.",
)
@click.option(
    "--breakdown",
    "breakdown_keys",
    multiple=True,
    help="Operation key(s) to split by opcode class and call frame (e.g. create_first).",
)
@click.option(
    "--tree-size",
    type=click.IntRange(min=0),
    default=0,
    help="Also time building a Merkle tree file of this many recipients (and its peak memory).",
)
def benchmark(
    ecosystem, network, provider, baseline_path, tolerance, output, breakdown_keys, tree_size
):
    """Gas benchmark against UMA's Long Short Pair (docs/GAS.md); see scripts/benchmark.py."""
    from ape import accounts, chain, project

    from kpi_dev.benchmark import PRIMARY_COLLATERAL, evaluate, run_benchmark
    from kpi_dev.gas_baseline import check_against_baseline
    from kpi_dev.gas_trace import gas_breakdown

    result = run_benchmark(project, chain, accounts.test_accounts)

    click.echo(
        f"{'operation':44s} {'collateral':13s} {'ours':>9s} {'UMA (run)':>10s} "
        f"{'ratio':>7s} {'target':>9s}  met?"
    )
    for row in evaluate(result):
        target = "—" if row.limit is None else f"{row.limit:,}"
        line = (
            f"{row.operation.label:44s} {row.collateral:13s} {row.ours:>9,d} "
            f"{row.uma:>10,d} {100 * row.ratio:>6.1f}% {target:>9s}  {_fmt_bool(row.met)}"
        )
        if row.stretch_met is not None:
            line += f" (stretch {row.stretch_limit:,}: {_fmt_bool(row.stretch_met)})"
        click.echo(line)

    click.echo("\ndeployment (gas)")
    for name, entry in result.deployments.items():
        note = "" if entry["role"] == "product" else f"  [{entry['role']}]"
        click.echo(f"  {name:58s} {entry['gas']:>10,d}{note}")

    _echo_distribution(result.distribution, tree_size)

    for key in breakdown_keys:
        txn = result.transactions[PRIMARY_COLLATERAL][key]
        split = gas_breakdown(provider, txn)
        click.echo(
            f"\n{key} ({PRIMARY_COLLATERAL}): {result.operations[PRIMARY_COLLATERAL][key]:,} "
            f"gas, execution {split['execution']:,} (before refunds)"
        )
        for name, gas in sorted(split["by_class"].items(), key=lambda item: -item[1]):
            click.echo(f"  {name:30s} {gas:>8,d}")
        click.echo("  call frames (depth, opcode, target, gas inside):")
        for depth, op, target, gas in split["by_frame"]:
            click.echo(f"    {'  ' * depth}{op:12s} {target:44s} {gas:>8,d}")

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result.to_json(), indent=2) + "\n")
    click.echo(f"\nfigures written to {output}")

    if baseline_path is not None:
        baseline = json.loads(baseline_path.read_text())
        regressions = check_against_baseline(result, baseline, tolerance)
        if regressions:
            click.echo(
                f"\nGAS CHECK FAILED: {len(regressions)} figure(s) over {baseline_path} "
                f"by more than {100 * tolerance:g} %:",
                err=True,
            )
            for regression in regressions:
                click.echo(f"  {regression}", err=True)
            raise SystemExit(1)
        click.echo(
            f"gas check passed: no figure more than {100 * tolerance:g} % over {baseline_path}"
        )

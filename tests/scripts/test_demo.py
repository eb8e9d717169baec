"""The demo (``ape run demo``) on the test session's chain: both acts, the collateral check, and
the script's exit status."""

from click.testing import CliRunner

from kpi_dev import demo
from kpi_dev.demo_distribution import check_act
from kpi_options.chain.pair import PairState

WAD = 10**18
USDC = 10**6


def test_run_demo__both_acts__settle_every_holder_and_account_for_all_collateral(
    project, chain, accounts, tmp_path
):
    steps, lines = [], []
    result = demo.run_demo(
        project,
        chain,
        accounts,
        deployments_dir=tmp_path,
        log=lines.append,
        step=lambda index, total, title: steps.append((index, total)),
    )
    assert steps == [(i, len(demo.STEPS)) for i in range(1, len(demo.STEPS) + 1)]
    milestones, linear = result.acts
    holder_a, holder_b, sponsor = accounts[3].address, accounts[4].address, accounts[2].address

    # Act 1: TVL 1520 (millions) reaches the last milestone, longs take all 10 USDC per option.
    assert milestones.locked == 200_000 * USDC
    assert milestones.percent_long == WAD
    assert milestones.paid == {
        holder_a: 60_000 * USDC,
        holder_b: 40_000 * USDC,
        sponsor: 100_000 * USDC,  # 10,000 long x 10 + 20,000 short x 0
    }
    # Act 2: the DVM's 0.75 on Linear 0..1 pays longs 0.75 UMA and shorts 0.25 UMA per pair.
    assert linear.locked == 1000 * WAD
    assert linear.percent_long == 75 * WAD // 100
    assert linear.paid == {
        holder_a: 225 * WAD,
        holder_b: 150 * WAD,
        sponsor: 500 * 75 * WAD // 100 + 1000 * 25 * WAD // 100,
    }
    for act in result.acts:
        assert act.paid_total + act.left_in_pair == act.locked
        pair = project.LongShortPair.at(act.pair)
        assert pair.pairState() == PairState.Settled
        assert project.TestERC20.at(pair.collateralToken()).balanceOf(pair) == act.left_in_pair == 0
    assert any("ignore price" in line for line in lines)
    assert result.deployments.exists()

    # Act 3: SMART Alpha, $10M of adjusted TVL pays 0.5 BOND per option (BoundedLog's centre).
    smart = result.distribution
    assert smart.locked == 5000 * WAD and smart.percent_long == WAD // 2
    assert smart.airdropped == 1500 * WAD and smart.mined == 3500 * WAD
    assert smart.claimed + smart.clawed_back == smart.airdropped and smart.clawed_back > 0
    assert smart.left_in_distributor == 0
    # A day of 30 (plus the seconds of the relayed claims before it) nobody stakes: its emission
    # goes back to the sponsor; the stakers get the rest, less dust.
    per_second = 3500 * WAD / (30 * 86_400)
    assert 86_400 * per_second <= smart.idle_recovered <= (86_400 + 60) * per_second
    assert 0 <= smart.mined - smart.mining_paid - smart.idle_recovered == smart.left_in_emitter <= 4
    assert smart.paid_total + smart.left_in_pair == smart.locked
    assert act3_failures(smart, project) == []


def test_demo_script__oracle_uma__exits_zero_and_narrates_every_step(session_network, tmp_path):
    """``ape run demo --oracle uma``: the same two programs on UMA's own oracle stack
    (``@uma/core``); the closing check passes only when collateral adds up to the wei."""
    from scripts.demo import cli

    result = CliRunner().invoke(
        cli,
        ["--network", session_network, "--deployments", str(tmp_path), "--oracle", "uma"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    for index, title in enumerate(demo.STEPS, start=1):
        assert f"[{index}/{len(demo.STEPS)}] {title}" in result.output
    assert "UMA's own Finder, whitelists, Store, OptimisticOracleV2 and DVM double" in result.output
    assert "pushed by the requester" in result.output
    assert "milestones: locked 200000 USDC = paid 200000 + left 0" in result.output
    assert "linear: locked 1000 UMA = paid 1000 + left 0" in result.output


def test_demo_script__failed_check__exits_non_zero(session_network, tmp_path, monkeypatch):
    from scripts.demo import cli

    def broken(*args, **kwargs):
        raise demo.DemoError("linear: locked 1000 but paid 999")

    monkeypatch.setattr(demo, "run_demo", broken)
    result = CliRunner().invoke(cli, ["--network", session_network, "--deployments", str(tmp_path)])
    assert result.exit_code != 0
    assert "demo check failed: linear: locked 1000 but paid 999" in result.output


def act3_failures(smart, project):
    pair = project.LongShortPair.at(smart.pair)
    long_supply = project.TestERC20.at(pair.longToken()).totalSupply()
    return check_act(smart, int(pair.collateralPerPair()), int(long_supply))

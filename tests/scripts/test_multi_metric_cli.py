"""``preview`` and ``launch`` of a MULTIPLE_VALUES program (several KPIs in one option, issue 17):
one comma-separated value per metric in each METRIC, the packed values shown next to the payout."""

from pathlib import Path

from kpi_options import lifecycle as lc
from kpi_options.ancillary.multiple_values import unpack
from tests.fixtures.scripts import DAY, advance, refused

MULTI_PROGRAM = Path(__file__).resolve().parents[2] / "programs" / "multi-kpi-tvl-users-volume.yaml"


def _line(output, start):
    return next(line for line in output.splitlines() if line.strip().startswith(start))


def test_preview__multi_metric_program__one_value_per_metric(kpi_cli):
    result = kpi_cli(
        "preview", MULTI_PROGRAM, "320000000,12345,650000000", "unresolved", "5e8,20000,8e8"
    )
    assert result.exit_code == 0, result.output
    # TVL $320M -> 320, 12,345 users, $650M -> 650 (3 of 4 volume steps): 64.3718 % of 10 USDC
    assert _line(result.output, "320000000").split() == [
        "320000000,12345,650000000",
        "320,12345,650",
        "64.3718",
        "6.437184",
        "3.562815",
    ]
    # unresolvable: the minimum payout (10 %)
    assert _line(result.output, "unresolved").split() == [
        "unresolved",
        "unresolvable",
        "10",
        "1",
        "9",
    ]
    assert _line(result.output, "500000000").split()[1:] == ["500,20000,800", "100", "10", "0"]


def test_preview__launched_multi_metric_pair__packed_values_match_the_program(
    kpi_cli, kpi_env, launcher, chain
):
    lc.launch(
        kpi_env, launcher, MULTI_PROGRAM, name="multi", expiration=chain.pending_timestamp + DAY
    )
    from_file = kpi_cli("preview", MULTI_PROGRAM, "320000000,12345,650000000")
    from_pair = kpi_cli("preview", "--pair", "multi", "320,12345,650")
    assert from_file.exit_code == 0 and from_pair.exit_code == 0, from_pair.output
    file_cells = _line(from_file.output, "320000000").split()
    pair_cells = _line(from_pair.output, "320,12345,650").split()
    assert pair_cells[1:3] == file_cells[1:3]  # same packed values, same long share
    assert pair_cells[3:] == ["6.437184", "3.562815"]


def test_launch_dry_run__multi_metric_program__samples_bounds_and_halfway(kpi_cli):
    result = kpi_cli("launch", MULTI_PROGRAM, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "MultiMetric payout" in result.output
    assert _line(result.output, "unresolved").split()[1:3] == ["unresolvable", "10"]
    assert _line(result.output, "500000000").split()[1:3] == ["500,20000,800", "100"]


def test_preview__multi_metric_wrong_count_or_too_big__refused(kpi_cli):
    refused(kpi_cli("preview", MULTI_PROGRAM, "1,2"), "METRIC", "give 3 comma-separated values")
    refused(
        kpi_cli("preview", MULTI_PROGRAM, f"{2**32 * 10**6},1,1"),
        "METRIC",
        "outside the 32-bit range",
    )


def test_cli_lifecycle__multi_metric_pair__packed_propose_dispute_resolve_settle(
    kpi_cli, kpi_env, launcher, sponsor, requester, proposer, disputer, deployer, chain
):
    lc.launch(
        kpi_env, launcher, MULTI_PROGRAM, name="multi", expiration=chain.pending_timestamp + DAY
    )
    lc.faucet(kpi_env, deployer, "USDC", "1000", to=sponsor.address)
    assert kpi_cli("mint", "multi", "100", account=sponsor).exit_code == 0  # 100 x 10 USDC
    advance(chain, 2 * DAY)
    assert kpi_cli("expire", "multi", account=requester).exit_code == 0
    for account in (proposer, disputer):
        lc.faucet(kpi_env, deployer, "USDC", "2010", to=account.address)  # bond + final fee
    wrong = kpi_cli("propose", "multi", "500,20000,800", account=proposer)
    assert wrong.exit_code == 0, wrong.output
    assert kpi_cli("dispute", "multi", account=disputer).exit_code == 0
    refused(kpi_cli("resolve", "multi", "0.5", account=deployer), "PRICE", "comma-separated")
    right = kpi_cli("resolve", "multi", "320,12345,650", account=deployer)
    assert right.exit_code == 0, right.output
    settled = kpi_cli("settle", "multi", account=sponsor)
    assert settled.exit_code == 0, settled.output
    p = kpi_env.pair("multi")
    assert unpack(int(p.contract.expiryPrice()), 3) == (320, 12_345, 650)
    assert int(p.contract.expiryPercentLong()) == 643_718_421_052_631_578
    # the sponsor held both sides of every pair: the whole 1000 USDC back, less settle dust
    assert 1000 * 10**6 - 2 <= int(p.collateral.balanceOf(sponsor.address)) <= 1000 * 10**6

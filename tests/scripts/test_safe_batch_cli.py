"""`--safe-batch FILE --safe ADDRESS` on the sending commands: the batch is written, nothing is
sent, the Safe's needs are printed, and the 2-of-3 Safe executing it ends where the direct path
ends."""

import json

from kpi_dev.testing import isolated
from kpi_options import lifecycle as lc
from kpi_options.safe.batch import read_batch
from kpi_options.safe.rehearsal import execute_batch


def _addresses(env, *holders):
    p = env.pair("linear")
    tokens = (p.collateral, p.long_token, p.short_token)
    return [int(t.balanceOf(h)) for t in tokens for h in (*holders, p.address)]


def test_mint__safe_batch__written_not_sent_and_needs_printed(
    kpi_cli, kpi_env, linear_launch, team_safe, sponsor, tmp_path, nothing_sent
):
    batch = tmp_path / "mint.json"
    with nothing_sent(sponsor):
        result = kpi_cli(
            "mint",
            "linear",
            "1000",
            "--safe-batch",
            batch,
            "--safe",
            team_safe.address,
            account=sponsor,
        )
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"recording for the Safe {team_safe.address} into {batch}; nothing is sent" in out
    assert "wrote 2 transaction(s)" in out
    p = kpi_env.pair("linear")
    assert (
        f"1. approve(spender={p.address}, amount={1000 * 10**18}) on {p.collateral.address}" in out
    )
    assert f"2. create(tokensToCreate={1000 * 10**18}) on {p.address}" in out
    assert "SUCCESS" not in out and "recorded for the Safe, not sent: minted 1000" in out
    uma = kpi_env.pair("linear").collateral
    assert f"the Safe {team_safe.address} must hold 1000 UMA ({uma.address}) for minting" in out
    assert "it holds 0 (short now)" in out
    body = json.loads(batch.read_text())
    assert body["meta"]["createdFromSafeAddress"] == team_safe.address
    assert [t["contractMethod"]["name"] for t in body["transactions"]] == ["approve", "create"]


def test_mint__safe_batch_executed_by_the_safe__same_as_the_safe_minting_directly(
    chain,
    accounts,
    kpi_cli,
    kpi_env,
    linear_launch,
    team_safe,
    safe_stack,
    safe_owners,
    deployer,
    holder,
    tmp_path,
):
    lc.faucet(kpi_env, deployer, "UMA", "1000", to=team_safe.address)
    with isolated(chain):
        as_safe = accounts[team_safe.address]
        as_safe.balance = 10**18
        lc.mint(kpi_env, as_safe, "linear", "1000")
        direct = _addresses(kpi_env, team_safe.address)
    batch = tmp_path / "mint.json"
    result = kpi_cli("mint", "linear", "1000", "--safe-batch", batch, "--safe", team_safe.address)
    assert result.exit_code == 0, result.output
    _, calls = read_batch(batch)
    execute_batch(team_safe, calls, safe_owners[1:], safe_stack.multisend_call_only, holder)
    assert _addresses(kpi_env, team_safe.address) == direct


def test_safe_batch__safe_missing_or_bad__refused_naming_the_option(
    kpi_cli, linear_launch, team_safe, sponsor, tmp_path
):
    only_file = kpi_cli("mint", "linear", "1", "--safe-batch", tmp_path / "b.json", account=sponsor)
    assert only_file.exit_code != 0 and "Invalid value for --safe" in only_file.output
    only_safe = kpi_cli("mint", "linear", "1", "--safe", team_safe.address, account=sponsor)
    assert only_safe.exit_code != 0 and "Invalid value for --safe-batch" in only_safe.output
    bad = team_safe.address[:2] + team_safe.address[2:].swapcase()
    wrong = kpi_cli(
        "mint", "linear", "1", "--safe-batch", tmp_path / "b.json", "--safe", bad, account=sponsor
    )
    assert wrong.exit_code != 0 and "Invalid value for --safe" in wrong.output
    assert "bad EIP-55 checksum" in wrong.output
    assert not (tmp_path / "b.json").exists()


def _launch_into_batch(kpi_cli, chain, batch, safe, *options):
    """``launch`` of the Linear demo program (expiring in 7 days) into ``batch`` for ``safe``."""
    expiration = str(chain.pending_timestamp + 7 * 86_400)
    return kpi_cli(
        "launch",
        "programs/demo/linear-tvl-dispute.yaml",
        "--expiration",
        expiration,
        *options,
        "--safe-batch",
        batch,
        "--safe",
        safe.address,
    )


def test_launch__safe_batch__prints_the_pair_address_to_come_and_records_nothing(
    chain, kpi_cli, kpi_dir, team_safe, tmp_path, nothing_sent, launcher
):
    batch = tmp_path / "launch.json"
    with nothing_sent(launcher):
        result = _launch_into_batch(kpi_cli, chain, batch, team_safe, "--name", "viasafe")
    assert result.exit_code == 0, result.output
    assert "launch recorded, not sent: once the Safe executes the batch the pair will be at 0x" in (
        result.output
    )
    assert "collateral: UMA (0x" in result.output  # the totals are printed before
    record = json.loads(next(kpi_dir.glob("*.json")).read_text())
    assert "viasafe" not in record["pairs"]
    body = json.loads(batch.read_text())
    assert [t["contractMethod"]["name"] for t in body["transactions"]] == [
        "requireUnlaunched",
        "createLongShortPairWithPayoutParameters",
    ]


def test_launch_uma_creator__safe_batch_before_uma_is_deployed__refused_naming_the_option(
    chain, kpi_cli, team_safe, tmp_path, nothing_sent, launcher
):
    batch = tmp_path / "launch.json"
    with nothing_sent(launcher):
        result = _launch_into_batch(kpi_cli, chain, batch, team_safe, "--creator", "uma")
    assert result.exit_code != 0
    assert "Invalid value for --safe-batch: UMA's creator and Linear library are deployed on " in (
        result.output
    )
    assert "run `launch --creator uma` once from an account" in result.output
    assert not batch.exists()


def test_deploy__safe_batch__refused_naming_safe(kpi_cli, team_safe, tmp_path, kpi_dir):
    for record in kpi_dir.glob("*.json"):
        record.unlink()
    result = kpi_cli("deploy", "--safe-batch", tmp_path / "d.json", "--safe", team_safe.address)
    assert result.exit_code != 0
    assert "deploying contracts from a Safe batch is not supported" in result.output
    assert not (tmp_path / "d.json").exists()

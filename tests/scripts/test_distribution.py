"""Distribution from the command line: resumable ``distribute`` (receipts, refusals, spreadsheet
CSV), the Merkle airdrop commands and the liquidity-mining commands, on the test chain."""

import json

import pytest

from kpi_options.distribution import transfers
from kpi_options.distribution.merkle import load_tree_file
from tests.fixtures.scripts import advance, refused

WAD = 10**18
DAY = 86_400


# --- distribute: receipts and resumption -----------------------------------------------------------


def test_distribute__interrupted_then_rerun__each_row_paid_once(
    kpi_cli, kpi_env, linear_minted, sponsor, holder, other, tmp_path
):
    third = "0x" + "33" * 20
    csv = tmp_path / "r.csv"
    csv.write_text(f"{holder.address},1\n{other.address},2\n{third},3\n")

    class Interrupted(Exception):
        pass

    def stop_after_first(done, total):
        raise Interrupted

    with pytest.raises(Interrupted):
        transfers.distribute(
            kpi_env, sponsor, "linear", csv, batch_size=1, progress=stop_after_first
        )
    long_token = linear_minted.long_token
    assert long_token.balanceOf(holder) == WAD and long_token.balanceOf(other) == 0
    receipts = tmp_path / "r.csv.receipts.jsonl"
    assert [json.loads(x)["address"] for x in receipts.read_text().splitlines()] == [holder.address]

    result = kpi_cli("distribute", "linear", csv, account=sponsor)
    assert result.exit_code == 0, result.output
    assert "1 already sent, skipped" in result.output
    assert long_token.balanceOf(holder) == WAD  # not paid twice
    assert long_token.balanceOf(other) == 2 * WAD and long_token.balanceOf(third) == 3 * WAD
    assert len(receipts.read_text().splitlines()) == 3

    again = kpi_cli("distribute", "linear", csv, account=sponsor)
    assert again.exit_code == 0, again.output
    assert "to 0 recipients" in again.output and long_token.balanceOf(holder) == WAD


def test_distribute__receipts_of_another_csv__refused_and_nothing_sent(
    kpi_cli, linear_minted, sponsor, holder, tmp_path, nothing_sent
):
    csv = tmp_path / "r.csv"
    csv.write_text(f"{holder.address},1\n")
    (tmp_path / "r.csv.receipts.jsonl").write_text(
        json.dumps({"line": 1, "address": holder.address, "amount": "5", "tx": ""}) + "\n"
    )
    with nothing_sent(sponsor):
        result = kpi_cli("distribute", "linear", csv, account=sponsor)
    refused(result, "--receipts", "belongs to another CSV")


@pytest.mark.parametrize("target", ["pair", "long", "short", "collateral", "distributor"])
def test_distribute__recipient_that_locks_tokens__refused_and_nothing_sent(
    kpi_cli, kpi_env, linear_minted, sponsor, holder, tmp_path, nothing_sent, target
):
    address = {
        "pair": linear_minted.address,
        "long": str(linear_minted.long_token.address),
        "short": str(linear_minted.short_token.address),
        "collateral": str(linear_minted.collateral.address),
        "distributor": kpi_env.deployments.contracts["merkleDistributor"],
    }[target]
    csv = tmp_path / "r.csv"
    csv.write_text(f"{holder.address},1\n{address},1\n")
    with nothing_sent(sponsor):
        result = kpi_cli("distribute", "linear", csv, account=sponsor)
    refused(result, "RECIPIENTS.csv", "line 2", "tokens sent there are lost")


def test_distribute__zero_address__refused(kpi_cli, linear_minted, sponsor, tmp_path, nothing_sent):
    csv = tmp_path / "r.csv"
    csv.write_text(f"0x{'00' * 20},1\n")
    with nothing_sent(sponsor):
        result = kpi_cli("distribute", "linear", csv, account=sponsor)
    refused(result, "RECIPIENTS.csv", "zero address")


def test_distribute__spreadsheet_csv_with_bom_and_crlf__sends_every_row(
    kpi_cli, linear_minted, sponsor, holder, other, tmp_path
):
    csv = tmp_path / "excel.csv"
    csv.write_bytes(
        b"\xef\xbb\xbfaddress,amount\r\n"
        + f"{holder.address},1.5\r\n{other.address},2\r\n".encode()
    )
    result = kpi_cli("distribute", "linear", csv, account=sponsor)
    assert result.exit_code == 0, result.output
    assert linear_minted.long_token.balanceOf(holder) == 1_500_000_000_000_000_000
    assert linear_minted.long_token.balanceOf(other) == 2 * WAD


# --- Merkle airdrop ----------------------------------------------------------------------------------


@pytest.fixture
def tree_file(kpi_cli, linear_minted, sponsor, holder, other, tmp_path):
    csv = tmp_path / "airdrop.csv"
    csv.write_text(f"address,amount\n{holder.address},10\n{other.address},20.5\n")
    out = tmp_path / "tree.json"
    result = kpi_cli("airdrop-tree", "linear", csv, "--out", out, account=sponsor)
    assert result.exit_code == 0, result.output
    return out


def test_airdrop__tree_fund_claim_status_clawback__balances_to_the_wei(
    kpi_cli, kpi_env, linear_minted, tree_file, sponsor, holder, other, attacker, chain
):
    tree = load_tree_file(tree_file)
    assert tree.total == 30_500_000_000_000_000_000
    data = json.loads(tree_file.read_text())
    assert data["format"] == "standard-v1" and holder.address in data["proofs"]

    funded = kpi_cli("airdrop-fund", "linear", tree_file, "--claim-days", "10", account=sponsor)
    assert funded.exit_code == 0, funded.output
    assert "distribution 0" in funded.output
    long_token = linear_minted.long_token
    assert long_token.balanceOf(sponsor) == 1000 * WAD - tree.total

    own = kpi_cli("airdrop-claim", tree_file, "0", account=holder)
    assert own.exit_code == 0, own.output
    assert long_token.balanceOf(holder) == 10 * WAD

    status = kpi_cli("airdrop-status", "0", "--tree", tree_file)
    assert status.exit_code == 0, status.output
    assert f"claimed {10 * WAD}, unclaimed {20_500_000_000_000_000_000}" in status.output
    assert "leaves claimed 1/2" in status.output and "open" in status.output

    early = kpi_cli("airdrop-clawback", "0", account=sponsor)
    refused(early, "ID", "claims are open")

    advance(chain, 11 * DAY)
    late = kpi_cli("airdrop-claim", tree_file, "0", account=other)
    refused(late, "ID", "claim period is over")
    not_sponsor = kpi_cli("airdrop-clawback", "0", account=attacker)
    refused(not_sponsor, "--account", "only the sponsor")
    back = kpi_cli("airdrop-clawback", "0", account=sponsor)
    assert back.exit_code == 0, back.output
    assert long_token.balanceOf(sponsor) == 1000 * WAD - 10 * WAD
    assert long_token.balanceOf(other) == 0


def test_airdrop_claim__relayer_for_all__pays_every_account_not_the_relayer(
    kpi_cli, linear_minted, tree_file, sponsor, holder, other, attacker
):
    assert kpi_cli("airdrop-fund", "linear", tree_file, account=sponsor).exit_code == 0
    result = kpi_cli("airdrop-claim", tree_file, "0", "--for", "all", account=attacker)
    assert result.exit_code == 0, result.output
    long_token = linear_minted.long_token
    assert long_token.balanceOf(holder) == 10 * WAD
    assert long_token.balanceOf(other) == 20_500_000_000_000_000_000
    assert long_token.balanceOf(attacker) == 0
    again = kpi_cli("airdrop-claim", tree_file, "0", "--for", holder.address, account=attacker)
    assert again.exit_code == 0 and "already claimed" in again.output


@pytest.mark.parametrize("case", ["unknown_id", "other_tree", "not_in_tree"])
def test_airdrop_claim__bad_input__refused_and_nothing_sent(
    kpi_cli, linear_minted, tree_file, sponsor, holder, attacker, tmp_path, nothing_sent, case
):
    assert kpi_cli("airdrop-fund", "linear", tree_file, account=sponsor).exit_code == 0
    if case == "unknown_id":
        args, param = (tree_file, "3"), "ID"
    elif case == "other_tree":
        csv = tmp_path / "other.csv"
        csv.write_text(f"{holder.address},1\n")
        other_tree = tmp_path / "other.json"
        assert kpi_cli("airdrop-tree", "linear", csv, "--out", other_tree).exit_code == 0
        args, param = (other_tree, "0"), "TREE_FILE"
    else:
        args, param = (tree_file, "0", "--for", attacker.address), "--for"
    with nothing_sent(attacker):
        result = kpi_cli("airdrop-claim", *args, account=attacker)
    refused(result, param)


def test_airdrop_tree__duplicate_rows__refused(kpi_cli, linear_minted, holder, tmp_path):
    csv = tmp_path / "dup.csv"
    csv.write_text(f"{holder.address},1\n{holder.address},2\n")
    result = kpi_cli("airdrop-tree", "linear", csv, "--out", tmp_path / "t.json")
    refused(result, "RECIPIENTS.csv", "already appears on line 1")


# --- liquidity mining ----------------------------------------------------------------------------------


def test_mining__deploy_fund_stake_status_withdraw_claim__rewards_to_the_wei(
    kpi_cli, kpi_env, project, linear_minted, sponsor, holder, deployer, chain
):
    pool = deployer.deploy(project.TestERC20, "Pool token", "BPT", 18)
    pool.mint(holder, 100 * WAD, sender=holder)
    deployed = kpi_cli(
        "mining-deploy", "lp", "linear", "--staking-token", pool.address, account=sponsor
    )
    assert deployed.exit_code == 0, deployed.output
    record = json.loads(kpi_env.deployments.path.read_text())["emitters"]["lp"]
    assert record["rewardToken"] == str(linear_minted.long_token.address)

    assert kpi_cli("mining-stake", "lp", "40", account=holder).exit_code == 0
    funded = kpi_cli("mining-fund", "lp", "700", "--days", "7", account=sponsor)
    assert funded.exit_code == 0, funded.output
    start = chain.blocks.head.timestamp
    advance(chain, 7 * DAY)
    status = kpi_cli("mining-status", "lp", "--of", holder.address)
    assert status.exit_code == 0, status.output
    assert f"total staked {40 * WAD}" in status.output and "earned" in status.output

    assert kpi_cli("mining-withdraw", "lp", "40", account=holder).exit_code == 0
    assert pool.balanceOf(holder) == 100 * WAD
    claimed = kpi_cli("mining-claim", "lp", account=holder)
    assert claimed.exit_code == 0, claimed.output
    # The whole period elapsed with holder the only staker from the funding on: 700 less the rate's
    # floor (700e54 / 604800 s does not divide), which leaves one raw unit behind (SPEC §12).
    assert linear_minted.long_token.balanceOf(holder) == 700 * WAD - 1
    assert chain.blocks.head.timestamp > start + 7 * DAY


@pytest.mark.parametrize("case", ["pair_token", "not_sponsor", "withdraw_more"])
def test_mining__bad_input__refused(
    kpi_cli, project, linear_minted, sponsor, holder, attacker, deployer, case
):
    pool = deployer.deploy(project.TestERC20, "Pool token", "BPT", 18)
    if case == "pair_token":
        result = kpi_cli(
            "mining-deploy",
            "lp",
            "linear",
            "--staking-token",
            linear_minted.short_token.address,
            account=sponsor,
        )
        refused(result, "--staking-token", "not the pair or its tokens")
        return
    assert (
        kpi_cli(
            "mining-deploy", "lp", "linear", "--staking-token", pool.address, account=sponsor
        ).exit_code
        == 0
    )
    if case == "not_sponsor":
        refused(kpi_cli("mining-fund", "lp", "1", "--days", "1", account=attacker), "--account")
    else:
        refused(kpi_cli("mining-withdraw", "lp", "1", account=holder), "AMOUNT")

"""``faucet``, ``mint`` and ``distribute``: balances to the wei, and refusals that send nothing."""

import pytest

from kpi_options import lifecycle as lc
from kpi_options.distribution import transfers
from kpi_options.distribution.transfers import read_recipients
from tests.fixtures.scripts import refused

WAD = 10**18
USDC = 10**6


# --- faucet --------------------------------------------------------------------------------------


def test_faucet__test_token__mints_to_the_recipient(kpi_cli, kpi_env, deployer, holder, project):
    result = kpi_cli("faucet", "USDC", "12.5", "--to", holder.address, account=deployer)
    assert result.exit_code == 0, result.output
    usdc = project.TestERC20.at(kpi_env.deployments.tokens["USDC"]["address"])
    assert usdc.balanceOf(holder) == 12_500_000


@pytest.mark.parametrize(
    ("args", "param", "fragment"),
    [
        (("DAI", "1"), "TOKEN", "'DAI' is not a deployed test token"),
        (("USDC", "0.0000001"), "AMOUNT", "more than 6 decimals"),
        (("USDC", "0"), "AMOUNT", "must be greater than 0"),
        (("USDC", "1", "--to", "0xabc"), "--to", "not a 0x-prefixed"),
    ],
)
def test_faucet__bad_input__refused(kpi_cli, deployer, nothing_sent, args, param, fragment):
    with nothing_sent(deployer):
        result = kpi_cli("faucet", *args, account=deployer)
    refused(result, param, fragment)


# --- mint ----------------------------------------------------------------------------------------


def test_mint__by_name__locks_collateral_rounded_up_and_mints_both_sides(
    kpi_cli, kpi_env, milestones_launch, sponsor, deployer
):
    lc.faucet(kpi_env, deployer, "USDC", "100", to=sponsor.address)
    pair = kpi_env.pair("milestones")
    # 3.333333 tokens x 10 USDC = 33.33333 USDC: ceil to the 6-decimal unit.
    result = kpi_cli("mint", "milestones", "3.333333", account=sponsor)
    assert result.exit_code == 0, result.output
    assert pair.long_token.balanceOf(sponsor) == 3_333_333
    assert pair.short_token.balanceOf(sponsor) == 3_333_333
    assert pair.collateral.balanceOf(pair.address) == 33_333_330
    assert pair.collateral.balanceOf(sponsor) == 100 * USDC - 33_333_330
    assert "minted 3.333333 long + short for 33.33333 USDC" in result.output


def test_mint__by_address__works_like_the_name(kpi_cli, kpi_env, linear_launch, sponsor, deployer):
    lc.faucet(kpi_env, deployer, "UMA", "2", to=sponsor.address)
    result = kpi_cli("mint", linear_launch.pair, "2", account=sponsor)
    assert result.exit_code == 0, result.output
    assert kpi_env.pair("linear").long_token.balanceOf(sponsor) == 2 * WAD


@pytest.mark.parametrize(
    ("pair", "amount", "param", "fragment"),
    [
        ("linear", "abc", "AMOUNT", "'abc' is not a number"),
        ("linear", "0", "AMOUNT", "must be greater than 0"),
        ("linear", "1.0000000000000000001", "AMOUNT", "more than 18 decimals"),
        ("linear", "5", "AMOUNT", "minting needs 5 UMA but"),  # sponsor holds 1 UMA
        ("nope", "1", "PAIR", "'nope' is neither an address nor a pair"),
        ("0x000000000000000000000000000000000000dEaD", "1", "PAIR", "no contract at"),
    ],
)
def test_mint__bad_input__refused_and_nothing_sent(
    kpi_cli, kpi_env, linear_launch, sponsor, deployer, nothing_sent, pair, amount, param, fragment
):
    lc.faucet(kpi_env, deployer, "UMA", "1", to=sponsor.address)
    with nothing_sent(sponsor):
        result = kpi_cli("mint", pair, amount, account=sponsor)
    refused(result, param, fragment)


def test_mint__address_that_is_not_a_pair__refused(kpi_cli, kpi_env, sponsor, nothing_sent):
    creator = kpi_env.deployments.contracts["creator"]
    with nothing_sent(sponsor):
        result = kpi_cli("mint", creator, "1", account=sponsor)
    refused(result, "PAIR", "is not a Long Short Pair")


def test_mint__after_expiry__refused(kpi_cli, kpi_env, linear_launch, sponsor, deployer, chain):
    lc.faucet(kpi_env, deployer, "UMA", "1", to=sponsor.address)
    chain.mine(1, timestamp=chain.pending_timestamp + 8 * 86_400)
    result = kpi_cli("mint", "linear", "1", account=sponsor)
    refused(result, "PAIR", "the pair expired at")


# --- distribute ----------------------------------------------------------------------------------


def test_distribute__valid_file__sends_every_row_in_batches(
    kpi_cli, linear_minted, sponsor, holder, other, tmp_path, monkeypatch
):
    read = []
    real_read = transfers.read_recipients
    monkeypatch.setattr(
        transfers, "read_recipients", lambda *a, **k: read.append(a[0]) or real_read(*a, **k)
    )
    csv = tmp_path / "recipients.csv"
    csv.write_text(
        "# airdrop\naddress,amount\n"
        f"{holder.address},100.5\n\n{other.address.lower()},200\n"
        f"0x{'11' * 20},0.000000000000000001\n"
    )
    result = kpi_cli("distribute", "linear", csv, "--batch-size", "2", account=sponsor)
    assert result.exit_code == 0, result.output
    long_token = linear_minted.long_token
    assert long_token.balanceOf(holder) == 100_500_000_000_000_000_000
    assert long_token.balanceOf(other) == 200 * WAD
    assert long_token.balanceOf("0x" + "11" * 20) == 1
    assert long_token.balanceOf(sponsor) == 1000 * WAD - 300_500_000_000_000_000_001
    assert linear_minted.short_token.balanceOf(sponsor) == 1000 * WAD
    assert "sent 2/3" in result.output and "sent 3/3" in result.output
    assert "to 3 recipients in 2 batch(es)" in result.output
    assert [str(path) for path in read] == [str(csv)]  # parsed once: the rows counted are sent


def test_distribute__short_side__sends_short_tokens(
    kpi_cli, linear_minted, sponsor, holder, tmp_path
):
    csv = tmp_path / "short.csv"
    csv.write_text(f"{holder.address},7\n")
    result = kpi_cli("distribute", "linear", csv, "--side", "short", account=sponsor)
    assert result.exit_code == 0, result.output
    assert linear_minted.short_token.balanceOf(holder) == 7 * WAD
    assert linear_minted.long_token.balanceOf(holder) == 0


def test_distribute__bad_rows__every_line_reported_and_nothing_sent(
    kpi_cli, linear_minted, sponsor, holder, other, tmp_path, nothing_sent
):
    good = holder.address
    bad_checksum = _flip_first_letter(other.address)
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "address,amount\n"  # line 1 (header)
        f"{good},10\n"  # line 2: fine
        "0x1234,5\n"  # line 3: short address
        f"{other.address},-1\n"  # line 4: negative
        f"{good},3\n"  # line 5: duplicate of line 2
        f"{'0x' + '22' * 20},1.0000000000000000001\n"  # line 6: 19 decimals
        f"{'0x' + '00' * 20},1\n"  # line 7: zero address
        f"{'0x' + '33' * 20},1,extra\n"  # line 8: three columns
        f"{bad_checksum},1\n"  # line 9: bad checksum
    )
    with nothing_sent(sponsor):
        result = kpi_cli("distribute", "linear", csv, account=sponsor)
    refused(
        result,
        "RECIPIENTS.csv",
        "has 7 bad line(s)",
        "line 3: '0x1234' is not a 0x-prefixed 20-byte address",
        "line 4: amount '-1': must be greater than 0",
        f"line 5: {good} already appears on line 2",
        "line 6: amount '1.0000000000000000001'",
        "line 7: the zero address cannot receive tokens",
        "line 8: expected 2 columns",
        "line 9:",
    )
    assert "- line 2:" not in result.output


def test_distribute__total_above_balance__refused_and_nothing_sent(
    kpi_cli, linear_minted, sponsor, holder, other, tmp_path, nothing_sent
):
    csv = tmp_path / "too-much.csv"
    csv.write_text(f"{holder.address},600\n{other.address},400.000000000000000001\n")
    with nothing_sent(sponsor):
        result = kpi_cli("distribute", "linear", csv, account=sponsor)
    refused(result, "RECIPIENTS.csv", "sends 1000.000000000000000001 long tokens", "holds 1000")


def test_distribute__empty_file__refused(kpi_cli, linear_minted, sponsor, tmp_path, nothing_sent):
    csv = tmp_path / "empty.csv"
    csv.write_text("address,amount\n# nobody yet\n")
    with nothing_sent(sponsor):
        result = kpi_cli("distribute", "linear", csv, account=sponsor)
    refused(result, "RECIPIENTS.csv", "no recipients in the file")


def _flip_first_letter(address):
    """``address`` with the case of its first letter swapped: still mixed case, bad checksum."""
    body = list(address[2:])
    index = next(i for i, c in enumerate(body) if c.isalpha())
    body[index] = body[index].swapcase()
    return "0x" + "".join(body)


def test_read_recipients__whitespace_and_lowercase_addresses__are_normalised(tmp_path, holder):
    csv = tmp_path / "r.csv"
    csv.write_text(f"  {holder.address.lower()} , 1.5 \n")
    (row,) = read_recipients(csv, 6)
    assert (row.line, row.address, row.amount) == (1, holder.address, 1_500_000)

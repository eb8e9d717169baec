"""``status``, ``preview`` and ``rollover``."""

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.env import Env
from tests.fixtures.scripts import DAY, LINEAR_PROGRAM, MILESTONES_PROGRAM, advance, refused

WAD = 10**18


def _line(output, start):
    return next(line for line in output.splitlines() if line.strip().startswith(start))


@pytest.fixture
def resolved_linear(kpi_env, linear_minted, requester, proposer, disputer, deployer, chain):
    """``linear`` expired, 0.9 proposed, disputed and resolved at 0.75 by the DVM (not settled)."""
    advance(chain, 7 * DAY)
    lc.expire(kpi_env, requester, "linear")
    for account in (proposer, disputer):
        lc.faucet(kpi_env, deployer, "UMA", "51", to=account.address)
    lc.propose(kpi_env, proposer, "linear", "0.9")
    lc.dispute(kpi_env, disputer, "linear")
    lc.resolve(kpi_env, deployer, "linear", "0.75")
    return linear_minted


# --- status --------------------------------------------------------------------------------------


def test_status__open_pair__shows_state_supply_and_no_price(kpi_cli, linear_minted, sponsor):
    result = kpi_cli("status", "linear", account=sponsor)
    assert result.exit_code == 0, result.output
    assert _line(result.output, "state").split() == ["state", "Open"]
    assert _line(result.output, "locked").split()[1:] == ["1000", "UMA"]
    assert "supply        1000 long, 1000 short" in result.output
    assert _line(result.output, "oracle expiry").split()[2] == "Invalid"
    assert "worth now     no price yet" in result.output
    assert f"holder {sponsor.address}: 1000 long, 1000 short, 0 UMA" in result.output


def test_status__pending_proposal__values_tokens_if_it_stands(
    kpi_cli, kpi_env, linear_minted, requester, proposer, deployer, holder, sponsor, chain
):
    advance(chain, 7 * DAY)
    lc.expire(kpi_env, requester, "linear")
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    lc.propose(kpi_env, proposer, "linear", "0.9")
    linear_minted.long_token.transfer(holder, 10 * WAD, sender=sponsor)
    result = kpi_cli("status", "linear", "--holder", holder.address)
    assert result.exit_code == 0, result.output
    assert "if the expiry proposal stands" in result.output
    assert "long 0.9 UMA, short 0.1 UMA" in result.output
    assert f"holder {holder.address}: 10 long, 0 short, 0 UMA, worth 9 UMA now" in result.output


def test_status__dvm_resolved_not_settled__reads_the_dvm_price(kpi_cli, resolved_linear):
    result = kpi_cli("status", "linear")
    assert result.exit_code == 0, result.output
    assert _line(result.output, "state").split() == ["state", "ExpiryPriceAvailable"]
    assert "expiry price available (fixed by the first settle)" in result.output
    assert "price       0.75 -> long share 75 %" in result.output
    assert "long 0.75 UMA, short 0.25 UMA" in result.output


def test_status__settled__reports_the_fixed_share(kpi_cli, kpi_env, resolved_linear, sponsor):
    lc.settle(kpi_env, sponsor, "linear")
    result = kpi_cli("status", "linear")
    assert result.exit_code == 0, result.output
    assert _line(result.output, "state").split() == ["state", "Settled"]
    assert "worth now     settled" in result.output
    assert "long 0.75 UMA, short 0.25 UMA" in result.output


def test_status__unknown_pair__refused(kpi_cli):
    refused(kpi_cli("status", "missing"), "PAIR", "'missing' is neither an address nor a pair")


# --- preview -------------------------------------------------------------------------------------


def test_preview__program_file__applies_ancillary_rounding_then_the_payout(kpi_cli):
    result = kpi_cli("preview", LINEAR_PROGRAM, "754321000", "2000000000", "unresolved")
    assert result.exit_code == 0, result.output
    # $754.321M -> 0.75 (2 decimals of billions); $2B caps at 1; unresolved -> Unresolved: 0.
    assert _line(result.output, "754321000").split() == ["754321000", "0.75", "75", "0.75", "0.25"]
    assert _line(result.output, "2000000000").split() == ["2000000000", "2", "100", "1", "0"]
    assert _line(result.output, "unresolved").split() == ["unresolved", "0", "0", "0", "1"]


def test_preview__milestones_program__pays_the_reached_milestone(kpi_cli):
    result = kpi_cli("preview", MILESTONES_PROGRAM, "1200000000", "499999999")
    assert result.exit_code == 0, result.output
    # $1.2B -> 1200 (millions) -> second milestone: 50 % of 10 USDC.
    assert _line(result.output, "1200000000").split() == ["1200000000", "1200", "50", "5", "5"]
    # $499.999999M rounds to 500 (RawRounding -6): the first milestone is reached.
    assert _line(result.output, "499999999").split() == ["499999999", "500", "25", "2.5", "7.5"]


def test_preview__launched_pair__matches_the_program_preview(kpi_cli, linear_launch):
    metrics = ("0", "123456789", "754321000", "1000000000")
    from_file = kpi_cli("preview", LINEAR_PROGRAM, *metrics)
    from_pair = kpi_cli("preview", "--pair", "linear", *metrics)
    assert from_file.exit_code == 0 and from_pair.exit_code == 0, from_pair.output
    for metric in metrics:
        assert _line(from_pair.output, metric) == _line(from_file.output, metric)


@pytest.mark.parametrize(
    ("args", "param", "fragment"),
    [
        ((str(LINEAR_PROGRAM), "lots"), "METRIC", "'lots' is not a number"),
        ((str(LINEAR_PROGRAM),), "METRIC", "at least one metric value"),
        ((), "PROGRAM_FILE", "give either PROGRAM_FILE or --pair"),
    ],
)
def test_preview__bad_input__refused(kpi_cli, args, param, fragment):
    refused(kpi_cli("preview", *args), param, fragment)


# --- rollover ------------------------------------------------------------------------------------


def test_rollover__after_settlement__mints_the_next_program_with_returned_collateral(
    kpi_cli, kpi_env, resolved_linear, sponsor, holder, tmp_path, chain, project
):
    resolved_linear.long_token.transfer(holder, 400 * WAD, sender=sponsor)
    # Next program: 0.7 UMA per pair, so the returned collateral does not divide evenly.
    next_program = tmp_path / "next.yaml"
    next_program.write_text(
        LINEAR_PROGRAM.read_text().replace("collateralPerPair: 1", "collateralPerPair: 0.7")
    )
    expiration = chain.pending_timestamp + 30 * DAY
    result = kpi_cli("rollover", "linear", next_program, "--expiration", expiration, account=holder)
    assert result.exit_code == 0, result.output
    env = Env.connect(project, chain, kpi_env.deployments.path.parent, network="local", local=True)
    new = env.pair("next")
    assert new.contract.expirationTimestamp() == expiration
    returned = 300 * WAD  # 400 long x 0.75
    locked = new.collateral.balanceOf(new.address)
    tokens = new.long_token.balanceOf(holder)
    assert new.short_token.balanceOf(holder) == tokens
    cpp = 7 * WAD // 10
    # Everything returned is used except less than one raw token's worth of collateral.
    assert locked <= returned < -(-(tokens + 1) * cpp // WAD)
    assert new.collateral.balanceOf(holder) == returned - locked
    assert resolved_linear.long_token.balanceOf(holder) == 0


def test_rollover__before_settlement__refused(kpi_cli, linear_minted, sponsor, nothing_sent):
    with nothing_sent(sponsor):
        result = kpi_cli("rollover", "linear", LINEAR_PROGRAM, "--name", "x", account=sponsor)
    refused(result, "PAIR", "no settlement price yet (state Open)")


def test_rollover__other_collateral__refused_before_settling(
    kpi_cli, resolved_linear, sponsor, nothing_sent
):
    with nothing_sent(sponsor):
        result = kpi_cli("rollover", "linear", MILESTONES_PROGRAM, account=sponsor)
    refused(result, "NEW_PROGRAM_FILE", "differs from the pair's")


def test_rollover__invalid_new_program__refused_before_settling(
    kpi_cli, resolved_linear, sponsor, tmp_path, nothing_sent
):
    bad = tmp_path / "bad.yaml"
    bad.write_text(LINEAR_PROGRAM.read_text().replace("upperBound: 1", "upperBound: -1"))
    with nothing_sent(sponsor):
        result = kpi_cli("rollover", "linear", bad, "--expiration", "9999999999", account=sponsor)
    refused(result, "PROGRAM_FILE", "payout.parameters.upperBound")


def test_preview__missing_program_file__refused(kpi_cli, tmp_path):
    refused(kpi_cli("preview", tmp_path / "nope.yaml", "1"), "PROGRAM_FILE", "is not a file")


# --- advance -------------------------------------------------------------------------------------


def test_advance__local_chain__mines_a_block_that_many_seconds_later(kpi_cli, chain):
    before = chain.pending_timestamp
    result = kpi_cli("advance", "3600")
    assert result.exit_code == 0, result.output
    assert chain.blocks.head.timestamp == before + 3600


def test_advance__not_positive__refused(kpi_cli, nothing_sent, deployer):
    with nothing_sent(deployer):
        result = kpi_cli("advance", "0")
    refused(result, "SECONDS", "must be a positive number of seconds")

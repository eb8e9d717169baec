"""``launch --creator uma``: the Linear demo program through UMA's own ``LongShortPairCreator`` and
Linear library (``@uma/core``), then every command on UMA's pair as on ours, on both oracle stacks:
``mint``, ``distribute``, ``status``, ``preview``, ``expire``, ``propose``, ``dispute``,
``resolve``, ``settle``, ``rollover`` -- balances to the wei (the same figures as the project's
pair in ``test_oracle_steps.py`` and ``test_status_preview_rollover.py``)."""

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.env import Env
from kpi_options.chain.pair import PairState
from kpi_options.errors import KpiError
from kpi_options.uma.artifacts import contract_container
from tests.fixtures.oracle import on_both_stacks
from tests.fixtures.scripts import DAY, LINEAR_PROGRAM, MILESTONES_PROGRAM, advance, refused

WAD = 10**18


def _launch_uma(kpi_cli, launcher, chain, name="ulinear"):
    expiration = chain.pending_timestamp + 7 * DAY
    return kpi_cli(
        "launch",
        LINEAR_PROGRAM,
        "--creator",
        "uma",
        "--name",
        name,
        "--expiration",
        expiration,
        account=launcher,
    )


@on_both_stacks
def test_uma_creator__launch_to_rollover__every_command_works_to_the_wei(
    kpi_cli,
    kpi_env,
    project,
    chain,
    deployer,
    launcher,
    sponsor,
    holder,
    other,
    requester,
    proposer,
    disputer,
    tmp_path,
    oracle_kind,
):
    result = _launch_uma(kpi_cli, launcher, chain)
    assert result.exit_code == 0, result.output
    assert "two transactions" in result.output  # the window warning
    env = Env.connect(project, chain, kpi_env.deployments.path.parent, network="local", local=True)
    record = env.deployments.pairs["ulinear"]
    assert record["creator"] == "uma"
    creator = contract_container("LongShortPairCreator").at(env.deployments.contracts["umaCreator"])
    assert f"UMA's LongShortPairCreator: {creator.address}" in result.output
    pair = env.pair("ulinear")
    assert pair.state == PairState.Open
    # UMA's pair, launched by UMA's creator: it has no pairState() of its own.
    assert not any(getattr(a, "name", None) == "pairState" for a in pair.contract.contract_type.abi)
    assert pair.contract.financialProductLibrary() == env.deployments.contracts["umaLinear"]

    lc.faucet(env, deployer, "UMA", "1000", to=sponsor.address)
    assert kpi_cli("mint", "ulinear", "1000", account=sponsor).exit_code == 0
    recipients = tmp_path / "to.csv"
    recipients.write_text(f"address,amount\n{holder.address},400\n")
    result = kpi_cli("distribute", "ulinear", recipients, account=sponsor)
    assert result.exit_code == 0, result.output
    assert pair.long_token.balanceOf(holder) == 400 * WAD

    result = kpi_cli("status", "ulinear", "--holder", holder.address)
    assert result.exit_code == 0, result.output
    assert "Open" in result.output
    result = kpi_cli("preview", "--pair", "ulinear", "750000000")
    assert result.exit_code == 0, result.output
    assert "0.75" in result.output  # Linear 0..1 billion: 750M pays longs 0.75

    advance(chain, 7 * DAY)
    assert kpi_cli("expire", "ulinear", account=requester).exit_code == 0
    lc.faucet(env, deployer, "UMA", "51", to=proposer.address)
    lc.faucet(env, deployer, "UMA", "51", to=disputer.address)
    assert kpi_cli("propose", "ulinear", "0.9", account=proposer).exit_code == 0
    assert kpi_cli("dispute", "ulinear", account=disputer).exit_code == 0
    assert env.pair("ulinear").state == PairState.ExpiryPricePending
    resolver = other if oracle_kind == "uma" else deployer
    result = kpi_cli("resolve", "ulinear", "0.75", account=resolver)
    assert result.exit_code == 0, result.output
    assert env.pair("ulinear").state == PairState.ExpiryPriceAvailable

    result = kpi_cli("settle", "ulinear", account=holder)
    assert result.exit_code == 0, result.output
    assert pair.collateral.balanceOf(holder) == 300 * WAD  # 400 long x 0.75
    assert env.pair("ulinear").state == PairState.Settled
    # The pair's first settle settled the oracle request: bond + half the loser's + final fee.
    assert pair.collateral.balanceOf(disputer) == 76 * WAD
    assert pair.collateral.balanceOf(proposer) == 0

    # rollover: settle the sponsor's 600 long + 1000 short, launch again through UMA's creator.
    result = kpi_cli(
        "rollover",
        "ulinear",
        LINEAR_PROGRAM,
        "--name",
        "unext",
        "--expiration",
        chain.pending_timestamp + 30 * DAY,
        account=sponsor,
    )
    assert result.exit_code == 0, result.output
    returned = 600 * 75 * WAD // 100 + 1000 * WAD // 4
    assert pair.collateral.balanceOf(pair.address) == 0
    env = Env.connect(project, chain, kpi_env.deployments.path.parent, network="local", local=True)
    new = env.pair("unext")
    assert env.deployments.pairs["unext"]["creator"] == "uma"
    assert new.long_token.balanceOf(sponsor) == returned  # 1 UMA per pair
    assert new.collateral.balanceOf(new.address) == returned


def test_uma_creator__library_uma_does_not_ship__refused_before_sending(
    kpi_cli, kpi_env, launcher, chain, nothing_sent
):
    with nothing_sent(launcher):
        result = kpi_cli(
            "launch",
            MILESTONES_PROGRAM,
            "--creator",
            "uma",
            "--expiration",
            chain.pending_timestamp + 30 * DAY,
            account=launcher,
        )
    refused(result, "--creator", "UMA ships no such library")


def test_uma_creator__live_chain_without_uma__refused_naming_the_chain(
    project, chain, kpi_dir, launcher
):
    """On a live network the addresses come from @uma/contracts-node by chain id; the test
    chain's id (31337) has none, so the launch is refused before anything is sent."""
    env = Env.connect(project, chain, kpi_dir, network="local", local=False)
    head = chain.blocks.head.number
    with pytest.raises(KpiError) as info:
        lc.launch(
            env,
            launcher,
            LINEAR_PROGRAM,
            name="x",
            expiration=chain.pending_timestamp + 30 * DAY,
            creator="uma",
        )
    assert info.value.param == "--network"
    assert "chain id 31337" in str(info.value)
    assert chain.blocks.head.number == head

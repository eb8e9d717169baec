"""``ape run kpi deploy`` and ``launch``: what they record, and how they refuse bad input."""

import importlib
import json

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.deployments import CONTRACT_KEYS
from kpi_options.chain.env import Env
from kpi_options.errors import KpiError
from kpi_options.payouts import LIBRARIES
from tests.fixtures.scripts import LINEAR_PROGRAM, MILESTONES_PROGRAM, ROOT, refused

WAD = 10**18


def _record(folder):
    (path,) = folder.glob("local-*.json")
    return json.loads(path.read_text())


# --- deploy --------------------------------------------------------------------------------------


def test_deploy__fresh_folder__records_stack_tokens_creator_and_every_library(
    kpi_cli, tmp_path, chain, deployer, project
):
    folder = tmp_path / "fresh"
    result = kpi_cli("deploy", account=deployer, deployments=folder)
    assert result.exit_code == 0, result.output
    record = _record(folder)
    assert record["chainId"] == chain.chain_id
    assert set(record["contracts"]) == set(CONTRACT_KEYS)
    assert set(record["libraries"]) == set(LIBRARIES)
    assert {k: v["decimals"] for k, v in record["tokens"].items()} == {
        "USDC": 6,
        "UMA": 18,
        "BOND": 18,
    }
    for address in [*record["contracts"].values(), *record["libraries"].values()]:
        assert chain.provider.get_code(address), address
    creator = project.LongShortPairCreator.at(record["contracts"]["creator"])
    assert creator.finder() == record["contracts"]["finder"]
    store = project.Store.at(record["contracts"]["store"])
    assert store.computeFinalFee(record["tokens"]["USDC"]["address"]).rawValue == 5 * 10**6
    whitelist = project.AddressWhitelist.at(record["contracts"]["collateralWhitelist"])
    assert all(whitelist.isOnWhitelist(t["address"]) for t in record["tokens"].values())


def test_deploy__already_deployed__refused_without_redeploy(kpi_cli, deployer, nothing_sent):
    with nothing_sent(deployer):
        result = kpi_cli("deploy", account=deployer)
    refused(result, "--redeploy", "already records a creator")


def test_deploy__with_finder__deploys_only_creator_libraries_and_distributor(
    kpi_cli, kpi_env, tmp_path, deployer, project
):
    finder = kpi_env.deployments.contracts["finder"]
    folder = tmp_path / "uma"
    result = kpi_cli("deploy", "--finder", finder, account=deployer, deployments=folder)
    assert result.exit_code == 0, result.output
    record = _record(folder)
    assert record["tokens"] == {}
    assert set(record["contracts"]) == {
        "finder",
        "optimisticOracle",
        "creator",
        "merkleDistributor",
    }
    assert (
        record["contracts"]["optimisticOracle"] == kpi_env.deployments.contracts["optimisticOracle"]
    )
    assert project.LongShortPairCreator.at(record["contracts"]["creator"]).finder() == finder


@pytest.mark.parametrize(
    ("finder", "fragment"),
    [
        ("0x123", "not a 0x-prefixed 20-byte address"),
        ("0x000000000000000000000000000000000000dEaD", "no contract at"),
    ],
)
def test_deploy__bad_finder__refused(kpi_cli, tmp_path, deployer, nothing_sent, finder, fragment):
    with nothing_sent(deployer):
        result = kpi_cli("deploy", "--finder", finder, account=deployer, deployments=tmp_path)
    refused(result, "--finder", fragment)


def test_deploy__finder_that_is_not_a_finder__refused(
    kpi_cli, kpi_env, tmp_path, deployer, nothing_sent
):
    not_a_finder = kpi_env.deployments.contracts["store"]
    with nothing_sent(deployer):
        result = kpi_cli("deploy", "--finder", not_a_finder, account=deployer, deployments=tmp_path)
    refused(result, "--finder", "getImplementationAddress")


def test_deploy__live_network_without_finder__refused_before_sending(
    project, chain, tmp_path, deployer, nothing_sent
):
    # Without --finder a live network looks up UMA's Finder by chain id (@uma/contracts-node): the
    # test chain's id (31337) has none, so the deploy is refused, naming the network.
    env = Env.connect(project, chain, tmp_path, network="sepolia", local=False)
    with nothing_sent(deployer), pytest.raises(KpiError) as info:
        lc.deploy(env, deployer)
    assert info.value.param == "--network"
    assert f"UMA lists no Finder on chain id {chain.chain_id}" in str(info.value)


def test_deploy__record_of_a_reset_chain__is_reported_as_stale(kpi_dir, kpi_cli, launcher):
    (path,) = kpi_dir.glob("local-*.json")
    record = json.loads(path.read_text())
    record["contracts"]["creator"] = "0x000000000000000000000000000000000000dEaD"
    path.write_text(json.dumps(record))
    result = kpi_cli("launch", LINEAR_PROGRAM, account=launcher)
    refused(result, "--deployments", "no contract there", "deploy` again")


# --- launch --------------------------------------------------------------------------------------


def test_launch__dry_run__prints_payout_table_and_sends_nothing(
    kpi_cli, kpi_dir, launcher, nothing_sent
):
    before = _record(kpi_dir)
    with nothing_sent(launcher):
        result = kpi_cli(
            "launch", LINEAR_PROGRAM, "--dry-run", "--metric", "754321000", account=launcher
        )
    assert result.exit_code == 0, result.output
    # $754.321M -> RawRounding -7 -> 750,000,000 -> x1e-9 -> 0.75: longs get 0.75 UMA per token.
    row = next(line for line in result.output.splitlines() if line.strip().startswith("754321000"))
    assert row.split() == ["754321000", "0.75", "75", "0.75", "0.25"]
    assert "dry run: nothing sent" in result.output
    assert _record(kpi_dir) == before


def test_launch__valid_program__launches_with_parameters_and_records_it(
    kpi_cli, kpi_dir, launcher, project, chain, monkeypatch
):
    launch_module = importlib.import_module("kpi_options.lifecycle.launch")
    loaded = []
    real_load = launch_module.load_program
    monkeypatch.setattr(
        launch_module, "load_program", lambda *a, **k: loaded.append(a[1]) or real_load(*a, **k)
    )
    expiration = chain.pending_timestamp + 86_400
    result = kpi_cli("launch", LINEAR_PROGRAM, "--expiration", expiration, account=launcher)
    assert result.exit_code == 0, result.output
    assert len(loaded) == 1  # validated once: the previewed program is the one launched
    record = _record(kpi_dir)
    entry = record["pairs"]["linear-tvl-dispute"]
    pair = project.LongShortPair.at(entry["address"])
    assert pair.pairName() == "Demo UMA TVL June 2036"
    assert pair.expirationTimestamp() == expiration
    assert pair.collateralPerPair() == WAD
    assert pair.optimisticOracleProposerBond() == 50 * WAD
    assert pair.optimisticOracleLivenessTime() == 7200
    assert not pair.enableEarlyExpiration()
    assert pair.collateralToken() == record["tokens"]["UMA"]["address"]
    assert pair.financialProductLibrary() == record["libraries"]["Linear"]
    library = project.LinearLongShortPairFinancialProductLibrary.at(record["libraries"]["Linear"])
    assert library.isParameterSet(pair)
    assert (entry["library"], entry["launcher"]) == ("Linear", launcher.address)
    # The parameters set in the launch transaction, read back from the library's event.
    env = Env.connect(project, chain, kpi_dir, network="local", local=True)
    twin = lc.payout_twin(env, env.pair("linear-tvl-dispute"))
    assert (twin.upper_bound, twin.lower_bound) == (WAD, 0)


def test_launch__same_name_twice__refused(kpi_cli, linear_launch, launcher, nothing_sent):
    with nothing_sent(launcher):
        result = kpi_cli("launch", LINEAR_PROGRAM, "--name", "linear", account=launcher)
    refused(result, "--name", "'linear' is already recorded")


def test_launch__program_with_many_problems__lists_every_field_and_sends_nothing(
    kpi_cli, tmp_path, launcher, nothing_sent
):
    text = LINEAR_PROGRAM.read_text()
    text = text.replace("lowerBound: 0", "lowerBound: 2")  # above upperBound
    text = text.replace("collateralPerPair: 1", "collateralPerPair: 0")
    text = text.replace("liveness: 7200", "liveness: 7200\ncolateral: UMA")  # typo'd field
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    with nothing_sent(launcher):
        result = kpi_cli("launch", bad, account=launcher)
    refused(
        result,
        "PROGRAM_FILE",
        "payout.parameters.upperBound",
        "collateralPerPair: must be greater than 0",
        "colateral: unknown field",
    )


def test_launch__collateral_not_whitelisted__refused_by_the_chain_check(
    kpi_cli, launcher, nothing_sent
):
    # The shipped example names mainnet USDC, which the local stack does not whitelist.
    program = ROOT / "programs" / "tvl-milestones-event.yaml"
    with nothing_sent(launcher):
        result = kpi_cli("launch", program, account=launcher)
    refused(result, "PROGRAM_FILE", "collateral:", "is not on the CollateralWhitelist")


def test_launch__decimals_disagree_with_the_token__refused(
    kpi_cli, tmp_path, launcher, nothing_sent, kpi_env
):
    usdc = kpi_env.deployments.tokens["USDC"]["address"]
    text = MILESTONES_PROGRAM.read_text().replace("collateral: USDC", f'collateral: "{usdc}"')
    text = text.replace("collateralPerPair: 10", "collateralPerPair: 10\ncollateralDecimals: 18")
    bad = tmp_path / "decimals.yaml"
    bad.write_text(text)
    with nothing_sent(launcher):
        result = kpi_cli("launch", bad, account=launcher)
    refused(result, "PROGRAM_FILE", "collateralDecimals", "has 6")


def test_launch__expired_override__refused(kpi_cli, launcher, nothing_sent):
    with nothing_sent(launcher):
        result = kpi_cli("launch", LINEAR_PROGRAM, "--expiration", "1000", account=launcher)
    refused(result, "PROGRAM_FILE", "expiration: 1000 is not in the future")


def test_launch__nothing_deployed__says_to_deploy_first(kpi_cli, tmp_path, launcher, nothing_sent):
    with nothing_sent(launcher):
        result = kpi_cli("launch", LINEAR_PROGRAM, account=launcher, deployments=tmp_path / "none")
    refused(result, "--deployments", "run `ape run kpi deploy` on this network first")


def test_launch__missing_program_file__refused_by_click(kpi_cli, tmp_path, launcher):
    result = kpi_cli("launch", tmp_path / "nope.yaml", account=launcher)
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_sample_metrics__linear_in_billions__previews_below_at_and_between_the_bounds(kpi_env):
    program = lc.load_program(kpi_env, LINEAR_PROGRAM, chain_checks=False, now=0)
    values = lc.sample_metrics(program.payout, program.ancillary.fields)
    # Bounds 0 and 1 (billions) -> raw USD 0, 500M, 1B and 1.5B above; None previews Unresolved.
    assert values == [None, 0, 500_000_000, 1_000_000_000, 1_500_000_000]

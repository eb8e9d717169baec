"""Every sending command named by issue 14 writes, with ``--safe-batch FILE --safe ADDRESS``, a
batch file that reads back valid (checksum included) with the expected calls, sends nothing, and
is executed by the team's 2-of-3 Safe. One module-scoped stage holds a pair in each state the
commands need; the commands that cannot write a batch (``mining-deploy``, the keeper) refuse the
options by name, with what to do instead."""

import json
import shutil
from dataclasses import dataclass

import pytest

from kpi_options import lifecycle as lc
from kpi_options.chain.env import Env
from kpi_options.distribution import airdrop, mining
from kpi_options.lifecycle.uma_creator import uma_creator
from kpi_options.safe.batch import read_batch
from kpi_options.safe.rehearsal import execute_batch
from tests.fixtures.scripts import DAY, LINEAR_PROGRAM, ROOT

RECIPIENTS = ROOT / "programs" / "demo" / "recipients.example.csv"


@dataclass(frozen=True)
class Stage:
    folder: object
    tree: object
    expiration: int


@pytest.fixture(scope="module")
def stage(project, chain, accounts, kpi_deployment, tmp_path_factory, team_safe):
    """Pairs named by their state (``open``, ``expired``, ``requested``, ``proposed``, ``priced``),
    the Safe holding tokens of ``open`` and ``priced``, an airdrop past its deadline (0) and one
    open (1), both funded by the Safe, and an emitter ``farm`` the Safe sponsors and stakes in."""
    folder = tmp_path_factory.mktemp("safe-commands") / "deployments"
    shutil.copytree(kpi_deployment, folder)
    env = Env.connect(project, chain, folder, network="local", local=True)
    deployer, launcher, proposer, requester = accounts[0], accounts[1], accounts[4], accounts[6]
    safe = accounts[team_safe.address]
    safe.balance = 10**20
    lc.faucet(env, deployer, "UMA", "100000", to=safe.address)
    lc.faucet(env, deployer, "UMA", "1000", to=proposer.address)
    lc.faucet(env, deployer, "USDC", "100", to=safe.address)
    now = chain.pending_timestamp
    lc.launch(env, launcher, LINEAR_PROGRAM, name="open", expiration=now + 365 * DAY)
    for name in ("expired", "requested", "proposed", "priced"):
        lc.launch(env, launcher, LINEAR_PROGRAM, name=name, expiration=now + 7 * DAY)
    lc.mint(env, safe, "open", "10000")
    lc.mint(env, safe, "priced", "1000")
    long_token = env.pair("open").long_token
    tree_file = tmp_path_factory.mktemp("airdrop") / "tree.json"
    airdrop.build_tree(RECIPIENTS, 18, tree_file)
    airdrop.fund(env, safe, tree_file, long_token, chain.pending_timestamp + DAY)
    usdc = env.deployments.tokens["USDC"]["address"]
    mining.deploy_emitter(env, deployer, "farm", "open", usdc, sponsor=safe.address)
    uma_creator(env, deployer, "Linear")  # deployed on first use, which a batch cannot do
    mining.fund(env, safe, "farm", "100", 30 * DAY)
    lc.advance(env, 8 * DAY)  # idle rewards: nothing staked yet
    mining.stake(env, safe, "farm", "10")
    for name in ("requested", "proposed", "priced"):
        lc.expire(env, requester, name)
    lc.propose(env, proposer, "priced", "0.75")
    lc.advance(env, 7200 + 60)
    lc.propose(env, proposer, "proposed", "0.75")
    airdrop.fund(env, safe, tree_file, long_token, chain.pending_timestamp + 90 * DAY)
    return Stage(folder, tree_file, chain.pending_timestamp + 30 * DAY)


def _run(kpi_cli, stage, command, args, batch, safe):
    """``command`` with ``args`` (``{name}`` filled from the stage) and the two Safe options."""
    record = json.loads(next(stage.folder.glob("*.json")).read_text())
    values = {
        "expiration": stage.expiration,
        "tree": stage.tree,
        "tmp": batch.parent,
        "usdc": record["tokens"]["USDC"]["address"],
    }
    argv = [a.format(**values) for a in args]
    return kpi_cli(
        command, *argv, "--safe-batch", batch, "--safe", safe.address, deployments=stage.folder
    )


def _cases():
    program = str(LINEAR_PROGRAM)
    launch = ["requireUnlaunched", "createLongShortPairWithPayoutParameters"]
    return [
        ("launch", [program, "--name", "new", "--expiration", "{expiration}"], launch),
        (
            "launch",
            [program, "--name", "new", "--expiration", "{expiration}", "--creator", "uma"],
            ["requireUnlaunched", "createLongShortPair", "setLongShortPairParameters"],
        ),
        ("mint", ["open", "10"], ["approve", "create"]),
        ("distribute", ["open", str(RECIPIENTS), "--receipts", "{tmp}/r.jsonl"], ["transfer"] * 2),
        ("expire", ["expired"], ["expire"]),
        ("propose", ["requested", "0.75"], ["approve", "proposePrice"]),
        ("dispute", ["proposed"], ["approve", "disputePrice"]),
        ("settle", ["priced"], ["settle"]),
        ("settle", ["priced", "--oracle-only"], ["settle"]),
        (
            "rollover",
            ["priced", program, "--name", "next", "--expiration", "{expiration}"],
            ["settle", *launch, "approve", "create"],
        ),
        ("airdrop-fund", ["open", "{tree}"], ["approve", "fund"]),
        ("airdrop-claim", ["{tree}", "1", "--for", "all"], ["claim", "claim"]),
        ("airdrop-clawback", ["0"], ["clawback"]),
        ("mining-fund", ["farm", "5", "--days", "30"], ["approve", "fund"]),
        ("mining-stake", ["farm", "1"], ["approve", "stake"]),
        ("mining-withdraw", ["farm", "1"], ["withdraw"]),
        ("mining-claim", ["farm"], ["claim"]),
        ("mining-recover-idle", ["farm"], ["recoverIdle"]),
    ]


@pytest.mark.parametrize(
    ("command", "args", "methods"),
    _cases(),
    ids=[
        f"{c}{'-oracle' if '--oracle-only' in a else ''}{'-uma' if 'uma' in a else ''}"
        for c, a, _ in _cases()
    ],
)
def test_sending_command__safe_batch__valid_file_expected_calls_executed_by_the_safe(
    command,
    args,
    methods,
    stage,
    kpi_cli,
    chain,
    team_safe,
    safe_stack,
    safe_owners,
    holder,
    tmp_path,
):
    batch = tmp_path / "batch.json"
    head = chain.blocks.head.number
    result = _run(kpi_cli, stage, command, args, batch, team_safe)
    assert result.exit_code == 0, result.output
    assert chain.blocks.head.number == head, "a transaction was sent"
    body, calls = read_batch(batch)  # refuses a file the web app would refuse, or a bad checksum
    assert body["meta"]["createdFromSafeAddress"] == team_safe.address
    assert body["chainId"] == str(chain.chain_id)
    named = [(t.get("contractMethod") or {}).get("name") for t in body["transactions"]]
    assert named == methods
    receipt = execute_batch(
        team_safe, calls, safe_owners[:2], safe_stack.multisend_call_only, holder
    )
    assert receipt.decode_logs(team_safe.ExecutionSuccess)


@pytest.mark.parametrize(
    ("command", "args", "refusal"),
    [
        (
            "mining-deploy",
            ["farm2", "open", "--staking-token", "{usdc}"],
            "a Safe batch cannot deploy a contract",
        ),
        ("keeper", ["--once"], "the keeper is a bot"),
    ],
)
def test_command_that_cannot_batch__safe_batch__refused_naming_the_option(
    command, args, refusal, stage, kpi_cli, team_safe, tmp_path
):
    batch = tmp_path / "batch.json"
    result = _run(kpi_cli, stage, command, args, batch, team_safe)
    assert result.exit_code != 0
    assert f"Invalid value for --safe-batch: {refusal}" in result.output
    assert not batch.exists()
    if command == "mining-deploy":  # what to do instead: deploy from an account, fund from the Safe
        assert f"--sponsor {team_safe.address}" in result.output
    else:  # refused before anything is read or recorded
        assert "recording for the Safe" not in result.output


def test_rollover__safe_batch_proceeds_not_computable__refused_while_settle_alone_is_written(
    stage, kpi_cli, chain, team_safe, tmp_path
):
    """Without the pair's payout twin (its parameters not found: the record says the pair was
    launched after the block that set them) what settling pays cannot be computed ahead: a
    rollover cannot size its mint and refuses; a settle batch alone does not need the amount and
    is written."""
    folder = tmp_path / "no-parameters"
    shutil.copytree(stage.folder, folder)
    (record_file,) = folder.glob("*.json")
    record = json.loads(record_file.read_text())
    record["pairs"]["priced"]["block"] = chain.blocks.head.number
    record_file.write_text(json.dumps(record))
    unknown = Stage(folder, stage.tree, stage.expiration)
    program = str(LINEAR_PROGRAM)
    rollover = _run(
        kpi_cli,
        unknown,
        "rollover",
        ["priced", program, "--name", "next", "--expiration", "{expiration}"],
        tmp_path / "rollover.json",
        team_safe,
    )
    assert rollover.exit_code != 0
    assert "Invalid value for --safe-batch: what settling pays cannot be computed" in (
        rollover.output
    )
    assert not (tmp_path / "rollover.json").exists()
    settle = _run(kpi_cli, unknown, "settle", ["priced"], tmp_path / "settle.json", team_safe)
    assert settle.exit_code == 0, settle.output
    assert "what this settle pays cannot be computed before the Safe executes" in settle.output
    assert "settled 1000 long + 1000 short" in settle.output
    assert " short for " not in settle.output
    _, calls = read_batch(tmp_path / "settle.json")
    assert len(calls) == 1

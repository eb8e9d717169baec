"""The lifecycle's sending steps, recorded as Safe batches and executed by a real 2-of-3 Safe,
end in the same state, to the wei, as the Safe sending them itself."""

import pytest

from kpi_dev.testing import isolated
from kpi_options import lifecycle as lc
from kpi_options.distribution.transfers import distribute
from tests.fixtures.safe import both_ways, pair_state

RECIPIENTS = "programs/demo/recipients.example.csv"


@pytest.fixture
def safe_funded(kpi_env, team_safe, deployer):
    """The team's Safe holding 5000 UMA (the Linear demo program's collateral)."""
    lc.faucet(kpi_env, deployer, "UMA", "5000", to=team_safe.address)
    return team_safe


def test_safe_batch__mint__same_state_as_direct(
    chain, accounts, kpi_env, linear_launch, safe_funded, safe_stack, safe_owners, holder
):
    safe = safe_funded

    def step(sender):
        lc.mint(kpi_env, sender, "linear", "1234.5")

    def observe():
        return pair_state(kpi_env, "linear", safe.address, holder.address)

    with isolated(chain):
        direct, batched, recorder = both_ways(
            chain, accounts, safe, safe_stack, safe_owners, holder, step, observe
        )
        assert batched == direct
        assert [c.method for c in recorder.batch.calls] == ["approve", "create"]
        assert int(kpi_env.pair("linear").long_token.balanceOf(safe.address)) == 1234_5 * 10**17


def test_safe_batch__distribute__same_state_as_direct(
    chain, accounts, kpi_env, linear_launch, safe_funded, safe_stack, safe_owners, holder, tmp_path
):
    safe = safe_funded
    as_safe = accounts[safe.address]

    runs = iter(("direct", "batch"))

    def step(sender):
        # Each path keeps its own receipts file (files are not rolled back with the chain).
        receipts = tmp_path / f"{next(runs)}.receipts.jsonl"
        distribute(kpi_env, sender, "linear", RECIPIENTS, receipts=receipts)

    recipients = (
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    )

    def observe():
        return pair_state(kpi_env, "linear", safe.address, *recipients)

    with isolated(chain):
        as_safe.balance = 10**18
        lc.mint(kpi_env, as_safe, "linear", "1000")
        direct, batched, recorder = both_ways(
            chain, accounts, safe, safe_stack, safe_owners, holder, step, observe
        )
        assert batched == direct
        assert [c.method for c in recorder.batch.calls] == ["transfer", "transfer"]
        # Recorded transfers are not receipted as sent: a later direct run would skip them.
        batch_receipts = tmp_path / "batch.receipts.jsonl"
        assert not batch_receipts.exists() or batch_receipts.read_text() == ""


LINEAR_PROGRAM = "programs/demo/linear-tvl-dispute.yaml"


def _launchedpair_state(project, address):
    """What a launch fixes in the pair and its tokens."""
    pair = project.LongShortPair.at(address)
    long_token = project.PositionToken.at(pair.longToken())
    short_token = project.PositionToken.at(pair.shortToken())
    return [
        str(pair.pairName()),
        int(pair.expirationTimestamp()),
        int(pair.collateralPerPair()),
        bytes(pair.priceIdentifier()),
        bytes(pair.customAncillaryData()),
        str(pair.collateralToken()),
        str(pair.financialProductLibrary()),
        int(pair.proposerReward()),
        int(pair.optimisticOracleLivenessTime()),
        int(pair.optimisticOracleProposerBond()),
        bool(pair.enableEarlyExpiration()),
        int(pair.pairState()),
        str(long_token.address),
        str(short_token.address),
        str(long_token.name()),
        str(short_token.symbol()),
    ]


def test_safe_batch__launch__same_pair_as_direct_at_the_expected_address(
    chain, accounts, project, kpi_env, team_safe, safe_stack, safe_owners, holder
):
    expiration = chain.pending_timestamp + 7 * 86_400
    results = []

    def step(sender):
        results.append(
            lc.launch(kpi_env, sender, LINEAR_PROGRAM, name="safe-launch", expiration=expiration)
        )
        kpi_env.deployments.pairs.pop("safe-launch", None)

    def observe():
        pair = results[-1].pair or results[-1].expected_pair
        return _launchedpair_state(project, pair)

    with isolated(chain):
        direct, batched, recorder = both_ways(
            chain, accounts, team_safe, safe_stack, safe_owners, holder, step, observe
        )
        direct_result, batch_result = results
        assert batch_result.pair is None  # recorded, not sent: no pair yet, nothing recorded
        assert batch_result.expected_pair == direct_result.pair
        assert batched == direct
        assert [c.method for c in recorder.batch.calls] == [
            "requireUnlaunched",
            "createLongShortPairWithPayoutParameters",
        ]
        pair = project.LongShortPair.at(batch_result.expected_pair)
        assert int(pair.pairState()) == 0  # Open


def test_safe_batch__propose_then_settle_oracle__same_state_as_direct(
    chain, accounts, kpi_env, linear_launch, safe_funded, safe_stack, safe_owners, holder, requester
):
    """The Safe proposes the expiry price (bond + final fee approved and posted in one batch), then
    after the liveness settles the request (bond back) in a second batch."""
    safe = safe_funded
    p = kpi_env.pair("linear")
    oracle = p.oracle

    def observe():
        return [
            int(p.collateral.balanceOf(safe.address)),
            int(p.collateral.balanceOf(oracle.address)),
            int(p.collateral.allowance(safe.address, oracle.address)),
            int(kpi_env.pair("linear").request(False).state),
        ]

    with isolated(chain):
        lc.advance(kpi_env, 8 * 86_400)
        lc.expire(kpi_env, requester, "linear")
        direct, batched, recorder = both_ways(
            chain,
            accounts,
            safe,
            safe_stack,
            safe_owners,
            holder,
            lambda sender: lc.propose(kpi_env, sender, "linear", "0.75"),
            observe,
        )
        assert batched == direct
        assert [c.method for c in recorder.batch.calls] == ["approve", "proposePrice"]
        (needs,) = recorder.requirements()
        assert needs.uses == ["the proposal bond + final fee"] and needs.amount > 0
        lc.advance(kpi_env, 8 * 86_400)
        direct, batched, recorder = both_ways(
            chain,
            accounts,
            safe,
            safe_stack,
            safe_owners,
            holder,
            lambda sender: lc.settle(kpi_env, sender, "linear", oracle_only=True),
            observe,
        )
        assert batched == direct
        assert [c.method for c in recorder.batch.calls] == ["settle"]

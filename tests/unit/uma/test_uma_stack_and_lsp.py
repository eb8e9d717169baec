"""UMA's own oracle stack and UMA's own LSP path, both from ``@uma/core``.

- The UMA stack is wired like the mock one (Finder names, identifier, collateral, final fee) and
  its DVM double takes a price from anyone (no ``owner()``).
- UMA's ``LongShortPairCreator`` with UMA's Linear library, on either stack: the two-step launch,
  mint, expire, propose, dispute, DVM answer, settle, every balance to the wei.
"""

import ape
import pytest
from eth_abi import encode

from kpi_options.chain.oracle import FINDER_NAMES, GENERAL_KPI, OracleState
from kpi_options.chain.pair import PairState
from kpi_options.chain.system import ORACLE_KINDS, default_creator_params, deploy_oracle_stack
from kpi_options.uma.lsp import (
    deploy_uma_creator,
    deploy_uma_libraries,
    launch_uma_pair,
    set_uma_payout_parameters,
    uma_pair_state,
    uma_payout_values,
)
from kpi_options.uma.stack import dvm_owner

WAD = 10**18
DECIMALS = 6
UNIT = 10**DECIMALS
FINAL_FEE = 2 * UNIT
ANCILLARY = b"Metric:UMA path test,Method:https://example.org/kpi"


@pytest.fixture(scope="module", params=ORACLE_KINDS)
def uma_world(
    request, project, deployer, launcher, sponsor, requester, proposer, disputer, other, attacker
):
    """One oracle stack (mock or UMA's), a 6-decimal collateral with a final fee, UMA's creator
    wired to the stack's Finder and UMA's Linear library. (The role accounts are requested here
    so that the session fixtures exist before this module's snapshot.)"""
    collateral = deployer.deploy(project.TestERC20, "UMA path USD", "uUSD", DECIMALS)
    stack = deploy_oracle_stack(
        request.param,
        project,
        deployer,
        collateral=[collateral],
        final_fees={collateral: FINAL_FEE},
    )
    creator, _ = deploy_uma_creator(deployer, stack.finder)
    linear = deploy_uma_libraries(deployer, ("Linear",))["Linear"]
    return request.param, stack, collateral, creator, linear


def test_stack__deployed__wired_like_the_mock(uma_world):
    kind, stack, collateral, _, _ = uma_world
    for field, name in FINDER_NAMES.items():
        assert stack.finder.getImplementationAddress(name) == getattr(stack, field).address
    assert stack.identifier_whitelist.isIdentifierSupported(GENERAL_KPI)
    assert stack.collateral_whitelist.isOnWhitelist(collateral)
    assert stack.store.computeFinalFee(collateral).rawValue == FINAL_FEE


def test_dvm_owner__each_stack__uma_has_none_mock_has_deployer(uma_world, chain, deployer):
    kind, stack, *_ = uma_world
    owner = dvm_owner(chain.provider, stack.dvm.address)
    assert owner == (None if kind == "uma" else deployer.address)


@pytest.mark.parametrize("dispute_wins", [False, True], ids=["proposer-right", "disputer-right"])
def test_uma_creator__two_step_launch_to_settle__balances_to_the_wei(
    uma_world,
    chain,
    project,
    deployer,
    launcher,
    sponsor,
    requester,
    proposer,
    disputer,
    other,
    dispute_wins,
):
    kind, stack, collateral, creator, linear = uma_world
    oracle, reward, bond = stack.optimistic_oracle, 5 * UNIT, 10 * UNIT
    params = default_creator_params(
        collateral=collateral,
        library=linear,
        expiration=chain.pending_timestamp + 10_000,
        pair_name="UMA path pair",
        custom_ancillary_data=ANCILLARY,
        proposer_reward=reward,
        optimistic_oracle_liveness_time=3600,
        optimistic_oracle_proposer_bond=bond,
    )
    launched = launch_uma_pair(
        creator,
        params,
        linear,
        ("int256", "int256"),
        encode(["int256", "int256"], [100 * WAD, 0]),
        launcher,
    )
    pair = launched.pair
    assert launched.parameters_receipt is not None
    assert uma_payout_values(linear, pair) == (100 * WAD, 0)

    def state():
        return PairState(uma_pair_state(pair, oracle, chain.blocks.head.timestamp))

    assert state() == PairState.Open

    def fund(account, amount, spender):
        collateral.mint(account, amount, sender=account)
        collateral.approve(spender, amount, sender=account)

    fund(sponsor, 1000 * UNIT, pair)
    pair.create(1000 * UNIT, sender=sponsor)
    chain.mine(1, timestamp=pair.expirationTimestamp())
    assert state() == PairState.ExpiredUnrequested
    fund(requester, reward, pair)
    pair.expire(sender=requester)
    assert state() == PairState.ExpiryPricePending
    identifier, timestamp = pair.priceIdentifier(), pair.expirationTimestamp()
    wrong, right = 90 * WAD, 40 * WAD
    fund(proposer, bond + FINAL_FEE, oracle)
    oracle.proposePrice(pair, identifier, timestamp, ANCILLARY, wrong, sender=proposer)
    fund(disputer, bond + FINAL_FEE, oracle)
    oracle.disputePrice(pair, identifier, timestamp, ANCILLARY, sender=disputer)
    assert oracle.getState(pair, identifier, timestamp, ANCILLARY) == OracleState.Disputed

    stamped = oracle.stampAncillaryData(ANCILLARY, pair)
    # UMA's DVM double takes the price from anyone; the project's stand-in only from its owner.
    pusher = other if kind == "uma" else deployer
    resolved = right if dispute_wins else wrong
    stack.dvm.pushPrice(identifier, timestamp, stamped, resolved, sender=pusher)
    assert state() == PairState.ExpiryPriceAvailable

    pair.settle(1000 * UNIT, 1000 * UNIT, sender=sponsor)
    share = resolved * WAD // (100 * WAD)
    assert pair.expiryPercentLong() == share
    assert collateral.balanceOf(sponsor) == 1000 * UNIT
    assert collateral.balanceOf(pair) == 0
    winner, loser = (disputer, proposer) if dispute_wins else (proposer, disputer)
    assert collateral.balanceOf(winner) == bond + (bond - bond // 2) + FINAL_FEE + reward
    assert collateral.balanceOf(loser) == 0
    assert collateral.balanceOf(stack.store) == FINAL_FEE + bond // 2
    assert state() == PairState.Settled


def test_uma_creator__parameters_unset_between_steps__first_setter_wins(
    uma_world, chain, launcher, attacker
):
    """The window :data:`TWO_STEP_WARNING` warns about: after step one anyone may set the pair's
    payout parameters, and the launcher's own second step is then refused."""
    _, stack, collateral, creator, linear = uma_world
    params = default_creator_params(
        collateral=collateral,
        library=linear,
        expiration=chain.pending_timestamp + 10_000,
        pair_name="UMA window pair",
        custom_ancillary_data=b"",
    )
    pair = launch_uma_pair(creator, params, None, None, None, launcher).pair
    assert uma_payout_values(linear, pair) is None
    set_uma_payout_parameters(
        linear, pair, ("int256", "int256"), encode(["int256", "int256"], [1, 0]), attacker
    )
    assert uma_payout_values(linear, pair) == (1, 0)
    with ape.reverts("Parameters already set"):
        set_uma_payout_parameters(
            linear,
            pair,
            ("int256", "int256"),
            encode(["int256", "int256"], [100 * WAD, 0]),
            launcher,
        )

"""The optimistic oracle's reentrancy guard, exercised through a token that calls back during transferFrom."""

import pytest
from eth_abi import encode

from kpi_options.chain.system import add_collateral

from .conftest import ANCILLARY, fund

REENTRANT = b"\x08\xc3\x79\xa0" + encode(["string"], ["ReentrancyGuard: reentrant call"])
"""ABI encoding of Error("ReentrancyGuard: reentrant call")."""


@pytest.fixture
def evil_token(project, deployer, oracle_stack):
    token = deployer.deploy(project.ReentrantTestERC20, 18)
    add_collateral(oracle_stack, token, 10**18, deployer)
    return token


@pytest.mark.parametrize("reentry", ["settle", "getState"])
def test_reentry_during_proposal_transfer__rejected_by_guard(
    optimistic_oracle, evil_token, general_kpi, request_time, requester, proposer, reentry
):
    """Invariants: I-15 (docs/INVARIANTS.md)."""
    key = (general_kpi, request_time, ANCILLARY)
    optimistic_oracle.requestPrice(*key, evil_token, 0, sender=requester)
    calldata = getattr(optimistic_oracle, reentry).encode_input(requester, *key)
    evil_token.arm(optimistic_oracle, calldata, sender=proposer)
    fund(evil_token, proposer, 2 * 10**18, optimistic_oracle)

    optimistic_oracle.proposePrice(requester, *key, 1, sender=proposer)

    assert evil_token.lastSuccess() is False
    assert evil_token.lastReturnData() == REENTRANT
    assert evil_token.target() == "0x0000000000000000000000000000000000000000"


def test_call_outside_guard__succeeds(
    optimistic_oracle, evil_token, general_kpi, request_time, requester, proposer
):
    """Control: the same armed call made from a plain transferFrom (no oracle frame) goes through."""
    key = (general_kpi, request_time, ANCILLARY)
    optimistic_oracle.requestPrice(*key, evil_token, 0, sender=requester)
    evil_token.arm(
        optimistic_oracle, optimistic_oracle.getState.encode_input(requester, *key), sender=proposer
    )
    evil_token.mint(proposer, 1, sender=proposer)
    evil_token.approve(proposer, 1, sender=proposer)
    evil_token.transferFrom(proposer, requester, 1, sender=proposer)
    assert evil_token.lastSuccess() is True
    assert int.from_bytes(evil_token.lastReturnData(), "big") == 1  # State.Requested

"""Fixture of the stateful tests: the environment every lifecycle machine starts from."""

import pytest

from kpi_options.chain.system import add_collateral
from tests.stateful.env import FUNDS, HOLDER_ROLES, MAX_UINT, ROLES, Env


@pytest.fixture
def lifecycle_env(request, chain, project, creator, oracle_stack, payout_libraries, payout_mock):
    """Collateral tokens of 6, 8 and 18 decimals, whitelisted, minted to every actor; the
    proposer and disputer approve the oracle once (the pair changes per example); the M-1 griefer
    contract is funded in every token. Actors are the
    role-named account fixtures (``tests/fixtures/accounts.py``)."""
    roles = {role: request.getfixturevalue(role) for role in ROLES}
    deployer = roles["deployer"]
    tokens = {}
    griefer = deployer.deploy(project.EarlyExpiryGriefer)
    for decimals in (6, 8, 18):
        token = deployer.deploy(
            project.TestERC20, f"Stateful {decimals}", f"ST{decimals}", decimals
        )
        add_collateral(oracle_stack, token, 0, deployer)
        for role in (*HOLDER_ROLES, "requester", "proposer", "disputer"):
            token.mint(roles[role], FUNDS, sender=deployer)
        token.mint(griefer, FUNDS, sender=deployer)
        for role in ("proposer", "disputer"):
            token.approve(oracle_stack.optimistic_oracle, MAX_UINT, sender=roles[role])
        tokens[decimals] = token
    env = Env(chain, project, roles, creator, oracle_stack, payout_libraries, payout_mock, tokens)
    env.griefer = griefer
    return env

"""A real Safe (1.4.1, from npm @safe-global/safe-contracts) on anvil: 2-of-3 owners."""

import pytest

from kpi_options.safe.rehearsal import create_safe, deploy_safe_stack


@pytest.fixture(scope="session")
def safe_stack(deployer):
    """Safe's singleton, proxy factory, MultiSendCallOnly and fallback handler."""
    return deploy_safe_stack(deployer)


@pytest.fixture(scope="session")
def safe_owners(accounts):
    """The three owners of the team's Safe (anvil accounts 7, 8, 9)."""
    return [accounts[7], accounts[8], accounts[9]]


@pytest.fixture(scope="session")
def team_safe(safe_stack, safe_owners, deployer):
    """A 2-of-3 Safe owned by ``safe_owners``."""
    return create_safe(safe_stack, safe_owners, 2, deployer)

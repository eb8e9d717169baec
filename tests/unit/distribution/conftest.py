"""Fixtures of the distribution tests: a MerkleDistributor, a LiquidityMining emitter, tokens.

Deployed once per module; ape's test isolation restores the chain after every test.
"""

import pytest

MAX_UINT = 2**256 - 1
UNIT = 10**18


@pytest.fixture(scope="module")
def long_token(project, deployer):
    """Stands in for a KPI option's long token: what is airdropped and emitted."""
    return deployer.deploy(project.TestERC20, "KPI long", "KPIL", 18)


@pytest.fixture(scope="module")
def pool_token(project, deployer):
    """Stands in for the Balancer pool token that stakers deposit."""
    return deployer.deploy(project.TestERC20, "Pool token", "BPT", 18)


@pytest.fixture(scope="module")
def distributor(project, deployer):
    return deployer.deploy(project.MerkleDistributor)


@pytest.fixture(scope="module")
def mining(project, deployer, pool_token, long_token, launcher):
    """The emitter; the launcher (the project team) is its sponsor."""
    return deployer.deploy(project.LiquidityMining, pool_token, long_token, launcher)


def mint_and_approve(token, account, amount, spender):
    token.mint(account, amount, sender=account)
    token.approve(spender, amount, sender=account)

"""``deploy`` on a live network finds UMA's Finder by chain id (``@uma/contracts-node``) and refuses
cleanly when the chain has none or the node has no code there; ``deploy --verify`` says what is
missing (the optional ``ape-etherscan`` plugin, an API key) instead of failing.

The lookup against anvils started with each UMA chain id (found / no code) is in
``tests/unit/uma/test_chains.py``; here the deploy step itself is driven on the test chain.
"""

import pytest
from eth_utils import to_checksum_address

from kpi_options import lifecycle as lc
from kpi_options.chain.env import Env
from kpi_options.chain.verify import verification_problem
from kpi_options.errors import KpiError
from kpi_options.uma import deployed_address


class _ChainWithId:
    """The test session's chain, answering ``chain_id`` as another chain would (a node of that
    chain with none of its state: the "fork without state" case)."""

    def __init__(self, chain, chain_id):
        self._chain, self.chain_id = chain, chain_id

    def __getattr__(self, name):
        return getattr(self._chain, name)


def test_deploy__live_chain_uma_does_not_serve__refused_naming_the_chain(
    project, chain, kpi_dir, deployer, nothing_sent
):
    env = Env.connect(project, chain, kpi_dir, network="local", local=False)
    env.deployments.contracts.clear()
    with nothing_sent(deployer), pytest.raises(KpiError) as info:
        lc.deploy(env, deployer)
    assert info.value.param == "--network"
    assert "no Finder on chain id 31337" in str(info.value)


@pytest.mark.parametrize("chain_id", [1, 10, 137, 8453, 42161])
def test_deploy__uma_chain_but_no_code_at_umas_finder__refused_naming_the_address(
    project, chain, kpi_dir, deployer, nothing_sent, chain_id
):
    env = Env.connect(project, chain, kpi_dir, network="local", local=False)
    env.chain = _ChainWithId(chain, chain_id)
    env.deployments.contracts.clear()
    with nothing_sent(deployer), pytest.raises(KpiError) as info:
        lc.deploy(env, deployer)
    assert info.value.param == "--network"
    finder = to_checksum_address(deployed_address("Finder", chain_id))
    assert f"Finder at {finder}" in str(info.value)
    assert "wrong network, or a fork without the chain's state" in str(info.value)


def test_verification_problem__each_missing_piece__named():
    assert "no block explorer" in verification_problem(1, local=True, installed=True)
    missing = verification_problem(1, local=False, installed=False)
    assert "ape-etherscan is not installed" in missing
    assert "pip install '.[verify]'" in missing
    assert "BASESCAN_API_KEY or ETHERSCAN_API_KEY" in verification_problem(
        8453, local=False, installed=True, environ={}
    )
    assert (
        verification_problem(8453, local=False, installed=True, environ={"BASESCAN_API_KEY": "k"})
        is None
    )


def test_deploy_verify__plugin_not_installed__deploys_and_says_so(kpi_cli, tmp_path, deployer):
    result = kpi_cli("deploy", "--verify", account=deployer, deployments=tmp_path)
    assert result.exit_code == 0, result.output
    assert "deployed; addresses recorded" in result.output
    assert "ape-etherscan is not installed" in result.output
    assert "pip install '.[verify]'" in result.output

"""Recording instead of sending: any `method(..., sender=recorder)` becomes a batch entry."""

import json

import pytest

from kpi_dev.testing import isolated
from kpi_options.safe.batch import SafeBatchError, read_batch
from kpi_options.safe.rehearsal import execute_batch
from kpi_options.safe.sender import describe_requirements, note_requirement, recording


@pytest.fixture(scope="module")
def token(project, deployer):
    return deployer.deploy(project.TestERC20, "Collateral", "COL", 6)


def _state(token, *holders):
    return [int(token.balanceOf(h)) for h in holders] + [
        int(token.allowance(a, b)) for a in holders for b in holders
    ]


def test_recording__sends__recorded_not_sent_with_method_names(
    chain, team_safe, token, holder, deployer, tmp_path
):
    with isolated(chain):
        token.mint(team_safe.address, 1_000_000, sender=deployer)
        block = chain.blocks.head.number
        with recording(team_safe.address, chain.chain_id) as safe:
            token.approve(holder.address, 5, sender=safe)
            token.transfer(holder.address, 7, sender=safe)
        assert chain.blocks.head.number == block  # nothing sent
        assert int(token.balanceOf(holder.address)) == 0
        path = safe.write(tmp_path / "b.json")
        body = json.loads(path.read_text())
        names = [t["contractMethod"]["name"] for t in body["transactions"]]
        assert names == ["approve", "transfer"]
        assert body["transactions"][1]["contractInputsValues"] == {
            "to": holder.address,
            "amount": "7",
        }


def test_recording__receipt_used__clear_error_naming_the_option(chain, team_safe, token, holder):
    with recording(team_safe.address, chain.chain_id) as safe:
        result = token.approve(holder.address, 5, sender=safe)
        with pytest.raises(SafeBatchError, match="recorded in the Safe batch, not sent") as err:
            _ = result.events
    assert err.value.param == "--safe-batch"


def test_recording__balance_check_of_the_safe__noted_not_refused(chain, team_safe, token, holder):
    with recording(team_safe.address, chain.chain_id) as safe:
        assert note_requirement(token, safe, 2_500_000, "minting")
        assert note_requirement(token, team_safe.address, 500_000, "the proposal bond")
        assert not note_requirement(token, holder, 1, "someone else's balance")
        lines = describe_requirements(safe)
    assert len(lines) == 1
    assert lines[0].startswith(f"the Safe {team_safe.address} must hold 3 COL ({token.address})")
    assert "for minting, the proposal bond; it holds 0 (short now)" in lines[0]
    # Outside a recording nothing is noted and the caller checks the balance itself.
    assert not note_requirement(token, team_safe.address, 1, "minting")


def test_recorded_batch__executed_by_the_safe__same_state_as_sending_directly(
    chain, team_safe, safe_stack, safe_owners, token, holder, deployer, accounts
):
    def actions(sender):
        token.approve(holder.address, 123_456, sender=sender)
        token.transfer(holder.address, 654_321, sender=sender)
        token.approve(deployer.address, 1, sender=sender)

    parties = (team_safe.address, holder.address, deployer.address)
    with isolated(chain):
        token.mint(team_safe.address, 10**9, sender=deployer)
        with isolated(chain):
            as_safe = accounts[team_safe.address]  # the Safe itself, impersonated on anvil
            as_safe.balance = 10**18  # gas money for the impersonated sends
            actions(as_safe)
            direct = _state(token, *parties)
        with recording(team_safe.address, chain.chain_id) as safe:
            actions(safe)
        execute_batch(
            team_safe, safe.batch.calls, safe_owners[:2], safe_stack.multisend_call_only, holder
        )
        assert _state(token, *parties) == direct


def test_read_batch__recorded_file__executes(
    chain, team_safe, safe_stack, safe_owners, token, holder, deployer, tmp_path
):
    with isolated(chain):
        token.mint(team_safe.address, 100, sender=deployer)
        with recording(team_safe.address, chain.chain_id) as safe:
            token.transfer(holder.address, 60, sender=safe)
        _, calls = read_batch(safe.write(tmp_path / "b.json"))
        execute_batch(team_safe, calls, safe_owners[1:], safe_stack.multisend_call_only, holder)
        assert int(token.balanceOf(holder.address)) == 60

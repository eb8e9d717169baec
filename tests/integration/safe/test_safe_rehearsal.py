"""A batch executed through a real 2-of-3 Safe on anvil, signed by two owners."""

import ape
import pytest

from kpi_dev.testing import isolated
from kpi_options.safe.batch import SafeBatch, SafeBatchError, SafeCall, read_batch, write_batch
from kpi_options.safe.rehearsal import (
    execute_batch,
    safe_nonce,
    safe_transaction,
    sign_safe_transaction,
)


@pytest.fixture(scope="module")
def token(project, deployer):
    return deployer.deploy(project.TestERC20, "Collateral", "COL", 6)


@pytest.fixture
def fresh(chain):
    with isolated(chain):
        yield


def _call(contract, method, *args):
    handler = getattr(contract, method)
    return SafeCall(to=contract.address, data=bytes(handler.encode_input(*args)), method=method)


def test_safe__created__two_of_three_owners(team_safe, safe_owners):
    assert int(team_safe.getThreshold()) == 2
    assert set(team_safe.getOwners()) == {o.address for o in safe_owners}


def test_execute_batch__approve_then_transfer_signed_by_two_owners__both_applied(
    fresh, team_safe, safe_stack, safe_owners, token, deployer, holder, tmp_path, chain
):
    token.mint(team_safe.address, 1_000, sender=deployer)
    batch = SafeBatch(chain_id=chain.chain_id, safe=team_safe.address)
    batch.add(_call(token, "approve", holder.address, 400))
    batch.add(_call(token, "transfer", holder.address, 250))
    path = write_batch(tmp_path / "batch.json", batch, created_at_ms=0)
    _, calls = read_batch(path)

    nonce = safe_nonce(team_safe)
    receipt = execute_batch(
        team_safe, calls, safe_owners[:2], safe_stack.multisend_call_only, sender=holder
    )

    assert int(token.allowance(team_safe.address, holder.address)) == 400
    assert int(token.balanceOf(holder.address)) == 250
    assert int(token.balanceOf(team_safe.address)) == 750
    assert safe_nonce(team_safe) == nonce + 1
    # One Safe transaction for the whole batch: a DELEGATECALL to MultiSendCallOnly.
    assert receipt.receiver == team_safe.address
    tx = team_safe.execTransaction.decode_input(receipt.data)[1]
    assert tx["to"] == safe_stack.multisend_call_only.address and tx["operation"] == 1


def test_execute_batch__one_signature__refused_by_the_safe(
    fresh, team_safe, safe_stack, safe_owners, token, deployer, holder
):
    token.mint(team_safe.address, 10, sender=deployer)
    calls = [
        _call(token, "transfer", holder.address, 1),
        _call(token, "approve", holder.address, 1),
    ]
    tx = safe_transaction(team_safe, calls, safe_stack.multisend_call_only)
    signatures = sign_safe_transaction(team_safe, tx, safe_owners[:1])
    args = [tx[k] for k in ("to", "value", "data", "operation", "safeTxGas", "baseGas")]
    args += [tx[k] for k in ("gasPrice", "gasToken", "refundReceiver")]
    with ape.reverts("GS020"):  # signatures data too short: fewer than the threshold
        team_safe.execTransaction(*args, signatures, sender=holder)
    assert int(token.balanceOf(holder.address)) == 0


def test_execute_batch__second_call_fails__nothing_applied(
    fresh, team_safe, safe_stack, safe_owners, token, deployer, holder
):
    token.mint(team_safe.address, 10, sender=deployer)
    calls = [
        _call(token, "approve", holder.address, 5),
        _call(token, "transfer", holder.address, 11),
    ]
    with pytest.raises(ape.exceptions.ContractLogicError):
        execute_batch(team_safe, calls, safe_owners[1:], safe_stack.multisend_call_only, holder)
    assert int(token.allowance(team_safe.address, holder.address)) == 0
    assert int(token.balanceOf(team_safe.address)) == 10


def test_execute_batch__owner_outside_the_safe__refused(
    fresh, team_safe, safe_stack, safe_owners, token, deployer, holder
):
    token.mint(team_safe.address, 10, sender=deployer)
    calls = [_call(token, "transfer", holder.address, 1)]
    with pytest.raises(ape.exceptions.ContractLogicError):
        execute_batch(
            team_safe, calls, [safe_owners[0], holder], safe_stack.multisend_call_only, holder
        )
    assert int(token.balanceOf(holder.address)) == 0


def test_execute_batch__empty__refused_naming_transactions(
    team_safe, safe_stack, safe_owners, holder
):
    with pytest.raises(SafeBatchError) as err:
        execute_batch(team_safe, [], safe_owners[:2], safe_stack.multisend_call_only, holder)
    assert err.value.param == "transactions"

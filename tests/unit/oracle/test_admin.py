"""Finder, IdentifierWhitelist, AddressWhitelist and Store: admin is owner-only, UMA events and revert strings."""

import ape
import pytest

from kpi_options.chain.oracle import FINDER_NAMES, identifier
from kpi_options.chain.system import deploy_mock_oracle_stack

from .conftest import fund

NOT_OWNER = "Ownable: caller is not the owner"
NOT_ROLE = "Sender does not hold required role"


def test_identifier__name_too_long__raises():
    assert identifier("General_KPI") == b"General_KPI" + b"\x00" * 21
    assert len(identifier("x" * 32)) == 32
    with pytest.raises(ValueError, match="at most 32"):
        identifier("x" * 33)


def test_finder__every_stack_name__is_registered(oracle_stack, finder):
    for field, name in FINDER_NAMES.items():
        assert finder.getImplementationAddress(name) == getattr(oracle_stack, field).address
    assert finder.getImplementationAddress(b"OptimisticOracleV2".ljust(32, b"\x00")) == (
        oracle_stack.optimistic_oracle.address
    )


def test_finder__unknown_name__reverts(finder):
    with ape.reverts("Implementation not found"):
        finder.getImplementationAddress(identifier("Registry"))


def test_finder__owner_changes_implementation__emits_event(finder, deployer, other):
    name = identifier("Registry")
    tx = finder.changeImplementationAddress(name, other, sender=deployer)
    assert finder.getImplementationAddress(name) == other.address
    assert finder.interfacesImplemented(name) == other.address
    events = list(tx.decode_logs(finder.InterfaceImplementationChanged))
    assert len(events) == 1
    assert events[0].interfaceName == name
    assert events[0].newImplementationAddress == other.address


def test_finder__non_owner_changes_implementation__reverts(finder, attacker):
    with ape.reverts(NOT_OWNER):
        finder.changeImplementationAddress(identifier("Store"), attacker, sender=attacker)


def test_finder__ownership_transfer__moves_admin_rights(finder, deployer, other):
    with ape.reverts("Ownable: new owner is the zero address"):
        finder.transferOwnership(ape.utils.ZERO_ADDRESS, sender=deployer)
    finder.transferOwnership(other, sender=deployer)
    assert finder.owner() == other.address
    with ape.reverts(NOT_OWNER):
        finder.changeImplementationAddress(identifier("Store"), deployer, sender=deployer)
    finder.changeImplementationAddress(identifier("Store"), deployer, sender=other)
    finder.renounceOwnership(sender=other)
    assert finder.owner() == ape.utils.ZERO_ADDRESS


def test_identifier_whitelist__add_and_remove__emit_once(
    identifier_whitelist, deployer, general_kpi
):
    new_id = identifier("YES_OR_NO_QUERY")
    assert not identifier_whitelist.isIdentifierSupported(new_id)
    tx = identifier_whitelist.addSupportedIdentifier(new_id, sender=deployer)
    assert [
        e.identifier for e in tx.decode_logs(identifier_whitelist.SupportedIdentifierAdded)
    ] == [new_id]
    assert identifier_whitelist.isIdentifierSupported(new_id)
    tx = identifier_whitelist.addSupportedIdentifier(new_id, sender=deployer)
    assert list(tx.decode_logs(identifier_whitelist.SupportedIdentifierAdded)) == []

    tx = identifier_whitelist.removeSupportedIdentifier(general_kpi, sender=deployer)
    assert [
        e.identifier for e in tx.decode_logs(identifier_whitelist.SupportedIdentifierRemoved)
    ] == [general_kpi]
    assert not identifier_whitelist.isIdentifierSupported(general_kpi)
    tx = identifier_whitelist.removeSupportedIdentifier(general_kpi, sender=deployer)
    assert list(tx.decode_logs(identifier_whitelist.SupportedIdentifierRemoved)) == []


def test_identifier_whitelist__non_owner__reverts(identifier_whitelist, attacker, general_kpi):
    with ape.reverts(NOT_OWNER):
        identifier_whitelist.addSupportedIdentifier(identifier("X"), sender=attacker)
    with ape.reverts(NOT_OWNER):
        identifier_whitelist.removeSupportedIdentifier(general_kpi, sender=attacker)


def test_collateral_whitelist__add_remove_readd__lists_active_once(
    collateral_whitelist, deployer, holder, other
):
    tx = collateral_whitelist.addToWhitelist(holder, sender=deployer)
    assert [e.addedAddress for e in tx.decode_logs(collateral_whitelist.AddedToWhitelist)] == [
        holder.address
    ]
    collateral_whitelist.addToWhitelist(other, sender=deployer)
    assert collateral_whitelist.getWhitelist() == [holder.address, other.address]

    tx = collateral_whitelist.removeFromWhitelist(holder, sender=deployer)
    assert [
        e.removedAddress for e in tx.decode_logs(collateral_whitelist.RemovedFromWhitelist)
    ] == [holder.address]
    assert not collateral_whitelist.isOnWhitelist(holder)
    assert collateral_whitelist.getWhitelist() == [other.address]
    tx = collateral_whitelist.removeFromWhitelist(holder, sender=deployer)
    assert list(tx.decode_logs(collateral_whitelist.RemovedFromWhitelist)) == []

    collateral_whitelist.addToWhitelist(holder, sender=deployer)
    tx = collateral_whitelist.addToWhitelist(holder, sender=deployer)
    assert list(tx.decode_logs(collateral_whitelist.AddedToWhitelist)) == []
    assert collateral_whitelist.getWhitelist() == [holder.address, other.address]
    assert collateral_whitelist.whitelist(holder) == 1  # Status.In


def test_collateral_whitelist__removed_before_added__still_listed_after_add(
    collateral_whitelist, deployer, other
):
    collateral_whitelist.removeFromWhitelist(other, sender=deployer)
    assert collateral_whitelist.whitelist(other) == 2  # Status.Out
    collateral_whitelist.addToWhitelist(other, sender=deployer)
    assert collateral_whitelist.getWhitelist() == [other.address]


def test_collateral_whitelist__non_owner__reverts(collateral_whitelist, attacker):
    with ape.reverts(NOT_OWNER):
        collateral_whitelist.addToWhitelist(attacker, sender=attacker)
    with ape.reverts(NOT_OWNER):
        collateral_whitelist.removeFromWhitelist(attacker, sender=attacker)


def test_store__set_final_fee__readable_and_logged(store, deployer, fee_collateral):
    tx = store.setFinalFee(fee_collateral, (12_345,), sender=deployer)
    assert store.computeFinalFee(fee_collateral).rawValue == 12_345
    assert store.finalFees(fee_collateral) == 12_345
    events = list(tx.decode_logs(store.NewFinalFee))
    assert len(events) == 1 and list(events[0].newFinalFee) == [12_345]
    store.setFinalFee(fee_collateral, (0,), sender=deployer)
    assert store.computeFinalFee(fee_collateral).rawValue == 0


def test_store__unknown_currency__final_fee_zero(store, other):
    assert store.computeFinalFee(other).rawValue == 0


def test_store__non_owner_admin__reverts_with_multirole_string(store, attacker, fee_collateral):
    with ape.reverts(NOT_ROLE):
        store.setFinalFee(fee_collateral, (1,), sender=attacker)
    with ape.reverts(NOT_ROLE):
        store.withdrawErc20(fee_collateral, 0, sender=attacker)
    with ape.reverts(NOT_ROLE):
        store.withdraw(0, sender=attacker)


def test_store__pay_zero_fee__reverts(store, other, fee_collateral):
    with ape.reverts("Amount sent can't be zero"):
        store.payOracleFeesErc20(fee_collateral, (0,), sender=other)
    with ape.reverts("Value sent can't be zero"):
        store.payOracleFees(sender=other)


def test_store__fees_paid__owner_withdraws_them(store, deployer, other, fee_collateral):
    fund(fee_collateral, other, 1_000, store)
    store.payOracleFeesErc20(fee_collateral, (1_000,), sender=other)
    assert fee_collateral.balanceOf(store) == 1_000
    assert fee_collateral.balanceOf(other) == 0
    store.withdrawErc20(fee_collateral, 400, sender=deployer)
    assert fee_collateral.balanceOf(store) == 600
    assert fee_collateral.balanceOf(deployer) == 400

    store.payOracleFees(sender=other, value=5)
    before = deployer.balance
    tx = store.withdraw(5, sender=deployer)
    assert deployer.balance == before + 5 - tx.total_fees_paid
    assert store.balance == 0


def test_deploy_oracle_stack__collateral_and_fees__whitelisted_with_fee(project, deployer):
    token_a = deployer.deploy(project.TestERC20, "A", "A", 6)
    token_b = deployer.deploy(project.TestERC20, "B", "B", 8)
    stack = deploy_mock_oracle_stack(
        project,
        deployer,
        default_liveness=3600,
        identifiers=("General_KPI", "YES_OR_NO_QUERY"),
        collateral=[token_a],
        final_fees={token_b: 77},
    )
    assert stack.optimistic_oracle.defaultLiveness() == 3600
    assert stack.identifier_whitelist.isIdentifierSupported(identifier("YES_OR_NO_QUERY"))
    assert stack.collateral_whitelist.getWhitelist() == [token_a.address, token_b.address]
    assert stack.store.computeFinalFee(token_a).rawValue == 0
    assert stack.store.computeFinalFee(token_b).rawValue == 77
    assert stack.finder.owner() == deployer.address
    assert stack.dvm.owner() == deployer.address


def test_test_erc20__anyone_mints__decimals_as_deployed(project, deployer, other):
    token = deployer.deploy(project.TestERC20, "Six", "SIX", 6)
    assert (token.name(), token.symbol(), token.decimals()) == ("Six", "SIX", 6)
    token.mint(other, 10**6, sender=other)
    assert token.balanceOf(other) == 10**6
    assert token.totalSupply() == 10**6

"""Rehearse a batch through a real Safe on a local chain.

Deploys Safe's own contracts (npm ``@safe-global/safe-contracts`` 1.4.1, the published Hardhat
artifacts: Safe singleton, SafeProxyFactory, MultiSendCallOnly, CompatibilityFallbackHandler),
creates a Safe with the given owners and threshold through the factory, and executes a batch the
way the Safe web app does: one call as itself, several as one DELEGATECALL to
``MultiSendCallOnly.multiSend``, signed by ``threshold`` owners (EIP-712 ``SafeTx``, the typed
data from the ``eip712`` package that ape-safe uses; signatures ordered by owner address, as
``ape_safe.utils.encode_signatures`` does).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.safe.batch import SafeBatchError, SafeCall
from kpi_options.safe.multisend import CALL, DELEGATECALL, multisend_calldata

SAFE_VERSION = "1.4.1"
_ARTIFACTS = Path("node_modules/@safe-global/safe-contracts/build/artifacts/contracts")
_FILES = {
    "Safe": "Safe.sol/Safe.json",
    "SafeProxyFactory": "proxies/SafeProxyFactory.sol/SafeProxyFactory.json",
    "MultiSendCallOnly": "libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json",
    "CompatibilityFallbackHandler": (
        "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"
    ),
}
ZERO = "0x0000000000000000000000000000000000000000"


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def safe_container(name: str, root: Path | None = None) -> Any:
    """An ape ``ContractContainer`` for one of Safe's published artifacts."""
    from ape.contracts import ContractContainer
    from ethpm_types import ContractType

    path = (root or _repo_root()) / _ARTIFACTS / _FILES[name]
    try:
        artifact = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise SafeBatchError(
            f"{path}: Safe's artifacts are missing (run `make setup` to install node_modules)",
            "node_modules",
        ) from None
    contract_type = ContractType.model_validate(
        {
            "contractName": artifact["contractName"],
            "sourceId": artifact["sourceName"],
            "abi": artifact["abi"],
            "deploymentBytecode": {"bytecode": artifact["bytecode"]},
            "runtimeBytecode": {"bytecode": artifact["deployedBytecode"]},
        }
    )
    return ContractContainer(contract_type)


@dataclass(frozen=True)
class SafeStack:
    """Safe's contracts deployed on the current chain."""

    singleton: Any
    factory: Any
    multisend_call_only: Any
    fallback_handler: Any


def deploy_safe_stack(deployer: Any) -> SafeStack:
    """Deploy Safe 1.4.1's singleton, proxy factory, MultiSendCallOnly and fallback handler."""
    return SafeStack(
        singleton=deployer.deploy(safe_container("Safe")),
        factory=deployer.deploy(safe_container("SafeProxyFactory")),
        multisend_call_only=deployer.deploy(safe_container("MultiSendCallOnly")),
        fallback_handler=deployer.deploy(safe_container("CompatibilityFallbackHandler")),
    )


def create_safe(
    stack: SafeStack, owners: Sequence[Any], threshold: int, sender: Any, salt: int = 0
) -> Any:
    """A new Safe (a proxy of ``stack.singleton``) with ``owners`` and ``threshold``."""
    if not 1 <= threshold <= len(owners):
        raise SafeBatchError(f"threshold {threshold} must be 1..{len(owners)}", "threshold")
    singleton = stack.singleton
    setup = singleton.setup.encode_input(
        [_address(o) for o in owners],
        threshold,
        ZERO,
        b"",
        stack.fallback_handler.address,
        ZERO,
        0,
        ZERO,
    )
    receipt = stack.factory.createProxyWithNonce(singleton.address, setup, salt, sender=sender)
    proxy = receipt.decode_logs(stack.factory.ProxyCreation)[0].proxy
    return safe_container("Safe").at(proxy)


def _address(account: Any) -> str:
    return str(getattr(account, "address", account))


def safe_transaction(safe: Any, calls: Sequence[SafeCall], multisend: Any) -> dict[str, Any]:
    """The one Safe transaction that executes ``calls``: the call itself, or a MultiSend."""
    if not calls:
        raise SafeBatchError("the batch has no transactions", "transactions")
    if len(calls) == 1:
        only = calls[0]
        to, value, data, operation = only.to, only.value, only.data, CALL
    else:
        to, value, data = _address(multisend), 0, multisend_calldata(calls)
        operation = DELEGATECALL
    return {
        "to": to,
        "value": value,
        "data": data,
        "operation": operation,
        "safeTxGas": 0,
        "baseGas": 0,
        "gasPrice": 0,
        "gasToken": ZERO,
        "refundReceiver": ZERO,
        "nonce": safe_nonce(safe),
    }


def safe_nonce(safe: Any) -> int:
    """The Safe's transaction nonce (``safe.nonce`` is ape's account nonce of the address)."""
    return int(safe._view_methods_["nonce"]())


def sign_safe_transaction(safe: Any, tx: dict[str, Any], signers: Sequence[Any]) -> bytes:
    """The owners' EIP-712 signatures of ``tx``, concatenated in ascending owner order."""
    from ape_safe.utils import encode_signatures, get_safe_tx_hash
    from eip712.common import create_safe_tx_def

    chain_id = safe.provider.chain_id
    SafeTx = create_safe_tx_def(SAFE_VERSION, _address(safe), chain_id)
    message = SafeTx(**tx)
    expected = bytes(safe.getTransactionHash(*_exec_args(tx), tx["nonce"]))
    if bytes.fromhex(get_safe_tx_hash(message)[2:]) != expected:
        raise SafeBatchError("the EIP-712 hash of the Safe transaction does not match the Safe's")
    signatures = {signer.address: signer.sign_message(message) for signer in signers}
    return bytes(encode_signatures(signatures))


def _exec_args(tx: dict[str, Any]) -> tuple:
    return (
        tx["to"],
        tx["value"],
        tx["data"],
        tx["operation"],
        tx["safeTxGas"],
        tx["baseGas"],
        tx["gasPrice"],
        tx["gasToken"],
        tx["refundReceiver"],
    )


def execute_batch(
    safe: Any, calls: Sequence[SafeCall], signers: Sequence[Any], multisend: Any, sender: Any
) -> Any:
    """Execute ``calls`` through ``safe`` with ``signers``' signatures; ``sender`` pays the gas.

    Returns the receipt; a failing inner call reverts the whole transaction (``safeTxGas`` 0).
    """
    tx = safe_transaction(safe, calls, multisend)
    signatures = sign_safe_transaction(safe, tx, signers)
    receipt = safe.execTransaction(*_exec_args(tx), signatures, sender=sender)
    if not receipt.decode_logs(safe.ExecutionSuccess):
        raise SafeBatchError("the Safe reported ExecutionFailure")
    return receipt

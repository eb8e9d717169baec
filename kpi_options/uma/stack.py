"""UMA's own oracle stack, deployed from ``@uma/core``: the second of the two local oracle stacks.

The project's mock stack (:func:`kpi_options.chain.system.deploy_mock_oracle_stack`) and this one are wired
the same way: every contract registered in the Finder under UMA's name, the identifiers
whitelisted, the collateral whitelisted with a Store final fee. Only the code differs: here it is
UMA's published bytecode (``Finder``, ``IdentifierWhitelist``, ``AddressWhitelist``, ``Store``,
``OptimisticOracleV2``) and UMA's DVM test double ``MockOracleAncillary``, on which **anyone** may
push a price (it has no ``owner()``; the project's stand-in lets only its owner push).

UMA's constructors take a ``Timer``; the zero address makes them read ``block.timestamp``. The
Store is deployed with zero regular and late fees (only final fees matter to the Optimistic
Oracle).

Typical use::

    stack = deploy_oracle_stack("uma", project, deployer, collateral=[usdc],
                                final_fees={usdc: 10**6})   # kpi_options.chain.system
    push_dvm_price(stack, identifier, time, stamped_ancillary, price, sender=anyone)
"""

from __future__ import annotations

from typing import Any

from kpi_options.chain.oracle import (
    DEFAULT_LIVENESS,
    OracleStack,
)
from kpi_options.uma.artifacts import contract_container

__all__ = [
    "UMA_STACK_CONTRACTS",
    "deploy_uma_contracts",
    "deploy_uma_oracle_stack",
    "dvm_owner",
]

ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"
OWNER_SELECTOR = "0x8da5cb5b"
"""``owner()``."""

UMA_STACK_CONTRACTS = {
    "finder": "Finder",
    "identifier_whitelist": "IdentifierWhitelist",
    "collateral_whitelist": "AddressWhitelist",
    "store": "Store",
    "optimistic_oracle": "OptimisticOracleV2",
    "dvm": "MockOracleAncillary",
}
"""OracleStack field -> the ``@uma/core`` artifact deployed for it."""


def deploy_uma_oracle_stack(owner: Any, **options: Any) -> OracleStack:
    """Deploy UMA's oracle stack from ``owner`` (owner of the Finder, whitelists and Store) and
    wire it as the mock one is wired: ``deploy_oracle_stack("uma", ...)``; ``options`` as
    :func:`kpi_options.chain.system.deploy_oracle_stack` takes them."""
    from kpi_options.chain.system import deploy_oracle_stack

    return deploy_oracle_stack("uma", None, owner, **options)


def deploy_uma_contracts(owner: Any, default_liveness: int = DEFAULT_LIVENESS) -> OracleStack:
    """UMA's six contracts from ``owner``, not yet wired; ``default_liveness`` in seconds, in
    [1, 5200 weeks)."""
    if not 0 < default_liveness < 5200 * 7 * 24 * 3600:
        raise ValueError(
            f"default_liveness must be in [1, 5200 weeks) seconds, got {default_liveness}"
        )
    finder = contract_container("Finder").deploy(sender=owner)
    return OracleStack(
        finder=finder,
        identifier_whitelist=contract_container("IdentifierWhitelist").deploy(sender=owner),
        collateral_whitelist=contract_container("AddressWhitelist").deploy(sender=owner),
        # Store(fixedOracleFeePerSecondPerPfc, weeklyDelayFeePerSecondPerPfc, timer): no regular fees.
        store=contract_container("Store").deploy((0,), (0,), ZERO_ADDRESS, sender=owner),
        optimistic_oracle=contract_container("OptimisticOracleV2").deploy(
            default_liveness, finder, ZERO_ADDRESS, sender=owner
        ),
        dvm=contract_container("MockOracleAncillary").deploy(finder, ZERO_ADDRESS, sender=owner),
    )


def dvm_owner(provider: Any, dvm_address: str) -> str | None:
    """The address allowed to push prices into the DVM stand-in at ``dvm_address``, or ``None``
    when anyone may: UMA's ``MockOracleAncillary`` has no ``owner()`` (the call reverts or
    returns nothing), the project's stand-in has one."""
    try:
        answer = provider.web3.eth.call({"to": dvm_address, "data": OWNER_SELECTOR})
    except Exception:  # noqa: BLE001 - a revert means "no owner()"
        return None
    if len(answer) != 32:
        return None
    from eth_utils import to_checksum_address

    return to_checksum_address(bytes(answer)[12:])

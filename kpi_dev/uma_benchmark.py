"""UMA's column of the gas benchmark: UMA's own ``LongShortPairCreator``, ``LongShortPair`` and
Linear library from ``@uma/core``, measured in the same run, on the same anvil, against the same
oracle stack and collateral as the project's (``kpi_dev.benchmark``).

The steps are the project's (:func:`kpi_dev.benchmark.run_benchmark`) done through UMA's code:

- ``create_pair``: ``createLongShortPair`` (UMA deploys a full pair and two full tokens);
- ``set_payout_parameters``: ``setLongShortPairParameters`` on UMA's Linear, a second transaction;
- ``launch``: UMA has no one-transaction launch with parameters; its figure is the sum of the two
  transactions above (the like-for-like cost of a launch that is ready to mint);
- ``create_first``/``create_second``/``redeem``/``expire``/``request_early``/``settle_first``/
  ``settle_first_with_oo_settle``/``settle_second``: the same calls on UMA's pairs.

UMA's constructors take a ``Timer``: the zero address makes them use ``block.timestamp``.
"""

from __future__ import annotations

from typing import Any

from kpi_options.uma.artifacts import contract_container
from kpi_options.uma.lsp import deploy_uma_creator, deploy_uma_libraries

__all__ = ["UMA_CONTRACTS", "deploy_uma_lsp", "uma_lifecycle"]

UMA_CONTRACTS = (
    "LongShortPairCreator",
    "TokenFactory",
    "LinearLongShortPairFinancialProductLibrary",
)
"""UMA's contracts deployed for its column (deployment gas reported with role ``"UMA"``)."""


def deploy_uma_lsp(chain: Any, deployer: Any, finder: Any) -> tuple[Any, Any, dict[str, int]]:
    """Deploy UMA's creator (and TokenFactory) against ``finder`` and UMA's Linear library;
    returns ``(creator, linear, deployment gas by contract name)``."""
    creator, token_factory = deploy_uma_creator(deployer, finder)
    linear = deploy_uma_libraries(deployer, ("Linear",))["Linear"]
    gas = {}
    for name, contract in zip(UMA_CONTRACTS, (creator, token_factory, linear), strict=True):
        gas[name] = int(chain.get_receipt(contract.txn_hash).gas_used)
    return creator, linear, gas


def uma_lifecycle(
    chain: Any,
    creator: Any,
    stack: Any,
    collateral: Any,
    linear: Any,
    roles: Any,
    params: Any,
    linear_args: tuple,
    amounts: tuple[int, int],
    settlement_price: int,
    expiry_offset: int,
) -> tuple[dict[str, int], dict[str, str]]:
    """The benchmark's steps on UMA's pairs; returns gas and transaction hash per step.

    ``params`` are the project's ``CreatorParams`` of the run (the library replaced by UMA's
    Linear here); ``linear_args`` the Linear setter's arguments; ``amounts`` ``(create, redeem)``
    token amounts; ``settlement_price`` the proposed expiry price; ``expiry_offset`` seconds from
    now to the pairs' expiry.
    """
    gas: dict[str, int] = {}
    hashes: dict[str, str] = {}
    max_uint = 2**256 - 1
    create_amount, redeem_amount = amounts
    params = params.replace(
        financial_product_library=linear,
        expiration_timestamp=chain.pending_timestamp + expiry_offset,
    )

    def record(key: str, receipt: Any) -> None:
        gas[key] = int(receipt.gas_used)
        hashes[key] = str(receipt.txn_hash)

    def launch(p: Any) -> tuple[Any, Any, Any]:
        receipt = creator.createLongShortPair(p.as_tuple(), sender=roles.launcher)
        event = next(log for log in receipt.events if log.event_name == "CreatedLongShortPair")
        pair = contract_container("LongShortPair").at(event.longShortPair)
        second = linear.setLongShortPairParameters(pair, *linear_args, sender=roles.launcher)
        return pair, receipt, second

    split, created, parameters = launch(params)
    record("create_pair", created)
    record("set_payout_parameters", parameters)
    main, created, parameters = launch(params)
    gas["launch"] = int(created.gas_used) + int(parameters.gas_used)
    hashes["launch"] = str(created.txn_hash)
    early, _, _ = launch(params.replace(enable_early_expiration=True))

    for account in (roles.sponsor, roles.holder):
        collateral.mint(account, 1_000 * 10**18, sender=account)
        for pair in (main, split):
            collateral.approve(pair, max_uint, sender=account)
    record("create_first", main.create(create_amount, sender=roles.sponsor))
    record("create_second", main.create(create_amount, sender=roles.holder))
    record("redeem", main.redeem(redeem_amount, sender=roles.sponsor))
    split.create(create_amount, sender=roles.sponsor)
    record(
        "request_early",
        early.requestEarlyExpiration(chain.pending_timestamp - 10, sender=roles.requester),
    )

    expiration = int(main.expirationTimestamp())
    if chain.pending_timestamp < expiration:
        chain.mine(1, timestamp=expiration)
    record("expire", main.expire(sender=roles.requester))
    split.expire(sender=roles.requester)
    oracle = stack.optimistic_oracle
    identifier, ancillary = bytes(main.priceIdentifier()), bytes(main.customAncillaryData())
    for pair in (main, split):
        oracle.proposePrice(
            pair, identifier, expiration, ancillary, settlement_price, sender=roles.proposer
        )
    chain.mine(1, timestamp=chain.pending_timestamp + int(main.optimisticOracleLivenessTime()))
    oracle.settle(split, identifier, expiration, ancillary, sender=roles.proposer)
    record("settle_first", split.settle(create_amount, create_amount, sender=roles.sponsor))
    remaining = create_amount - redeem_amount
    record("settle_first_with_oo_settle", main.settle(remaining, remaining, sender=roles.sponsor))
    record("settle_second", main.settle(create_amount, create_amount, sender=roles.holder))
    return gas, hashes

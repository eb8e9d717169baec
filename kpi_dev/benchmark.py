"""Gas benchmark of the pair and creator against UMA's Long Short Pair (docs/GAS.md).

:func:`run_benchmark` performs, on the connected chain, the steps of UMA's reference table under
UMA's conditions (collateral per pair 1e18, Linear payout library, proposer reward 0, bond 0, final
fee 0, 18-decimal collateral approved with the maximum allowance) and returns the receipt
``gasUsed`` of each step, plus the deployment gas of every implementation contract. It deploys
everything it needs itself (oracle stack, collateral, creator, payout libraries), so its figures do
not depend on what else is on the chain beyond a few bytes of calldata.

The lifecycle runs once per collateral token in :data:`COLLATERALS`: our Solady-based ``TestERC20``
(the suite's collateral) and ``OzStyleERC20``, a plain-Solidity token with OpenZeppelin 4.9's
storage layout and checks (the cost profile of UMA's own test token).

:func:`evaluate` compares our figures with UMA's, measured in the same run on the same anvil with
UMA's own ``LongShortPairCreator``, ``LongShortPair`` and Linear library from ``@uma/core``
(:mod:`kpi_dev.uma_benchmark`), and with our targets (:data:`OPERATIONS`);
:func:`check_against_baseline` compares a result with a committed baseline (default tolerance 2 %).
:func:`gas_breakdown` (:mod:`kpi_dev.gas_trace`, re-exported here) splits one transaction's gas by
opcode class and by call frame (anvil's ``debug_traceTransaction``), to show where the gas goes.

Typical use (connected to a local network)::

    from ape import accounts, chain, project
    result = run_benchmark(project, chain, accounts.test_accounts)
    rows = evaluate(result)
    regressions = check_against_baseline(result, json.loads(Path("gas/baseline.json").read_text()))
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kpi_dev.distribution_benchmark import run_distribution_benchmark
from kpi_dev.uma_benchmark import deploy_uma_lsp, uma_lifecycle
from kpi_options.chain.oracle import GENERAL_KPI
from kpi_options.chain.pair import launch_pair, pair_from_receipt
from kpi_options.chain.system import add_collateral, default_creator_params, deploy_system
from kpi_options.payouts import LIBRARIES, WAD, Linear

__all__ = [
    "COLLATERALS",
    "CONDITIONS",
    "OPERATIONS",
    "ORACLE_MOCKS",
    "PRIMARY_COLLATERAL",
    "BenchmarkResult",
    "Operation",
    "Row",
    "evaluate",
    "run_benchmark",
]

MAX_UINT = 2**256 - 1
"""Growth over the baseline that fails the check (2 %)."""

CREATE_AMOUNT = 100 * WAD
"""Tokens each account creates (UMA's table: create(100e18))."""
REDEEM_AMOUNT = 25 * WAD
"""Tokens the first account redeems (UMA's table: redeem(25e18))."""
EXPIRY_OFFSET = 10_000
"""Seconds from the launches to the pairs' expiry (UMA's test set-up)."""
LIVENESS = 7200
"""Optimistic-oracle liveness of the pairs, seconds (UMA's test set-up)."""
SETTLEMENT_PRICE = WAD
"""Expiry price proposed for every pair: half-way between Linear's bounds (long share 50 %)."""
LINEAR = Linear(upper_bound=2 * WAD, lower_bound=0)
"""Payout parameters of every pair."""

PRIMARY_COLLATERAL = "TestERC20"
"""The suite's collateral (Solady ERC20): the figures the targets and the baseline speak about first."""
COLLATERALS = (PRIMARY_COLLATERAL, "OzStyleERC20")
"""Collateral tokens the lifecycle runs with (contract names in ``contracts/test/``)."""
ORACLE_MOCKS = (
    "Finder",
    "IdentifierWhitelist",
    "AddressWhitelist",
    "Store",
    "MockOptimisticOracleV2",
    "MockOracleAncillary",
)
"""The local stand-ins for UMA's oracle stack (deployment figures marked as mocks)."""

CONDITIONS = {
    "collateral_per_pair": "1e18",
    "collateral_decimals": 18,
    "payout_library": "Linear (upper 2e18, lower 0)",
    "proposer_reward": 0,
    "proposer_bond": 0,
    "final_fee": 0,
    "approval": "maximum allowance (never decreased)",
    "liveness_seconds": LIVENESS,
    "custom_ancillary_data": "some-address-field:0x1234",
    "measure": "receipt gasUsed",
}
"""What every figure assumes (UMA's reference conditions)."""


@dataclass(frozen=True)
class Operation:
    """One row of the table and our target for it.

    ``fraction`` is the target as a share of UMA's figure, which is measured in the same run
    (``None``: reported, no target); ``limit_override`` replaces the computed limit where the
    brief states the number.
    """

    key: str
    label: str
    fraction: float | None
    limit_override: int | None = None
    stretch_fraction: float | None = None

    def limit(self, uma: int) -> int | None:
        """Highest figure that meets the target given UMA's measured ``uma``, gas."""
        if self.limit_override is not None:
            return self.limit_override
        if self.fraction is None:
            return None
        return int(uma * self.fraction)

    def stretch_limit(self, uma: int) -> int | None:
        """Highest figure that meets the stretch target given UMA's measured ``uma``, gas."""
        return None if self.stretch_fraction is None else int(uma * self.stretch_fraction)


OPERATIONS: tuple[Operation, ...] = (
    Operation("create_pair", "createLongShortPair (pair + two tokens)", None),
    Operation("set_payout_parameters", "payout parameters, separate tx (Linear)", None),
    Operation(
        "launch",
        "launch with parameters (UMA: create + set)",
        0.10,
        limit_override=659_000,
        stretch_fraction=0.05,
    ),
    Operation("create_first", "create(100e18), first account", 0.85),
    Operation("create_second", "create(100e18), second account", 0.85),
    Operation("redeem", "redeem(25e18)", 0.85),
    Operation("expire", "expire()", 1.0),
    Operation("request_early", "requestEarlyExpiration (early expiry on)", 1.0),
    Operation("settle_first", "settle, first (OO price already settled)", 0.85),
    Operation("settle_first_with_oo_settle", "settle, first, also settling the OO", 0.85),
    Operation("settle_second", "settle, second account", 0.85),
)
"""The table's operations and our targets, in table order. UMA's figures are measured in the same
run on UMA's own code from ``@uma/core`` (:mod:`kpi_dev.uma_benchmark`); UMA's ``launch`` is its
two transactions together (``createLongShortPair`` + ``setLongShortPairParameters``)."""


@dataclass
class BenchmarkResult:
    """Figures of one run, gas.

    ``operations[collateral][key]`` for each collateral in :data:`COLLATERALS` and each
    :data:`OPERATIONS` key; ``deployments[contract] = {"gas": int, "role": str}`` with role
    ``"product"``, ``"oracle mock"``, ``"test double"`` or ``"UMA"`` (UMA's contracts);
    ``transactions`` maps the same keys as ``operations`` to transaction hashes (for traces).
    ``distribution`` holds the airdrop and emission figures of
    :mod:`kpi_dev.distribution_benchmark` (gas by operation key).
    """

    operations: dict[str, dict[str, int]] = field(default_factory=dict)
    deployments: dict[str, dict[str, Any]] = field(default_factory=dict)
    transactions: dict[str, dict[str, str]] = field(default_factory=dict)
    distribution: dict[str, int] = field(default_factory=dict)
    uma_operations: dict[str, dict[str, int]] = field(default_factory=dict)
    """UMA's figures for the same steps, same keys, measured in the same run on UMA's code."""

    def to_json(self) -> dict[str, Any]:
        """The JSON document written to ``build/gas/benchmark.json`` (and used as a baseline)."""
        return {
            "schema": 1,
            "conditions": CONDITIONS,
            "primary_collateral": PRIMARY_COLLATERAL,
            "operations": copy.deepcopy(self.operations),
            "uma_operations": copy.deepcopy(self.uma_operations),
            "deployments": copy.deepcopy(self.deployments),
            "distribution": dict(self.distribution),
            "evaluation": [row.to_json() for row in evaluate(self)],
        }


@dataclass(frozen=True)
class Row:
    """One evaluated figure: ours against UMA's (measured in the same run) and the target."""

    collateral: str
    operation: Operation
    ours: int
    uma: int

    @property
    def ratio(self) -> float:
        """Ours / UMA's."""
        return self.ours / self.uma

    @property
    def limit(self) -> int | None:
        """The target, gas (``None``: no target)."""
        return self.operation.limit(self.uma)

    @property
    def stretch_limit(self) -> int | None:
        """The stretch target, gas (``None``: none)."""
        return self.operation.stretch_limit(self.uma)

    @property
    def met(self) -> bool | None:
        """Whether the target is met (``None``: no target)."""
        limit = self.limit
        return None if limit is None else self.ours <= limit

    @property
    def stretch_met(self) -> bool | None:
        """Whether the stretch target is met (``None``: no stretch target)."""
        limit = self.stretch_limit
        return None if limit is None else self.ours <= limit

    def to_json(self) -> dict[str, Any]:
        """Row as plain data."""
        return {
            "collateral": self.collateral,
            "operation": self.operation.key,
            "ours": self.ours,
            "uma": self.uma,
            "ratio": round(self.ratio, 4),
            "target": self.limit,
            "met": self.met,
            "stretch_target": self.stretch_limit,
            "stretch_met": self.stretch_met,
        }


def evaluate(result: BenchmarkResult) -> list[Row]:
    """One :class:`Row` per collateral and operation measured on both sides, in
    :data:`OPERATIONS` order."""
    rows = []
    for collateral, figures in result.operations.items():
        uma = result.uma_operations.get(collateral, {})
        for operation in OPERATIONS:
            if operation.key in figures and operation.key in uma:
                rows.append(Row(collateral, operation, figures[operation.key], uma[operation.key]))
    return rows


# -------------------------------------------------------------------------------------------------
# Measuring
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Roles:
    """The accounts a run uses (distinct funded accounts)."""

    deployer: Any
    launcher: Any
    sponsor: Any
    holder: Any
    requester: Any
    proposer: Any


def run_benchmark(project: Any, chain: Any, accounts: Sequence[Any]) -> BenchmarkResult:
    """Deploy everything and measure every operation of :data:`OPERATIONS` per collateral.

    Args:
        project: the ape project (``from ape import project``).
        chain: ape's chain manager (time is moved with ``chain.mine``).
        accounts: at least six distinct funded accounts (``accounts.test_accounts``), used as
            deployer, launcher, sponsor, holder, requester and proposer.
    """
    if len(accounts) < 6:
        raise ValueError(f"run_benchmark needs 6 funded accounts, got {len(accounts)}")
    roles = _Roles(*accounts[:6])
    result = BenchmarkResult()

    system = deploy_system(project, roles.deployer)
    stack = system.stack
    for name in ORACLE_MOCKS:
        contract = {
            "Finder": stack.finder,
            "IdentifierWhitelist": stack.identifier_whitelist,
            "AddressWhitelist": stack.collateral_whitelist,
            "Store": stack.store,
            "MockOptimisticOracleV2": stack.optimistic_oracle,
            "MockOracleAncillary": stack.dvm,
        }[name]
        result.deployments[name] = {"gas": _deployment_gas(chain, contract), "role": "oracle mock"}

    creator = system.creator
    result.deployments["LongShortPairCreator"] = {
        "gas": _deployment_gas(chain, creator),
        "role": "product",
        "note": "includes the LongShortPair and PositionToken implementations it deploys",
    }
    libraries = {}
    for short_name, library in system.libraries.items():
        contract_name = LIBRARIES[short_name].contract_name
        libraries[contract_name] = library
        result.deployments[contract_name] = {
            "gas": _deployment_gas(chain, library),
            "role": "product",
        }
    linear = libraries[Linear.contract_name]
    # UMA's column: UMA's own creator, pair and Linear library (@uma/core), same chain, same stack.
    uma_creator, uma_linear, uma_gas = deploy_uma_lsp(chain, roles.deployer, stack.finder)
    for contract_name, gas in uma_gas.items():
        result.deployments[f"UMA {contract_name}"] = {"gas": gas, "role": "UMA"}

    for name in COLLATERALS:
        token = roles.deployer.deploy(getattr(project, name), f"Collateral {name}", "COL", 18)
        result.deployments[name] = {"gas": _deployment_gas(chain, token), "role": "test double"}
        add_collateral(stack, token, 0, roles.deployer)
        gas, hashes = _lifecycle(chain, creator, stack, token, linear, roles)
        result.operations[name] = gas
        result.transactions[name] = hashes
        params = default_creator_params(
            collateral=token,
            library=uma_linear,
            expiration=chain.pending_timestamp + EXPIRY_OFFSET,
            optimistic_oracle_liveness_time=LIVENESS,
        )
        uma, _ = uma_lifecycle(
            chain,
            uma_creator,
            stack,
            token,
            uma_linear,
            roles,
            params,
            LINEAR.setter_args(),
            (CREATE_AMOUNT, REDEEM_AMOUNT),
            SETTLEMENT_PRICE,
            EXPIRY_OFFSET,
        )
        result.uma_operations[name] = uma
    result.deployments["MerkleDistributor"] = {
        "gas": _deployment_gas(chain, system.distributor),
        "role": "product",
    }
    result.distribution = run_distribution_benchmark(project, chain, accounts).operations
    return result


def _lifecycle(
    chain: Any, creator: Any, stack: Any, collateral: Any, linear: Any, roles: _Roles
) -> tuple[dict[str, int], dict[str, str]]:
    """UMA's table on three pairs of one collateral; returns gas and transaction hash per step.

    Pair ``split`` is launched the UMA way (pair, then a parameter transaction) and later settled
    after the oracle request was settled by someone else; pair ``main`` is launched atomically and
    carries create/redeem/expire and the settles that settle the oracle themselves; pair ``early``
    has early expiration on and takes the early request.
    """
    gas: dict[str, int] = {}
    hashes: dict[str, str] = {}

    def record(key: str, receipt: Any) -> None:
        gas[key] = int(receipt.gas_used)
        hashes[key] = str(receipt.txn_hash)

    params = default_creator_params(
        collateral=collateral,
        library=linear,
        expiration=chain.pending_timestamp + EXPIRY_OFFSET,
        optimistic_oracle_liveness_time=LIVENESS,
    )

    receipt = creator.createLongShortPair(params.as_tuple(), sender=roles.launcher)
    record("create_pair", receipt)
    split = pair_from_receipt(receipt)
    record(
        "set_payout_parameters",
        linear.setLongShortPairParameters(split, *LINEAR.setter_args(), sender=roles.launcher),
    )

    encoded = LINEAR.encode_parameters()
    receipt = creator.createLongShortPairWithPayoutParameters(
        params.as_tuple(), encoded, sender=roles.launcher
    )
    record("launch", receipt)
    main = pair_from_receipt(receipt)
    early = launch_pair(
        creator, params.replace(enable_early_expiration=True), encoded, roles.launcher
    )

    for account in (roles.sponsor, roles.holder):
        collateral.mint(account, 1_000 * WAD, sender=account)
        for pair in (main, split):
            collateral.approve(pair, MAX_UINT, sender=account)
    record("create_first", main.create(CREATE_AMOUNT, sender=roles.sponsor))
    record("create_second", main.create(CREATE_AMOUNT, sender=roles.holder))
    record("redeem", main.redeem(REDEEM_AMOUNT, sender=roles.sponsor))
    split.create(CREATE_AMOUNT, sender=roles.sponsor)

    record(
        "request_early",
        # Early requests must not predate the launch (EarlyExpirationBeforeLaunch).
        early.requestEarlyExpiration(
            max(int(early.launchTimestamp()), chain.pending_timestamp - 10),
            sender=roles.requester,
        ),
    )

    _advance(chain, params.expiration_timestamp - chain.pending_timestamp)
    record("expire", main.expire(sender=roles.requester))
    split.expire(sender=roles.requester)
    oracle = stack.optimistic_oracle
    for pair in (main, split):
        oracle.proposePrice(
            pair,
            GENERAL_KPI,
            params.expiration_timestamp,
            params.custom_ancillary_data,
            SETTLEMENT_PRICE,
            sender=roles.proposer,
        )
    _advance(chain, LIVENESS)
    oracle.settle(
        split,
        GENERAL_KPI,
        params.expiration_timestamp,
        params.custom_ancillary_data,
        sender=roles.proposer,
    )
    record("settle_first", split.settle(CREATE_AMOUNT, CREATE_AMOUNT, sender=roles.sponsor))
    remaining = CREATE_AMOUNT - REDEEM_AMOUNT
    record("settle_first_with_oo_settle", main.settle(remaining, remaining, sender=roles.sponsor))
    record("settle_second", main.settle(CREATE_AMOUNT, CREATE_AMOUNT, sender=roles.holder))
    return gas, hashes


def _advance(chain: Any, seconds: int) -> None:
    """Mine one block ``seconds`` after the pending timestamp."""
    chain.mine(1, timestamp=chain.pending_timestamp + max(seconds, 0))


def _deployment_gas(chain: Any, contract: Any) -> int:
    """Receipt gasUsed of the transaction that deployed ``contract``."""
    if not contract.txn_hash:
        raise RuntimeError(f"no deployment transaction known for {contract.address}")
    return int(chain.get_receipt(contract.txn_hash).gas_used)

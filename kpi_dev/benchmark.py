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

:func:`evaluate` compares the figures with :data:`OPERATIONS` (UMA's figures and our targets);
:func:`check_against_baseline` compares a result with a committed baseline (default tolerance 2 %).
:func:`gas_breakdown` splits one transaction's gas by opcode class and by call frame (anvil's
``debug_traceTransaction``), to show where the gas goes.

Typical use (connected to a local network)::

    from ape import accounts, chain, project
    result = run_benchmark(project, chain, accounts.test_accounts)
    rows = evaluate(result)
    regressions = check_against_baseline(result, json.loads(Path("gas/baseline.json").read_text()))
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kpi_options.chain.oracle import GENERAL_KPI
from kpi_options.chain.pair import launch_pair, pair_from_receipt
from kpi_options.chain.system import add_collateral, default_creator_params, deploy_system
from kpi_options.payouts import LIBRARIES, Linear

__all__ = [
    "COLLATERALS",
    "CONDITIONS",
    "DEFAULT_TOLERANCE",
    "OPERATIONS",
    "ORACLE_MOCKS",
    "PRIMARY_COLLATERAL",
    "BenchmarkResult",
    "Operation",
    "Regression",
    "Row",
    "check_against_baseline",
    "evaluate",
    "gas_breakdown",
    "run_benchmark",
]

WAD = 10**18
MAX_UINT = 2**256 - 1
DEFAULT_TOLERANCE = 0.02
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
    """One row of UMA's reference table and our target for it.

    ``fraction`` is the target as a share of UMA's figure (``None``: reported, no target);
    ``limit`` overrides the computed limit where the brief states the number.
    """

    key: str
    label: str
    uma: int
    fraction: float | None
    limit_override: int | None = None
    stretch_fraction: float | None = None

    @property
    def limit(self) -> int | None:
        """Highest figure that meets the target, gas."""
        if self.limit_override is not None:
            return self.limit_override
        if self.fraction is None:
            return None
        return int(self.uma * self.fraction)

    @property
    def stretch_limit(self) -> int | None:
        """Highest figure that meets the stretch target, gas."""
        return None if self.stretch_fraction is None else int(self.uma * self.stretch_fraction)


OPERATIONS: tuple[Operation, ...] = (
    Operation("create_pair", "createLongShortPair (pair + two tokens)", 6_593_108, None),
    Operation("set_payout_parameters", "payout parameters, separate tx (Linear)", 74_602, None),
    Operation(
        "launch",
        "launch incl. payout parameters (atomic)",
        6_593_108,
        0.10,
        limit_override=659_000,
        stretch_fraction=0.05,
    ),
    Operation("create_first", "create(100e18), first account", 180_209, 0.85),
    Operation("create_second", "create(100e18), second account", 128_909, 0.85),
    Operation("redeem", "redeem(25e18)", 91_808, 0.85),
    Operation("expire", "expire()", 164_025, 1.0),
    Operation("request_early", "requestEarlyExpiration (early expiry on)", 188_058, 1.0),
    Operation("settle_first", "settle, first (OO price already settled)", 176_800, 0.85),
    Operation("settle_first_with_oo_settle", "settle, first, also settling the OO", 231_834, 0.85),
    Operation("settle_second", "settle, second account", 79_681, 0.85),
)
"""UMA's figures (solc 0.8.16, 1M runs, OZ 4.9.6, anvil 1.7.1) and our targets, in table order."""


@dataclass
class BenchmarkResult:
    """Figures of one run, gas.

    ``operations[collateral][key]`` for each collateral in :data:`COLLATERALS` and each
    :data:`OPERATIONS` key; ``deployments[contract] = {"gas": int, "role": str}`` with role
    ``"product"``, ``"oracle mock"`` or ``"test double"``; ``transactions`` maps the same keys as
    ``operations`` to transaction hashes (for traces).
    """

    operations: dict[str, dict[str, int]] = field(default_factory=dict)
    deployments: dict[str, dict[str, Any]] = field(default_factory=dict)
    transactions: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The JSON document written to ``build/gas/benchmark.json`` (and used as a baseline)."""
        return {
            "schema": 1,
            "conditions": CONDITIONS,
            "primary_collateral": PRIMARY_COLLATERAL,
            "operations": copy.deepcopy(self.operations),
            "deployments": copy.deepcopy(self.deployments),
            "evaluation": [row.to_json() for row in evaluate(self)],
        }


@dataclass(frozen=True)
class Row:
    """One evaluated figure: ours against UMA's and the target."""

    collateral: str
    operation: Operation
    ours: int

    @property
    def ratio(self) -> float:
        """Ours / UMA's."""
        return self.ours / self.operation.uma

    @property
    def met(self) -> bool | None:
        """Whether the target is met (``None``: no target)."""
        limit = self.operation.limit
        return None if limit is None else self.ours <= limit

    @property
    def stretch_met(self) -> bool | None:
        """Whether the stretch target is met (``None``: no stretch target)."""
        limit = self.operation.stretch_limit
        return None if limit is None else self.ours <= limit

    def to_json(self) -> dict[str, Any]:
        """Row as plain data."""
        return {
            "collateral": self.collateral,
            "operation": self.operation.key,
            "ours": self.ours,
            "uma": self.operation.uma,
            "ratio": round(self.ratio, 4),
            "target": self.operation.limit,
            "met": self.met,
            "stretch_target": self.operation.stretch_limit,
            "stretch_met": self.stretch_met,
        }


@dataclass(frozen=True)
class Regression:
    """A figure that grew more than the tolerance over the baseline (or disappeared)."""

    name: str
    baseline: int
    current: int | None

    @property
    def growth(self) -> float | None:
        """Relative growth (0.05 = +5 %); ``None`` when the figure is missing."""
        return None if self.current is None else self.current / self.baseline - 1

    def __str__(self) -> str:
        if self.current is None:
            return f"{self.name}: in the baseline ({self.baseline:,}) but not measured"
        return (
            f"{self.name}: {self.current:,} vs baseline {self.baseline:,} "
            f"({100 * self.growth:+.2f} %)"
        )


def evaluate(result: BenchmarkResult) -> list[Row]:
    """One :class:`Row` per collateral and operation, in :data:`OPERATIONS` order."""
    rows = []
    for collateral, figures in result.operations.items():
        for operation in OPERATIONS:
            if operation.key in figures:
                rows.append(Row(collateral, operation, figures[operation.key]))
    return rows


def flatten(document: Mapping[str, Any]) -> dict[str, int]:
    """Every figure of a result document (``to_json()`` shape), keyed ``operations.<collateral>.<op>``
    or ``deployments.<contract>``. Oracle mocks and test doubles are left out: they are not the product.
    """
    figures = {}
    for collateral, ops in document.get("operations", {}).items():
        for key, gas in ops.items():
            figures[f"operations.{collateral}.{key}"] = int(gas)
    for name, entry in document.get("deployments", {}).items():
        if entry.get("role") == "product":
            figures[f"deployments.{name}"] = int(entry["gas"])
    return figures


def check_against_baseline(
    result: BenchmarkResult | Mapping[str, Any],
    baseline: Mapping[str, Any],
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Regression]:
    """Figures that grew more than ``tolerance`` over ``baseline`` or that the run no longer measured.

    Figures new since the baseline are not regressions. Returns an empty list when all is well.
    """
    current = flatten(result.to_json() if isinstance(result, BenchmarkResult) else result)
    regressions = []
    for name, base in flatten(baseline).items():
        now = current.get(name)
        if now is None or now > base * (1 + tolerance):
            regressions.append(Regression(name, base, now))
    return regressions


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

    for name in COLLATERALS:
        token = roles.deployer.deploy(getattr(project, name), f"Collateral {name}", "COL", 18)
        result.deployments[name] = {"gas": _deployment_gas(chain, token), "role": "test double"}
        add_collateral(stack, token, 0, roles.deployer)
        gas, hashes = _lifecycle(chain, creator, stack, token, linear, roles)
        result.operations[name] = gas
        result.transactions[name] = hashes
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


# -------------------------------------------------------------------------------------------------
# Where the gas goes
# -------------------------------------------------------------------------------------------------

_CALLS = {"CALL", "STATICCALL", "DELEGATECALL", "CALLCODE", "CREATE", "CREATE2"}
_CLASSES = {
    "SSTORE": "SSTORE",
    "SLOAD": "SLOAD",
    "TSTORE": "transient",
    "TLOAD": "transient",
    "EXTCODECOPY": "code reads (EXTCODECOPY)",
    "KECCAK256": "KECCAK256",
    "SHA3": "KECCAK256",
    "BALANCE": "account access",
    "EXTCODESIZE": "account access",
    "EXTCODEHASH": "account access",
}


def gas_breakdown(provider: Any, txn_hash: str) -> dict[str, Any]:
    """Split a transaction's execution gas by opcode class and by call frame (needs anvil's debug API).

    Returns ``{"by_class": {class: gas}, "by_frame": [(depth, opcode, target, exclusive gas)],
    "execution": total}``. A call opcode's own cost (cold/warm account access, memory) counts under
    ``"calls"``; the callee's work counts where it happens. SSTORE figures are before refunds, and
    ``execution`` excludes the intrinsic 21,000 + calldata.
    """
    trace = provider.make_request(
        "debug_traceTransaction",
        [txn_hash, {"disableStorage": True, "enableMemory": False, "disableStack": False}],
    )
    steps = trace["structLogs"]
    by_class: dict[str, int] = defaultdict(int)
    frames: list[tuple[int, str, str, int]] = []

    def frame(start: int, depth: int) -> tuple[int, int]:
        """Walk the frame starting at ``start``; returns (index after it, its inclusive gas)."""
        index, total = start, 0
        while index < len(steps) and steps[index]["depth"] == depth:
            step = steps[index]
            nxt = steps[index + 1] if index + 1 < len(steps) else None
            if nxt is not None and nxt["depth"] > depth:
                stack = step.get("stack") or []
                target = stack[-2] if step["op"] in _CALLS - {"CREATE", "CREATE2"} else "new"
                slot = len(frames)
                frames.append((depth, step["op"], str(target), 0))
                after, child = frame(index + 1, nxt["depth"])
                frames[slot] = (depth, step["op"], str(target), child)
                back = steps[after] if after < len(steps) else None
                inclusive = step["gas"] - back["gas"] if back is not None else step["gasCost"]
                own = inclusive - child
                by_class["calls"] += own
                total += inclusive
                index = after
                continue
            if nxt is not None and nxt["depth"] == depth:
                cost = step["gas"] - nxt["gas"]
            else:
                cost = step["gasCost"]
            op = step["op"]
            if op in _CALLS:
                key = "calls"
            elif op.startswith("LOG"):
                key = "events (LOG)"
            else:
                key = _CLASSES.get(op, "computation and memory")
            by_class[key] += cost
            total += cost
            index += 1
        return index, total

    _, execution = frame(0, steps[0]["depth"]) if steps else (0, 0)
    return {"by_class": dict(by_class), "by_frame": frames, "execution": execution}

"""Every step of a KPI options program, from deploying the stack to rolling over into the next one.

``scripts/kpi.py`` (``ape run kpi <command>``), ``scripts/demo.py`` and the tests call these
functions; the click layer only parses arguments, calls one function and reports its result.

Each function checks its inputs and the chain state **before** sending anything and raises
:class:`LifecycleError` (naming the command-line input at fault in ``param``) when a transaction
would fail or do something the user did not mean; program files raise
:class:`kpi_options.program.ProgramError` and recipient files :class:`RecipientsError`, both listing
every problem. Nothing is sent when any of these is raised.

Contract handles use this project's ABIs: the mock oracle stack's ABI is UMA's, so the same calls
work against UMA's deployed Finder, whitelists and Optimistic Oracle V2 when ``deploy --finder`` is
used on a live network. Collateral is reached through a minimal ERC20 ABI.

Units: amounts on the command line are human (``1.5`` collateral tokens, ``1000`` position tokens),
converted exactly with the collateral's decimals (position tokens share them); prices are human
values of the metric, converted exactly to 1e18 contract units. A value that would need rounding is
refused, never rounded.

Typical use (what ``ape run demo`` does)::

    env = Env.connect(project, chain, "deployments", network="local", local=True)
    deploy(env, deployer)
    launched = launch(env, launcher, "programs/demo/tvl-milestones-early.yaml")
    mint(env, sponsor, launched.name, "20000")
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

from kpi_options import ancillary as anc
from kpi_options.deployments import DeploymentError, Deployments, has_code
from kpi_options.oracle import FINDER_NAMES, OracleState, add_collateral, deploy_oracle_stack
from kpi_options.pair import IGNORE_PRICE, CreatorParams, PairState, deploy_creator, launch_pair
from kpi_options.payouts import LIBRARIES, PayoutLibrary
from kpi_options.program import (
    LaunchProgram,
    PayoutRow,
    Problem,
    ProgramError,
    load_program_file,
    payout_table,
    validate_program,
    whitelist_checker,
)

__all__ = [
    "DEFAULT_TEST_TOKENS",
    "advance",
    "Env",
    "LifecycleError",
    "PairHandle",
    "Recipient",
    "RecipientsError",
    "TestToken",
    "deploy",
    "dispute",
    "distribute",
    "expire",
    "faucet",
    "launch",
    "load_program",
    "mint",
    "parse_amount",
    "parse_price",
    "pair_status",
    "preview",
    "propose",
    "read_recipients",
    "request_early_expiry",
    "resolve",
    "rollover",
    "sample_metrics",
    "settle",
]

WAD = 10**18
"""1.0 in 1e18 fixed point (collateralPerPair, prices, long shares)."""

_ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]{40}")

#: The standard ERC20 functions the tools use on any collateral token.
ERC20_ABI = [
    {
        "type": "function",
        "name": name,
        "stateMutability": "view",
        "inputs": inputs,
        "outputs": [{"name": "", "type": out}],
    }
    for name, inputs, out in (
        ("decimals", [], "uint8"),
        ("symbol", [], "string"),
        ("totalSupply", [], "uint256"),
        ("balanceOf", [{"name": "account", "type": "address"}], "uint256"),
        (
            "allowance",
            [{"name": "owner", "type": "address"}, {"name": "spender", "type": "address"}],
            "uint256",
        ),
    )
] + [
    {
        "type": "function",
        "name": name,
        "stateMutability": "nonpayable",
        "inputs": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    }
    for name in ("approve", "transfer")
]


@dataclass(frozen=True)
class TestToken:
    """A TestERC20 that ``deploy`` creates on local networks and whitelists as collateral.

    ``final_fee`` is in whole tokens (the Store's final fee, paid with every proposal and dispute).
    """

    symbol: str
    name: str
    decimals: int
    final_fee: Decimal


DEFAULT_TEST_TOKENS = (
    TestToken("USDC", "Test USD Coin", 6, Decimal(5)),
    TestToken("UMA", "Test UMA", 18, Decimal(1)),
    TestToken("BOND", "Test BarnBridge", 18, Decimal(1)),
)
"""Collateral deployed locally under the names the example programs use."""


# --- errors ----------------------------------------------------------------------------------------


class LifecycleError(ValueError):
    """A step refused before sending anything; ``param`` is the input at fault (``"AMOUNT"``)."""

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class RecipientProblem:
    """One bad line of a recipients file (1-based line number)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class RecipientsError(ValueError):
    """Every bad line of a recipients file, raised once before anything is sent."""

    def __init__(self, path: str | Path, problems: Sequence[RecipientProblem]):
        self.path = str(path)
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{self.path} has {len(self.problems)} bad line(s):\n{lines}")


# --- environment -----------------------------------------------------------------------------------


@dataclass
class Env:
    """What every step needs: the ape project and chain, the deployments record and a logger.

    ``log`` receives one-line progress messages (the CLI routes them to ape's logger; tests may
    collect them). ``local`` is whether the connected network is a local (development) chain.
    """

    project: Any
    chain: Any
    deployments: Deployments
    local: bool
    log: Callable[[str], None] = field(default=lambda message: None)

    @classmethod
    def connect(
        cls,
        project: Any,
        chain: Any,
        directory: str | Path,
        *,
        network: str,
        local: bool,
        log: Callable[[str], None] | None = None,
    ) -> Env:
        """Load the deployments file of the connected chain (``<directory>/<network>-<id>.json``)."""
        deployments = Deployments.load(directory, network, chain.chain_id)
        return cls(project, chain, deployments, local, log or (lambda message: None))

    # contract handles ------------------------------------------------------------------------

    @property
    def provider(self) -> Any:
        return self.chain.provider

    def erc20(self, address: str) -> Any:
        """Any ERC20 at ``address`` through the standard ABI."""
        from ethpm_types import ContractType

        contract_type = ContractType.model_validate({"contractName": "ERC20", "abi": ERC20_ABI})
        return self.chain.contracts.instance_at(address, contract_type=contract_type)

    def finder(self) -> Any:
        return self.project.Finder.at(self.deployments.require("finder", self.provider))

    def creator(self) -> Any:
        return self.project.LongShortPairCreator.at(
            self.deployments.require("creator", self.provider)
        )

    def from_finder(self, finder_address: str, key: str) -> str:
        """The implementation registered in a Finder under UMA's name for ``key``."""
        finder = self.project.Finder.at(finder_address)
        return str(finder.getImplementationAddress(FINDER_NAMES[key]))

    def pair(self, ref: str) -> PairHandle:
        """The pair at an address or recorded under a name; checks it is a Long Short Pair."""
        try:
            address = self.deployments.resolve_pair(ref)
        except DeploymentError as exc:
            raise LifecycleError(str(exc), "PAIR") from exc
        if not has_code(self.provider, address):
            raise LifecycleError(
                f"no contract at {address}"
                + (" (the chain was reset? launch again)" if not ref.startswith("0x") else ""),
                "PAIR",
            )
        pair = self.project.LongShortPair.at(address)
        try:
            state = PairState(pair.pairState())
            collateral_address = str(pair.collateralToken())
        except Exception as exc:  # noqa: BLE001 - any revert means "not a pair"
            raise LifecycleError(f"{address} is not a Long Short Pair clone", "PAIR") from exc
        collateral = self.erc20(collateral_address)
        finder_address = str(pair.finder())
        oracle = self.project.MockOptimisticOracleV2.at(
            self.from_finder(finder_address, "optimistic_oracle")
        )
        name, record = self.deployments.pair_record(address)
        return PairHandle(
            contract=pair,
            address=str(pair.address),
            name=name,
            record=record,
            state=state,
            collateral=collateral,
            decimals=int(collateral.decimals()),
            symbol=str(collateral.symbol()),
            long_token=self.erc20(str(pair.longToken())),
            short_token=self.erc20(str(pair.shortToken())),
            oracle=oracle,
            finder=finder_address,
        )


@dataclass
class PairHandle:
    """A pair and what the tools keep looking up about it."""

    contract: Any
    address: str
    name: str | None
    record: dict
    state: PairState
    collateral: Any
    decimals: int
    symbol: str
    long_token: Any
    short_token: Any
    oracle: Any
    finder: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.address})" if self.name else self.address

    def human(self, raw: int) -> str:
        """Raw collateral/position-token units as human text."""
        return anc.format_decimal(anc.scale_down(int(raw), self.decimals))

    def request(self, early: bool) -> OracleRequest:
        """The pair's expiry request, or its latest early-expiry request with ``early``."""
        pair = self.contract
        identifier = bytes(pair.priceIdentifier())
        if early:
            timestamp = int(pair.earlyExpirationTimestamp())
            if timestamp == 0:
                raise LifecycleError(
                    "no early-expiry request has been made for this pair (run "
                    "request-early-expiry first)",
                    "--early",
                )
            ancillary = bytes(pair.getEarlyExpirationAncillaryData())
        else:
            timestamp = int(pair.expirationTimestamp())
            ancillary = bytes(pair.customAncillaryData())
        state = OracleState(self.oracle.getState(self.address, identifier, timestamp, ancillary))
        data = self.oracle.getRequest(self.address, identifier, timestamp, ancillary)
        return OracleRequest(
            early=early,
            identifier=identifier,
            timestamp=timestamp,
            ancillary=ancillary,
            state=state,
            proposer=str(data.proposer),
            disputer=str(data.disputer),
            proposed_price=int(data.proposedPrice),
            resolved_price=int(data.resolvedPrice),
            expiration_time=int(data.expirationTime),
            reward=int(data.reward),
            final_fee=int(data.finalFee),
            bond=int(data.requestSettings.bond),
        )


@dataclass(frozen=True)
class OracleRequest:
    """One of a pair's Optimistic Oracle V2 requests (prices in 1e18 units, amounts raw)."""

    early: bool
    identifier: bytes
    timestamp: int
    ancillary: bytes
    state: OracleState
    proposer: str
    disputer: str
    proposed_price: int
    resolved_price: int
    expiration_time: int
    reward: int
    final_fee: int
    bond: int

    @property
    def kind(self) -> str:
        return "early-expiry" if self.early else "expiry"

    @property
    def key(self) -> tuple:
        return (self.identifier, self.timestamp, self.ancillary)


# --- input parsing -----------------------------------------------------------------------------------


def parse_amount(text: str, decimals: int, param: str, *, allow_zero: bool = False) -> int:
    """Human amount → raw units (``decimals``), exactly; :class:`LifecycleError` naming ``param``."""
    try:
        value = Decimal(str(text).strip().replace("_", ""))
    except InvalidOperation:
        raise LifecycleError(f"{text!r} is not a number", param) from None
    if not value.is_finite():
        raise LifecycleError(f"{text!r} is not a finite number", param)
    with localcontext() as ctx:
        ctx.prec = 200  # exact: the default 28 digits would round large amounts silently
        raw = value.scaleb(decimals)
    if raw != raw.to_integral_value():
        raise LifecycleError(
            f"{text} has more than {decimals} decimals (the token has {decimals})", param
        )
    raw = int(raw)
    if raw < 0 or (raw == 0 and not allow_zero):
        raise LifecycleError(f"must be greater than 0, got {text}", param)
    if raw >= 2**256:
        raise LifecycleError(f"{text} does not fit uint256", param)
    return raw


def parse_price(text: str, param: str) -> int:
    """Human metric value → 1e18 contract units, exactly; :class:`LifecycleError` naming ``param``."""
    try:
        return anc.to_contract_units(str(text).strip().replace("_", ""))
    except ValueError as exc:
        raise LifecycleError(str(exc), param) from None


def parse_metric(text: str) -> Decimal | None:
    """A raw metric value for previews; ``unresolved`` (or ``none``) previews the Unresolved value."""
    if str(text).strip().lower() in ("unresolved", "none"):
        return None
    try:
        value = Decimal(str(text).strip().replace("_", ""))
    except InvalidOperation:
        raise LifecycleError(f"{text!r} is not a number (or 'unresolved')", "METRIC") from None
    if not value.is_finite():
        raise LifecycleError(f"{text!r} is not a finite number", "METRIC")
    return value


def _address(text: str, param: str) -> str:
    from eth_utils import is_checksum_address, to_checksum_address

    text = text.strip()
    if not _ADDRESS_RE.fullmatch(text):
        raise LifecycleError(f"{text!r} is not a 0x-prefixed 20-byte address", param)
    body = text[2:]
    if body != body.lower() and body != body.upper() and not is_checksum_address(text):
        raise LifecycleError(f"{text} has a bad EIP-55 checksum", param)
    return to_checksum_address(text)


def _when(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _require_balance(token: Any, owner: Any, amount: int, param: str, what: str, h) -> None:
    balance = int(token.balanceOf(owner))
    if balance < amount:
        raise LifecycleError(
            f"{what} needs {h(amount)} {token.symbol()} but {owner} holds {h(balance)}", param
        )


def _approve(token: Any, owner: Any, spender: Any, amount: int) -> None:
    """Approve exactly ``amount`` unless the allowance already covers it."""
    if amount and int(token.allowance(owner, spender)) < amount:
        token.approve(spender, amount, sender=owner)


# --- deploy ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeployResult:
    deployments: Deployments
    local_stack: bool


def deploy(
    env: Env,
    sender: Any,
    *,
    finder: str | None = None,
    liveness: int = 7200,
    tokens: Iterable[TestToken] = DEFAULT_TEST_TOKENS,
    redeploy: bool = False,
) -> DeployResult:
    """Deploy the creator and every payout library, plus (local only) the oracle stack and test tokens.

    On a local network without ``finder``: the mock UMA stack (Finder, whitelists, Store, OOv2, DVM
    stand-in, owned by ``sender``), one whitelisted TestERC20 per ``tokens`` entry, the creator and
    the libraries. Elsewhere ``finder`` (UMA's Finder) is required and only the creator and the
    libraries are deployed. Records everything in the deployments file and saves it.
    """
    project, deployments = env.project, env.deployments
    existing = deployments.contracts.get("creator")
    if existing and has_code(env.provider, existing) and not redeploy:
        raise LifecycleError(
            f"{deployments.path} already records a creator at {existing} on this chain; pass "
            "--redeploy to deploy again and replace the record",
            "--redeploy",
        )
    if finder is None and not env.local:
        raise LifecycleError(
            "the mock UMA oracle stack is for local networks only; on a live network pass "
            "--finder <UMA's Finder address> to deploy just the creator and payout libraries",
            "--network",
        )
    if finder is not None:
        finder = _address(finder, "--finder")
        if not has_code(env.provider, finder):
            raise LifecycleError(f"no contract at {finder}", "--finder")
        try:
            oracle = env.from_finder(finder, "optimistic_oracle")
        except Exception as exc:  # noqa: BLE001 - any revert: not a Finder with an OOv2
            raise LifecycleError(
                f"{finder} does not answer getImplementationAddress(OptimisticOracleV2)", "--finder"
            ) from exc
    tokens = list(tokens)

    deployments.reset()
    if finder is None:
        env.log("deploying the mock UMA oracle stack (Finder, whitelists, Store, OOv2, DVM)")
        stack = deploy_oracle_stack(project, sender, default_liveness=liveness)
        deployments.contracts.update(
            finder=str(stack.finder.address),
            identifierWhitelist=str(stack.identifier_whitelist.address),
            collateralWhitelist=str(stack.collateral_whitelist.address),
            store=str(stack.store.address),
            optimisticOracle=str(stack.optimistic_oracle.address),
            dvm=str(stack.dvm.address),
        )
        for token in tokens:
            contract = sender.deploy(project.TestERC20, token.name, token.symbol, token.decimals)
            fee = parse_amount(str(token.final_fee), token.decimals, "--token", allow_zero=True)
            add_collateral(stack, contract, fee, sender)
            deployments.tokens[token.symbol] = {
                "address": str(contract.address),
                "decimals": token.decimals,
            }
            env.log(f"test collateral {token.symbol} ({token.decimals} decimals) whitelisted")
        finder_address = str(stack.finder.address)
    else:
        finder_address = finder
        deployments.contracts.update(finder=finder, optimisticOracle=oracle)
    creator = deploy_creator(project, sender, finder_address)
    deployments.contracts["creator"] = str(creator.address)
    env.log(f"LongShortPairCreator at {creator.address}")
    for short_name, cls in LIBRARIES.items():
        library = sender.deploy(getattr(project, cls.contract_name))
        deployments.libraries[short_name] = str(library.address)
    env.log(f"{len(LIBRARIES)} payout libraries deployed")
    deployments.save()
    return DeployResult(deployments, finder is None)


def faucet(env: Env, sender: Any, token: str, amount: str, to: str | None = None) -> int:
    """Mint a local test token (``deploy``'s TestERC20) to ``to`` (default ``sender``); local only."""
    if not env.local:
        raise LifecycleError("the faucet mints local test tokens only", "--network")
    entry = env.deployments.tokens.get(token)
    if entry is None:
        known = ", ".join(sorted(env.deployments.tokens)) or "none (run deploy)"
        raise LifecycleError(f"{token!r} is not a deployed test token (known: {known})", "TOKEN")
    raw = parse_amount(amount, int(entry["decimals"]), "AMOUNT")
    recipient = _address(to, "--to") if to else sender.address
    if not has_code(env.provider, entry["address"]):
        raise LifecycleError(
            f"no contract at {entry['address']} (the chain was reset? deploy again)", "TOKEN"
        )
    env.project.TestERC20.at(entry["address"]).mint(recipient, raw, sender=sender)
    return raw


def advance(env: Env, seconds: int) -> int:
    """Mine one block ``seconds`` later (local networks only); returns the new block's timestamp."""
    if not env.local:
        raise LifecycleError("time only moves on demand on local networks", "--network")
    if seconds <= 0:
        raise LifecycleError(f"must be a positive number of seconds, got {seconds}", "SECONDS")
    env.chain.mine(1, timestamp=env.chain.pending_timestamp + seconds)
    return int(env.chain.blocks.head.timestamp)


# --- launch ------------------------------------------------------------------------------------------


def _chain_checks(env: Env) -> list:
    """Whitelists (through the recorded Finder), payout library deployed, collateral has code."""
    finder = env.deployments.require("finder", env.provider)
    identifiers = env.project.IdentifierWhitelist.at(
        env.from_finder(finder, "identifier_whitelist")
    )
    collateral = env.project.AddressWhitelist.at(env.from_finder(finder, "collateral_whitelist"))

    def library_known(name: str) -> bool:
        return _short_name(name) in env.deployments.libraries

    def collateral_has_code(draft) -> list[Problem]:
        token = draft.collateral_token
        if token is None or not collateral.isOnWhitelist(token):
            return []
        if not has_code(env.provider, token):
            return [Problem("collateral", f"no contract at {token}")]
        return []

    return [
        whitelist_checker(
            identifiers.isIdentifierSupported,
            collateral.isOnWhitelist,
            is_payout_library_known=library_known,
        ),
        collateral_has_code,
    ]


def _short_name(name: str) -> str:
    for short, cls in LIBRARIES.items():
        if name in (short, cls.contract_name):
            return short
    return name


def load_program(
    env: Env,
    path: str | Path,
    *,
    expiration: str | int | None = None,
    chain_checks: bool = True,
    now: int | None = None,
) -> LaunchProgram:
    """Load and fully validate a program file against this chain (ProgramError lists every problem).

    ``expiration`` overrides the file's ``expiration`` (unix seconds or ISO 8601 UTC), for
    rehearsals on a local chain. Collateral names resolve through the deployments file's tokens.
    The collateral's on-chain decimals must agree with the program's.
    """
    data = load_program_file(path)
    if expiration is not None:
        data["expiration"] = expiration
    checks = _chain_checks(env) if chain_checks else []
    program = validate_program(
        data,
        now=env.chain.pending_timestamp if now is None else now,
        deployments=env.deployments.tokens,
        chain_checks=checks,
    )
    if chain_checks:
        actual = int(env.erc20(program.collateral_token).decimals())
        if actual != program.collateral_decimals:
            raise ProgramError(
                [
                    Problem(
                        "collateralDecimals",
                        f"the program uses {program.collateral_decimals} but the token at "
                        f"{program.collateral_token} has {actual}",
                    )
                ]
            )
    return program


_PRICE_FIELDS = (
    "lower_bound",
    "upper_bound",
    "strike_price",
    "low_price_range",
    "high_price_range",
    "thresholds",
    "prices",
    "min_price",
    "max_price",
)


def sample_metrics(payout: PayoutLibrary, fields: dict[str, str]) -> list[Decimal | None]:
    """Raw metric values that show a payout's shape: unresolved, below, at and between its prices.

    Prices (1e18 units) are turned back into raw metric values through the ancillary ``Scaling``.
    """
    prices: set[int] = set()
    for name in _PRICE_FIELDS:
        value = getattr(payout, name, None)
        if isinstance(value, int):
            prices.add(value)
        elif isinstance(value, tuple):
            prices.update(value)
    points = sorted(anc.from_contract_units(p) for p in prices)
    if not points:
        return [None]
    scaling = int(fields["Scaling"]) if _is_int(fields.get("Scaling")) else 0
    with localcontext() as ctx:
        ctx.prec = 200  # exact halves and scalings of 1e18-unit prices
        span = points[-1] - points[0]
        below = points[0] - (span / 2 if span else 1)
        if points[0] >= 0 > below:
            below = Decimal(0) if points[0] > 0 else None
        above = points[-1] + (span / 2 if span else 1)
        human = [] if below is None else [below]
        for low, high in zip(points, points[1:], strict=False):
            human += [low, (low + high) / 2]
        human += [points[-1], above]
        return [None, *(_normal(h.scaleb(-scaling)) for h in human)]


def _is_int(text: str | None) -> bool:
    return text is not None and re.fullmatch(r"[+-]?[0-9]+", text) is not None


def _normal(value: Decimal) -> Decimal:
    return Decimal(anc.format_decimal(value))


@dataclass(frozen=True)
class LaunchResult:
    """A launch (or its dry run, with ``pair`` None) and its payout preview."""

    name: str
    program: LaunchProgram
    table: list[PayoutRow]
    pair: str | None = None


def launch(
    env: Env,
    sender: Any,
    path: str | Path,
    *,
    name: str | None = None,
    expiration: str | int | None = None,
    dry_run: bool = False,
    metrics: Sequence[Decimal | None] | None = None,
) -> LaunchResult:
    """Validate ``path`` in full, then launch it with its payout parameters in the same transaction.

    The pair is recorded under ``name`` (default: the file's stem). ``dry_run`` validates and
    previews only. ``metrics`` are the raw metric values of the preview (default
    :func:`sample_metrics`).
    """
    name = name or Path(path).stem
    if not dry_run and name in env.deployments.pairs:
        recorded = env.deployments.pairs[name]["address"]
        raise LifecycleError(
            f"a pair named {name!r} is already recorded ({recorded}); pass --name to record this "
            "launch under another name",
            "--name",
        )
    program = load_program(env, path, expiration=expiration)
    table = payout_table(
        program,
        metrics
        if metrics is not None
        else sample_metrics(program.payout, program.ancillary.fields),
    )
    if dry_run:
        return LaunchResult(name, program, table)
    creator = env.creator()
    library = env.deployments.libraries[_short_name(program.payout_library)]
    params = CreatorParams(*program.creator_params(library).values())
    start_block = env.chain.blocks.head.number
    pair = launch_pair(creator, params, program.payout_parameters_encoded(), sender)
    env.deployments.pairs[name] = {
        "address": str(pair.address),
        "pairName": program.pair_name,
        "library": _short_name(program.payout_library),
        "collateral": program.collateral_token,
        "block": start_block,
        "program": str(path),
        "launcher": str(sender.address),
    }
    env.deployments.save()
    return LaunchResult(name, program, table, str(pair.address))


# --- mint and distribute ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MintResult:
    pair: str
    tokens: int  # long (= short) tokens minted, raw units
    collateral: int  # collateral locked, raw units


def _collateral_for(tokens: int, collateral_per_pair: int) -> int:
    # Rounds up, as the pair's create does: the sponsor pays at least what is minted.
    return -((-tokens * collateral_per_pair) // WAD)


def mint(env: Env, sender: Any, pair_ref: str, amount: str) -> MintResult:
    """Lock collateral and mint ``amount`` long and short tokens (human units) to ``sender``."""
    p = env.pair(pair_ref)
    tokens = parse_amount(amount, p.decimals, "AMOUNT")
    return _mint_raw(env, sender, p, tokens)


def _mint_raw(env: Env, sender: Any, p: PairHandle, tokens: int) -> MintResult:
    expiration = int(p.contract.expirationTimestamp())
    if env.chain.pending_timestamp >= expiration:
        raise LifecycleError(
            f"the pair expired at {_when(expiration)}; minting works only before expiry", "PAIR"
        )
    needed = _collateral_for(tokens, int(p.contract.collateralPerPair()))
    _require_balance(p.collateral, sender.address, needed, "AMOUNT", "minting", p.human)
    _approve(p.collateral, sender, p.address, needed)
    p.contract.create(tokens, sender=sender)
    return MintResult(p.address, tokens, needed)


@dataclass(frozen=True)
class Recipient:
    line: int
    address: str
    amount: int  # raw token units


def read_recipients(path: str | Path, decimals: int) -> list[Recipient]:
    """Read ``address,amount`` rows (human amounts; optional header; ``#`` comments, blank lines).

    Raises :class:`RecipientsError` listing every bad line: malformed or zero address, bad EIP-55
    checksum, amount not a positive number with at most ``decimals`` decimals, duplicates.
    """
    from eth_utils import is_checksum_address, to_checksum_address

    path = Path(path)
    problems: list[RecipientProblem] = []
    rows: list[Recipient] = []
    seen: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecipientsError(path, [RecipientProblem(0, f"cannot read the file: {exc}")]) from exc
    first = True
    for number, cells in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in cells]
        if not cells or all(c == "" for c in cells) or cells[0].startswith("#"):
            continue
        if first and cells[0].lower() == "address":
            first = False
            continue
        first = False
        if len(cells) != 2:
            problems.append(
                RecipientProblem(number, f"expected 2 columns (address,amount), got {len(cells)}")
            )
            continue
        address, amount = cells
        if not _ADDRESS_RE.fullmatch(address):
            problems.append(RecipientProblem(number, f"{address!r} is not a 0x 20-byte address"))
            address = None
        elif (
            address[2:] != address[2:].lower()
            and address[2:] != address[2:].upper()
            and not is_checksum_address(address)
        ):
            problems.append(RecipientProblem(number, f"{address} has a bad EIP-55 checksum"))
            address = None
        elif int(address, 16) == 0:
            problems.append(RecipientProblem(number, "the zero address cannot receive tokens"))
            address = None
        else:
            address = to_checksum_address(address)
            if address in seen:
                problems.append(
                    RecipientProblem(number, f"{address} already appears on line {seen[address]}")
                )
            else:
                seen[address] = number
        try:
            raw = parse_amount(amount, decimals, "amount")
        except LifecycleError as exc:
            problems.append(RecipientProblem(number, f"amount {amount!r}: {exc}"))
            raw = None
        if address is not None and raw is not None:
            rows.append(Recipient(number, address, raw))
    if not problems and not rows:
        problems.append(RecipientProblem(0, "no recipients in the file"))
    if problems:
        raise RecipientsError(path, problems)
    return rows


@dataclass(frozen=True)
class DistributeResult:
    pair: str
    side: str
    recipients: int
    total: int  # raw token units
    batches: int


def distribute(
    env: Env,
    sender: Any,
    pair_ref: str,
    path: str | Path,
    *,
    side: str = "long",
    batch_size: int = 25,
    progress: Callable[[int, int], None] | None = None,
) -> DistributeResult:
    """Send ``side`` tokens to every row of a recipients CSV, in batches of ``batch_size`` transfers.

    The whole file is read and checked first (:class:`RecipientsError` lists every bad line), then
    the sender's balance must cover the total; only then is anything sent. ``progress(done, total)``
    is called after each batch.
    """
    if side not in ("long", "short"):
        raise LifecycleError(f"must be long or short, got {side!r}", "--side")
    if batch_size < 1:
        raise LifecycleError(f"must be at least 1, got {batch_size}", "--batch-size")
    p = env.pair(pair_ref)
    rows = read_recipients(path, p.decimals)
    token = p.long_token if side == "long" else p.short_token
    total = sum(r.amount for r in rows)
    balance = int(token.balanceOf(sender.address))
    if balance < total:
        raise LifecycleError(
            f"the file sends {p.human(total)} {side} tokens in total but {sender.address} holds "
            f"{p.human(balance)}",
            "RECIPIENTS.csv",
        )
    batches = [rows[i : i + batch_size] for i in range(0, len(rows), batch_size)]
    done = 0
    for batch in batches:
        for row in batch:
            token.transfer(row.address, row.amount, sender=sender)
        done += len(batch)
        if progress is not None:
            progress(done, len(rows))
    return DistributeResult(p.address, side, len(rows), total, len(batches))


# --- oracle requests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestResult:
    pair: str
    early: bool
    timestamp: int
    reward: int


def expire(env: Env, sender: Any, pair_ref: str) -> RequestResult:
    """Ask the oracle for the expiry price (``expire()``); ``sender`` pays the proposer reward."""
    p = env.pair(pair_ref)
    expiration = int(p.contract.expirationTimestamp())
    if p.state == PairState.EarlyExpired:
        raise LifecycleError(
            "an early expiry was accepted: settle the pair instead of expiring it", "PAIR"
        )
    if env.chain.pending_timestamp < expiration:
        left = expiration - env.chain.pending_timestamp
        raise LifecycleError(
            f"the pair expires at {_when(expiration)}, in {left} s; expire works from then", "PAIR"
        )
    request = p.request(early=False)
    if request.state != OracleState.Invalid:
        raise LifecycleError(
            f"expire was already called (expiry request is {request.state.name})", "PAIR"
        )
    if p.state == PairState.EarlyExpiryPending:
        raise LifecycleError(
            "an early-expiry request is still unanswered; it must be answered (or rejected) first",
            "PAIR",
        )
    reward = int(p.contract.proposerReward())
    _require_balance(
        p.collateral, sender.address, reward, "--account", "the proposer reward", p.human
    )
    _approve(p.collateral, sender, p.address, reward)
    p.contract.expire(sender=sender)
    return RequestResult(p.address, False, expiration, reward)


def request_early_expiry(
    env: Env, sender: Any, pair_ref: str, timestamp: int | None = None
) -> RequestResult:
    """Ask the oracle whether the pair may expire early at ``timestamp`` (default: the latest block).

    ``sender`` pays the proposer reward.
    """
    p = env.pair(pair_ref)
    pair = p.contract
    if not pair.enableEarlyExpiration():
        raise LifecycleError("the pair was launched with early expiration off", "PAIR")
    expiration = int(pair.expirationTimestamp())
    if env.chain.pending_timestamp >= expiration:
        raise LifecycleError(
            f"the pair expired at {_when(expiration)}: call expire instead", "PAIR"
        )
    if p.state == PairState.EarlyExpired:
        raise LifecycleError("an early expiry was already accepted: settle the pair", "PAIR")
    if p.state == PairState.EarlyExpiryPending:
        pending = p.request(early=True)
        raise LifecycleError(
            f"the early request at {_when(pending.timestamp)} is still {pending.state.name}; "
            "it must be answered first",
            "PAIR",
        )
    if timestamp is None:
        timestamp = int(env.chain.blocks.head.timestamp)
    elif timestamp <= 0:
        raise LifecycleError("must be a unix time greater than 0", "--timestamp")
    elif timestamp > env.chain.pending_timestamp:
        raise LifecycleError(
            f"{timestamp} is in the future (the next block is at {env.chain.pending_timestamp})",
            "--timestamp",
        )
    early_data = bytes(pair.getEarlyExpirationAncillaryData())
    identifier = bytes(pair.priceIdentifier())
    if p.oracle.getState(p.address, identifier, timestamp, early_data) != OracleState.Invalid:
        raise LifecycleError(
            f"an early request at {timestamp} was already made; a rejected timestamp cannot be "
            "asked again: use a later one",
            "--timestamp",
        )
    reward = int(pair.proposerReward())
    _require_balance(
        p.collateral, sender.address, reward, "--account", "the proposer reward", p.human
    )
    _approve(p.collateral, sender, p.address, reward)
    pair.requestEarlyExpiration(timestamp, sender=sender)
    return RequestResult(p.address, True, timestamp, reward)


@dataclass(frozen=True)
class ProposeResult:
    pair: str
    early: bool
    price: int  # 1e18 units (IGNORE_PRICE for --ignore)
    liveness_ends: int  # unix seconds
    bond: int  # bond + final fee posted, raw collateral units


def _price_argument(price: str | None, ignore: bool, early: bool) -> int:
    if ignore and price is not None:
        raise LifecycleError("give either PRICE or --ignore, not both", "PRICE")
    if ignore:
        if not early:
            raise LifecycleError(
                "the ignore price only answers early-expiry requests; add --early", "--ignore"
            )
        return IGNORE_PRICE
    if price is None:
        raise LifecycleError("missing: give a price (human units) or --ignore", "PRICE")
    return parse_price(price, "PRICE")


def propose(
    env: Env,
    sender: Any,
    pair_ref: str,
    price: str | None = None,
    *,
    ignore: bool = False,
    early: bool = False,
) -> ProposeResult:
    """Propose a price (human value → 1e18) for the pair's expiry or early request; posts the bond."""
    value = _price_argument(price, ignore, early)
    p = env.pair(pair_ref)
    request = p.request(early)
    if request.state == OracleState.Invalid:
        hint = "request-early-expiry" if early else "expire"
        raise LifecycleError(f"no {request.kind} request yet: run {hint} first", "PAIR")
    if request.state != OracleState.Requested:
        raise LifecycleError(
            f"the {request.kind} request already has a proposal (state {request.state.name})",
            "PAIR",
        )
    posted = request.bond + request.final_fee
    _require_balance(
        p.collateral, sender.address, posted, "--account", "the proposal bond + final fee", p.human
    )
    _approve(p.collateral, sender, p.oracle.address, posted)
    p.oracle.proposePrice(p.address, *request.key, value, sender=sender)
    after = p.request(early)
    return ProposeResult(p.address, early, value, after.expiration_time, posted)


@dataclass(frozen=True)
class DisputeResult:
    pair: str
    early: bool
    proposed_price: int
    bond: int


def dispute(env: Env, sender: Any, pair_ref: str, *, early: bool = False) -> DisputeResult:
    """Dispute the pending proposal (within liveness); posts the bond; the DVM then decides."""
    p = env.pair(pair_ref)
    request = p.request(early)
    if request.state != OracleState.Proposed:
        raise LifecycleError(
            f"the {request.kind} request has no proposal in liveness to dispute (state "
            f"{request.state.name})",
            "PAIR",
        )
    if env.chain.pending_timestamp >= request.expiration_time:
        raise LifecycleError(
            f"liveness ended at {_when(request.expiration_time)}: the proposal stands", "PAIR"
        )
    posted = request.bond + request.final_fee
    _require_balance(
        p.collateral, sender.address, posted, "--account", "the dispute bond + final fee", p.human
    )
    _approve(p.collateral, sender, p.oracle.address, posted)
    p.oracle.disputePrice(p.address, *request.key, sender=sender)
    return DisputeResult(p.address, early, request.proposed_price, posted)


@dataclass(frozen=True)
class ResolveResult:
    pair: str
    early: bool
    price: int


def resolve(
    env: Env,
    sender: Any,
    pair_ref: str,
    price: str | None = None,
    *,
    ignore: bool = False,
    early: bool = False,
) -> ResolveResult:
    """Resolve a disputed request through the local DVM stand-in (its owner pushes the price)."""
    if not env.local:
        raise LifecycleError(
            "resolve pushes a price into the local DVM stand-in; on a live network UMA's DVM vote "
            "resolves disputes",
            "--network",
        )
    value = _price_argument(price, ignore, early)
    p = env.pair(pair_ref)
    request = p.request(early)
    if request.state != OracleState.Disputed:
        raise LifecycleError(
            f"the {request.kind} request is not waiting for the DVM (state {request.state.name})",
            "PAIR",
        )
    dvm = env.project.MockOracleAncillary.at(env.from_finder(p.finder, "dvm"))
    owner = str(dvm.owner())
    if owner.lower() != str(sender.address).lower():
        raise LifecycleError(
            f"only the DVM stand-in's owner ({owner}) can push prices", "--account"
        )
    stamped = bytes(p.oracle.stampAncillaryData(request.ancillary, p.address))
    query = next(
        (
            q
            for q in dvm.getPendingQueries()
            if bytes(q.identifier) == request.identifier and bytes(q.ancillaryData) == stamped
        ),
        None,
    )
    if query is None:
        raise LifecycleError("the DVM stand-in has no pending query for this request", "PAIR")
    dvm.pushPrice(request.identifier, int(query.time), stamped, value, sender=sender)
    return ResolveResult(p.address, early, value)


# --- settle ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettleResult:
    pair: str
    long_tokens: int
    short_tokens: int
    collateral: int  # raw collateral units paid to the sender
    percent_long: int  # 1e18 units
    oracle_settled: tuple[str, ...] = ()  # "expiry"/"early-expiry" requests settled (oracle-only)


def settle(env: Env, sender: Any, pair_ref: str, *, oracle_only: bool = False) -> SettleResult:
    """Settle all of ``sender``'s long and short tokens, or with ``oracle_only`` only the pair's
    oracle requests that have an answer (which pays the proposer's bond and reward back)."""
    p = env.pair(pair_ref)
    if oracle_only:
        requests = [p.request(False)]
        if int(p.contract.earlyExpirationTimestamp()):
            requests.append(p.request(True))
        ready = [r for r in requests if r.state in (OracleState.Expired, OracleState.Resolved)]
        if not ready:
            states = ", ".join(f"{r.kind} {r.state.name}" for r in requests)
            raise LifecycleError(f"no oracle request is ready to settle ({states})", "PAIR")
        for request in ready:
            p.oracle.settle(p.address, *request.key, sender=sender)
        return SettleResult(p.address, 0, 0, 0, 0, tuple(r.kind for r in ready))
    if p.state not in (PairState.EarlyExpired, PairState.ExpiryPriceAvailable, PairState.Settled):
        raise LifecycleError(
            f"the pair has no settlement price yet (state {p.state.name}); see `status`", "PAIR"
        )
    long_tokens = int(p.long_token.balanceOf(sender.address))
    short_tokens = int(p.short_token.balanceOf(sender.address))
    if long_tokens == 0 and short_tokens == 0:
        raise LifecycleError(
            f"{sender.address} holds no long or short tokens of this pair", "--account"
        )
    before = int(p.collateral.balanceOf(sender.address))
    p.contract.settle(long_tokens, short_tokens, sender=sender)
    paid = int(p.collateral.balanceOf(sender.address)) - before
    return SettleResult(
        p.address, long_tokens, short_tokens, paid, int(p.contract.expiryPercentLong())
    )


# --- status and preview ------------------------------------------------------------------------------


def payout_twin(env: Env, p: PairHandle) -> PayoutLibrary | None:
    """The pair's payout parameters as a Python twin, from the library's ``ParametersSet`` event.

    None when the library is not one recorded in the deployments file.
    """
    from eth_abi import decode

    library_address = str(p.contract.financialProductLibrary())
    short = env.deployments.library_name(library_address)
    if short is None:
        return None
    cls = LIBRARIES[short]
    library = getattr(env.project, cls.contract_name).at(library_address)
    start = int(p.record.get("block", 0))
    logs = list(
        library.ParametersSet.range(
            start, env.chain.blocks.head.number + 1, search_topics={"longShortPair": p.address}
        )
    )
    if not logs:
        return None
    values = decode(list(cls.abi_types), bytes(logs[-1].parameters))
    return cls.from_config(
        dict(
            zip(
                cls.field_names(),
                [list(v) if isinstance(v, tuple) else v for v in values],
                strict=True,
            )
        )
    )


@dataclass(frozen=True)
class Worth:
    """What one whole long and one whole short token pay, and on what basis."""

    basis: str
    price: int | None = None  # 1e18 units
    percent_long: int | None = None  # 1e18 units
    long_per_token: int | None = None  # raw collateral units per whole token
    short_per_token: int | None = None


@dataclass(frozen=True)
class HolderBalance:
    address: str
    long: int
    short: int
    collateral: int
    worth: int | None  # raw collateral units the tokens pay now (None when no price)


@dataclass(frozen=True)
class PairStatus:
    pair: PairHandle
    expiration: int
    now: int
    early_enabled: bool
    library: str
    collateral_per_pair: int
    locked: int
    long_supply: int
    short_supply: int
    requests: tuple[OracleRequest, ...]
    worth: Worth
    holders: tuple[HolderBalance, ...]


def _settle_split(tokens: int, collateral_per_pair: int, share: int) -> tuple[int, int]:
    # The pair's settle rounding: floor(tokens * cpp), then floor(x share) on each side.
    backing = tokens * collateral_per_pair // WAD
    return backing * share // WAD, backing * (WAD - share) // WAD


def _resolved_price(env: Env, p: PairHandle, request: OracleRequest) -> int | None:
    """The answer of a request that has one: proposed (Expired), resolved (Settled), or the DVM's
    answer (Resolved, read by simulating the pair's own settleAndGetPrice call)."""
    if request.state == OracleState.Expired:
        return request.proposed_price
    if request.state == OracleState.Settled:
        return request.resolved_price
    if request.state == OracleState.Resolved:
        try:
            return int(p.oracle.settleAndGetPrice.call(*request.key, sender=p.address))
        except Exception:  # noqa: BLE001 - simulation unsupported: report no price
            return None
    return None


def pair_status(env: Env, pair_ref: str, holders: Sequence[str] = ()) -> PairStatus:
    """Pair state, both oracle requests, what each token is worth now, and holders' balances."""
    p = env.pair(pair_ref)
    pair = p.contract
    cpp = int(pair.collateralPerPair())
    requests = [p.request(False)]
    if int(pair.earlyExpirationTimestamp()):
        requests.append(p.request(True))
    twin = payout_twin(env, p)

    def share_at(price: int) -> int | None:
        if twin is not None:
            return min(twin.percentage_long(price), WAD)
        return None

    worth = Worth(basis="no price yet: a long + short pair redeems for collateralPerPair")
    if pair.receivedSettlementPrice():
        pct = int(pair.expiryPercentLong())
        worth = Worth("settled", int(pair.expiryPrice()), pct)
    else:
        answered = None
        if p.state == PairState.EarlyExpired:
            answered = requests[-1]
        elif p.state == PairState.ExpiryPriceAvailable:
            answered = requests[0]
        if answered is not None:
            price = _resolved_price(env, p, answered)
            if price is not None:
                worth = Worth(
                    f"{answered.kind} price available (fixed by the first settle)",
                    price,
                    share_at(price),
                )
        else:
            pending = next((r for r in reversed(requests) if r.state == OracleState.Proposed), None)
            if pending is not None and pending.proposed_price != IGNORE_PRICE:
                worth = Worth(
                    f"if the {pending.kind} proposal stands (liveness ends "
                    f"{_when(pending.expiration_time)})",
                    pending.proposed_price,
                    share_at(pending.proposed_price),
                )
    unit = 10**p.decimals
    if worth.percent_long is not None:
        long_each, short_each = _settle_split(unit, cpp, worth.percent_long)
        worth = Worth(worth.basis, worth.price, worth.percent_long, long_each, short_each)
    balances = []
    for holder in holders:
        address = _address(holder, "--holder")
        long_balance = int(p.long_token.balanceOf(address))
        short_balance = int(p.short_token.balanceOf(address))
        value = None
        if worth.percent_long is not None:
            value = (
                _settle_split(long_balance, cpp, worth.percent_long)[0]
                + _settle_split(short_balance, cpp, worth.percent_long)[1]
            )
        balances.append(
            HolderBalance(
                address,
                long_balance,
                short_balance,
                int(p.collateral.balanceOf(address)),
                value,
            )
        )
    library = env.deployments.library_name(str(pair.financialProductLibrary())) or str(
        pair.financialProductLibrary()
    )
    return PairStatus(
        pair=p,
        expiration=int(pair.expirationTimestamp()),
        now=int(env.chain.blocks.head.timestamp),
        early_enabled=bool(pair.enableEarlyExpiration()),
        library=library,
        collateral_per_pair=cpp,
        locked=int(p.collateral.balanceOf(p.address)),
        long_supply=int(p.long_token.totalSupply()),
        short_supply=int(p.short_token.totalSupply()),
        requests=tuple(requests),
        worth=worth,
        holders=tuple(balances),
    )


def _price_text(price: int | None) -> str:
    if price is None:
        return "-"
    if price == IGNORE_PRICE:
        return "ignore (type(int256).min)"
    return anc.format_decimal(anc.from_contract_units(price))


def format_status(status: PairStatus) -> str:
    """Plain-text rendering of :func:`pair_status` for the CLI."""
    p = status.pair
    pct = (
        "-"
        if status.worth.percent_long is None
        else anc.format_decimal(anc.scale_down(status.worth.percent_long, 16)) + " %"
    )
    lines = [
        f"pair          {p.label}",
        f"name          {p.contract.pairName()}",
        f"state         {p.state.name}",
        f"expiration    {_when(status.expiration)}"
        + (" (passed)" if status.now >= status.expiration else ""),
        f"early expiry  {'enabled' if status.early_enabled else 'disabled'}",
        f"payout        {status.library}",
        f"collateral    {p.symbol} ({p.collateral.address}), "
        f"{anc.format_decimal(anc.from_contract_units(status.collateral_per_pair))} per pair",
        f"locked        {p.human(status.locked)} {p.symbol}",
        f"supply        {p.human(status.long_supply)} long, {p.human(status.short_supply)} short",
    ]
    for r in status.requests:
        label = "oracle early" if r.early else "oracle expiry"
        line = f"{label:<14}{r.state.name} at {_when(r.timestamp)}"
        if r.state not in (OracleState.Invalid, OracleState.Requested):
            line += f"; proposed {_price_text(r.proposed_price)} by {r.proposer}"
        if r.state == OracleState.Proposed:
            line += f"; liveness ends {_when(r.expiration_time)}"
        if r.state in (OracleState.Disputed, OracleState.Resolved):
            line += f"; disputed by {r.disputer}"
        if r.state == OracleState.Settled:
            line += f"; resolved {_price_text(r.resolved_price)}"
        lines.append(line)
    w = status.worth
    lines.append(f"worth now     {w.basis}")
    if w.price is not None:
        lines.append(f"  price       {_price_text(w.price)} -> long share {pct}")
    if w.long_per_token is not None:
        lines.append(
            f"  per token   long {p.human(w.long_per_token)} {p.symbol}, "
            f"short {p.human(w.short_per_token)} {p.symbol}"
        )
    for h in status.holders:
        worth = "" if h.worth is None else f", worth {p.human(h.worth)} {p.symbol} now"
        lines.append(
            f"holder {h.address}: {p.human(h.long)} long, {p.human(h.short)} short, "
            f"{p.human(h.collateral)} {p.symbol}{worth}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class _PairProgram:
    """The pieces of a launched pair that :func:`payout_table` reads (duck-typed LaunchProgram)."""

    ancillary: anc.AncillaryData
    collateral_decimals: int
    collateral_per_pair: int
    payout: PayoutLibrary
    mint_tokens: int


def preview(
    env: Env,
    metrics: Sequence[str],
    *,
    program_path: str | Path | None = None,
    pair_ref: str | None = None,
) -> list[PayoutRow]:
    """Payout rows for raw metric values, from a program file or from a launched pair's parameters.

    For a pair the totals are for its outstanding long supply.
    """
    if (program_path is None) == (pair_ref is None):
        raise LifecycleError("give either PROGRAM_FILE or --pair", "PROGRAM_FILE")
    values = [parse_metric(m) for m in metrics]
    if not values:
        raise LifecycleError("give at least one metric value", "METRIC")
    if program_path is not None:
        program = load_program(env, program_path, chain_checks=False, now=0)
        return payout_table(program, values)
    p = env.pair(pair_ref)
    twin = payout_twin(env, p)
    if twin is None:
        raise LifecycleError(
            f"the pair's payout library {p.contract.financialProductLibrary()} is not one recorded "
            "in the deployments file, so its parameters cannot be read",
            "--pair",
        )
    program = _PairProgram(
        ancillary=anc.AncillaryData.decode(bytes(p.contract.customAncillaryData()), strict=False),
        collateral_decimals=p.decimals,
        collateral_per_pair=int(p.contract.collateralPerPair()),
        payout=twin,
        mint_tokens=int(p.long_token.totalSupply()),
    )
    return payout_table(program, values)


# --- rollover ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RolloverResult:
    settled: SettleResult
    launched: LaunchResult
    minted: MintResult | None


def rollover(
    env: Env,
    sender: Any,
    pair_ref: str,
    new_program: str | Path,
    *,
    name: str | None = None,
    expiration: str | int | None = None,
) -> RolloverResult:
    """Settle ``sender``'s position in a finished pair, launch ``new_program`` and mint with the
    collateral that came back. Everything is checked before the first transaction.
    """
    p = env.pair(pair_ref)
    if p.state not in (PairState.EarlyExpired, PairState.ExpiryPriceAvailable, PairState.Settled):
        raise LifecycleError(
            f"the pair has no settlement price yet (state {p.state.name}); roll over after it "
            "settles",
            "PAIR",
        )
    name = name or Path(new_program).stem
    if name in env.deployments.pairs:
        raise LifecycleError(f"a pair named {name!r} is already recorded; pass --name", "--name")
    program = load_program(env, new_program, expiration=expiration)
    if program.collateral_token.lower() != str(p.collateral.address).lower():
        raise LifecycleError(
            f"the new program's collateral {program.collateral_token} differs from the pair's "
            f"{p.collateral.address}; a rollover re-uses the same collateral",
            "NEW_PROGRAM_FILE",
        )
    if not int(p.long_token.balanceOf(sender.address)) and not int(
        p.short_token.balanceOf(sender.address)
    ):
        raise LifecycleError(
            f"{sender.address} holds no long or short tokens of this pair", "--account"
        )
    settled = settle(env, sender, pair_ref)
    env.log(f"settled: {p.human(settled.collateral)} {p.symbol} returned")
    launched = launch(env, sender, new_program, name=name, expiration=expiration)
    env.log(f"launched {launched.name} at {launched.pair}")
    tokens = settled.collateral * WAD // program.collateral_per_pair
    minted = None
    if tokens:
        handle = env.pair(launched.pair)
        minted = _mint_raw(env, sender, handle, tokens)
    return RolloverResult(settled, launched, minted)

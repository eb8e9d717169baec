"""Read a pair: state, oracle requests, what each token is worth now, holders; payout previews."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kpi_options.ancillary import general_kpi as anc
from kpi_options.chain.early import EarlyRequestLog, EarlyRequests
from kpi_options.chain.env import Env
from kpi_options.chain.handles import OracleRequest, PairHandle
from kpi_options.chain.oracle import OracleState
from kpi_options.chain.pair import IGNORE_PRICE, PairState
from kpi_options.errors import LifecycleError
from kpi_options.lifecycle.launch import load_program
from kpi_options.payouts.base import PayoutLibrary
from kpi_options.payouts.math import WAD
from kpi_options.payouts.multi import MultiMetric
from kpi_options.payouts.registry import LIBRARIES
from kpi_options.program.metrics import parse_value_row
from kpi_options.program.preview import MultiPayoutRow, PayoutRow, multi_payout_table, payout_table
from kpi_options.settlement import settle_split
from kpi_options.units import check_address, format_time, parse_metric


def _uma_payout_twin(p: PairHandle, library_address: str) -> PayoutLibrary | None:
    """The twin of a pair launched through UMA's creator: UMA's library logs nothing when its
    parameters are set, so they are read from its ``longShortPairParameters`` getter."""
    from kpi_options.uma.artifacts import contract_container
    from kpi_options.uma.lsp import UMA_LIBRARIES, uma_payout_values

    short = p.record.get("library")
    if short not in UMA_LIBRARIES:
        return None
    library = contract_container(UMA_LIBRARIES[short]).at(library_address)
    values = uma_payout_values(library, p.address)
    if values is None:
        return None
    cls = LIBRARIES[short]
    return cls.from_config(dict(zip(cls.field_names(), values, strict=True)))


def payout_twin(env: Env, p: PairHandle) -> PayoutLibrary | None:
    """The pair's payout parameters as a Python twin, from the library's ``ParametersSet`` event.

    None when the library is not one recorded in the deployments file.
    """
    from eth_abi import decode

    library_address = str(p.contract.financialProductLibrary())
    if p.record.get("creator") == "uma":
        return _uma_payout_twin(p, library_address)
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
    requests: tuple[OracleRequest, ...]  # the expiry request, then every early request in order
    worth: Worth
    holders: tuple[HolderBalance, ...]
    early: EarlyRequests | None = None  # the latest and the accepted early request, if enabled


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
    """Pair state, its expiry request and every early request (from the pair's events), what each
    token is worth now, and holders' balances."""
    p = env.pair(pair_ref)
    pair = p.contract
    cpp = int(pair.collateralPerPair())
    requests = [p.request(False)]
    early = None
    if bool(pair.enableEarlyExpiration()):
        early = EarlyRequestLog(p).read(int(env.chain.blocks.head.number), p.state)
        requests.extend(early.requests)
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
        if p.state == PairState.EarlyExpired:  # the accepted request, else the latest
            counting = int(pair.earlyExpirationTimestamp())
            answered = next((r for r in requests if r.early and r.timestamp == counting), None)
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
            pending = next(
                (
                    r
                    for r in reversed(requests)
                    if r.state == OracleState.Proposed and r.proposed_price != IGNORE_PRICE
                ),
                None,
            )
            if pending is not None:
                worth = Worth(
                    f"if the {pending.kind} proposal stands (liveness ends "
                    f"{format_time(pending.expiration_time)})",
                    pending.proposed_price,
                    share_at(pending.proposed_price),
                )
    unit = 10**p.decimals
    if worth.percent_long is not None:
        long_each, short_each = settle_split(unit, cpp, worth.percent_long)
        worth = Worth(worth.basis, worth.price, worth.percent_long, long_each, short_each)
    balances = []
    for holder in holders:
        address = check_address(holder, "--holder")
        long_balance = int(p.long_token.balanceOf(address))
        short_balance = int(p.short_token.balanceOf(address))
        value = None
        if worth.percent_long is not None:
            value = (
                settle_split(long_balance, cpp, worth.percent_long)[0]
                + settle_split(short_balance, cpp, worth.percent_long)[1]
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
        early=early,
    )


@dataclass(frozen=True)
class _PairProgram:
    """The pieces of a launched pair that :func:`payout_table` reads (duck-typed LaunchProgram)."""

    ancillary: anc.AncillaryData | None
    collateral_decimals: int
    collateral_per_pair: int
    payout: PayoutLibrary
    mint_tokens: int
    metrics: None = None  # a launched pair's integer rules are text: preview its packed values


def _multi_rows(program, rows, packed: bool) -> list[MultiPayoutRow]:
    """:func:`multi_payout_table`, with a value that cannot be packed reported on METRIC."""
    try:
        return multi_payout_table(program, rows, packed=packed)
    except (ArithmeticError, ValueError) as exc:
        raise LifecycleError(str(exc), "METRIC") from None


def preview(
    env: Env,
    metrics: Sequence[str],
    *,
    program_path: str | Path | None = None,
    pair_ref: str | None = None,
) -> list[PayoutRow] | list[MultiPayoutRow]:
    """Payout rows for raw metric values, from a program file or from a launched pair's parameters.

    For a pair the totals are for its outstanding long supply. For a MULTIPLE_VALUES program each
    METRIC is one comma-separated value per metric (raw readings, scaled and rounded by each
    metric's rule; for a pair, the packed integers themselves), or ``unresolved``.
    """
    if (program_path is None) == (pair_ref is None):
        raise LifecycleError("give either PROGRAM_FILE or --pair", "PROGRAM_FILE")
    if not metrics:
        raise LifecycleError("give at least one metric value", "METRIC")
    if program_path is not None:
        program = load_program(env, program_path, chain_checks=False, now=0)
        if program.metrics is not None:
            count = len(program.metrics.metrics)
            return _multi_rows(program, [parse_value_row(m, count) for m in metrics], False)
        return payout_table(program, [parse_metric(m) for m in metrics])
    p = env.pair(pair_ref)
    twin = payout_twin(env, p)
    if twin is None:
        raise LifecycleError(
            f"the pair's payout library {p.contract.financialProductLibrary()} is not one recorded "
            "in the deployments file, so its parameters cannot be read",
            "--pair",
        )
    if isinstance(twin, MultiMetric):
        rows = [parse_value_row(m, len(twin.metrics)) for m in metrics]
        program = _PairProgram(
            None,
            p.decimals,
            int(p.contract.collateralPerPair()),
            twin,
            int(p.long_token.totalSupply()),
        )
        return _multi_rows(program, rows, True)
    values = [parse_metric(m) for m in metrics]
    program = _PairProgram(
        ancillary=anc.AncillaryData.decode(bytes(p.contract.customAncillaryData()), strict=False),
        collateral_decimals=p.decimals,
        collateral_per_pair=int(p.contract.collateralPerPair()),
        payout=twin,
        mint_tokens=int(p.long_token.totalSupply()),
    )
    return payout_table(program, values)

"""Launch a program file: full validation against the chain, payout preview, one transaction."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

from kpi_options.chain.deployments import has_code
from kpi_options.chain.env import Env
from kpi_options.chain.pair import guard_predicted_pair, launch_pair
from kpi_options.chain.tx import is_recording
from kpi_options.errors import LifecycleError, Problem, ProgramError
from kpi_options.lifecycle.uma_creator import CREATORS, check_uma_library, uma_creator
from kpi_options.payouts.base import PayoutLibrary
from kpi_options.payouts.registry import library_class
from kpi_options.program.load import load_program_file
from kpi_options.program.metrics import parse_value_row
from kpi_options.program.preview import MultiPayoutRow, PayoutRow, multi_payout_table, payout_table
from kpi_options.program.validate import LaunchProgram, validate_program, whitelist_checker
from kpi_options.uma.lsp import TWO_STEP_WARNING, launch_uma_pair
from kpi_options.units import format_decimal, from_contract_units


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
    """The short name (``Linear``) the deployments file records a payout library under."""
    cls = library_class(name)
    return name if cls is None else cls.short_name


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
    points = sorted(from_contract_units(p) for p in prices)
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
    return Decimal(format_decimal(value))


@dataclass(frozen=True)
class LaunchResult:
    """A launch (or its dry run, with ``pair`` None) and its payout preview."""

    name: str
    program: LaunchProgram
    table: list[PayoutRow] | list[MultiPayoutRow]
    pair: str | None = None
    # Recorded into a Safe batch: where the pair will be once the Safe executes the batch (the
    # batch checks first that no other launch took that address, and reverts if one did); nothing
    # is recorded in the deployments file.
    expected_pair: str | None = None


def launch(
    env: Env,
    sender: Any,
    path: str | Path,
    *,
    name: str | None = None,
    expiration: str | int | None = None,
    dry_run: bool = False,
    metrics: Sequence[Decimal | None] | None = None,
    program: LaunchProgram | None = None,
    creator: str = "ours",
) -> LaunchResult:
    """Validate ``path`` in full, then launch it with its payout parameters in the same transaction.

    The pair is recorded under ``name`` (default: the file's stem). ``dry_run`` validates and
    previews only. ``metrics`` are the raw metric values of the preview (default
    :func:`sample_metrics`); for a MULTIPLE_VALUES program each is one comma-separated value per
    metric (default: every metric at its lower bound, halfway, at its upper bound). ``program`` is
    ``path`` already validated (the ``program`` of a dry run's result, e.g. shown before a
    confirmation): it is launched without validating it again.
    ``creator="uma"`` launches through UMA's own ``LongShortPairCreator`` and payout library
    instead (:mod:`kpi_options.lifecycle.uma_creator`): two transactions, the pair first, then its
    payout parameters; see :data:`TWO_STEP_WARNING`.
    """
    if creator not in CREATORS:
        raise LifecycleError(f"must be one of {', '.join(CREATORS)}, got {creator!r}", "--creator")
    name = name or Path(path).stem
    if not dry_run and name in env.deployments.pairs:
        recorded = env.deployments.pairs[name]["address"]
        raise LifecycleError(
            f"a pair named {name!r} is already recorded ({recorded}); pass --name to record this "
            "launch under another name",
            "--name",
        )
    if program is None:
        program = load_program(env, path, expiration=expiration)
    if program.metrics is not None:  # MULTIPLE_VALUES: one value per metric in each row
        count = len(program.metrics.metrics)
        rows = (
            [parse_value_row(str(m), count) for m in metrics]
            if metrics is not None
            else program.metrics.sample_rows()
        )
        table = multi_payout_table(program, rows)
    else:
        table = payout_table(
            program,
            metrics
            if metrics is not None
            else sample_metrics(program.payout, program.ancillary.fields),
        )
    short = _short_name(program.payout_library)
    if creator == "uma":
        check_uma_library(short)
    if dry_run:
        return LaunchResult(name, program, table)
    start_block = env.chain.blocks.head.number
    if creator == "uma":
        uma = uma_creator(env, sender, short)
        for line in uma.lines:
            env.log(line)
        if not is_recording(sender):  # recorded, the two steps are one MultiSend (atomic)
            env.log(f"WARNING: {TWO_STEP_WARNING}")
        params = program.creator_params(str(uma.library.address))
        expected = guard_predicted_pair(env.creator(), uma.creator, sender)
        pair = launch_uma_pair(
            uma.creator,
            params,
            uma.library,
            library_class(short).abi_types,
            program.payout_parameters_encoded(),
            sender,
            predicted=expected,
        ).pair
    else:
        ours = env.creator()
        library = env.deployments.libraries[short]
        params = program.creator_params(library)
        expected = guard_predicted_pair(ours, ours, sender)
        pair = launch_pair(
            ours, params, program.payout_parameters_encoded(), sender, project=env.project
        )
    if pair is None:  # recorded for a Safe batch, not sent
        return LaunchResult(name, program, table, None, expected)
    env.deployments.pairs[name] = {
        "address": str(pair.address),
        "pairName": program.pair_name,
        "library": _short_name(program.payout_library),
        "collateral": program.collateral_token,
        "block": start_block,
        "program": str(path),
        "launcher": str(sender.address),
        "creator": creator,
    }
    env.record()
    return LaunchResult(name, program, table, str(pair.address))

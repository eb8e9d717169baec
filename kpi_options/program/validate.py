"""The launch program file: every parameter of a KPI options launch, checked before any transaction.

A program file (YAML or JSON; see ``docs/PROGRAM_FILE.md`` and ``programs/``) holds human values:
``collateralPerPair: 1``, ``upperBound: 19900000``, ``bond: 2000``, ``expiration: 2026-06-30T00:00:00Z``.
:func:`validate_program` converts them to contract units and checks everything that can be checked
off-chain, plus (through an injectable callable) what needs a chain, and raises one
:class:`ProgramError` listing *every* problem, each with its field path
(e.g. ``payout.parameters.upperBound``). On success it returns a :class:`LaunchProgram`.

Units
-----
* ``collateralPerPair`` and every payout parameter: human decimals, scaled by 1e18 exactly (more
  than 18 decimals is an error, never a silent truncation). Payout parameters are either prices
  (values of the resolved metric, the same units the ancillary ``Scaling``/``Rounding`` produce)
  or shares of collateral written as decimals (0.2 = 20 %); both are ×1e18.
* ``proposerReward``, ``bond``, ``mint.tokens`` and recipient amounts: human amounts of collateral
  (or of position tokens, which take the collateral's decimals), scaled by 10^collateralDecimals.
* ``liveness``: seconds. ``expiration``: unix seconds or ISO 8601 in UTC (``Z`` or ``+00:00``).

Numbers are read without floats: YAML floats and JSON numbers are loaded as :class:`Decimal`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.chain.pair import CreatorParams
from kpi_options.errors import Problem, ProgramError
from kpi_options.program import metrics as multi
from kpi_options.program import sections
from kpi_options.program.fields import (
    Collector,
    mint_field,
    text_field,
)
from kpi_options.program.load import load_deployments, load_program_file
from kpi_options.settlement import collateral_for

__all__ = [
    "ChainCheck",
    "LaunchProgram",
    "load_and_validate",
    "validate_program",
    "whitelist_checker",
]


# --- The validated program -----------------------------------------------------------------------


@dataclass(frozen=True)
class LaunchProgram:
    """A validated launch, in contract units. Built only by :func:`validate_program`."""

    pair_name: str
    expiration_timestamp: int  # unix seconds
    collateral_token: str  # checksummed address
    collateral_decimals: int
    collateral_per_pair: int  # scaled by 1e18
    price_identifier: bytes  # 32 bytes, right-padded ASCII (chain.oracle.identifier)
    long_synth_name: str
    long_synth_symbol: str
    short_synth_name: str
    short_synth_symbol: str
    payout_library: str  # short name, e.g. "Linear"
    payout_parameters: dict  # contract units, as passed to payouts.payout_library
    payout: Any  # kpi_options.payouts.PayoutLibrary
    ancillary: anc.AncillaryData
    proposer_reward: int  # raw collateral units
    liveness: int  # seconds
    bond: int  # raw collateral units
    enable_early_expiration: bool
    mint_tokens: int  # raw token units (collateral decimals)
    distribution: tuple[tuple[str, int], ...]  # (recipient, raw token units)
    warnings: tuple[Problem, ...] = ()
    # MULTIPLE_VALUES programs (then ``ancillary`` is None): metrics, payout twin, UMIP-183 text
    metrics: multi.MultiMetricProgram | None = None

    @property
    def custom_ancillary_data(self) -> bytes:
        if self.metrics is not None:
            return self.metrics.ancillary_data(bool(self.enable_early_expiration))
        return self.ancillary.custom_bytes()

    @property
    def price_identifier_text(self) -> str:
        return self.price_identifier.rstrip(b"\0").decode("ascii")

    @property
    def collateral_required(self) -> int:
        """Raw collateral needed to mint ``mint_tokens`` pairs; rounded up, as ``create`` does."""
        return collateral_for(self.mint_tokens, self.collateral_per_pair)

    def creator_params(self, financial_product_library: Any) -> CreatorParams:
        """UMA's ``CreatorParams`` for this launch, built by field name (``params.as_tuple()`` is
        the struct the creator takes); ``financial_product_library`` is the deployed payout
        library."""
        return CreatorParams(
            pair_name=self.pair_name,
            expiration_timestamp=self.expiration_timestamp,
            collateral_per_pair=self.collateral_per_pair,
            price_identifier=self.price_identifier,
            enable_early_expiration=self.enable_early_expiration,
            long_synth_name=self.long_synth_name,
            long_synth_symbol=self.long_synth_symbol,
            short_synth_name=self.short_synth_name,
            short_synth_symbol=self.short_synth_symbol,
            collateral_token=self.collateral_token,
            financial_product_library=financial_product_library,
            custom_ancillary_data=self.custom_ancillary_data,
            proposer_reward=self.proposer_reward,
            optimistic_oracle_liveness_time=self.liveness,
            optimistic_oracle_proposer_bond=self.bond,
        )

    def payout_parameters_encoded(self) -> bytes:
        """ABI-encoded payout parameters for ``createLongShortPairWithPayoutParameters``."""
        return self.payout.encode_parameters()


#: A chain check receives the draft program (fields that failed offline checks are None) and
#: returns problems as ``Problem`` or ``(path, message)`` pairs.
ChainCheck = Callable[["_Draft"], Iterable[Problem | tuple[str, str]]]


@dataclass
class _Draft:
    """What :func:`validate_program` has parsed so far; any field may be None."""

    collateral_token: str | None = None
    price_identifier: bytes | None = None
    payout_library: str | None = None
    enable_early_expiration: bool | None = None
    custom_ancillary_data: bytes | None = None
    extra: dict = field(default_factory=dict)


def whitelist_checker(
    is_identifier_supported: Callable[[bytes], bool],
    is_collateral_whitelisted: Callable[[str], bool],
    *,
    is_payout_library_known: Callable[[str], bool] | None = None,
) -> ChainCheck:
    """Build a chain check from predicates (e.g. bound to the Finder's whitelist contracts)."""

    def check(draft: _Draft) -> list[Problem]:
        problems = []
        if draft.price_identifier is not None and not is_identifier_supported(
            draft.price_identifier
        ):
            text = draft.price_identifier.rstrip(b"\0").decode("utf-8", "replace")
            problems.append(
                Problem("priceIdentifier", f"{text!r} is not on the IdentifierWhitelist")
            )
        if draft.collateral_token is not None and not is_collateral_whitelisted(
            draft.collateral_token
        ):
            problems.append(
                Problem("collateral", f"{draft.collateral_token} is not on the CollateralWhitelist")
            )
        if (
            is_payout_library_known is not None
            and draft.payout_library is not None
            and not is_payout_library_known(draft.payout_library)
        ):
            problems.append(
                Problem("payout.library", f"{draft.payout_library} is not deployed on this chain")
            )
        return problems

    return check


def _default_payout_factory():
    from kpi_options.payouts import payout_library

    return payout_library


def validate_program(
    data: Mapping[str, Any],
    *,
    now: int,
    deployments: Mapping[str, Mapping[str, Any]] | None = None,
    chain_checks: ChainCheck | Sequence[ChainCheck] = (),
    payout_factory: Callable[[str, Mapping], Any] | None = None,
) -> LaunchProgram:
    """Check a loaded program file in full and return it in contract units.

    ``now`` is the reference time (unix seconds) for the expiry check; pass the chain's pending
    timestamp when launching. ``deployments`` resolves a collateral given by name. ``chain_checks``
    are callables run on the draft (see :func:`whitelist_checker`). ``payout_factory`` defaults to
    :func:`kpi_options.payouts.payout_library`.
    Raises :class:`ProgramError` listing every problem.
    """
    c = Collector()
    factory = payout_factory or _default_payout_factory()

    if not isinstance(data, Mapping):
        raise ProgramError([Problem("(file)", "the program must be a mapping")])
    sections.check_top_level(c, data)
    pair_name = text_field(c, "pairName", data.get("pairName"), required=False)
    expiration = sections.expiration_section(c, data, now)
    collateral, decimals = sections.collateral_section(c, data, deployments)
    cpp = sections.collateral_per_pair_section(c, data)
    identifier_text, identifier = sections.price_identifier_section(c, data)
    tokens = sections.tokens_section(c, data)
    early = sections.early_expiration_section(c, data)
    ancillary = sections.ancillary_section(c, data, identifier_text, early)
    library, contract_params, payout = sections.payout_section(c, data, factory)
    # Several KPIs in one option (MULTIPLE_VALUES): metrics, MultiMetric parameters, UMIP-183 text.
    metrics_program, found = multi.check_program(data, library, early_expiration=bool(early))
    for path, message in found:
        c.error(path, message)
    if metrics_program is not None:
        payout = metrics_program.payout
        contract_params = dict(zip(payout.field_names(), payout.setter_args(), strict=True))
    reward, bond, liveness = sections.oracle_section(c, data, decimals)
    # Mint and distribution.
    mint_tokens = 0
    distribution: list[tuple[str, int]] = []
    spec = data.get("mint")
    if spec is not None:
        mint_tokens, distribution = mint_field(c, spec, decimals)
    if expiration is not None and expiration - now < (liveness or 0):
        c.warn("expiration", "is sooner than one liveness period from now")

    # Cross-checks between ancillary rounding and the payout range.
    if ancillary is not None and contract_params is not None:
        sections.check_resolution(c, ancillary.fields, contract_params)

    draft = _Draft(
        collateral_token=collateral,
        price_identifier=identifier,
        payout_library=library,
        enable_early_expiration=early,
        custom_ancillary_data=(
            metrics_program.ancillary_data(bool(early))
            if metrics_program is not None
            else None
            if ancillary is None
            else ancillary.custom_bytes()
        ),
    )
    draft.extra = {"expiration": expiration, "collateralPerPair": cpp}
    checks = [chain_checks] if callable(chain_checks) else list(chain_checks)
    for check in checks:
        for found in check(draft):
            c.problems.append(found if isinstance(found, Problem) else Problem(*found))

    if c.problems:
        raise ProgramError(c.problems)
    return LaunchProgram(
        pair_name=pair_name,
        expiration_timestamp=expiration,
        collateral_token=collateral,
        collateral_decimals=decimals,
        collateral_per_pair=cpp,
        price_identifier=identifier,
        long_synth_name=tokens["longToken.name"],
        long_synth_symbol=tokens["longToken.symbol"],
        short_synth_name=tokens["shortToken.name"],
        short_synth_symbol=tokens["shortToken.symbol"],
        payout_library=library,
        payout_parameters=contract_params,
        payout=payout,
        ancillary=ancillary,
        proposer_reward=reward,
        liveness=liveness,
        bond=bond,
        enable_early_expiration=early,
        mint_tokens=mint_tokens,
        distribution=tuple(distribution),
        warnings=tuple(c.warnings),
        metrics=metrics_program,
    )


def load_and_validate(
    path: str | Path, *, now: int, deployments_path: str | Path | None = None, **kwargs: Any
) -> LaunchProgram:
    """Load a program file (and optional deployments file) and :func:`validate_program` it."""
    if deployments_path is not None:
        kwargs["deployments"] = load_deployments(deployments_path)
    return validate_program(load_program_file(path), now=now, **kwargs)

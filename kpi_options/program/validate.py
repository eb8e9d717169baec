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

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.errors import Problem, ProgramError
from kpi_options.program import metrics as multi
from kpi_options.program.load import load_deployments, load_program_file
from kpi_options.program.messages import human_payout_message
from kpi_options.program.resolution import merge_ancillary, resolution_fields
from kpi_options.settlement import collateral_for

#: Field names of UMA's ``CreatorParams`` struct, in ABI order.
CREATOR_PARAM_FIELDS = (
    "pairName",
    "expirationTimestamp",
    "collateralPerPair",
    "priceIdentifier",
    "enableEarlyExpiration",
    "longSynthName",
    "longSynthSymbol",
    "shortSynthName",
    "shortSynthSymbol",
    "collateralToken",
    "financialProductLibrary",
    "customAncillaryData",
    "proposerReward",
    "optimisticOracleLivenessTime",
    "optimisticOracleProposerBond",
)

#: Liveness must be strictly below this (OOv2: "Liveness too large"), in seconds.
MAX_LIVENESS = 5200 * 7 * 24 * 3600
#: UMA's guidance: at least "a couple of hours"; 24 hours recommended for KPI options.
MIN_RECOMMENDED_LIVENESS = 2 * 3600
RECOMMENDED_LIVENESS = 24 * 3600
DEFAULT_PRICE_IDENTIFIER = "General_KPI"
DEFAULT_COLLATERAL_DECIMALS = 18
MAX_COLLATERAL_DECIMALS = 36
UINT64_MAX = 2**64 - 1
UINT256_MAX = 2**256 - 1
WAD = anc.WAD

TOP_LEVEL_KEYS = {
    "version",
    "description",
    "pairName",
    "expiration",
    "collateral",
    "collateralDecimals",
    "collateralPerPair",
    "priceIdentifier",
    "longToken",
    "shortToken",
    "payout",
    "ancillary",
    "resolution",
    "proposerReward",
    "liveness",
    "bond",
    "enableEarlyExpiration",
    "mint",
    "metrics",
}
REQUIRED_TOP_LEVEL = (
    "pairName",
    "expiration",
    "collateral",
    "collateralPerPair",
    "longToken",
    "shortToken",
    "payout",
    "ancillary",
)

_ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]{40}")


# --- The validated program -----------------------------------------------------------------------


@dataclass(frozen=True)
class LaunchProgram:
    """A validated launch, in contract units. Built only by :func:`validate_program`."""

    pair_name: str
    expiration_timestamp: int  # unix seconds
    collateral_token: str  # checksummed address
    collateral_decimals: int
    collateral_per_pair: int  # scaled by 1e18
    price_identifier: bytes  # 32 bytes, right-padded UTF-8
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
        return self.price_identifier.rstrip(b"\0").decode("utf-8")

    @property
    def collateral_required(self) -> int:
        """Raw collateral needed to mint ``mint_tokens`` pairs; rounded up, as ``create`` does."""
        return collateral_for(self.mint_tokens, self.collateral_per_pair)

    def creator_params(self, financial_product_library: str) -> dict[str, Any]:
        """UMA's ``CreatorParams`` fields in ABI order (pass ``tuple(d.values())`` to the creator)."""
        values = (
            self.pair_name,
            self.expiration_timestamp,
            self.collateral_per_pair,
            self.price_identifier,
            self.enable_early_expiration,
            self.long_synth_name,
            self.long_synth_symbol,
            self.short_synth_name,
            self.short_synth_symbol,
            self.collateral_token,
            financial_product_library,
            self.custom_ancillary_data,
            self.proposer_reward,
            self.liveness,
            self.bond,
        )
        return dict(zip(CREATOR_PARAM_FIELDS, values, strict=True))

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


# --- Validation ----------------------------------------------------------------------------------


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(path, message))


def _human_decimal(c: _Collector, path: str, value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        c.error(path, f"must be a number, got {value!r}")
        return None
    if isinstance(value, float):
        c.error(
            path, "floats are not accepted; write the number as text or load with loads_program"
        )
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            c.error(path, f"must be a number, got {value!r}")
            return None
    else:
        c.error(path, f"must be a number, got {type(value).__name__}")
        return None
    if not number.is_finite():
        c.error(path, f"must be a finite number, got {value!r}")
        return None
    return number


def _scaled(c: _Collector, path: str, value: Any, decimals: int, what: str) -> int | None:
    number = _human_decimal(c, path, value)
    if number is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 200
        scaled = number.scaleb(decimals)
        if scaled != scaled.to_integral_value():
            c.error(
                path,
                f"{_fmt(number)} has more than {decimals} decimals and cannot be represented in "
                f"{what} without rounding",
            )
            return None
        return int(scaled)


def _fmt(value: Decimal) -> str:
    return anc.format_decimal(value)


def _string(c: _Collector, path: str, value: Any, *, required: bool = True) -> str | None:
    if value is None:
        if required:
            c.error(path, "required")
        return None
    if not isinstance(value, str):
        c.error(path, f"must be text, got {type(value).__name__}")
        return None
    if value.strip() == "":
        c.error(path, "must not be empty")
        return None
    if value != value.strip():
        c.warn(path, "has leading or trailing whitespace")
    return value


def _address(c: _Collector, path: str, value: str) -> str | None:
    from eth_utils import is_checksum_address, to_checksum_address

    if not _ADDRESS_RE.fullmatch(value):
        c.error(path, f"not a 0x-prefixed 20-byte address: {value!r}")
        return None
    body = value[2:]
    if body != body.lower() and body != body.upper() and not is_checksum_address(value):
        c.error(path, f"{value} has a bad EIP-55 checksum")
        return None
    if int(body, 16) == 0:
        c.error(path, "the zero address is not a token")
        return None
    return to_checksum_address(value)


def parse_expiration(value: Any) -> int:
    """Unix seconds from an int, a digit string, or ISO 8601 text in UTC; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"must be unix seconds or ISO 8601 UTC, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(f"unix seconds must be whole, got {value}")
        return int(value)
    if not isinstance(value, str):
        raise ValueError(f"must be unix seconds or ISO 8601 UTC, got {type(value).__name__}")
    text = value.strip()
    if re.fullmatch(r"[0-9]+", text):
        return int(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"not unix seconds or ISO 8601: {value!r}") from exc
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone; add 'Z' (UTC)")
    if moment.utcoffset().total_seconds() != 0:
        raise ValueError(f"{value!r} is not in UTC; write it with 'Z' or '+00:00'")
    return int(moment.astimezone(UTC).timestamp())


def _ancillary_value(c: _Collector, path: str, value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        c.error(path, f"must be text or a number, got {value!r}")
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = str(value)
        return anc.format_decimal(value) if "E" in text else text
    c.error(path, f"must be text or a number, got {type(value).__name__}")
    return None


def _scale_payout_params(c: _Collector, path: str, value: Any) -> Any:
    """Human payout parameters → contract units: every number ×1e18, recursively."""
    if isinstance(value, Mapping):
        return {k: _scale_payout_params(c, f"{path}.{k}", v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scale_payout_params(c, f"{path}[{i}]", v) for i, v in enumerate(value)]
    if isinstance(value, bool):
        return value
    return _scaled(c, path, value, 18, "contract units (1e18)")


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
    c = _Collector()
    draft = _Draft()
    factory = payout_factory or _default_payout_factory()

    if not isinstance(data, Mapping):
        raise ProgramError([Problem("(file)", "the program must be a mapping")])
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            c.error(str(key), f"unknown field (known: {', '.join(sorted(TOP_LEVEL_KEYS))})")
    for key in REQUIRED_TOP_LEVEL:
        if key not in data:
            c.error(key, "required")
    if "version" in data and data["version"] != 1:
        c.error("version", f"only version 1 is understood, got {data['version']!r}")

    pair_name = _string(c, "pairName", data.get("pairName"), required=False)

    # Expiration.
    expiration = None
    if "expiration" in data:
        try:
            expiration = parse_expiration(data["expiration"])
        except ValueError as exc:
            c.error("expiration", str(exc))
        else:
            if expiration <= now:
                c.error("expiration", f"{expiration} is not in the future (now is {now})")
            elif expiration > UINT64_MAX:
                c.error("expiration", f"{expiration} does not fit uint64")

    # Collateral and its decimals.
    collateral = None
    decimals = None
    entry_decimals = None
    raw_collateral = data.get("collateral")
    if raw_collateral is not None:
        if not isinstance(raw_collateral, str) or raw_collateral.strip() == "":
            c.error("collateral", "must be an address or a deployments-file name")
        elif raw_collateral.startswith("0x"):
            collateral = _address(c, "collateral", raw_collateral)
        elif deployments is None:
            c.error("collateral", f"{raw_collateral!r} is a name but no deployments file was given")
        elif raw_collateral not in deployments:
            known = ", ".join(sorted(deployments)) or "none"
            c.error(
                "collateral", f"{raw_collateral!r} is not in the deployments file (known: {known})"
            )
        else:
            entry = deployments[raw_collateral]
            collateral = _address(c, "collateral", str(entry.get("address", "")))
            entry_decimals = entry.get("decimals")
    if "collateralDecimals" in data:
        value = data["collateralDecimals"]
        if isinstance(value, bool) or not isinstance(value, int):
            c.error("collateralDecimals", f"must be a whole number, got {value!r}")
        elif not 0 <= value <= MAX_COLLATERAL_DECIMALS:
            c.error("collateralDecimals", f"must be 0..{MAX_COLLATERAL_DECIMALS}, got {value}")
        else:
            decimals = value
            if entry_decimals is not None and entry_decimals != value:
                c.error(
                    "collateralDecimals",
                    f"{value} disagrees with the deployments file ({entry_decimals})",
                )
    elif entry_decimals is not None:
        decimals = int(entry_decimals)
    else:
        decimals = DEFAULT_COLLATERAL_DECIMALS
        if collateral is not None:
            c.warn("collateralDecimals", "not given; assuming 18 for bond, reward and mint amounts")
    draft.collateral_token = collateral

    # collateralPerPair.
    cpp = None
    if "collateralPerPair" in data:
        cpp = _scaled(
            c, "collateralPerPair", data["collateralPerPair"], 18, "contract units (1e18)"
        )
        if cpp is not None and cpp <= 0:
            c.error("collateralPerPair", "must be greater than 0")
            cpp = None
        elif cpp is not None and cpp > UINT256_MAX:
            c.error("collateralPerPair", "does not fit uint256")
            cpp = None

    # Price identifier.
    identifier_text = data.get("priceIdentifier", DEFAULT_PRICE_IDENTIFIER)
    identifier = None
    if _string(c, "priceIdentifier", identifier_text) is not None:
        encoded = identifier_text.encode("utf-8")
        if len(encoded) > 32:
            c.error("priceIdentifier", f"is {len(encoded)} bytes; a bytes32 identifier holds 32")
        else:
            identifier = encoded.ljust(32, b"\0")
            if identifier_text not in (DEFAULT_PRICE_IDENTIFIER, multi.PRICE_IDENTIFIER):
                c.warn(
                    "priceIdentifier",
                    f"{identifier_text!r} is not General_KPI; the ancillary data is checked only "
                    "for format and size",
                )
    draft.price_identifier = identifier

    # Token names and symbols.
    tokens: dict[str, str | None] = {}
    for side in ("longToken", "shortToken"):
        spec = data.get(side)
        if spec is None:
            tokens[f"{side}.name"] = tokens[f"{side}.symbol"] = None
            continue
        if not isinstance(spec, Mapping):
            c.error(side, "must be a mapping with name and symbol")
            tokens[f"{side}.name"] = tokens[f"{side}.symbol"] = None
            continue
        for key in spec:
            if key not in ("name", "symbol"):
                c.error(f"{side}.{key}", "unknown field (known: name, symbol)")
        for key in ("name", "symbol"):
            tokens[f"{side}.{key}"] = _string(c, f"{side}.{key}", spec.get(key))
    if tokens.get("longToken.symbol") and tokens.get("longToken.symbol") == tokens.get(
        "shortToken.symbol"
    ):
        c.error("shortToken.symbol", "must differ from longToken.symbol")

    # Early expiration.
    early = data.get("enableEarlyExpiration", False)
    if not isinstance(early, bool):
        c.error("enableEarlyExpiration", f"must be true or false, got {early!r}")
        early = None
    elif early and identifier_text != multi.PRICE_IDENTIFIER:  # UMIP-183 defines "too early"
        c.warn(
            "enableEarlyExpiration",
            "UMIP-117 says nothing about early expiration: the Method document must tell voters "
            "when to return the ignore value (type(int256).min)",
        )
    draft.enable_early_expiration = early

    # Ancillary data.
    ancillary = None
    spec = data.get("ancillary")
    if identifier_text == multi.PRICE_IDENTIFIER:
        pass  # UMIP-183 JSON (title, description), checked with the metrics below
    elif spec is not None:
        if not isinstance(spec, Mapping):
            c.error("ancillary", "must be a mapping of UMIP-117 keys to values")
        else:
            fields: dict[str, str] = {}
            for key, value in spec.items():
                text = _ancillary_value(c, f"ancillary.{key}", value)
                if text is not None:
                    fields[str(key)] = text
            if data.get("resolution") is not None:
                # The machine-readable resolution section writes the fields the keeper reads.
                try:
                    fields = merge_ancillary(fields, resolution_fields(data["resolution"]))
                except ProgramError as exc:
                    for problem in exc.problems:
                        c.error(problem.path, problem.message)
            if identifier_text == DEFAULT_PRICE_IDENTIFIER:
                result = anc.validate_general_kpi(fields, early_expiration=bool(early))
            else:
                result = _format_only(fields, bool(early))
            for issue in result.errors:
                c.error(_ancillary_path(issue.key), issue.message)
            for issue in result.warnings:
                c.warn(_ancillary_path(issue.key), issue.message)
            if not result.errors:
                ancillary = anc.AncillaryData.build(fields)
                draft.custom_ancillary_data = ancillary.custom_bytes()

    # Payout.
    payout = None
    library = None
    contract_params = None
    spec = data.get("payout")
    if spec is not None:
        if not isinstance(spec, Mapping):
            c.error("payout", "must be a mapping with library and parameters")
        else:
            for key in spec:
                if key not in ("library", "parameters"):
                    c.error(f"payout.{key}", "unknown field (known: library, parameters)")
            library = _string(c, "payout.library", spec.get("library"))
            params = spec.get("parameters", {})
            if multi.is_multi_metric_library(library):
                params = {}  # human shares and switches: read by the metrics check below
            if not isinstance(params, Mapping):
                c.error("payout.parameters", "must be a mapping of parameter name to value")
                params = None
            else:
                before = len(c.problems)
                contract_params = _scale_payout_params(c, "payout.parameters", dict(params))
                if len(c.problems) > before:
                    contract_params = None
            if multi.is_multi_metric_library(library):
                pass
            elif library is not None and contract_params is not None:
                try:
                    payout = factory(library, contract_params)
                except ValueError as exc:
                    c.error(
                        _payout_path(str(exc), library, contract_params),
                        human_payout_message(str(exc), params, _library_fields(library)),
                    )
            draft.payout_library = library

    # Several KPIs in one option (MULTIPLE_VALUES): metrics, MultiMetric parameters, UMIP-183 text.
    metrics_program, found = multi.check_program(data, library, early_expiration=bool(early))
    for path, message in found:
        c.error(path, message)
    if metrics_program is not None:
        payout = metrics_program.payout
        contract_params = dict(zip(payout.field_names(), payout.setter_args(), strict=True))
        draft.custom_ancillary_data = metrics_program.ancillary_data(bool(early))

    # Oracle settings.
    reward = _amount(c, "proposerReward", data.get("proposerReward", 0), decimals)
    if reward:
        c.warn(
            "proposerReward",
            "is pulled from whoever calls expire() or requestEarlyExpiration(), not prefunded",
        )
    bond = _amount(c, "bond", data.get("bond", 0), decimals)
    if bond == 0:
        c.warn("bond", "is 0: proposers and disputers risk only the final fee")
    liveness = data.get("liveness", RECOMMENDED_LIVENESS)
    if isinstance(liveness, bool) or not isinstance(liveness, int):
        c.error("liveness", f"must be whole seconds, got {liveness!r}")
        liveness = None
    elif not 0 < liveness < MAX_LIVENESS:
        c.error("liveness", f"must be > 0 and < 5200 weeks ({MAX_LIVENESS} s), got {liveness}")
        liveness = None
    elif liveness < MIN_RECOMMENDED_LIVENESS:
        c.warn("liveness", f"{liveness} s is under two hours; 24 h is recommended for KPI options")

    # Mint and distribution.
    mint_tokens = 0
    distribution: list[tuple[str, int]] = []
    spec = data.get("mint")
    if spec is not None:
        mint_tokens, distribution = _mint(c, spec, decimals)
    if expiration is not None and expiration - now < (liveness or 0):
        c.warn("expiration", "is sooner than one liveness period from now")

    # Cross-checks between ancillary rounding and the payout range.
    if ancillary is not None and contract_params is not None:
        _check_resolution(c, ancillary.fields, contract_params)

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


def _ancillary_path(key: str | None) -> str:
    return f"ancillary.{key}" if key else "ancillary"


def _payout_path(message: str, library: str, params: Mapping) -> str:
    """Field path for a ValueError from the payout twins.

    The twins name the field in snake case (``upper_bound``, ``payouts[1]``); the program file
    uses UMA's camelCase (``upperBound``). The first field the message mentions is the culprit.
    """
    if "unknown payout library" in message or library not in _known_libraries(library):
        return "payout.library"
    unknown = re.search(r"unknown parameter '([^']*)'", message)
    if unknown:
        return f"payout.parameters.{unknown.group(1)}"
    by_snake = {_snake(str(k)): str(k) for k in params}
    names = set(by_snake) | set(_library_fields(library))
    best = None
    for name in names:
        found = re.search(
            rf"(?<![A-Za-z0-9_]){re.escape(name)}(\[[0-9]+\])?(?![A-Za-z0-9_])", message
        )
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), name, found.group(1) or "")
    if best is None:
        return "payout.parameters"
    _, name, index = best
    return f"payout.parameters.{by_snake.get(name, _camel(name))}{index}"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _known_libraries(library: str) -> set[str]:
    """Short and contract names the payout twins know; ``{library}`` if they cannot be imported
    (an injected factory then decides)."""
    try:
        from kpi_options.payouts import LIBRARIES
    except ImportError:
        return {library}
    return set(LIBRARIES) | {cls.contract_name for cls in LIBRARIES.values()}


def _library_fields(library: str) -> tuple[str, ...]:
    try:
        from kpi_options.payouts import LIBRARIES
    except ImportError:
        return ()
    cls = LIBRARIES.get(library) or next(
        (c for c in LIBRARIES.values() if c.contract_name == library), None
    )
    return cls.field_names() if cls is not None else ()


def _format_only(fields: Mapping[str, str], early: bool) -> anc.ValidationResult:
    result = anc.ValidationResult(fields=dict(fields))
    try:
        custom = anc.encode(fields)
    except anc.AncillaryFormatError as exc:
        result.errors.append(anc.Issue(exc.key, str(exc)))
        return result
    for key in fields:
        if key in anc.RESERVED_KEYS:
            result.errors.append(anc.Issue(key, "added by the chain; remove it from custom data"))
    limit = anc.custom_limit(early)
    if len(custom) > limit:
        result.errors.append(
            anc.Issue(None, str(anc.AncillaryBudgetError(len(custom), limit, early)))
        )
    return result


def _amount(c: _Collector, path: str, value: Any, decimals: int | None) -> int | None:
    if decimals is None:
        return None
    units = _scaled(c, path, value, decimals, f"collateral units ({decimals} decimals)")
    if units is not None and units < 0:
        c.error(path, "must not be negative")
        return None
    if units is not None and units > UINT256_MAX:
        c.error(path, "does not fit uint256")
        return None
    return units


def _mint(c: _Collector, spec: Any, decimals: int | None) -> tuple[int, list[tuple[str, int]]]:
    if not isinstance(spec, Mapping):
        c.error("mint", "must be a mapping with tokens and optional recipients")
        return 0, []
    for key in spec:
        if key not in ("tokens", "recipients"):
            c.error(f"mint.{key}", "unknown field (known: tokens, recipients)")
    if "tokens" not in spec:
        c.error("mint.tokens", "required when mint is given")
        return 0, []
    tokens = _amount(c, "mint.tokens", spec["tokens"], decimals)
    if tokens is not None and tokens == 0:
        c.error("mint.tokens", "must be greater than 0")
    recipients = spec.get("recipients", [])
    out: list[tuple[str, int]] = []
    if not isinstance(recipients, list):
        c.error("mint.recipients", "must be a list of {address, amount}")
        return tokens or 0, []
    seen: set[str] = set()
    for i, entry in enumerate(recipients):
        path = f"mint.recipients[{i}]"
        if not isinstance(entry, Mapping):
            c.error(path, "must be a mapping with address and amount")
            continue
        address = entry.get("address")
        if not isinstance(address, str):
            c.error(f"{path}.address", "required (0x address)")
            address = None
        else:
            address = _address(c, f"{path}.address", address)
        amount = _amount(c, f"{path}.amount", entry.get("amount"), decimals)
        if amount == 0:
            c.error(f"{path}.amount", "must be greater than 0")
        if address is not None:
            if address in seen:
                c.error(f"{path}.address", f"{address} appears twice")
            seen.add(address)
        if address is not None and amount:
            out.append((address, amount))
    total = sum(a for _, a in out)
    if tokens and total > tokens:
        c.error(
            "mint.recipients",
            f"distribute {_fmt(anc.scale_down(total, decimals))} tokens but only "
            f"{_fmt(anc.scale_down(tokens, decimals))} are minted",
        )
    return tokens or 0, out


_BOUND_PAIRS = (("upperBound", "lowerBound"), ("highPriceRange", "lowPriceRange"))


def _check_resolution(c: _Collector, fields: Mapping[str, str], params: Mapping) -> None:
    """Warn when the ancillary ``Rounding`` step is coarse against the payout's price range."""
    try:
        rounding = anc.int_field(fields, "Rounding", 0)
    except anc.AncillaryError:
        return
    step = anc.scale_down(1, rounding)
    for upper, lower in _BOUND_PAIRS:
        hi, lo = params.get(upper), params.get(lower)
        if isinstance(hi, int) and isinstance(lo, int) and hi > lo:
            span = anc.scale_down(hi - lo, 18)
            if step * 10 > span:
                c.warn(
                    "ancillary.Rounding",
                    f"rounds the price to steps of {_fmt(step)} but the payout moves between "
                    f"{_fmt(anc.scale_down(lo, 18))} and {_fmt(anc.scale_down(hi, 18))}: fewer "
                    "than 10 distinct payouts",
                )

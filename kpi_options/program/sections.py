"""One function per section of a program file; each records its problems in the Collector and
returns the section in contract units (None where it could not be read)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.rules import Issue, ValidationResult, int_field, validate_general_kpi
from kpi_options.chain.oracle import identifier as as_bytes32
from kpi_options.errors import (
    AncillaryBudgetError,
    AncillaryError,
    AncillaryFormatError,
    ProgramError,
)
from kpi_options.payouts.base import snake
from kpi_options.payouts.registry import library_class
from kpi_options.program import metrics as multi
from kpi_options.program.fields import (
    DEFAULT_COLLATERAL_DECIMALS,
    DEFAULT_PRICE_IDENTIFIER,
    MAX_COLLATERAL_DECIMALS,
    MAX_LIVENESS,
    MIN_RECOMMENDED_LIVENESS,
    RECOMMENDED_LIVENESS,
    REQUIRED_TOP_LEVEL,
    TOP_LEVEL_KEYS,
    UINT64_MAX,
    UINT256_MAX,
    Collector,
    address_field,
    amount_field,
    ancillary_value,
    fmt,
    parse_expiration,
    scale_payout_params,
    scaled,
    text_field,
)
from kpi_options.program.messages import human_payout_message
from kpi_options.program.resolution import merge_ancillary, resolution_fields
from kpi_options.units import scale_down


def check_top_level(c: Collector, data: Mapping[str, Any]) -> None:
    """Unknown and missing top-level fields; the file version."""
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            c.error(str(key), f"unknown field (known: {', '.join(sorted(TOP_LEVEL_KEYS))})")
    for key in REQUIRED_TOP_LEVEL:
        if key not in data:
            c.error(key, "required")
    if "version" in data and data["version"] != 1:
        c.error("version", f"only version 1 is understood, got {data['version']!r}")


def expiration_section(c: Collector, data: Mapping[str, Any], now: int) -> int | None:
    """``expiration``: unix seconds, strictly after ``now``, within uint64."""
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
    return expiration


def collateral_section(
    c: Collector, data: Mapping[str, Any], deployments: Mapping[str, Mapping[str, Any]] | None
) -> tuple[str | None, int | None]:
    """``collateral`` (address or deployments-file name) and ``collateralDecimals``."""
    collateral = None
    decimals = None
    entry_decimals = None
    raw_collateral = data.get("collateral")
    if raw_collateral is not None:
        if not isinstance(raw_collateral, str) or raw_collateral.strip() == "":
            c.error("collateral", "must be an address or a deployments-file name")
        elif raw_collateral.startswith("0x"):
            collateral = address_field(c, "collateral", raw_collateral)
        elif deployments is None:
            c.error("collateral", f"{raw_collateral!r} is a name but no deployments file was given")
        elif raw_collateral not in deployments:
            known = ", ".join(sorted(deployments)) or "none"
            c.error(
                "collateral", f"{raw_collateral!r} is not in the deployments file (known: {known})"
            )
        else:
            entry = deployments[raw_collateral]
            collateral = address_field(c, "collateral", str(entry.get("address", "")))
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
    return collateral, decimals


def collateral_per_pair_section(c: Collector, data: Mapping[str, Any]) -> int | None:
    """``collateralPerPair``: human decimal -> 1e18 units, > 0."""
    cpp = None
    if "collateralPerPair" in data:
        cpp = scaled(c, "collateralPerPair", data["collateralPerPair"], 18, "contract units (1e18)")
        if cpp is not None and cpp <= 0:
            c.error("collateralPerPair", "must be greater than 0")
            cpp = None
        elif cpp is not None and cpp > UINT256_MAX:
            c.error("collateralPerPair", "does not fit uint256")
            cpp = None
    return cpp


def price_identifier_section(c: Collector, data: Mapping[str, Any]) -> tuple[str, bytes | None]:
    """``priceIdentifier`` (default General_KPI): text and its bytes32."""
    identifier_text = data.get("priceIdentifier", DEFAULT_PRICE_IDENTIFIER)
    identifier = None
    if text_field(c, "priceIdentifier", identifier_text) is not None:
        try:
            identifier = as_bytes32(identifier_text)
        except ValueError as exc:
            c.error("priceIdentifier", str(exc))
        else:
            if identifier_text not in (DEFAULT_PRICE_IDENTIFIER, multi.PRICE_IDENTIFIER):
                c.warn(
                    "priceIdentifier",
                    f"{identifier_text!r} is not General_KPI; the ancillary data is checked only "
                    "for format and size",
                )
    return identifier_text, identifier


def tokens_section(c: Collector, data: Mapping[str, Any]) -> dict[str, str | None]:
    """``longToken``/``shortToken`` name and symbol (symbols must differ)."""
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
            tokens[f"{side}.{key}"] = text_field(c, f"{side}.{key}", spec.get(key))
    if tokens.get("longToken.symbol") and tokens.get("longToken.symbol") == tokens.get(
        "shortToken.symbol"
    ):
        c.error("shortToken.symbol", "must differ from longToken.symbol")
    return tokens


def early_expiration_section(c: Collector, data: Mapping[str, Any]) -> bool | None:
    """``enableEarlyExpiration`` (warns: the Method must tell voters when to ignore)."""
    early = data.get("enableEarlyExpiration", False)
    if not isinstance(early, bool):
        c.error("enableEarlyExpiration", f"must be true or false, got {early!r}")
        early = None
    elif early and data.get("priceIdentifier") != multi.PRICE_IDENTIFIER:  # UMIP-183 defines it
        c.warn(
            "enableEarlyExpiration",
            "UMIP-117 says nothing about early expiration: the Method document must tell voters "
            "when to return the ignore value (type(int256).min)",
        )
    return early


def ancillary_section(
    c: Collector, data: Mapping[str, Any], identifier_text: str, early: bool | None
) -> anc.AncillaryData | None:
    """``ancillary``: UMIP-117 fields (full rules for General_KPI, format and size otherwise)."""
    ancillary = None
    spec = data.get("ancillary")
    if identifier_text == multi.PRICE_IDENTIFIER:
        pass  # UMIP-183 JSON (title, description), checked with the metrics
    elif spec is not None:
        if not isinstance(spec, Mapping):
            c.error("ancillary", "must be a mapping of UMIP-117 keys to values")
        else:
            fields: dict[str, str] = {}
            for key, value in spec.items():
                text = ancillary_value(c, f"ancillary.{key}", value)
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
                result = validate_general_kpi(fields, early_expiration=bool(early))
            else:
                result = format_only(fields, bool(early))
            for issue in result.errors:
                c.error(ancillary_path(issue.key), issue.message)
            for issue in result.warnings:
                c.warn(ancillary_path(issue.key), issue.message)
            if not result.errors:
                ancillary = anc.AncillaryData.build(fields)
    return ancillary


def payout_section(
    c: Collector, data: Mapping[str, Any], factory: Callable[[str, Mapping], Any]
) -> tuple[str | None, dict | None, Any]:
    """``payout``: library name, parameters in 1e18 units, and the twin built from them."""
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
            library = text_field(c, "payout.library", spec.get("library"))
            params = spec.get("parameters", {})
            if multi.is_multi_metric_library(library):
                params = {}  # human shares and switches: read by the metrics check
            if not isinstance(params, Mapping):
                c.error("payout.parameters", "must be a mapping of parameter name to value")
                params = None
            else:
                before = len(c.problems)
                contract_params = scale_payout_params(c, "payout.parameters", dict(params))
                if len(c.problems) > before:
                    contract_params = None
            if multi.is_multi_metric_library(library):
                pass
            elif library is not None and contract_params is not None:
                try:
                    payout = factory(library, contract_params)
                except ValueError as exc:
                    c.error(
                        payout_path(exc, contract_params),
                        human_payout_message(str(exc), params, _library_fields(library)),
                    )
    return library, contract_params, payout


def oracle_section(
    c: Collector, data: Mapping[str, Any], decimals: int | None
) -> tuple[int | None, int | None, int | None]:
    """``proposerReward``, ``bond`` (collateral amounts) and ``liveness`` (seconds)."""
    reward = amount_field(c, "proposerReward", data.get("proposerReward", 0), decimals)
    if reward:
        c.warn(
            "proposerReward",
            "is pulled from whoever calls expire() or requestEarlyExpiration(), not prefunded",
        )
    bond = amount_field(c, "bond", data.get("bond", 0), decimals)
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
    return reward, bond, liveness


def ancillary_path(key: str | None) -> str:
    return f"ancillary.{key}" if key else "ancillary"


def payout_path(exc: Exception, params: Mapping) -> str:
    """Field path of an error from the payout twins, from the field it carries (never its text).

    The twins name the field in snake case (``upper_bound``, ``payouts[1]``); the program file
    uses UMA's camelCase (``upperBound``), or the key as the file wrote it.
    """
    field = getattr(exc, "field", None)
    if field == "library":
        return "payout.library"
    if field is None:
        return "payout.parameters"
    name, index = re.fullmatch(r"(.*?)((?:\[[0-9]+\])?)", field).groups()
    by_snake = {snake(str(k)): str(k) for k in params}
    return f"payout.parameters.{by_snake.get(snake(name), _camel(name))}{index}"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def format_only(fields: Mapping[str, str], early: bool) -> ValidationResult:
    result = ValidationResult(fields=dict(fields))
    try:
        custom = anc.encode(fields)
    except AncillaryFormatError as exc:
        result.errors.append(Issue(exc.key, str(exc)))
        return result
    for key in fields:
        if key in anc.RESERVED_KEYS:
            result.errors.append(Issue(key, "added by the chain; remove it from custom data"))
    limit = anc.custom_limit(early)
    if len(custom) > limit:
        result.errors.append(Issue(None, str(AncillaryBudgetError(len(custom), limit, early))))
    return result


_BOUND_PAIRS = (("upperBound", "lowerBound"), ("highPriceRange", "lowPriceRange"))


def check_resolution(c: Collector, fields: Mapping[str, str], params: Mapping) -> None:
    """Warn when the ancillary ``Rounding`` step is coarse against the payout's price range."""
    try:
        rounding = int_field(fields, "Rounding", 0)
    except AncillaryError:
        return
    step = scale_down(1, rounding)
    for upper, lower in _BOUND_PAIRS:
        hi, lo = params.get(upper), params.get(lower)
        if isinstance(hi, int) and isinstance(lo, int) and hi > lo:
            span = scale_down(hi - lo, 18)
            if step * 10 > span:
                c.warn(
                    "ancillary.Rounding",
                    f"rounds the price to steps of {fmt(step)} but the payout moves between "
                    f"{fmt(scale_down(lo, 18))} and {fmt(scale_down(hi, 18))}: fewer "
                    "than 10 distinct payouts",
                )


def _library_fields(library: str) -> tuple[str, ...]:
    cls = library_class(library)
    return cls.field_names() if cls is not None else ()

"""UMIP-117 rules for General_KPI ancillary data: validation (errors and warnings per key) and
resolution (RawRounding, Scaling, Rounding half-up; the Unresolved value; early expiration)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from urllib.parse import urlsplit

from kpi_options.ancillary.general_kpi import (
    INTEGER_KEYS,
    KNOWN_KEYS,
    MAX_EXPONENT,
    REQUIRED_KEYS,
    RESERVED_KEYS,
    URL_KEYS,
    ZERO_WIDTH_CHARACTERS,
    AncillaryData,
    custom_limit,
    encode,
    to_text,
)
from kpi_options.errors import (
    AncillaryBudgetError,
    AncillaryError,
    AncillaryFormatError,
    AncillaryValidationError,
)
from kpi_options.units import (
    CONTRACT_DECIMALS,
    IGNORE_PRICE,
    PRECISION,
    format_decimal,
    from_contract_units,
    to_contract_units,
)

_INTEGER_RE = re.compile(r"[+-]?[0-9]+")
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

# --- Validation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One validation finding; ``key`` is the field it is about (None: the whole data)."""

    key: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.key or '(ancillary data)'}: {self.message}"


@dataclass
class ValidationResult:
    """Errors make the data unusable; warnings are legal but likely mistakes."""

    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    size: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_keys(self) -> list[str | None]:
        return [i.key for i in self.errors]

    def warning_keys(self) -> list[str | None]:
        return [i.key for i in self.warnings]

    def raise_for_errors(self) -> ValidationResult:
        """Raise :class:`AncillaryValidationError` listing every error; return self otherwise."""
        if self.errors:
            raise AncillaryValidationError(self.errors)
        return self


def validate_general_kpi(
    source: Mapping[str, str] | str | bytes | AncillaryData,
    *,
    early_expiration: bool = False,
) -> ValidationResult:
    """Validate custom ancillary data for the ``General_KPI`` identifier (UMIP-117).

    ``source`` is a field mapping (to be encoded), or text/bytes as stored on chain (parsed
    leniently so quoting violations become errors naming the key, instead of one parse error).
    Stamps found at the end of text/bytes are ignored for the budget (which counts custom data).
    """
    result = ValidationResult()
    custom_size: int | None = None
    if isinstance(source, AncillaryData | Mapping):
        decoded = None
        fields = dict(source.fields if isinstance(source, AncillaryData) else source)
        format_issues = list(source.format_issues) if isinstance(source, AncillaryData) else []
        if isinstance(source, AncillaryData) and source.early_expiration:
            early_expiration = True
    else:
        try:
            raw = to_text(source).encode("utf-8")
            decoded = AncillaryData.decode(raw, strict=False)
        except AncillaryError as exc:
            result.errors.append(Issue(exc.key, str(exc)))
            return result
        fields = dict(decoded.fields)
        format_issues = list(decoded.format_issues)
        early_expiration = early_expiration or decoded.early_expiration
        # Budget counts the bytes as written (redundant quotes included), minus the stamps.
        custom_size = len(raw) - (len(decoded.to_bytes()) - len(decoded.custom_bytes()))
    result.fields = fields

    for issue in format_issues:
        result.errors.append(Issue(issue.key, issue.message))
    for key in fields:
        if key in RESERVED_KEYS:
            result.errors.append(
                Issue(key, "added by the chain at request time; remove it from custom data")
            )
    if custom_size is None:
        try:
            custom_size = len(encode(fields))
        except AncillaryFormatError as exc:
            result.errors.append(Issue(exc.key, str(exc)))
    if custom_size is not None:
        result.size = custom_size
        limit = custom_limit(early_expiration)
        if custom_size > limit:
            result.errors.append(
                Issue(None, str(AncillaryBudgetError(custom_size, limit, early_expiration)))
            )

    for key in REQUIRED_KEYS:
        if key not in fields:
            result.errors.append(Issue(key, "required by UMIP-117 but missing"))
        elif fields[key].strip() == "":
            result.errors.append(Issue(key, "required by UMIP-117 but empty"))

    for key in INTEGER_KEYS:
        if key in fields:
            value = fields[key]
            if not _INTEGER_RE.fullmatch(value):
                result.errors.append(Issue(key, f"must be an integer, got {value!r}"))
            elif abs(int(value)) > MAX_EXPONENT:
                result.errors.append(
                    Issue(key, f"{value} is out of range (|{key}| <= {MAX_EXPONENT})")
                )
            elif key == "Rounding" and int(value) > CONTRACT_DECIMALS:
                result.warnings.append(
                    Issue(
                        key,
                        f"keeps {value} decimals but contract units hold only "
                        f"{CONTRACT_DECIMALS}; voters cannot propose that precision",
                    )
                )

    if "Unresolved" in fields:
        value = fields["Unresolved"]
        if not _DECIMAL_RE.fullmatch(value):
            result.errors.append(
                Issue("Unresolved", f"must be a decimal number (e.g. 0.1 or -5), got {value!r}")
            )
        else:
            try:
                to_contract_units(Decimal(value))
            except ValueError as exc:
                result.errors.append(Issue("Unresolved", str(exc)))

    for key in URL_KEYS:
        if key in fields and fields[key].strip() != "":
            problem = _url_problem(fields[key])
            if problem:
                result.errors.append(Issue(key, problem))
            elif urlsplit(fields[key]).scheme == "http":
                result.warnings.append(Issue(key, "uses http://; prefer https://"))

    if "Rounding" not in fields:
        result.warnings.append(
            Issue(
                "Rounding",
                "omitted: voters round to 0 decimals (an integer), so a metric between 0 and 1 "
                "resolves to 0 or 1; state Rounding explicitly",
            )
        )

    known_lower = {k.lower(): k for k in KNOWN_KEYS}
    for key in fields:
        if key in KNOWN_KEYS or key in RESERVED_KEYS:
            continue
        hint = known_lower.get(key.lower())
        message = "not a UMIP-117 key: allowed only if the Method document explains it to voters"
        if hint:
            message += f" (did you mean {hint!r}? keys are case-sensitive)"
        result.warnings.append(Issue(key, message))

    for key, value in fields.items():
        for where, text in (("key", key), ("value", value)):
            zero_width = sorted(
                {ZERO_WIDTH_CHARACTERS[c] for c in text if c in ZERO_WIDTH_CHARACTERS}
            )
            if zero_width:
                result.warnings.append(
                    Issue(key, f"{where} contains invisible characters: {', '.join(zero_width)}")
                )
            others = sorted(
                {
                    f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
                    for c in text
                    if ord(c) > 127 and c not in ZERO_WIDTH_CHARACTERS
                }
            )
            if others:
                result.warnings.append(
                    Issue(key, f"{where} contains non-ASCII characters: {', '.join(others)}")
                )
            if where == "value" and ("\n" in text or "\r" in text):
                result.warnings.append(Issue(key, "value contains a newline"))
    return result


def require_valid_general_kpi(
    source: Mapping[str, str] | str | bytes | AncillaryData, *, early_expiration: bool = False
) -> ValidationResult:
    """:func:`validate_general_kpi`, raising :class:`AncillaryValidationError` on any error."""
    return validate_general_kpi(source, early_expiration=early_expiration).raise_for_errors()


def _url_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        return f"not a URL: {exc}"
    if parts.scheme not in ("http", "https"):
        return f"must be an http(s) URL, got scheme {parts.scheme!r} in {value!r}"
    if not parts.netloc:
        return f"URL has no host: {value!r}"
    if any(c.isspace() for c in value):
        return f"URL contains whitespace: {value!r}"
    return None


# --- Resolution ----------------------------------------------------------------------------------


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round ``value`` keeping ``decimals`` digits after the point (negative: to 10^-decimals),
    ties away from zero."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def int_field(fields: Mapping[str, str], key: str, default: int | None) -> int | None:
    if key not in fields:
        return default
    value = fields[key]
    if not _INTEGER_RE.fullmatch(value) or abs(int(value)) > MAX_EXPONENT:
        raise AncillaryFormatError(
            f"{key} must be an integer within ±{MAX_EXPONENT}, got {value!r}", key
        )
    return int(value)


def unresolved_value(fields: Mapping[str, str]) -> Decimal:
    """The value voters return for an unresolvable request (``Unresolved``, default 0)."""
    value = fields.get("Unresolved", "0")
    if not _DECIMAL_RE.fullmatch(value):
        raise AncillaryFormatError(
            f"Unresolved must be a decimal number, got {value!r}", "Unresolved"
        )
    return Decimal(value)


def resolve_metric(raw: Decimal | int | str | None, fields: Mapping[str, str]) -> Decimal:
    """Turn a raw metric into the human value voters propose (UMIP-117 post-#547 order).

    ``raw=None`` means the request cannot be resolved: the result is ``Unresolved`` (default 0).
    Steps: RawRounding (if present), Scaling (if present), Rounding (default 0). Post-processing
    that a ``Method`` document may add between Scaling and Rounding is not modelled.
    """
    if raw is None:
        return unresolved_value(fields)
    if isinstance(raw, float):
        raise TypeError("pass a Decimal, int or str, not a float")
    with localcontext() as ctx:
        ctx.prec = PRECISION
        value = Decimal(raw)
        raw_rounding = int_field(fields, "RawRounding", None)
        if raw_rounding is not None:
            value = round_half_up(value, raw_rounding)
        scaling = int_field(fields, "Scaling", None)
        if scaling is not None:
            value = value.scaleb(scaling)
        rounding = int_field(fields, "Rounding", 0)
        return round_half_up(value, rounding)


def rounding_problem(value: Decimal, fields: Mapping[str, str]) -> str | None:
    """Why a proposed human ``value`` is not one the ``Rounding`` of ``fields`` (default 0) can
    produce, or None when it is (the ``Unresolved`` value, returned as written, is always one)."""
    rounding = int_field(fields, "Rounding", 0)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        rounded = round_half_up(value, rounding)
        if rounded == value or value == unresolved_value(fields):
            return None
    return (
        f"{format_decimal(value)} has more precision than the pair's Rounding:{rounding} gives; "
        f"voters round to {format_decimal(rounded)}"
    )


def resolve_early_expiration(
    raw: Decimal | int | str | None, fields: Mapping[str, str], *, event_occurred: bool
) -> Decimal:
    """What voters return for an early-expiration request: the resolved metric if the event the
    ``Method`` names has occurred, else the ignore value (``type(int256).min`` in contract units),
    which makes the pair refuse to settle and keep running."""
    if not event_occurred:
        return from_contract_units(IGNORE_PRICE)
    return resolve_metric(raw, fields)

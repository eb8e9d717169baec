"""The program file's ``metrics`` list: several KPIs in one option (``MULTIPLE_VALUES``, issue 17).

A program whose ``priceIdentifier`` is ``MULTIPLE_VALUES`` and whose ``payout.library`` is
``MultiMetric`` lists its metrics in packing order (metric 0 is UMIP-183's label 0, the lowest 32
bits of the answer)::

    metrics:
      - label: TVL (USD millions)       # UMIP-183 label, unique, non-empty
        unit: USD millions              # what one unit of the packed integer is
        lowerBound: 100                 # integers in `unit`, 0 <= lowerBound < upperBound < 2**32
        upperBound: 500
        weight: 0.5                     # share of the variable payout; the weights sum to 1
        steps: 0                        # optional: 0 = linear (default), n = n equal steps
        scaling: -6                     # optional: raw metric x 10^scaling gives `unit` (default 0)
        rounding: down                  # optional: down (default) | half-up | up, to an integer
        resolution: {...}               # optional: the keeper's recipe for this value

and an ``ancillary`` section with UMIP-183's ``title`` and ``description``; the labels come from the
metrics. The description voters read is the given text followed by one line per metric (label,
unit, scaling and rounding, recipe), so the request says how every value is computed.

Values are unsigned 32-bit integers: a metric whose raw value, scaled and rounded, is negative or
above 4,294,967,295 cannot be packed, and UMIP-183 then answers "unresolvable" for the whole
request (the payout library pays ``unresolvablePercentage``, by default the minimum payout).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import (
    Decimal,
    InvalidOperation,
)
from typing import Any

from kpi_options.ancillary.multiple_values import (
    MAX_VALUE,
    MAX_VALUES,
    MultipleValuesError,
    build_ancillary,
    pack,
)
from kpi_options.payouts.multi import MAX_STEPS, Metric, MultiMetric
from kpi_options.program.value_rules import ROUNDING_MODES, ValueRule, value_rules

__all__ = [
    "LIBRARY",
    "PRICE_IDENTIFIER",
    "ROUNDING_MODES",
    "MetricSpec",
    "MultiMetricProgram",
    "metrics_program",
    "parse_value_row",
    "value_rules",
    "ValueRule",
]

PRICE_IDENTIFIER = "MULTIPLE_VALUES"
LIBRARY = "MultiMetric"
METRIC_KEYS = (
    "label",
    "unit",
    "lowerBound",
    "upperBound",
    "weight",
    "steps",
    "scaling",
    "rounding",
    "resolution",
)
REQUIRED_METRIC_KEYS = ("label", "unit", "lowerBound", "upperBound", "weight")
ANCILLARY_KEYS = ("title", "description")
WAD = 10**18
MAX_SCALING = 77
#: Decimals the keeper keeps of a metric's raw reading (its ``Rounding``); the metric's scaling
#: and rounding then make the packed integer.
RAW_DIGITS = 18
#: Keys of the keeper's section that a metric's own ``scaling`` and ``rounding`` replace.
INTEGER_RULE_KEYS = ("rawRounding", "scaling", "rounding", "unresolved", "earlyExpiryGoal")

Problems = list[tuple[str, str]]


@dataclass(frozen=True)
class MetricSpec:
    """One metric of a program: its label and unit, payout bounds, and the integer rule."""

    label: str
    unit: str
    lower_bound: int
    upper_bound: int
    weight: int
    steps: int = 0
    scaling: int = 0
    rounding: str = "down"
    resolution: Mapping[str, Any] | None = None
    fields: Mapping[str, str] | None = None  # the recipe as UMIP-117 fields (what the keeper reads)

    def rule(self) -> ValueRule:
        """How this metric's value is computed (what the request's description says)."""
        return ValueRule(self.label, self.unit, self.scaling, self.rounding, self.fields)

    def to_value(self, raw: Decimal | int | str) -> int:
        """See :meth:`ValueRule.to_value`."""
        return self.rule().to_value(raw)

    def describe(self, index: int) -> str:
        """See :meth:`ValueRule.describe`."""
        return self.rule().describe(index)

    def metric(self) -> Metric:
        return Metric(self.lower_bound, self.upper_bound, self.weight, self.steps)


@dataclass(frozen=True)
class MultiMetricProgram:
    """A program's metrics, its payout twin and its UMIP-183 request text."""

    metrics: tuple[MetricSpec, ...]
    payout: MultiMetric
    title: str
    description: str

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.metrics)

    def full_description(self) -> str:
        lines = [self.description.rstrip(), "Values in label order:"]
        lines += [m.describe(i) for i, m in enumerate(self.metrics)]
        return "\n".join(lines)

    def ancillary_data(self, early_expiration: bool = False) -> bytes:
        """UMIP-183 JSON ancillary data (budget checked for the stamps)."""
        return build_ancillary(
            self.title, self.full_description(), self.labels, early_expiration=early_expiration
        )

    def values(self, raw: Sequence[Decimal | int | str]) -> list[int]:
        """One packed integer per metric, from raw metric values (each scaled and rounded)."""
        if len(raw) != len(self.metrics):
            raise MultipleValuesError(
                f"expected {len(self.metrics)} values ({', '.join(self.labels)}), got {len(raw)}",
                "values",
            )
        return [m.to_value(r) for m, r in zip(self.metrics, raw, strict=True)]

    def answer(self, raw: Sequence[Decimal | int | str]) -> int:
        """The int256 answer voters would give for these raw metric values."""
        return pack(self.values(raw))

    def report(self) -> list[str]:
        """What ``launch --dry-run`` shows: the request voters read and each value's rule."""
        lines = [
            "ancillary data (UMIP-183 JSON, what UMA's voters read):",
            f"  title: {self.title}",
            f"  labels: {', '.join(self.labels)}",
            "  description:",
        ]
        lines += [f"    {line}" for line in self.full_description().splitlines()]
        return lines

    def sample_rows(self) -> list[list[Decimal] | None]:
        """Raw readings that show the payout's shape: unresolvable, every metric at its lower
        bound, halfway, and at its upper bound (bounds turned back into raw units)."""

        def raw(metric: MetricSpec, value: int) -> Decimal:
            return Decimal(value).scaleb(-metric.scaling)

        rows: list[list[Decimal] | None] = [None]
        for pick in (
            lambda m: m.lower_bound,
            lambda m: (m.lower_bound + m.upper_bound) // 2,
            lambda m: m.upper_bound,
        ):
            rows.append([raw(m, pick(m)) for m in self.metrics])
        return rows


def parse_value_row(text: str, count: int) -> list[str] | None:
    """One preview row from the command line: ``count`` comma-separated raw values, or
    ``unresolved`` / ``none`` for the unresolvable answer. Raises ``MultipleValuesError`` (key
    ``METRIC``) for another number of values."""
    cleaned = text.strip()
    if cleaned.lower() in ("unresolved", "none", "unresolvable"):
        return None
    parts = [p.strip() for p in cleaned.split(",")]
    if len(parts) != count or not all(parts):
        raise MultipleValuesError(
            f"{text!r}: give {count} comma-separated values, one per metric in packing order",
            "METRIC",
        )
    return parts


def _decimal(problems: Problems, path: str, value: Any, what: str) -> Decimal | None:
    """``value`` (a YAML number or numeric text, ``_`` separators allowed) as an exact Decimal; a
    bool, float, None or non-number is a problem ("must be ``what``")."""
    if isinstance(value, bool | float) or value is None:
        problems.append((path, f"must be {what}, got {value!r}"))
        return None
    try:
        return Decimal(str(value).strip().replace("_", ""))
    except InvalidOperation:
        problems.append((path, f"must be {what}, got {value!r}"))
        return None


def _integer(problems: Problems, path: str, value: Any, low: int, high: int) -> int | None:
    number = _decimal(problems, path, value, "a whole number")
    if number is None:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        problems.append((path, f"must be a whole number, got {value!r}"))
        return None
    if not low <= int(number) <= high:
        problems.append((path, f"must be in [{low}, {high}], got {int(number)}"))
        return None
    return int(number)


def _share(problems: Problems, path: str, value: Any) -> int | None:
    number = _decimal(problems, path, value, "a decimal share (0.25 = 25 %)")
    if number is None:
        return None
    if not number.is_finite():
        problems.append((path, f"must be a finite share, got {value!r}"))
        return None
    scaled = number.scaleb(18)
    if scaled != scaled.to_integral_value():
        problems.append((path, f"{value} has more than 18 decimals"))
        return None
    if not 0 <= scaled <= WAD:
        problems.append((path, f"must be between 0 and 1, got {value}"))
        return None
    return int(scaled)


def _text(problems: Problems, path: str, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.append((path, f"must be non-empty text, got {value!r}"))
        return None
    return value


def _metric(problems: Problems, path: str, spec: Any, labels: set[str]) -> MetricSpec | None:
    if not isinstance(spec, Mapping):
        problems.append(
            (path, "must be a mapping (label, unit, lowerBound, upperBound, weight, ...)")
        )
        return None
    before = len(problems)
    for key in spec:
        if key not in METRIC_KEYS:
            problems.append((f"{path}.{key}", f"unknown field (known: {', '.join(METRIC_KEYS)})"))
    for key in REQUIRED_METRIC_KEYS:
        if key not in spec:
            problems.append((f"{path}.{key}", "required"))
    label = _text(problems, f"{path}.label", spec.get("label")) if "label" in spec else None
    if label is not None:
        if label in labels:
            problems.append((f"{path}.label", f"repeats the label {label!r}"))
        labels.add(label)
    unit = _text(problems, f"{path}.unit", spec.get("unit")) if "unit" in spec else None
    lower = upper = weight = None
    if "lowerBound" in spec:
        lower = _integer(problems, f"{path}.lowerBound", spec["lowerBound"], 0, MAX_VALUE - 1)
    if "upperBound" in spec:
        upper = _integer(problems, f"{path}.upperBound", spec["upperBound"], 1, MAX_VALUE)
    if lower is not None and upper is not None and lower >= upper:
        problems.append((f"{path}.upperBound", f"must be above lowerBound ({lower}), got {upper}"))
    if "weight" in spec:
        weight = _share(problems, f"{path}.weight", spec["weight"])
    steps = _integer(problems, f"{path}.steps", spec.get("steps", 0), 0, MAX_STEPS)
    scaling = _integer(
        problems, f"{path}.scaling", spec.get("scaling", 0), -MAX_SCALING, MAX_SCALING
    )
    rounding = spec.get("rounding", "down")
    if rounding not in ROUNDING_MODES:
        problems.append(
            (f"{path}.rounding", f"must be one of {', '.join(ROUNDING_MODES)}, got {rounding!r}")
        )
    resolution = spec.get("resolution")
    fields = None
    if resolution is not None:
        fields = _recipe_fields(problems, f"{path}.resolution", resolution)
    if len(problems) > before:
        return None
    return MetricSpec(
        label,
        unit,
        lower,
        upper,
        weight,
        steps,
        scaling,
        rounding,
        dict(resolution) if resolution is not None else None,
        fields,
    )


def _recipe_fields(problems: Problems, path: str, resolution: Any) -> dict[str, str] | None:
    """A metric's ``resolution`` (the keeper's section without the integer rule) -> the UMIP-117
    fields the keeper reads back (``Rounding`` fixed at :data:`RAW_DIGITS`: the metric's own
    scaling and rounding make the integer)."""
    from kpi_options.errors import ProgramError
    from kpi_options.program.resolution import resolution_fields

    if not isinstance(resolution, Mapping):
        problems.append((path, "must be a mapping (the keeper's recipe)"))
        return None
    for key in resolution:
        if key in INTEGER_RULE_KEYS:
            problems.append(
                (
                    f"{path}.{key}",
                    "not in a metric's recipe: the metric's scaling and rounding apply",
                )
            )
    if any(key in INTEGER_RULE_KEYS for key in resolution):
        return None
    try:
        return resolution_fields({**resolution, "rounding": RAW_DIGITS})
    except ProgramError as exc:
        for problem in exc.problems:
            where = problem.path.split(".", 1)[1] if "." in problem.path else ""
            problems.append((f"{path}.{where}" if where else path, problem.message))
        return None


def metrics_program(
    metrics: Any,
    payout_parameters: Mapping[str, Any] | None,
    ancillary: Any,
    *,
    early_expiration: bool = False,
) -> tuple[MultiMetricProgram | None, Problems]:
    """Check a MULTIPLE_VALUES program's ``metrics``, ``payout.parameters`` (human values:
    ``minimumPercentage``, ``unresolvablePercentage``, ``allOrNone``) and ``ancillary`` (``title``,
    ``description``). Returns the program (None if anything is wrong) and every problem as
    ``(field path, message)``."""
    problems: Problems = []
    specs: list[MetricSpec] = []
    if isinstance(metrics, str | bytes) or not isinstance(metrics, Sequence):
        problems.append(("metrics", "must be a list of 1 to 7 metrics"))
    else:
        if not 1 <= len(metrics) <= MAX_VALUES:
            problems.append(("metrics", f"must list 1 to {MAX_VALUES} metrics, got {len(metrics)}"))
        labels: set[str] = set()
        for i, spec in enumerate(metrics):
            found = _metric(problems, f"metrics[{i}]", spec, labels)
            if found is not None:
                specs.append(found)
        if len(specs) == len(metrics) and specs:
            total = sum(s.weight for s in specs)
            if total != WAD:
                problems.append(
                    ("metrics", f"weights must sum to 1, got {Decimal(total).scaleb(-18)}")
                )

    params = payout_parameters or {}
    known = ("minimumPercentage", "unresolvablePercentage", "allOrNone")
    for key in params:
        if key not in known:
            problems.append(
                (f"payout.parameters.{key}", f"unknown field (known: {', '.join(known)})")
            )
    minimum = _share(
        problems, "payout.parameters.minimumPercentage", params.get("minimumPercentage", 0)
    )
    unresolvable = None
    if "unresolvablePercentage" in params:
        unresolvable = _share(
            problems, "payout.parameters.unresolvablePercentage", params["unresolvablePercentage"]
        )
    all_or_none = params.get("allOrNone", False)
    if not isinstance(all_or_none, bool):
        problems.append(
            ("payout.parameters.allOrNone", f"must be true or false, got {all_or_none!r}")
        )

    title = description = None
    if not isinstance(ancillary, Mapping):
        problems.append(("ancillary", "must be a mapping with title and description (UMIP-183)"))
    else:
        for key in ancillary:
            if key not in ANCILLARY_KEYS:
                problems.append(
                    (
                        f"ancillary.{key}",
                        "unknown field for MULTIPLE_VALUES (known: title, description; "
                        "labels come from metrics)",
                    )
                )
        title = _text(problems, "ancillary.title", ancillary.get("title"))
        description = _text(problems, "ancillary.description", ancillary.get("description"))

    if problems:
        return None, problems
    payout = MultiMetric(
        tuple(s.metric() for s in specs),
        minimum,
        unresolvable,  # None -> the minimum payout
        all_or_none,
    )
    program = MultiMetricProgram(tuple(specs), payout, title, description)
    try:
        program.ancillary_data(early_expiration)
    except ValueError as exc:  # the byte budget (AncillaryBudgetError) or a label UMIP-183 refuses
        problems.append(("ancillary", str(exc)))
        return None, problems
    return program, problems


def is_multi_metric_library(library: Any) -> bool:
    """Whether ``library`` (a program file's ``payout.library``) names the MultiMetric library."""
    return library in (LIBRARY, MultiMetric.contract_name)


def check_program(
    data: Mapping[str, Any], library: Any, *, early_expiration: bool
) -> tuple[MultiMetricProgram | None, Problems]:
    """The MULTIPLE_VALUES part of a whole program file: ``metrics`` only with the MultiMetric
    library and the ``MULTIPLE_VALUES`` identifier, and (for MultiMetric) :func:`metrics_program`
    on the ``metrics``, ``payout.parameters`` and ``ancillary`` sections. Problems as
    ``(field path, message)``; the program None unless it is a valid MultiMetric program."""
    identifier = data.get("priceIdentifier")
    if not is_multi_metric_library(library):
        if "metrics" in data:
            return None, [("metrics", f"only a {LIBRARY} payout reads metrics (payout.library)")]
        return None, []
    problems: Problems = []
    if identifier != PRICE_IDENTIFIER:
        problems.append(
            (
                "priceIdentifier",
                f"must be {PRICE_IDENTIFIER} for the {LIBRARY} library, got {identifier!r}",
            )
        )
    if "metrics" not in data:
        problems.append(("metrics", f"required for the {LIBRARY} library"))
        return None, problems
    payout = data.get("payout")
    params = payout.get("parameters", {}) if isinstance(payout, Mapping) else {}
    if not isinstance(params, Mapping):
        problems.append(("payout.parameters", "must be a mapping of parameter name to value"))
        return None, problems
    program, found = metrics_program(
        data["metrics"], params, data.get("ancillary"), early_expiration=early_expiration
    )
    problems += found
    return (program if not problems else None), problems

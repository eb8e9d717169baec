"""How each packed value of a ``MULTIPLE_VALUES`` request is computed from its metric: the line
this toolkit writes into the request's description for every label, and reading it back from the
ancillary data as stored on chain (what the keeper does). Program files: :mod:`.metrics`."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Decimal,
    InvalidOperation,
    localcontext,
)

from kpi_options.ancillary.multiple_values import MAX_VALUE, MultipleValuesError, parse_ancillary

ROUNDING_MODES = {"down": ROUND_FLOOR, "half-up": ROUND_HALF_UP, "up": ROUND_CEILING}
#: Between a metric's rule and its recipe (UMIP-117 fields as JSON) in the request's description.
RECIPE_MARK = "; recipe "


@dataclass(frozen=True)
class ValueRule:
    """How one packed value is computed from its metric: what the request's description line says
    and the keeper reads back (:func:`value_rules`)."""

    label: str
    unit: str
    scaling: int = 0
    rounding: str = "down"
    fields: Mapping[str, str] | None = None  # the keeper's recipe as UMIP-117 fields

    def to_value(self, raw: Decimal | int | str) -> int:
        """The packed integer for a raw metric: ``raw x 10^scaling``, rounded by ``rounding``.

        Raises ``MultipleValuesError`` (key ``label``) when the result is negative or above
        2**32 - 1: UMIP-183 then has no answer but "unresolvable".
        """
        try:
            number = Decimal(str(raw).strip().replace("_", ""))
        except InvalidOperation:
            raise MultipleValuesError(
                f"{self.label}: {raw!r} is not a number", self.label
            ) from None
        if not number.is_finite():
            raise MultipleValuesError(f"{self.label}: {raw!r} is not a finite number", self.label)
        with localcontext() as ctx:
            ctx.prec = 200
            value = int(
                number.scaleb(self.scaling).to_integral_value(ROUNDING_MODES[self.rounding])
            )
        if not 0 <= value <= MAX_VALUE:
            raise MultipleValuesError(
                f"{self.label}: {raw} gives {value}, outside the 32-bit range [0, {MAX_VALUE}]; "
                "UMIP-183 answers unresolvable",
                self.label,
            )
        return value

    def describe(self, index: int) -> str:
        """The line voters read for this metric in the request's description."""
        rule = {"down": "rounded down", "half-up": "rounded half up", "up": "rounded up"}
        scale = f" x 10^{self.scaling}" if self.scaling else ""
        text = (
            f"Value {index} ({self.label}): in {self.unit}, the raw metric{scale} {rule[self.rounding]} "
            f"to an integer in [0, {MAX_VALUE}]"
        )
        if self.fields:
            text += RECIPE_MARK + json.dumps(dict(self.fields), separators=(",", ":"))
        return text + "."


_LINE = re.compile(
    r"in (?P<unit>.+), the raw metric(?: x 10\^(?P<scaling>-?\d+))? rounded "
    r"(?P<rounding>down|half up|up) to an integer in \[0, \d+\](?:; recipe (?P<recipe>\{.*\}))?\.$"
)
_ROUNDING_WORDS = {"down": "down", "half up": "half-up", "up": "up"}


def value_rules(data: bytes | str) -> list[ValueRule]:
    """Read each value's rule back from UMIP-183 ancillary data as stored on chain (stamps
    allowed): the description line this toolkit writes for every label. Raises
    ``MultipleValuesError`` naming the label whose line is missing or unreadable."""
    request = parse_ancillary(data)
    lines = request.description.splitlines()
    rules = []
    for index, label in enumerate(request.labels):
        prefix = f"Value {index} ({label}): "
        line = next((line for line in lines if line.startswith(prefix)), None)
        found = _LINE.match(line[len(prefix) :]) if line is not None else None
        if found is None:
            raise MultipleValuesError(
                f"the description has no readable rule for value {index} ({label})", label
            )
        fields = json.loads(found["recipe"]) if found["recipe"] else None
        rules.append(
            ValueRule(
                label,
                found["unit"],
                int(found["scaling"] or 0),
                _ROUNDING_WORDS[found["rounding"]],
                fields,
            )
        )
    return rules

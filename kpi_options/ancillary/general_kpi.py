"""General_KPI (UMIP-117) ancillary data: build, encode, parse, decode, validate, resolve.

Format (UMIP-117, UMIP-114)
---------------------------
Ancillary data is UTF-8 text: ``key:value`` pairs joined by ``,``. A value that contains ``,`` or
``:`` is wrapped in double quotes. Nothing else is defined: there is no escape character, so some
strings cannot be written at all. This module encodes exactly the field sets that round-trip and
rejects the rest with an :class:`AncillaryFormatError` naming the key:

* **Keys** are non-empty and contain no ``,``, ``:``, ``"`` or whitespace; keys are unique.
* **Values** are quoted when (and only when) they contain ``,`` or ``:``.
* **Double quotes in values** (the UMIP is silent on them; our decision): a ``"`` is allowed only in
  a value that needs no quoting and does not *start* with ``"``. ``Size:5" screen`` round-trips.
  A quoted value cannot hold ``"`` (the first inner ``"`` would end it), and an unquoted value
  starting with ``"`` would be read back as a quoted one, so both are rejected.
* Empty values are allowed (``Key:``); an empty field set encodes to ``b""``.
* Whitespace is data: nothing is trimmed, so a round trip is byte-exact. :func:`parse` accepts
  ``strip_whitespace=True`` to read the multi-line, human-formatted examples in UMA's documents.

Stamps added on chain (never part of the custom fields)
-------------------------------------------------------
* The LSP appends ``earlyExpiration:1`` (comma-prefixed unless the data is empty) for an
  early-expiration request.
* Optimistic Oracle V2 appends ``ooRequester:<40 lowercase hex, no 0x>`` to every request.

:meth:`AncillaryData.decode` strips both from the tail and returns them as attributes.

Byte budget
-----------
The stamped data must fit 8192 bytes (``ancillaryBytesLimit``); the stamp costs 53 bytes, so
custom data is at most **8139** bytes, or **8121** with early expiration (``,earlyExpiration:1``
is 18 bytes). The same two numbers follow from the OO's own 8139-byte check on unstamped data.

Resolution (voters, UMIP-117 after PR #547)
-------------------------------------------
raw metric → ``RawRounding`` → ``Scaling`` (×10^Scaling) → post-processing (none here) →
``Rounding`` (default 0). Rounding is **half-up, away from zero on ties**: 2.5 → 3 and
-2.5 → -3 (``decimal.ROUND_HALF_UP``), so a metric and its negation resolve symmetrically. UMA's
docs say "rounded up if the next digit is 5 or more"; for negative values we read "up" as "up in
magnitude". A negative rounding rounds to tens (-1), thousands (-3), millions (-6). An
unresolvable request resolves to ``Unresolved`` (default 0), returned as written (not rounded).
All arithmetic uses :mod:`decimal` with 200 digits of precision; floats are never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from kpi_options.errors import (
    AncillaryBudgetError,
    AncillaryFormatError,
)

# --- Limits and stamps (facts from UMA's OptimisticOracleV2 and LongShortPair) -------------------

#: Maximum length of stamped ancillary data, in bytes (OOv2 ``ancillaryBytesLimit``).
ANCILLARY_BYTES_LIMIT = 8192
#: Key of the oracle's requester stamp.
OO_REQUESTER_KEY = "ooRequester"
#: Key the LSP appends for an early-expiration request.
EARLY_EXPIRATION_KEY = "earlyExpiration"
#: Bytes the oracle's stamp adds to non-empty data: ``,ooRequester:`` + 40 hex characters.
OO_STAMP_BYTES = len(b",ooRequester:") + 40
#: Bytes the LSP's early-expiration suffix adds to non-empty data.
EARLY_EXPIRATION_SUFFIX = b",earlyExpiration:1"
#: Largest custom ancillary data, in bytes, for a pair without early expiration.
MAX_CUSTOM_BYTES = ANCILLARY_BYTES_LIMIT - OO_STAMP_BYTES  # 8139
#: Largest custom ancillary data, in bytes, for a pair with early expiration enabled.
MAX_CUSTOM_BYTES_EARLY = MAX_CUSTOM_BYTES - len(EARLY_EXPIRATION_SUFFIX)  # 8121
#: Keys the chain adds; a launcher may not use them as custom fields.
RESERVED_KEYS = frozenset({OO_REQUESTER_KEY, EARLY_EXPIRATION_KEY})


# --- UMIP-117 keys -------------------------------------------------------------------------------

REQUIRED_KEYS = ("Metric", "Method")
OPTIONAL_KEYS = (
    "Endpoint",
    "Key",
    "Interval",
    "Aggregation",
    "RawRounding",
    "Scaling",
    "Rounding",
    "Unresolved",
    "Fallback",
)
KNOWN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
INTEGER_KEYS = ("RawRounding", "Scaling", "Rounding")
URL_KEYS = ("Endpoint", "Method")
#: Largest |RawRounding|, |Scaling| or |Rounding| accepted; 10**77 already exceeds int256.
MAX_EXPONENT = 77

ZERO_WIDTH_CHARACTERS = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}

_HEX40_RE = re.compile(r"[0-9a-f]{40}")


# --- Encoding ------------------------------------------------------------------------------------


def check_key(key: str) -> None:
    """Raise :class:`AncillaryFormatError` unless ``key`` can be written and read back."""
    if not isinstance(key, str):
        raise AncillaryFormatError(f"key {key!r} is not a string", str(key))
    if key == "":
        raise AncillaryFormatError("empty key", key)
    for ch in key:
        if ch in ',:"':
            raise AncillaryFormatError(f"key {key!r} contains {ch!r}", key)
        if ch.isspace():
            raise AncillaryFormatError(f"key {key!r} contains whitespace", key)


def needs_quotes(value: str) -> bool:
    """Whether UMIP-117 requires ``value`` to be wrapped in double quotes."""
    return "," in value or ":" in value


def encode_value(key: str, value: str) -> str:
    """The text form of one value (quoted if needed); raises naming ``key`` if impossible."""
    if not isinstance(value, str):
        raise AncillaryFormatError(
            f"value of {key!r} must be a string, got {type(value).__name__}", key
        )
    if needs_quotes(value):
        if '"' in value:
            raise AncillaryFormatError(
                f"value of {key!r} needs quotes (it contains ',' or ':') and also contains '\"'; "
                "UMIP-117 has no escape for a quote inside a quoted value",
                key,
            )
        return f'"{value}"'
    if value.startswith('"'):
        raise AncillaryFormatError(
            f"value of {key!r} starts with '\"' and would be read back as a quoted value", key
        )
    return value


def encode_fields(fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """Encode an ordered field set to its text form (no stamps)."""
    items = list(fields.items()) if isinstance(fields, Mapping) else list(fields)
    seen: set[str] = set()
    parts = []
    for key, value in items:
        check_key(key)
        if key in seen:
            raise AncillaryFormatError(f"duplicate key {key!r}", key)
        seen.add(key)
        parts.append(f"{key}:{encode_value(key, value)}")
    return ",".join(parts)


def encode(fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> bytes:
    """Encode an ordered field set to the bytes stored on chain as ``customAncillaryData``."""
    return encode_fields(fields).encode("utf-8")


# --- Parsing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormatIssue:
    """A departure from the quoting rule found by a lenient parse."""

    key: str
    message: str


def _split_pairs(
    text: str, *, strict: bool, strip_whitespace: bool
) -> Iterator[tuple[str, str, FormatIssue | None]]:
    """Yield ``(key, value, issue)`` for each pair of ``text``."""
    i, n = 0, len(text)
    if n == 0:
        return
    while True:
        if strip_whitespace:
            while i < n and text[i].isspace():
                i += 1
        colon = text.find(":", i)
        comma = text.find(",", i)
        if colon == -1 or (comma != -1 and comma < colon):
            end = n if comma == -1 else comma
            raise AncillaryFormatError(
                f"segment {text[i:end]!r} at offset {i} has no ':' (not a key:value pair)",
                text[i:end] or None,
            )
        key = text[i:colon]
        if strip_whitespace:
            key = key.strip()
        check_key(key)
        j = colon + 1
        if strip_whitespace:
            while j < n and text[j] in " \t":
                j += 1
        issue = None
        if j < n and text[j] == '"':
            close = text.find('"', j + 1)
            if close == -1:
                raise AncillaryFormatError(f"value of {key!r} opens a quote it never closes", key)
            value = text[j + 1 : close]
            k = close + 1
            if strip_whitespace:
                while k < n and text[k].isspace():
                    k += 1
            if k < n and text[k] != ",":
                raise AncillaryFormatError(
                    f"value of {key!r} has text after its closing quote (a '\"' inside a quoted "
                    "value cannot be represented)",
                    key,
                )
            # Quoting a value that needs none is harmless: voters read it the same way.
            next_i = k
        else:
            comma = text.find(",", j)
            end = n if comma == -1 else comma
            value = text[j:end]
            if strip_whitespace:
                value = value.rstrip()
            if ":" in value:
                message = (
                    f"value of {key!r} contains ':' but is not quoted (UMIP-117 requires "
                    f"double quotes): {value!r}"
                )
                if strict:
                    raise AncillaryFormatError(message, key)
                issue = FormatIssue(key, message)
            next_i = end
        yield key, value, issue
        if next_i >= n:
            return
        i = next_i + 1  # skip the comma
        if i >= n:
            raise AncillaryFormatError("data ends with ',' (an empty pair)", None)


def parse(
    data: str | bytes, *, strict: bool = True, strip_whitespace: bool = False
) -> dict[str, str]:
    """Parse ancillary text (or UTF-8 bytes) into an ordered ``{key: value}`` dict.

    ``strict`` (default) rejects an unquoted value containing ``:``; with ``strict=False`` such a
    value is read up to the next comma (what a human voter would do), see :func:`parse_lenient`.
    """
    fields, _ = parse_lenient(data, strict=strict, strip_whitespace=strip_whitespace)
    return fields


def parse_lenient(
    data: str | bytes, *, strict: bool = False, strip_whitespace: bool = False
) -> tuple[dict[str, str], list[FormatIssue]]:
    """Parse like :func:`parse` but return quoting violations instead of raising on them."""
    text = to_text(data)
    fields: dict[str, str] = {}
    issues: list[FormatIssue] = []
    for key, value, issue in _split_pairs(text, strict=strict, strip_whitespace=strip_whitespace):
        if key in fields:
            raise AncillaryFormatError(f"duplicate key {key!r}", key)
        fields[key] = value
        if issue is not None:
            issues.append(issue)
    return fields, issues


def to_text(data: str | bytes) -> str:
    if isinstance(data, str):
        return data
    if isinstance(data, bytes | bytearray | memoryview):
        try:
            return bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AncillaryFormatError(f"ancillary data is not valid UTF-8: {exc}") from exc
    raise TypeError(f"expected str or bytes, got {type(data).__name__}")


# --- Stamping and the decoded view ---------------------------------------------------------------


def append_key_value(data: bytes, key: str, value: str) -> bytes:
    """Append ``key:value`` the way UMA's on-chain ``AncillaryData`` library does (comma only if
    ``data`` is non-empty; no quoting)."""
    prefix = b"," if data else b""
    return data + prefix + f"{key}:{value}".encode()


def early_expiration_data(custom: bytes) -> bytes:
    """The LSP's ``getEarlyExpirationAncillaryData()`` for ``custom``."""
    return append_key_value(custom, EARLY_EXPIRATION_KEY, "1")


def stamp(data: bytes, requester: str) -> bytes:
    """OOv2's ``stampAncillaryData(data, requester)``: append ``ooRequester:<40 lowercase hex>``."""
    return append_key_value(data, OO_REQUESTER_KEY, _hex_address(requester))


def _hex_address(address: str) -> str:
    text = address[2:] if address[:2] in ("0x", "0X") else address
    if not re.fullmatch(r"[0-9a-fA-F]{40}", text):
        raise ValueError(f"not a 20-byte hex address: {address!r}")
    return text.lower()


def stamped_length(custom: bytes, early_expiration: bool) -> int:
    """Length in bytes of ``custom`` once the LSP and the oracle have stamped it."""
    data = early_expiration_data(custom) if early_expiration else custom
    return len(stamp(data, "0x" + "00" * 20))


def custom_limit(early_expiration: bool) -> int:
    """Largest custom ancillary data, in bytes: 8139, or 8121 with early expiration."""
    return MAX_CUSTOM_BYTES_EARLY if early_expiration else MAX_CUSTOM_BYTES


def check_budget(custom: bytes, early_expiration: bool = False) -> None:
    """Raise :class:`AncillaryBudgetError` (with the actual size) if ``custom`` does not fit."""
    limit = custom_limit(early_expiration)
    if len(custom) > limit:
        raise AncillaryBudgetError(len(custom), limit, early_expiration)


@dataclass(frozen=True)
class AncillaryData:
    """A decoded request: the launcher's ``fields`` plus the chain's stamps.

    ``oo_requester`` is the checksum-free ``0x``-prefixed lowercase address, or None.
    ``format_issues`` lists quoting violations found when decoding leniently.
    """

    fields: dict[str, str] = field(default_factory=dict)
    oo_requester: str | None = None
    early_expiration: bool = False
    format_issues: tuple[FormatIssue, ...] = ()

    def __post_init__(self):
        for key in self.fields:
            if key in RESERVED_KEYS:
                raise AncillaryFormatError(
                    f"key {key!r} is added by the chain and cannot be a custom field", key
                )
        encode_fields(self.fields)  # raises naming the key if any field cannot be written

    @classmethod
    def build(cls, fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> AncillaryData:
        """Custom data from an ordered field set (no stamps)."""
        items = list(fields.items()) if isinstance(fields, Mapping) else list(fields)
        out: dict[str, str] = {}
        for key, value in items:
            if key in out:
                raise AncillaryFormatError(f"duplicate key {key!r}", key)
            out[key] = value
        return cls(fields=out)

    @classmethod
    def decode(
        cls, data: str | bytes, *, strict: bool = True, strip_whitespace: bool = False
    ) -> AncillaryData:
        """Decode bytes as seen on chain, including any ``earlyExpiration:1`` and ``ooRequester``
        stamps at the end. With ``strict=False`` quoting violations are recorded, not raised."""
        fields, issues = parse_lenient(data, strict=strict, strip_whitespace=strip_whitespace)
        items = list(fields.items())
        requester = None
        early = False
        if items and items[-1][0] == OO_REQUESTER_KEY:
            value = items.pop()[1]
            if not _HEX40_RE.fullmatch(value):
                raise AncillaryFormatError(
                    f"{OO_REQUESTER_KEY} stamp {value!r} is not 40 lowercase hex characters",
                    OO_REQUESTER_KEY,
                )
            requester = "0x" + value
        if items and items[-1][0] == EARLY_EXPIRATION_KEY:
            value = items.pop()[1]
            if value != "1":
                raise AncillaryFormatError(
                    f"{EARLY_EXPIRATION_KEY} stamp must be '1', got {value!r}",
                    EARLY_EXPIRATION_KEY,
                )
            early = True
        for key, _ in items:
            if key in RESERVED_KEYS:
                raise AncillaryFormatError(
                    f"reserved key {key!r} found before the end of the data", key
                )
        return cls(
            fields=dict(items),
            oo_requester=requester,
            early_expiration=early,
            format_issues=tuple(i for i in issues if i.key in dict(items)),
        )

    def custom_bytes(self) -> bytes:
        """The launcher's part: what the pair stores as ``customAncillaryData``."""
        return encode(self.fields)

    def to_bytes(self) -> bytes:
        """The full bytes including stamps; ``AncillaryData.decode(x.to_bytes()) == x``."""
        data = self.custom_bytes()
        if self.early_expiration:
            data = early_expiration_data(data)
        if self.oo_requester is not None:
            data = stamp(data, self.oo_requester)
        return data

    def with_stamps(self, requester: str, *, early_expiration: bool = False) -> AncillaryData:
        """The request as the oracle sees it when ``requester`` (the pair) asks."""
        return AncillaryData(
            fields=dict(self.fields),
            oo_requester="0x" + _hex_address(requester),
            early_expiration=early_expiration,
        )

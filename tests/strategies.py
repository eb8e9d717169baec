"""Hypothesis strategies that build valid inputs by construction (no ``assume``).

Ancillary data (UMIP-117 as encoded by ``kpi_options.ancillary``):
* keys: non-empty, no ``,`` ``:`` ``"``, no whitespace, not a chain-reserved key;
* values: either *plain* (no ``,``/``:``, may hold ``"`` but not first) or *quotable*
  (may hold ``,``/``:``, never ``"``) - exactly the set that round-trips.
"""

from __future__ import annotations

from hypothesis import strategies as st

from kpi_options.ancillary import INT256_MAX, INT256_MIN, KNOWN_KEYS, RESERVED_KEYS, scale_down

# Surrogates cannot be UTF-8 encoded; control and separator categories hold every character
# for which str.isspace() is true.
_TEXT_CATEGORIES = st.characters(blacklist_categories=("Cs",))
_KEY_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters=',:"'
)
_PLAIN_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters=",:")
_PLAIN_HEAD = st.characters(blacklist_categories=("Cs",), blacklist_characters=',:"')
_QUOTABLE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters='"')


def _not_reserved(key: str) -> str:
    return key + "_" if key in RESERVED_KEYS else key


keys = st.text(_KEY_CHARS, min_size=1, max_size=12).map(_not_reserved)

plain_values = st.one_of(
    st.just(""),
    st.builds(lambda head, tail: head + tail, _PLAIN_HEAD, st.text(_PLAIN_CHARS, max_size=20)),
)
quotable_values = st.text(_QUOTABLE_CHARS, max_size=20)
#: A value guaranteed to need quotes (holds ',' or ':').
quoted_values = st.builds(
    lambda a, sep, b: a + sep + b,
    st.text(_QUOTABLE_CHARS, max_size=8),
    st.sampled_from([",", ":"]),
    st.text(_QUOTABLE_CHARS, max_size=8),
)
values = st.one_of(plain_values, quotable_values, quoted_values)


@st.composite
def field_sets(draw, max_fields: int = 8) -> dict[str, str]:
    """An ordered mapping of unique representable keys to representable values."""
    names = draw(st.lists(keys, max_size=max_fields, unique=True))
    return {name: draw(values) for name in names}


addresses = st.binary(min_size=20, max_size=20).map(lambda b: "0x" + b.hex())

# --- General_KPI field sets that validate without errors -----------------------------------------

_url_path = st.text(
    st.characters(whitelist_categories=("Ll", "Lu", "Nd"), max_codepoint=127), max_size=12
)
urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}.org/{path}",
    st.just("https"),
    st.text(st.characters(whitelist_categories=("Ll",), max_codepoint=127), min_size=1, max_size=8),
    _url_path,
)
rounding_values = st.integers(-12, 18).map(str)
decimal_text = st.builds(
    lambda sign, whole, frac: f"{sign}{whole}" + (f".{frac}" if frac else ""),
    st.sampled_from(["", "-"]),
    st.integers(0, 10**12),
    st.text(st.sampled_from("0123456789"), max_size=18),
)
_extra_keys = keys.map(lambda k: k if k not in KNOWN_KEYS else k + "X")


@st.composite
def general_kpi_fields(draw) -> dict[str, str]:
    """Valid General_KPI custom data (no errors; warnings possible for extra keys)."""
    fields = {"Metric": draw(st.text(_PLAIN_HEAD, min_size=1, max_size=30).filter(str.strip))}
    optional = {
        "Endpoint": urls,
        "Key": plain_values,
        "Interval": quotable_values,
        "RawRounding": rounding_values,
        "Scaling": rounding_values,
        "Unresolved": decimal_text,
    }
    fields["Method"] = draw(urls)
    for key, strategy in optional.items():
        if draw(st.booleans()):
            fields[key] = draw(strategy)
    fields["Rounding"] = draw(rounding_values)
    for key in draw(st.lists(_extra_keys, max_size=3, unique=True)):
        if key not in fields:
            fields[key] = draw(values)
    return fields


int256 = st.integers(INT256_MIN, INT256_MAX)
#: Human decimals exactly representable in contract units (≤ 18 decimals, inside int256).
human_values = st.integers(INT256_MIN, INT256_MAX).map(lambda u: scale_down(u, 18))

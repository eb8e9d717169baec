"""Hypothesis strategies that build valid inputs by construction (no ``assume``).

Ancillary data (UMIP-117 as encoded by ``kpi_options.ancillary.general_kpi``):
* keys: non-empty, no ``,`` ``:`` ``"``, no whitespace, not a chain-reserved key;
* values: either *plain* (no ``,``/``:``, may hold ``"`` but not first) or *quotable*
  (may hold ``,``/``:``, never ``"``) - exactly the set that round-trips.
"""

from __future__ import annotations

from hypothesis import strategies as st

from kpi_options.ancillary.general_kpi import KNOWN_KEYS, RESERVED_KEYS
from kpi_options.units import INT256_MAX, INT256_MIN, scale_down

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


# --- Long Short Pair lifecycle (tests/stateful) --------------------------------------------------
# Domain constraints are built in: amounts never exceed what the actor holds (the caller passes
# the bound), times are always in the future, every launch parameter passes the creator's checks.

WAD = 10**18
DAY = 86_400

#: Collateral decimals the suite supports (the position tokens take the same decimals).
collateral_decimals = st.sampled_from([6, 8, 18])

#: Collateral per pair, scaled by 1e18: the whole-unit ratio, values where every product rounds
#: (1 wei, 1e11, thirds, one off 1.0) and anything up to a million collateral units per token unit.
collateral_per_pair = st.one_of(
    st.just(WAD),
    st.sampled_from([1, 10**11, WAD // 3, 2 * WAD // 3, WAD - 1, WAD + 1, 7 * WAD + 3, 10**24]),
    st.integers(1, 10**24),
)

#: Whether early expiration is enabled: two times in three, since most paths need it.
early_expiration = st.sampled_from([True, True, False])

#: Seconds from launch to expiry: mostly days to two months (most of a machine's steps happen
#: before expiry), sometimes two hours (expiry within a few steps).
expiry_offsets = st.one_of(
    st.integers(DAY, 60 * DAY), st.integers(DAY, 60 * DAY), st.sampled_from([2 * 3600, 7 * DAY])
)

#: Optimistic-oracle liveness, seconds: the minimum, the usual two hours, and up to three days.
liveness_times = st.one_of(st.just(1), st.just(7200), st.integers(1, 3 * DAY))

#: Seconds a rule lets pass before it acts: mostly seconds to minutes (three of five branches),
#: sometimes up to a typical liveness, rarely days (``jump_around_expiry`` covers the big jumps).
time_steps = st.one_of(
    st.integers(1, 60),
    st.integers(1, 900),
    st.integers(1, 900),
    st.integers(900, 4 * 3600),
    st.integers(4 * 3600, 2 * DAY),
)

#: Where to jump relative to expiry (seconds added to ``expirationTimestamp``): just before, at,
#: just after, and well after (the last one past any liveness above).
expiry_jumps = st.sampled_from([-2, -1, 0, 1, 3 * DAY + 1])


def oracle_amounts(decimals: int) -> st.SearchStrategy[int]:
    """A proposer reward, bond or final fee in raw collateral units: 0, dust, or up to 1000 tokens."""
    return st.one_of(st.just(0), st.integers(1, 10), st.integers(0, 1000 * 10**decimals))


def token_amounts(balance: int) -> st.SearchStrategy[int]:
    """An amount of position tokens an actor holding ``balance`` can move: 0, 1, all, or any."""
    if balance == 0:
        return st.just(0)
    return st.one_of(st.sampled_from([0, 1, balance]), st.integers(0, balance))


def create_amounts(decimals: int) -> st.SearchStrategy[int]:
    """Position tokens to create: 0 (UMA allows it), dust, or up to a million whole tokens."""
    return st.one_of(st.just(0), st.integers(1, 1000), st.integers(1, 10**6 * 10**decimals))


#: What the long share of a payout-library mock is set to (scaled by 1e18): mostly strictly inside
#: (0, 1e18), where settle's rounding shows; the edges; and above 1e18 up to the uint256 maximum,
#: which the pair must cap at 1e18.
mock_shares = st.one_of(
    st.integers(1, WAD - 1),
    st.integers(1, WAD - 1),
    st.sampled_from([0, 1, WAD // 2, WAD - 1, WAD, WAD + 1, 2**256 - 1]),
    st.integers(WAD + 1, 2**256 - 1),
)


@st.composite
def payout_setups(draw) -> tuple[str, object]:
    """``("Mock", share)`` for the settable mock (shares above 1e18 included), or
    ``(short_name, twin)`` for a real payout library with valid random parameters
    (``tests.fuzz.strategies.TWINS``, the same generators the differential tests use).
    Half the draws take the mock: its shares land inside (0, 1e18) far more often than random
    library parameters do, and interior shares are where settle's rounding shows."""
    from tests.fuzz.strategies import TWINS

    if draw(st.booleans()):
        return "Mock", draw(mock_shares)
    name = draw(st.sampled_from(sorted(TWINS)))
    return name, draw(TWINS[name])


def kpi_prices(payout: tuple[str, object]) -> st.SearchStrategy[int]:
    """Oracle answers worth proposing for ``payout``: anywhere in int256, near the library's
    branch points, and the extremes (type(int256).min is also the early-expiry ignore price)."""
    from tests.fuzz.strategies import anchors, prices, prices_for

    name, value = payout
    if name == "Mock":
        return prices
    low, high = min(anchors(value)), max(anchors(value))
    # Between the lowest and highest branch point the share is mostly strictly inside (0, 1).
    inside = st.integers(low, high) if low < high else st.integers(low - 10**20, low + 10**20)
    return st.one_of(prices_for(value), inside.map(lambda p: max(-(2**255), min(2**255 - 1, p))))

"""The launch program file: every problem is reported with its field path, units are exact."""

import copy
import json
from decimal import Decimal

import pytest
from eth_utils import to_checksum_address
from hypothesis import given
from hypothesis import strategies as st

from kpi_options import program as prog
from kpi_options.ancillary import general_kpi as anc
from kpi_options.chain.pair import CreatorParams
from kpi_options.errors import ProgramError
from kpi_options.payouts import payout_library
from kpi_options.program import loads_program, validate_program, whitelist_checker
from kpi_options.render import format_payout_table
from kpi_options.units import scale_down

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
E18 = 10**18
USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"

BASE_YAML = """
version: 1
pairName: Test KPI Option
expiration: "2026-06-30T00:00:00Z"
collateral: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
collateralDecimals: 6
collateralPerPair: 1
longToken: {name: Test KPI Option, symbol: TKPI}
shortToken: {name: Test KPI Option Short, symbol: TKPIs}
payout:
  library: Linear
  parameters: {lowerBound: 0, upperBound: 100}
ancillary:
  Metric: Active users
  Method: https://github.com/team/kpi/blob/v1/method.md
  Rounding: 0
proposerReward: 0
liveness: 86400
bond: 2000
mint:
  tokens: 1000
"""


@pytest.fixture
def base():
    return loads_program(BASE_YAML)


def _set(data, path, value):
    """Set (or delete, with value ...) a dotted path in a nested program dict."""
    data = copy.deepcopy(data)
    node = data
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return data


def _problems(data, **kwargs):
    with pytest.raises(ProgramError) as info:
        validate_program(data, now=kwargs.pop("now", NOW), **kwargs)
    return info.value


def _paths(data, **kwargs):
    return _problems(data, **kwargs).paths


# --- the valid base ------------------------------------------------------------------------------


def test_validate__base_program__converts_every_unit(base):
    p = validate_program(base, now=NOW)
    assert p.expiration_timestamp == 1_782_777_600
    assert p.collateral_token == USDC
    assert p.collateral_per_pair == E18
    assert p.price_identifier == b"General_KPI".ljust(32, b"\0")
    assert p.payout_parameters == {"lowerBound": 0, "upperBound": 100 * E18}
    assert p.payout == payout_library("Linear", {"upperBound": 100 * E18, "lowerBound": 0})
    assert p.custom_ancillary_data == (
        b'Metric:Active users,Method:"https://github.com/team/kpi/blob/v1/method.md",Rounding:0'
    )
    assert (p.bond, p.proposer_reward, p.liveness) == (2000 * 10**6, 0, 86400)
    assert p.mint_tokens == 1000 * 10**6
    assert p.enable_early_expiration is False
    assert p.warnings == ()


def test_creator_params__base_program__in_uma_field_order(base):
    p = validate_program(base, now=NOW)
    params = p.creator_params("0x" + "99" * 20)
    assert isinstance(params, CreatorParams)
    by_name = dict(zip(CreatorParams.abi_names(), params.as_tuple(), strict=True))
    assert tuple(by_name)[:3] == ("pairName", "expirationTimestamp", "collateralPerPair")
    assert by_name["financialProductLibrary"] == "0x" + "99" * 20
    assert by_name["customAncillaryData"] == p.custom_ancillary_data
    assert by_name["optimisticOracleProposerBond"] == 2000 * 10**6
    assert by_name["optimisticOracleLivenessTime"] == p.liveness
    assert by_name["collateralToken"] == p.collateral_token
    assert p.payout_parameters_encoded() == p.payout.encode_parameters()


def test_collateral_required__fractional_cpp__rounds_up_like_create(base):
    data = _set(base, "collateralPerPair", Decimal("0.333333333333333333"))
    data = _set(data, "mint", {"tokens": Decimal("0.000001")})  # 1 raw unit
    p = validate_program(data, now=NOW)
    assert p.mint_tokens == 1
    assert p.collateral_required == 1  # 0.333… raw units rounds up to 1


def test_loads__yaml_floats__read_exactly_as_decimal():
    data = loads_program("a: 0.1\nb: 1.5e-18\nc: 1_000.5\nd: 2026-06-30T00:00:00Z\ne: 1e-18\n")
    assert data["a"] == Decimal("0.1") and str(data["a"]) == "0.1"
    assert data["b"] == Decimal("1.5e-18") and data["c"] == Decimal("1000.5")
    assert data["d"] == "2026-06-30T00:00:00Z"  # timestamps stay text; parse_expiration reads them
    assert data["e"] == Decimal("1e-18")  # YAML 1.2: an exponent without a dot is a number too


def test_loads__json_numbers__read_as_decimal_and_validate(base):
    data = json.loads(json.dumps(base, default=str))
    data["collateralPerPair"] = 0.1
    text = json.dumps(data)
    p = validate_program(loads_program(text, fmt="json"), now=NOW)
    assert p.collateral_per_pair == E18 // 10


def test_loads__not_a_mapping__raises_program_error():
    with pytest.raises(ProgramError):
        loads_program("- a\n- b\n")


# --- expiration ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        1_782_777_600,
        "1782777600",
        "2026-06-30T00:00:00Z",
        "2026-06-30T00:00:00+00:00",
        Decimal(1782777600),
    ],
)
def test_expiration__accepted_forms__same_unix_seconds(base, value):
    assert (
        validate_program(_set(base, "expiration", value), now=NOW).expiration_timestamp
        == 1_782_777_600
    )


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (NOW, "not in the future"),
        (NOW - 1, "not in the future"),
        ("2026-06-30T00:00:00", "no time zone"),
        ("2026-06-30T02:00:00+02:00", "not in UTC"),
        ("June 30", "not unix seconds or ISO 8601"),
        (Decimal("1782777600.5"), "whole"),
        (True, "unix seconds"),
        (2**64, "uint64"),
    ],
)
def test_expiration__bad_value__names_expiration(base, value, match):
    error = _problems(_set(base, "expiration", value))
    assert error.paths == ["expiration"]
    assert match in str(error)


# --- collateral ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("0x1234", "not a 0x-prefixed 20-byte address"),
        ("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB49", "checksum"),
        ("0x" + "00" * 20, "zero address"),
        ("USDC", "no deployments file"),
        (7, "address or a deployments-file name"),
    ],
)
def test_collateral__bad_value__names_collateral(base, value, match):
    error = _problems(_set(base, "collateral", value))
    assert error.paths == ["collateral"]
    assert match in str(error)


def test_collateral__lowercase_address__accepted_and_checksummed(base):
    p = validate_program(_set(base, "collateral", USDC.lower()), now=NOW)
    assert p.collateral_token == USDC


def test_collateral__name_in_deployments__resolves_address_and_decimals(base):
    data = _set(_set(base, "collateral", "USDC"), "collateralDecimals", ...)
    p = validate_program(data, now=NOW, deployments={"USDC": {"address": USDC, "decimals": 6}})
    assert (p.collateral_token, p.collateral_decimals) == (USDC, 6)


def test_collateral__name_not_in_deployments__lists_known_names(base):
    error = _problems(_set(base, "collateral", "DAI"), deployments={"USDC": {"address": USDC}})
    assert error.paths == ["collateral"] and "known: USDC" in str(error)


def test_collateral_decimals__disagrees_with_deployments__names_it(base):
    data = _set(base, "collateral", "USDC")
    paths = _paths(data, deployments={"USDC": {"address": USDC, "decimals": 18}})
    assert paths == ["collateralDecimals"]


@pytest.mark.parametrize("value", [-1, 37, "6", True, Decimal("6.5")])
def test_collateral_decimals__bad_value__names_it(base, value):
    assert _paths(_set(base, "collateralDecimals", value)) == ["collateralDecimals"]


def test_collateral_decimals__omitted__assumes_18_with_warning(base):
    p = validate_program(_set(base, "collateralDecimals", ...), now=NOW)
    assert p.collateral_decimals == 18 and p.bond == 2000 * E18
    assert [w.path for w in p.warnings] == ["collateralDecimals"]


# --- collateralPerPair and amounts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (0, "greater than 0"),
        (-1, "greater than 0"),
        (Decimal("0.0000000000000000001"), "more than 18 decimals"),
        ("one", "must be a number"),
        (True, "must be a number"),
        (None, "must be a number"),
        ("Infinity", "finite"),
        (2**256, "uint256"),
    ],
)
def test_collateral_per_pair__bad_value__names_it(base, value, match):
    error = _problems(_set(base, "collateralPerPair", value))
    assert error.paths == ["collateralPerPair"] and match in str(error)


def test_collateral_per_pair__python_float__refused(base):
    error = _problems(_set(base, "collateralPerPair", 0.1))
    assert error.paths == ["collateralPerPair"] and "floats" in str(error)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("bond", Decimal("0.0000001"), "more than 6 decimals"),  # USDC has 6
        ("bond", -1, "negative"),
        ("proposerReward", "x", "number"),
        ("proposerReward", -5, "negative"),
    ],
)
def test_amounts__bad_value__names_field(base, field, value, match):
    error = _problems(_set(base, field, value))
    assert error.paths == [field] and match in str(error)


def test_amounts__reward_and_zero_bond__warn(base):
    data = _set(_set(base, "proposerReward", 5), "bond", 0)
    p = validate_program(data, now=NOW)
    assert p.proposer_reward == 5 * 10**6
    assert [w.path for w in p.warnings] == ["proposerReward", "bond"]


# --- liveness ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -1, prog.MAX_LIVENESS, "86400", Decimal("1.5"), True])
def test_liveness__out_of_range_or_not_int__names_it(base, value):
    assert _paths(_set(base, "liveness", value)) == ["liveness"]


def test_liveness__largest_allowed__accepted(base):
    data = _set(base, "liveness", prog.MAX_LIVENESS - 1)
    data = _set(data, "expiration", NOW + prog.MAX_LIVENESS)
    assert validate_program(data, now=NOW).liveness == prog.MAX_LIVENESS - 1


def test_liveness__under_two_hours__warns(base):
    p = validate_program(_set(base, "liveness", 3600), now=NOW)
    assert [w.path for w in p.warnings] == ["liveness"]


def test_liveness__omitted__defaults_to_24_hours(base):
    assert validate_program(_set(base, "liveness", ...), now=NOW).liveness == 86400


# --- names, symbols, identifier ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["pairName", "longToken.name", "longToken.symbol", "shortToken.name", "shortToken.symbol"],
)
@pytest.mark.parametrize("value", ["", "   ", 5, ...])
def test_names_and_symbols__empty_missing_or_not_text__names_field(base, path, value):
    assert _paths(_set(base, path, value)) == [path]


def test_symbols__long_equals_short__names_short_symbol(base):
    assert _paths(_set(base, "shortToken.symbol", "TKPI")) == ["shortToken.symbol"]


def test_token__not_a_mapping_or_unknown_key__names_it(base):
    assert _paths(_set(base, "longToken", "TKPI")) == ["longToken"]
    assert _paths(_set(base, "longToken.decimals", 6)) == ["longToken.decimals"]


def test_price_identifier__over_32_bytes__names_it(base):
    error = _problems(_set(base, "priceIdentifier", "X" * 33))
    assert error.paths == ["priceIdentifier"] and "33 bytes" in str(error)


def test_price_identifier__32_bytes__accepted_with_warning(base):
    p = validate_program(_set(base, "priceIdentifier", "Y" * 32), now=NOW)
    assert p.price_identifier == b"Y" * 32
    assert [w.path for w in p.warnings] == ["priceIdentifier"]


def test_price_identifier__not_general_kpi__skips_umip117_rules_but_checks_format(base):
    data = _set(_set(base, "priceIdentifier", "YES_OR_NO_QUERY"), "ancillary", {"q": "Will it?"})
    assert validate_program(data, now=NOW).custom_ancillary_data == b"q:Will it?"
    bad = _set(data, "ancillary", {"q": 'a "b", c'})
    assert _paths(bad) == ["ancillary.q"]


# --- structure -----------------------------------------------------------------------------------


def test_unknown_top_level_key__names_it(base):
    assert _paths(_set(base, "colateral", "x")) == ["colateral"]


@pytest.mark.parametrize("path", prog.REQUIRED_TOP_LEVEL)
def test_required_top_level_key_missing__names_it(base, path):
    assert path in _paths(_set(base, path, ...))


def test_version_other_than_1__names_it(base):
    assert _paths(_set(base, "version", 2)) == ["version"]


def test_early_expiration__not_bool__names_it(base):
    assert _paths(_set(base, "enableEarlyExpiration", "yes")) == ["enableEarlyExpiration"]


def test_early_expiration__enabled__warns_method_must_cover_it(base):
    p = validate_program(_set(base, "enableEarlyExpiration", True), now=NOW)
    assert p.enable_early_expiration is True
    assert [w.path for w in p.warnings] == ["enableEarlyExpiration"]


def test_many_problems__reported_together_with_paths(base):
    data = _set(base, "collateralPerPair", 0)
    data = _set(data, "liveness", 0)
    data = _set(data, "payout.parameters.upperBound", -1)
    data = _set(data, "ancillary.Rounding", "two")
    data = _set(data, "longToken.symbol", "")
    error = _problems(data)
    assert sorted(error.paths) == sorted(
        [
            "collateralPerPair",
            "liveness",
            "payout.parameters.upperBound",
            "ancillary.Rounding",
            "longToken.symbol",
        ]
    )
    for path in error.paths:
        assert f"  - {path}:" in str(error)


# --- payout --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("library", "params", "path"),
    [
        ("Linear", {"lowerBound": 1, "upperBound": 1}, "payout.parameters.upperBound"),
        ("Linear", {"upperBound": 1}, "payout.parameters.lowerBound"),
        ("Linear", {"lowerBound": 0, "upperBound": 1, "cap": 2}, "payout.parameters.cap"),
        (
            "Linear",
            {"lowerBound": 0, "upperBound": Decimal("1e-19")},
            "payout.parameters.upperBound",
        ),
        ("Linear", {"lowerBound": "low", "upperBound": 1}, "payout.parameters.lowerBound"),
        (
            "FlooredLinear",
            {"lowerBound": 0, "upperBound": 1, "floorPercentage": Decimal("1.1")},
            "payout.parameters.floorPercentage",
        ),
        (
            "SuccessToken",
            {"strikePrice": 1, "basePercentage": 2},
            "payout.parameters.basePercentage",
        ),
        ("CoveredCall", {"strikePrice": 0}, "payout.parameters.strikePrice"),
        (
            "RangeBond",
            {"highPriceRange": 1, "lowPriceRange": 2},
            "payout.parameters.highPriceRange",
        ),
        (
            "Milestones",
            {
                "basePercentage": 0,
                "thresholds": [1, 2],
                "payouts": [Decimal("0.5"), Decimal("0.4")],
            },
            "payout.parameters.payouts[1]",
        ),
        (
            "Milestones",
            {"basePercentage": 0, "thresholds": [1, Decimal("1e-19")], "payouts": [1, 1]},
            "payout.parameters.thresholds[1]",
        ),
        (
            "PiecewiseLinear",
            {"prices": [2, 1], "percentages": [0, 1]},
            "payout.parameters.prices[1]",
        ),
        ("BoundedLog", {"minPrice": 0, "maxPrice": 10}, "payout.parameters.minPrice"),
        ("Quadratic", {}, "payout.library"),
    ],
)
def test_payout__invalid__names_the_parameter(base, library, params, path):
    data = _set(base, "payout", {"library": library, "parameters": params})
    assert _paths(data) == [path]


def test_payout__unknown_key_or_bad_parameters__names_it(base):
    assert _paths(_set(base, "payout.address", "0x")) == ["payout.address"]
    assert _paths(_set(base, "payout.parameters", [1, 2])) == ["payout.parameters"]
    assert _paths(_set(base, "payout.library", "")) == ["payout.library"]


def test_payout__percentages_and_prices__scaled_by_1e18(base):
    data = _set(
        base,
        "payout",
        {
            "library": "FlooredLinear",
            "parameters": {
                "lowerBound": Decimal("-1.5"),
                "upperBound": 2,
                "floorPercentage": Decimal("0.2"),
            },
        },
    )
    p = validate_program(data, now=NOW)
    assert p.payout.setter_args() == (2 * E18, -15 * E18 // 10, 2 * E18 // 10)


def test_payout__injected_factory__receives_contract_units(base):
    seen = []

    def factory(name, params):
        seen.append((name, params))
        return payout_library(name, params)

    validate_program(base, now=NOW, payout_factory=factory)
    assert seen == [("Linear", {"lowerBound": 0, "upperBound": 100 * E18})]


def test_payout__coarse_rounding_for_bounds__warns_on_rounding(base):
    """UMA's tutorial mistake: Linear 0..1 with whole-number rounding gives only 0 or 1."""
    data = _set(base, "payout.parameters", {"lowerBound": 0, "upperBound": 1})
    p = validate_program(data, now=NOW)
    assert [w.path for w in p.warnings] == ["ancillary.Rounding"]


# --- ancillary -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("ancillary.Metric", ...),
        ("ancillary.Method", "github.com/team/kpi"),
        ("ancillary.Rounding", "two"),
        ("ancillary.Unresolved", "n/a"),
        ("ancillary.Fallback", True),
        ("ancillary.Fallback", None),
        ("ancillary.ooRequester", "0x00"),
        ("ancillary.Fallback", 'say "hi", then stop'),
    ],
)
def test_ancillary__invalid_field__names_it(base, path, value):
    assert _paths(_set(base, path, value)) == [path]


def test_ancillary__not_a_mapping__names_it(base):
    assert _paths(_set(base, "ancillary", "Metric:x")) == ["ancillary"]


def test_ancillary__numbers__written_as_text(base):
    data = _set(base, "ancillary.Unresolved", Decimal("0.10"))
    data = _set(data, "ancillary.Scaling", -3)
    fields = validate_program(data, now=NOW).ancillary.fields
    assert (fields["Unresolved"], fields["Scaling"]) == ("0.10", "-3")


def test_ancillary__warnings__carry_ancillary_paths(base):
    p = validate_program(_set(base, "ancillary.Extra", "x"), now=NOW)
    assert [w.path for w in p.warnings] == ["ancillary.Extra"]


@pytest.mark.parametrize(
    ("size", "early", "ok"),
    [(8139, False, True), (8140, False, False), (8121, True, True), (8122, True, False)],
)
def test_ancillary__budget_edges__enforced_for_the_pair_setting(base, size, early, ok):
    """Invariants: I-11 (docs/INVARIANTS.md)."""
    fields = dict(base["ancillary"], Pad="")
    fields["Pad"] = "x" * (size - len(anc.encode({k: str(v) for k, v in fields.items()})))
    data = _set(_set(base, "ancillary", fields), "enableEarlyExpiration", early)
    if ok:
        assert len(validate_program(data, now=NOW).custom_ancillary_data) == size
    else:
        error = _problems(data)
        assert error.paths == ["ancillary"] and f"is {size} bytes" in str(error)


# --- mint ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mint", "path"),
    [
        ("lots", "mint"),
        ({}, "mint.tokens"),
        ({"tokens": 0}, "mint.tokens"),
        ({"tokens": 1, "airdrop": True}, "mint.airdrop"),
        ({"tokens": 1, "recipients": "all"}, "mint.recipients"),
        ({"tokens": 1, "recipients": ["0x" + "11" * 20]}, "mint.recipients[0]"),
        (
            {"tokens": 1, "recipients": [{"address": "0x12", "amount": 1}]},
            "mint.recipients[0].address",
        ),
        ({"tokens": 1, "recipients": [{"amount": 1}]}, "mint.recipients[0].address"),
        (
            {"tokens": 1, "recipients": [{"address": "0x" + "11" * 20, "amount": 0}]},
            "mint.recipients[0].amount",
        ),
        (
            {"tokens": 1, "recipients": [{"address": "0x" + "11" * 20, "amount": 2}]},
            "mint.recipients",
        ),
        (
            {
                "tokens": 5,
                "recipients": [
                    {"address": "0x" + "11" * 20, "amount": 1},
                    {"address": "0x" + "11" * 20, "amount": 1},
                ],
            },
            "mint.recipients[1].address",
        ),
    ],
)
def test_mint__invalid__names_field(base, mint, path):
    assert _paths(_set(base, "mint", mint)) == [path]


def test_mint__recipients__converted_to_token_units(base):
    data = _set(
        base,
        "mint",
        {"tokens": 10, "recipients": [{"address": "0x" + "ab" * 20, "amount": Decimal("2.5")}]},
    )
    p = validate_program(data, now=NOW)
    assert p.distribution == ((to_checksum_address("0x" + "ab" * 20), 2_500_000),)


# --- chain checks --------------------------------------------------------------------------------


def test_chain_checks__not_whitelisted__names_identifier_and_collateral(base):
    check = whitelist_checker(lambda identifier: False, lambda token: False)
    assert _paths(base, chain_checks=check) == ["priceIdentifier", "collateral"]


def test_chain_checks__whitelisted__receive_contract_values(base):
    seen = {}

    def identifier_ok(identifier):
        seen["identifier"] = identifier
        return True

    def collateral_ok(token):
        seen["token"] = token
        return True

    validate_program(base, now=NOW, chain_checks=whitelist_checker(identifier_ok, collateral_ok))
    assert seen == {"identifier": b"General_KPI".ljust(32, b"\0"), "token": USDC}


def test_chain_checks__invalid_offline_field__passed_as_none_and_skipped(base):
    calls = []
    check = whitelist_checker(lambda i: calls.append(i) or True, lambda t: calls.append(t) or True)
    assert _paths(_set(base, "collateral", "0x12"), chain_checks=check) == ["collateral"]
    assert calls == [b"General_KPI".ljust(32, b"\0")]


def test_chain_checks__plain_callable_returning_tuples__collected(base):
    def check(draft):
        return [("payout.library", f"{draft.payout_library} not deployed")]

    error = _problems(base, chain_checks=[check])
    assert error.paths == ["payout.library"] and "Linear not deployed" in str(error)


# --- payout preview ------------------------------------------------------------------------------


def test_payout_table__linear__rounds_then_pays_proportionally(base):
    p = validate_program(base, now=NOW)
    rows = prog.payout_table(p, ["42.4", "42.5", None, "1000", "-3"])
    assert [r.resolved for r in rows] == [42, 43, 0, 1000, -3]
    assert [r.percentage_long for r in rows] == [42 * E18 // 100, 43 * E18 // 100, 0, E18, 0]
    assert rows[0].long_per_token == Decimal("0.42") and rows[0].short_per_token == Decimal("0.58")
    assert rows[1].long_total == Decimal("430") and rows[1].short_total == Decimal("570")
    assert rows[2].metric is None


def test_payout_table__unresolved_value__used_for_none(base):
    p = validate_program(_set(base, "ancillary.Unresolved", 10), now=NOW)
    (row,) = prog.payout_table(p, [None])
    assert row.resolved == 10 and row.long_per_token == Decimal("0.1")


@given(st.integers(-(10**6), 10**6), st.integers(0, 4))
def test_payout_table__any_metric__sides_never_exceed_collateral_per_pair(units, places):
    """Invariants: I-3 (docs/INVARIANTS.md)."""
    data = loads_program(BASE_YAML)
    data["collateralPerPair"] = Decimal("0.333333")
    p = validate_program(data, now=NOW)
    (row,) = prog.payout_table(p, [scale_down(units, places)])
    cpp = scale_down(p.collateral_per_pair, 18)
    total = row.long_per_token + row.short_per_token
    assert total <= cpp
    assert cpp - total <= Decimal("0.000002")  # at most one raw unit of dust per side (6 decimals)
    assert 0 <= row.percentage_long <= E18


def test_format_payout_table__renders_header_and_rows(base):
    p = validate_program(base, now=NOW)
    text = format_payout_table(prog.payout_table(p, [None, "50"]))
    lines = text.splitlines()
    assert lines[0].split() == ["metric", "resolved", "long", "%", "long/token", "short/token"]
    assert lines[1].split() == ["unresolved", "0", "0", "0", "1"]
    assert lines[2].split() == ["50", "50", "50", "0.5", "0.5"]

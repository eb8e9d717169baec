"""General_KPI (UMIP-117) validation rules and the byte budget."""

import pytest
from hypothesis import given

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.rules import require_valid_general_kpi, validate_general_kpi
from kpi_options.errors import AncillaryBudgetError, AncillaryValidationError
from tests import strategies as S
from tests.unit.toolkit import vectors as V

BASE = {
    "Metric": "TVL in USD",
    "Method": "https://github.com/team/kpi/blob/main/README.md",
    "Rounding": "2",
}


def _with(**changes):
    fields = dict(BASE)
    for key, value in changes.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields


def _messages(issues, key):
    return [i.message for i in issues if i.key == key]


@given(S.general_kpi_fields())
def test_validate__valid_by_construction__has_no_errors(fields):
    result = validate_general_kpi(fields)
    assert result.errors == []
    assert result.size == len(anc.encode(fields))


def test_validate__base_fields__no_errors_no_warnings():
    result = validate_general_kpi(BASE)
    assert result.ok and result.errors == [] and result.warnings == []


@pytest.mark.parametrize("key", ["Metric", "Method"])
def test_validate__required_key_missing__errors_naming_it(key):
    result = validate_general_kpi(_with(**{key: None}))
    assert _messages(result.errors, key) == ["required by UMIP-117 but missing"]


@pytest.mark.parametrize("key", ["Metric", "Method"])
def test_validate__required_key_empty__errors_naming_it(key):
    result = validate_general_kpi(_with(**{key: " "}))
    assert "required by UMIP-117 but empty" in _messages(result.errors, key)


@pytest.mark.parametrize("key", ["RawRounding", "Scaling", "Rounding"])
@pytest.mark.parametrize("value", ["2.5", "two", "", "1e3", "--1"])
def test_validate__integer_key_not_integer__errors_naming_it(key, value):
    result = validate_general_kpi(_with(**{key: value}))
    assert _messages(result.errors, key) == [f"must be an integer, got {value!r}"]


@pytest.mark.parametrize("key", ["RawRounding", "Scaling", "Rounding"])
def test_validate__integer_key_beyond_77__errors_naming_it(key):
    assert _messages(validate_general_kpi(_with(**{key: "-78"})).errors, key)
    assert not validate_general_kpi(_with(**{key: "-77"})).errors


@pytest.mark.parametrize("key", ["RawRounding", "Scaling", "Rounding"])
@pytest.mark.parametrize("value", ["0", "-6", "+3", "18"])
def test_validate__integer_key_integer__accepted(key, value):
    assert validate_general_kpi(_with(**{key: value})).errors == []


def test_validate__rounding_above_18__warns_about_contract_precision():
    result = validate_general_kpi(_with(Rounding="19"))
    assert result.errors == []
    assert "contract units hold only 18" in _messages(result.warnings, "Rounding")[0]


@pytest.mark.parametrize("value", ["0.1", "-5", "110", "47500000", ".5", "3."])
def test_validate__unresolved_decimal__accepted(value):
    assert validate_general_kpi(_with(Unresolved=value)).errors == []


@pytest.mark.parametrize("value", ["abc", "1e3", "0,1", "", "NaN", "1/2"])
def test_validate__unresolved_not_decimal__errors_naming_it(value):
    assert _messages(validate_general_kpi(_with(Unresolved=value)).errors, "Unresolved")


def test_validate__unresolved_with_19_decimals__errors_precision():
    result = validate_general_kpi(_with(Unresolved="0.1234567890123456789"))
    assert "more than 18 decimals" in _messages(result.errors, "Unresolved")[0]


@pytest.mark.parametrize("key", ["Endpoint", "Method"])
@pytest.mark.parametrize(
    "value",
    [
        "api.llama.fi/protocol/x",
        "ftp://host/file",
        "https://",
        "https\u200b://github.com/x",
        "https://a b.org",
    ],
)
def test_validate__url_key_not_http_url__errors_naming_it(key, value):
    assert _messages(validate_general_kpi(_with(**{key: value})).errors, key)


def test_validate__http_url__warns_prefer_https():
    result = validate_general_kpi(_with(Endpoint="http://api.example.org/tvl"))
    assert result.errors == []
    assert _messages(result.warnings, "Endpoint") == ["uses http://; prefer https://"]


def test_validate__rounding_omitted__warns_integer_default():
    result = validate_general_kpi(_with(Rounding=None))
    assert result.errors == []
    (message,) = _messages(result.warnings, "Rounding")
    assert "0 or 1" in message


def test_validate__unknown_key__warns_naming_it():
    result = validate_general_kpi(_with(MaxTVL="19900000"))
    assert result.errors == []
    assert "Method document" in _messages(result.warnings, "MaxTVL")[0]


def test_validate__miscased_known_key__warns_with_hint():
    result = validate_general_kpi(_with(rounding="2"))
    assert "did you mean 'Rounding'" in _messages(result.warnings, "rounding")[0]


def test_validate__zero_width_space__warns_naming_character():
    result = validate_general_kpi(_with(Metric="TVL\u200b in USD"))
    assert result.errors == []
    assert "ZERO WIDTH SPACE" in _messages(result.warnings, "Metric")[0]


def test_validate__zero_width_in_method_url__errors_and_warns():
    """UMA's docs link `https\u200b://`: the scheme is broken and the character invisible."""
    result = validate_general_kpi(_with(Method="https\u200b://github.com/UMAprotocol/UMIPs"))
    assert _messages(result.errors, "Method")
    assert any("ZERO WIDTH SPACE" in m for m in _messages(result.warnings, "Method"))


def test_validate__non_ascii__warns_naming_code_point():
    result = validate_general_kpi(_with(Metric="TVL in €"))
    assert "U+20AC EURO SIGN" in _messages(result.warnings, "Metric")[0]


def test_validate__newline_in_value__warns():
    result = validate_general_kpi(_with(Metric="TVL\nin USD"))
    assert "value contains a newline" in _messages(result.warnings, "Metric")


@pytest.mark.parametrize("key", sorted(anc.RESERVED_KEYS))
def test_validate__reserved_key_in_mapping__errors_naming_it(key):
    result = validate_general_kpi(_with(**{key: "1"}))
    assert _messages(result.errors, key)


def test_validate__unrepresentable_value__errors_naming_key():
    result = validate_general_kpi(_with(Fallback='use "x", then y'))
    assert _messages(result.errors, "Fallback")


# --- published examples --------------------------------------------------------------------------


def test_validate__tutorial_bytes__errors_for_unquoted_endpoint_and_method():
    result = validate_general_kpi(bytes.fromhex(V.TUTORIAL_HEX))
    assert result.error_keys() == ["Endpoint", "Method"]
    assert all("not quoted" in i.message for i in result.errors)


@pytest.mark.parametrize("hex_data", [V.UMIP117_TVL_HEX, V.UMIP117_DAO_HEX], ids=["tvl", "dao"])
def test_validate__umip117_examples__no_errors(hex_data):
    result = validate_general_kpi(bytes.fromhex(hex_data))
    assert result.errors == []


def test_validate__umip117_dao_example__warns_only_for_its_extra_keys():
    result = validate_general_kpi(bytes.fromhex(V.UMIP117_DAO_HEX))
    assert result.warning_keys() == [
        "startTimestamp",
        "maxBaseIntegrations",
        "maxBonusIntegrations",
        "bonusMinValue",
        "bonusIntegrationsMultiplier",
        "floorIntegrations",
    ]


def test_validate__smart_alpha__valid_with_warnings_for_its_documented_extra_keys():
    result = validate_general_kpi(V.SMART_ALPHA_COMPACT)
    assert result.errors == []
    assert result.warning_keys() == ["Pool", "TVLPriceFeed", "MaxTVL", "MinTVL"]


def test_validate__stamped_bytes__ignores_stamps_and_counts_custom_size():
    custom = anc.encode(BASE)
    on_chain = anc.stamp(anc.early_expiration_data(custom), "0x" + "12" * 20)
    result = validate_general_kpi(on_chain)
    assert result.errors == [] and result.size == len(custom)


def test_validate__invalid_utf8__single_format_error():
    result = validate_general_kpi(b"Metric:\xff")
    assert len(result.errors) == 1 and "UTF-8" in result.errors[0].message


def test_validate__garbage_bytes__single_format_error():
    result = validate_general_kpi(b"no pairs here")
    assert len(result.errors) == 1 and "no ':'" in result.errors[0].message


# --- byte budget ---------------------------------------------------------------------------------


def _fields_of_size(size: int) -> dict[str, str]:
    fields = dict(BASE, Pad="")
    pad = size - len(anc.encode(fields))
    fields["Pad"] = "x" * pad
    assert len(anc.encode(fields)) == size
    return fields


@pytest.mark.parametrize(
    ("size", "early", "ok"),
    [(8139, False, True), (8140, False, False), (8121, True, True), (8122, True, False)],
)
def test_validate__budget_edges__enforced_with_actual_size(size, early, ok):
    result = validate_general_kpi(_fields_of_size(size), early_expiration=early)
    budget = [i for i in result.errors if i.key is None]
    if ok:
        assert budget == []
    else:
        (issue,) = budget
        limit = 8121 if early else 8139
        assert f"is {size} bytes; at most {limit} bytes" in issue.message


@pytest.mark.parametrize(("size", "early"), [(8139, False), (8121, True), (0, True), (0, False)])
def test_budget__largest_custom_data__stamped_fits_8192_exactly_or_less(size, early):
    """Invariants: I-11 (docs/INVARIANTS.md)."""
    custom = b"x" * size
    anc.check_budget(custom, early)
    assert anc.stamped_length(custom, early) <= anc.ANCILLARY_BYTES_LIMIT
    if size:
        assert anc.stamped_length(custom, early) == anc.ANCILLARY_BYTES_LIMIT


@pytest.mark.parametrize(("size", "early"), [(8140, False), (8122, True)])
def test_check_budget__one_byte_over__raises_with_size_and_limit(size, early):
    with pytest.raises(AncillaryBudgetError) as info:
        anc.check_budget(b"x" * size, early)
    assert (info.value.size, info.value.limit) == (size, size - 1)
    assert anc.stamped_length(b"x" * size, early) == anc.ANCILLARY_BYTES_LIMIT + 1


def test_validate__decoded_early_data__uses_early_budget():
    fields = _fields_of_size(8122)
    data = anc.AncillaryData.build(fields).with_stamps("0x" + "12" * 20, early_expiration=True)
    assert [i.key for i in validate_general_kpi(data).errors] == [None]


# --- raising helper ------------------------------------------------------------------------------


def test_raise_for_errors__several_errors__lists_each_key():
    with pytest.raises(AncillaryValidationError) as info:
        require_valid_general_kpi({"Rounding": "x", "Endpoint": "nope"})
    keys = [i.key for i in info.value.issues]
    assert keys == ["Metric", "Method", "Rounding", "Endpoint"]
    for key in keys:
        assert f"  - {key}:" in str(info.value)


def test_require_valid__valid_fields__returns_result_with_warnings():
    result = require_valid_general_kpi(_with(Extra="1"))
    assert result.warning_keys() == ["Extra"]

"""Encoding, parsing, stamping and decoding of UMIP-117 ancillary data."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.general_kpi import AncillaryData
from kpi_options.errors import AncillaryFormatError
from tests import strategies as S
from tests.unit.toolkit import vectors as V

# --- round trips ---------------------------------------------------------------------------------


@given(S.field_sets())
def test_parse_encode__any_representable_fields__round_trip_exactly(fields):
    encoded = anc.encode(fields)
    parsed = anc.parse(encoded)
    assert list(parsed.items()) == list(fields.items())
    assert anc.encode(parsed) == encoded


@given(S.field_sets(), st.one_of(st.none(), S.addresses), st.booleans())
def test_decode__stamped_bytes__returns_fields_and_stamps(fields, requester, early):
    data = AncillaryData.build(fields)
    custom = data.custom_bytes()
    on_chain = anc.early_expiration_data(custom) if early else custom
    if requester is not None:
        on_chain = anc.stamp(on_chain, requester)
    decoded = AncillaryData.decode(on_chain)
    assert decoded.fields == fields
    assert list(decoded.fields) == list(fields)
    assert decoded.early_expiration is early
    assert decoded.oo_requester == requester
    assert decoded.to_bytes() == on_chain


@given(S.field_sets())
def test_encode__value_with_separator__is_quoted(fields):
    text = anc.encode(fields).decode()
    for key, value in fields.items():
        if "," in value or ":" in value:
            assert f'{key}:"{value}"' in text


# --- UMA's published examples --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hex_data", "fields"),
    [(V.UMIP117_TVL_HEX, V.UMIP117_TVL_FIELDS), (V.UMIP117_DAO_HEX, V.UMIP117_DAO_FIELDS)],
    ids=["tvl", "dao-integrations"],
)
def test_umip117_examples__decode_and_reencode__match_published_bytes(hex_data, fields):
    data = bytes.fromhex(hex_data)
    assert anc.parse(data) == fields
    assert anc.encode(fields) == data


def test_parse__readable_multiline_form_with_strip__equals_compact_form():
    readable = anc.parse(V.UMIP117_TVL_READABLE, strip_whitespace=True)
    assert readable == V.UMIP117_TVL_FIELDS


def test_parse__readable_multiline_form_without_strip__keeps_newline_in_key_and_rejects():
    with pytest.raises(AncillaryFormatError, match="whitespace"):
        anc.parse(V.UMIP117_TVL_READABLE)


def test_parse__tutorial_bytes_strict__rejects_unquoted_url_naming_endpoint():
    with pytest.raises(AncillaryFormatError, match="not quoted") as info:
        anc.parse(bytes.fromhex(V.TUTORIAL_HEX))
    assert info.value.key == "Endpoint"


def test_parse__tutorial_bytes_lenient__reads_urls_and_reports_both():
    fields, issues = anc.parse_lenient(bytes.fromhex(V.TUTORIAL_HEX))
    assert fields["Endpoint"] == "https://api.umaproject.org/uma-tvl"
    assert [i.key for i in issues] == ["Endpoint", "Method"]


def test_smart_alpha__compact_form__parses_to_nine_fields():
    fields = anc.parse(V.SMART_ALPHA_COMPACT)
    assert list(fields) == [
        "Metric",
        "Method",
        "Interval",
        "Aggregation",
        "Pool",
        "TVLPriceFeed",
        "MaxTVL",
        "MinTVL",
        "Rounding",
    ]
    assert fields["Pool"] == "0x31f7Da25361AD99ca4DAa4E8709624660f324F48"
    assert anc.parse(V.SMART_ALPHA_READABLE, strip_whitespace=True) == fields


# --- stamps (UMA's AncillaryData library / OOv2 / LSP) -------------------------------------------


def test_stamp__empty_data__has_no_leading_comma_and_is_52_bytes():
    stamped = anc.stamp(b"", "0x" + "AB" * 20)
    assert stamped == b"ooRequester:" + b"ab" * 20
    assert len(stamped) == 52


def test_stamp__non_empty_data__adds_53_bytes():
    assert len(anc.stamp(b"k:v", "0x" + "11" * 20)) == 3 + anc.OO_STAMP_BYTES == 56


def test_early_expiration_data__empty_and_non_empty__matches_lsp():
    assert anc.early_expiration_data(b"") == b"earlyExpiration:1"
    assert anc.early_expiration_data(b"a:b") == b"a:b,earlyExpiration:1"


def test_decode__only_stamps__returns_empty_fields():
    data = anc.stamp(anc.early_expiration_data(b""), "0x" + "01" * 20)
    decoded = AncillaryData.decode(data)
    assert decoded.fields == {}
    assert decoded.early_expiration is True
    assert decoded.oo_requester == "0x" + "01" * 20


def test_decode__requester_not_40_lowercase_hex__rejects():
    with pytest.raises(AncillaryFormatError) as info:
        AncillaryData.decode(b"a:b,ooRequester:" + b"AB" * 20)
    assert info.value.key == "ooRequester"


def test_decode__early_expiration_not_one__rejects():
    with pytest.raises(AncillaryFormatError) as info:
        AncillaryData.decode(b"a:b,earlyExpiration:2")
    assert info.value.key == "earlyExpiration"


def test_decode__reserved_key_before_the_end__rejects():
    with pytest.raises(AncillaryFormatError) as info:
        AncillaryData.decode(b"earlyExpiration:1,a:b")
    assert info.value.key == "earlyExpiration"


@pytest.mark.parametrize("key", sorted(anc.RESERVED_KEYS))
def test_build__reserved_key__rejects_naming_it(key):
    with pytest.raises(AncillaryFormatError) as info:
        AncillaryData.build({key: "1"})
    assert info.value.key == key


# --- what cannot round-trip ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ('say "hi", then go', "no escape"),
        ('a:"b"', "no escape"),
        ('"starts with a quote', "starts with"),
    ],
)
def test_encode__unrepresentable_value__rejects_naming_key(value, match):
    with pytest.raises(AncillaryFormatError, match=match) as info:
        anc.encode({"Metric": value})
    assert info.value.key == "Metric"


def test_encode__quote_inside_plain_value__round_trips():
    fields = {"Metric": 'screen size in "inches"'}
    assert anc.parse(anc.encode(fields)) == fields


@pytest.mark.parametrize("key", ["", "a,b", "a:b", 'a"b', "a b", "a\tb", "a\nb"])
def test_encode__bad_key__rejects_naming_it(key):
    with pytest.raises(AncillaryFormatError) as info:
        anc.encode({key: "v"})
    assert info.value.key == key


def test_encode__non_string_value__rejects_naming_key():
    with pytest.raises(AncillaryFormatError, match="must be a string") as info:
        anc.encode({"Rounding": 2})
    assert info.value.key == "Rounding"


def test_encode__duplicate_key_in_pairs__rejects_naming_it():
    with pytest.raises(AncillaryFormatError, match="duplicate") as info:
        anc.encode([("Metric", "a"), ("Metric", "b")])
    assert info.value.key == "Metric"


def test_parse__duplicate_key__rejects_naming_it():
    with pytest.raises(AncillaryFormatError, match="duplicate") as info:
        anc.parse(b"Metric:a,Metric:b")
    assert info.value.key == "Metric"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Metric", "no ':'"),
        ("Metric:a,", "ends with ','"),
        ("Metric:a,,Method:b", "no ':'"),
        ('Metric:"open', "never closes"),
        ('Metric:"a"b', "after its closing quote"),
        (b"\xff:1", "UTF-8"),
    ],
)
def test_parse__malformed_text__rejects(text, match):
    with pytest.raises(AncillaryFormatError, match=match):
        anc.parse(text)


def test_parse__empty_data__is_empty_mapping():
    assert anc.parse(b"") == {}
    assert anc.encode({}) == b""


def test_parse__redundant_quotes__accepted_and_dropped_on_reencode():
    assert anc.parse('Key:"plain"') == {"Key": "plain"}
    assert anc.encode(anc.parse('Key:"plain"')) == b"Key:plain"

"""UMIP-183 (MULTIPLE_VALUES) codec and JSON ancillary data: the UMIP's own vectors, the special
answers, round trips over every value range, the builder, the validator and the byte budget."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_options.ancillary.general_kpi import early_expiration_data, stamp
from kpi_options.ancillary.multiple_values import (
    INT256_MAX,
    INT256_MIN,
    MAX_VALUE,
    TOO_EARLY,
    UNRESOLVABLE,
    AnswerKind,
    MultipleValuesError,
    build_ancillary,
    carries_values,
    decode,
    pack,
    parse_ancillary,
    unpack,
    validate_ancillary,
)
from kpi_options.errors import AncillaryBudgetError

# UMIP-183, "Example Encoding": its text says the values [0, 1, 2, 3, 4, 5, 6], but the price it
# gives decodes to [1, 2, 3, 4, 5, 6, 7] (an off-by-one in the UMIP's prose; the number is what
# the UMIP's own encoder produces for [1, ..., 7]).
UMIP_PRICE = 43939712156475775172537355306597378876443456848946572296193
UMIP_VALUES = (1, 2, 3, 4, 5, 6, 7)

# UMIP-183, "Ancillary Data Specifications": the Lakers vs Celtics request and its hex.
UMIP_TITLE = "Los Angeles Lakers vs Boston Celtics"
UMIP_DESCRIPTION = 'Final scores for the "Los Angeles Lakers" vs "Boston Celtics" NBA game scheduled for Jan 7, 2025.'
UMIP_HEX = (
    "7b227469746c65223a224c6f7320416e67656c6573204c616b65727320767320426f73746f6e2043656c74696373"
    "222c226465736372697074696f6e223a2246696e616c2073636f72657320666f7220746865205c224c6f7320416e"
    "67656c6573204c616b6572735c22207673205c22426f73746f6e2043656c746963735c22204e42412067616d6520"
    "7363686564756c656420666f72204a616e20372c20323032352e222c226c6162656c73223a5b224c616b65727322"
    "2c2243656c74696373225d7d"
)
REQUESTER = "0x" + "ab" * 20


def test_pack__umip183_example__gives_the_umips_price():
    assert pack(UMIP_VALUES) == UMIP_PRICE


def test_unpack__umip183_example__gives_one_to_seven():
    assert unpack(UMIP_PRICE, 7) == UMIP_VALUES


def test_pack__umip183_prose_values__differ_from_its_number():
    assert pack([0, 1, 2, 3, 4, 5, 6]) != UMIP_PRICE
    assert pack([0, 1, 2, 3, 4, 5, 6]) == sum(i << (32 * i) for i in range(7))


def test_pack__label_zero__lowest_bits():
    assert pack([5]) == 5
    assert pack([0, 1]) == 1 << 32
    assert pack([MAX_VALUE] * 7) == 2**224 - 1


def test_decode__special_answers__checked_before_values():
    assert decode(UNRESOLVABLE, 7).kind is AnswerKind.UNRESOLVABLE
    assert decode(TOO_EARLY, 1).kind is AnswerKind.TOO_EARLY
    assert UNRESOLVABLE == INT256_MAX and TOO_EARLY == INT256_MIN


@pytest.mark.parametrize(
    "price, count",
    [
        (1 << 32, 1),  # a bit in an unused position
        (pack([1, 2, 3]), 2),
        (1 << 224, 7),  # bits 224-255 are always unused
        (-1, 3),
        (INT256_MIN + 1, 7),
    ],
)
def test_decode__stray_bits_or_negative__invalid(price, count):
    assert decode(price, count).kind is AnswerKind.INVALID
    assert not carries_values(price, count)
    with pytest.raises(MultipleValuesError, match="invalid") as raised:
        unpack(price, count)
    assert raised.value.key == "price"


@pytest.mark.parametrize(
    "special, word", [(UNRESOLVABLE, "unresolvable"), (TOO_EARLY, "too early")]
)
def test_unpack__special_answer__error_says_which(special, word):
    with pytest.raises(MultipleValuesError, match=word):
        unpack(special, 3)


@pytest.mark.parametrize(
    "values, key",
    [
        ([], "values"),
        ([0] * 8, "values"),
        ([2**32], "values[0]"),
        ([1, -1], "values[1]"),
        ([1, True], "values[1]"),
        ([1.0], "values[0]"),
        ("12", "values"),
    ],
)
def test_pack__bad_values__error_naming_the_value(values, key):
    with pytest.raises(MultipleValuesError) as raised:
        pack(values)
    assert raised.value.key == key


@pytest.mark.parametrize("count", [0, 8, True, "3"])
def test_decode__bad_count__error_naming_count(count):
    with pytest.raises(MultipleValuesError) as raised:
        decode(0, count)
    assert raised.value.key == "count"


def test_decode__price_outside_int256__error_naming_price():
    with pytest.raises(MultipleValuesError) as raised:
        decode(2**255, 1)
    assert raised.value.key == "price"


value_ranges = st.one_of(
    st.integers(0, 0),
    st.integers(1, 255),
    st.integers(256, 2**16 - 1),
    st.integers(2**16, 2**31 - 1),
    st.integers(2**31, MAX_VALUE),
    st.sampled_from([0, 1, 2**31 - 1, 2**31, MAX_VALUE - 1, MAX_VALUE]),
)


@given(values=st.lists(value_ranges, min_size=1, max_size=7))
def test_pack_unpack__every_value_range__round_trips(values):
    price = pack(values)
    assert 0 <= price < 2 ** (32 * len(values))
    assert unpack(price, len(values)) == tuple(values)
    # the same price read with more labels: the extra values are zero (unused positions are 0)
    for count in range(len(values), 8):
        assert unpack(price, count) == tuple(values) + (0,) * (count - len(values))
    assert price not in (UNRESOLVABLE, TOO_EARLY)


@given(price=st.integers(0, 2**224 - 1))
def test_unpack_pack__every_seven_value_price__round_trips(price):
    assert pack(unpack(price, 7)) == price


# ------------------------------------------------------------------ ancillary data


def test_build_ancillary__umip183_example__byte_exact():
    data = build_ancillary(UMIP_TITLE, UMIP_DESCRIPTION, ["Lakers", "Celtics"])
    assert data.hex() == UMIP_HEX


def test_parse_ancillary__umip183_example_with_stamps__reads_the_fields():
    stamped = stamp(early_expiration_data(bytes.fromhex(UMIP_HEX)), REQUESTER)
    request = parse_ancillary(stamped)
    assert request.title == UMIP_TITLE
    assert request.description == UMIP_DESCRIPTION
    assert request.labels == ("Lakers", "Celtics")
    assert validate_ancillary(stamped) == []


def test_build_ancillary__labels_in_packing_order__kept_in_order():
    labels = ["TVL (USD millions)", "Users (thousands)", "Volume (USD millions)"]
    data = build_ancillary("Q4 KPIs", "Three metrics", labels)
    assert json.loads(data)["labels"] == labels
    assert list(json.loads(data)) == ["title", "description", "labels"]


def test_build_ancillary__non_ascii__utf8_not_escaped():
    data = build_ancillary("Métriques", "Volume en €", ["Utilisateurs"])
    assert "Métriques".encode() in data
    assert parse_ancillary(data).title == "Métriques"


@pytest.mark.parametrize(
    "args, key",
    [
        (("", "d", ["a"]), "title"),
        (("t", 5, ["a"]), "description"),
        (("t", "d", []), "labels"),
        (("t", "d", [f"l{i}" for i in range(8)]), "labels"),
        (("t", "d", ["a", "a"]), "labels[1]"),
        (("t", "d", ["a", " "]), "labels[1]"),
        (("t", "d", "ab"), "labels"),
        (("t", "d", ["a", 3]), "labels[1]"),
    ],
)
def test_build_ancillary__bad_field__error_naming_it(args, key):
    with pytest.raises(MultipleValuesError) as raised:
        build_ancillary(*args)
    assert raised.value.key == key


def test_build_ancillary__over_budget__budget_error_with_sizes():
    # 8139 bytes fit without early expiration, 8121 with it (the stamps take the rest of 8192).
    overhead = len(b'{"title":"t","description":"","labels":["a"]}')
    fits = "x" * (8139 - overhead)
    assert len(build_ancillary("t", fits, ["a"])) == 8139
    assert len(stamp(build_ancillary("t", fits, ["a"]), REQUESTER)) == 8192
    with pytest.raises(AncillaryBudgetError) as raised:
        build_ancillary("t", fits + "x", ["a"])
    assert (raised.value.size, raised.value.limit) == (8140, 8139)
    with pytest.raises(AncillaryBudgetError) as raised:
        build_ancillary("t", fits, ["a"], early_expiration=True)
    assert (raised.value.size, raised.value.limit) == (8139, 8121)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b'{"title":"t","description":"d"}', "labels: missing"),
        (b'{"title":"t","description":"d","labels":["a"],"x":1}', "x: not a UMIP-183 key"),
        (b'{"title":"t","description":"d","labels":"a"}', "labels: labels must be a list"),
        (b"title:t,description:d", "not a JSON object"),
        (b"[1]", "not a JSON object"),
        (b"\xff{}", "not UTF-8"),
    ],
)
def test_validate_ancillary__bad_data__names_the_problem(data, fragment):
    problems = validate_ancillary(data)
    assert any(fragment in p for p in problems), problems
    with pytest.raises(MultipleValuesError):
        parse_ancillary(data)


def test_validate_ancillary__too_long__reports_size():
    data = json.dumps({"title": "t", "description": "x" * 8200, "labels": ["a"]}).encode()
    assert any(p.startswith("size:") for p in validate_ancillary(data))

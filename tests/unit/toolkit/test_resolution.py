"""Voter resolution rules: RawRounding → Scaling → Rounding, half-up, Unresolved, ignore value."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_options.ancillary.rules import resolve_early_expiration, resolve_metric, round_half_up
from kpi_options.errors import AncillaryFormatError
from kpi_options.units import (
    IGNORE_PRICE,
    format_decimal,
    from_contract_units,
    scale_down,
    to_contract_units,
)
from tests import strategies as S

D = Decimal

# The ignore value as the reference states it, in both units (kpi-ancillary-launch.md §1.6).
IGNORE_CONTRACT = -57896044618658097711785492504343953926634992332820282019728792003956564819968
IGNORE_HUMAN = D("-57896044618658097711785492504343953926634992332820282019728.792003956564819968")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("2.5", 0, "3"),
        ("2.4999999", 0, "2"),
        ("-2.5", 0, "-3"),  # ties away from zero
        ("-2.4", 0, "-2"),
        ("0.75", 0, "1"),  # the 0..1 metric trap when Rounding is omitted
        ("0.25", 0, "0"),
        ("67.97556547", 2, "67.98"),  # UMA docs Rounding example
        ("123456.789", 0, "123457"),  # UMA docs Rounding example
        ("987654.321", -6, "1000000"),  # UMA docs: nearest million
        ("1499999", -6, "1000000"),
        ("1500000", -6, "2000000"),
        ("-1500000", -6, "-2000000"),
        ("45", -1, "50"),  # tens
        ("1234567", -3, "1235000"),  # thousands
        ("0.000000000000000005", 17, "0.00000000000000001"),
    ],
)
def test_round_half_up__known_values(value, decimals, expected):
    assert round_half_up(D(value), decimals) == D(expected)


def test_resolve__rounding_omitted__defaults_to_integer():
    assert resolve_metric("0.75", {}) == 1
    assert resolve_metric("0.49", {}) == 0


def test_resolve__scaling_examples_from_uma_docs():
    assert resolve_metric("777780000", {"Scaling": "-6", "Rounding": "2"}) == D("777.78")
    assert resolve_metric("0.5678", {"Scaling": "2", "Rounding": "2"}) == D("56.78")


def test_resolve__raw_rounding_before_scaling_before_rounding():
    # UMIP-117's TVL example written for today's order: round raw USD to $10M, then billions.
    fields = {"RawRounding": "-7", "Scaling": "-9", "Rounding": "2"}
    assert resolve_metric("754321000", fields) == D("0.75")
    assert resolve_metric("755000000", fields) == D("0.76")


def test_resolve__stale_umip_example_under_post_547_order__rounds_to_zero():
    """`Rounding:-7, Scaling:-9` now rounds 0.75 (billions) to the nearest 10^7: 0."""
    assert resolve_metric("754321000", {"Rounding": "-7", "Scaling": "-9"}) == 0


def test_resolve__tutorial_fields_and_750m__are_not_the_proposed_0_75():
    """UMA's tutorial: Rounding -6, Scaling -6, "propose 0.75" for $750M. The rules give 1000000
    (millions of USD rounded to the nearest million), far off its Linear 0..1 bounds."""
    assert resolve_metric("750000000", {"Rounding": "-6", "Scaling": "-6"}) == 0
    assert resolve_metric("750000000", {"Scaling": "-6", "Rounding": "0"}) == 750


def test_resolve__smart_alpha_rounding_8__keeps_8_decimals():
    assert resolve_metric("0.396226415094", {"Rounding": "8"}) == D("0.39622642")


def test_resolve__unresolvable_without_unresolved__is_zero():
    assert resolve_metric(None, {"Rounding": "2"}) == 0


def test_resolve__unresolvable_with_unresolved__returns_it_unrounded():
    assert resolve_metric(None, {"Unresolved": "110.123", "Rounding": "0"}) == D("110.123")


def test_resolve__float_input__rejected():
    with pytest.raises(TypeError):
        resolve_metric(0.1, {})


def test_resolve__malformed_rounding__raises_naming_key():
    with pytest.raises(AncillaryFormatError) as info:
        resolve_metric("1", {"Rounding": "x"})
    assert info.value.key == "Rounding"


@given(
    st.integers(-(10**30), 10**30),
    st.integers(0, 12),
    st.integers(-12, 18),
)
def test_round_half_up__any_value__within_half_step_and_on_grid(units, places, rounding):
    value = scale_down(units, places)
    rounded = round_half_up(value, rounding)
    step = D(1).scaleb(-rounding)
    assert abs(rounded - value) <= step / 2
    assert (rounded / step) == (rounded / step).to_integral_value()


@given(st.integers(-(10**30), 10**30), st.integers(0, 12), st.integers(-12, 18))
def test_round_half_up__negation__is_symmetric(units, places, rounding):
    value = scale_down(units, places)
    assert round_half_up(-value, rounding) == -round_half_up(value, rounding)


@given(st.integers(-(10**20), 10**20), st.integers(1, 6))
def test_round_half_up__exact_tie__goes_away_from_zero(whole, rounding_digits):
    # value = whole + 0.5 * 10^-r is exactly halfway between two grid points
    step = D(1).scaleb(-rounding_digits)
    value = D(whole) + step / 2
    expected = D(whole) + (step if value >= 0 else 0)
    assert round_half_up(value, rounding_digits) == expected


# --- early expiration ignore value ---------------------------------------------------------------


def test_ignore_value__contract_units__is_int256_min():
    assert IGNORE_PRICE == IGNORE_CONTRACT == -(2**255)


def test_resolve_early_expiration__event_not_occurred__returns_ignore_value():
    value = resolve_early_expiration("5", {"Rounding": "0"}, event_occurred=False)
    assert value == IGNORE_HUMAN
    assert to_contract_units(value) == IGNORE_CONTRACT


def test_resolve_early_expiration__event_occurred__resolves_metric():
    assert resolve_early_expiration("1.26", {"Rounding": "1"}, event_occurred=True) == D("1.3")


# --- human ↔ contract units ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("human", "units"),
    [
        ("1", 10**18),
        ("0.75", 75 * 10**16),
        ("-0.000000000000000001", -1),
        ("19900000", 199 * 10**23),
    ],
)
def test_to_contract_units__known_values(human, units):
    assert to_contract_units(D(human)) == units
    assert from_contract_units(units) == D(human)


def test_to_contract_units__19_decimals__raises_precision_loss():
    with pytest.raises(ValueError, match="more than 18 decimals"):
        to_contract_units(D("0.0000000000000000001"))


@pytest.mark.parametrize("value", [2**255, -(2**255) - 1])
def test_to_contract_units__outside_int256__raises(value):
    with pytest.raises(ValueError, match="int256"):
        to_contract_units(scale_down(value, 18))


@pytest.mark.parametrize("value", ["NaN", "Infinity", "abc"])
def test_to_contract_units__not_finite__raises(value):
    with pytest.raises(ValueError):
        to_contract_units(value)


@given(S.int256)
def test_contract_units__round_trip__exact(units):
    assert to_contract_units(from_contract_units(units)) == units


@given(S.human_values)
def test_format_decimal__any_value__parses_back_to_same_number(value):
    assert D(format_decimal(value)) == value
    assert "E" not in format_decimal(value)

"""Differential tests for the MultiMetric payout library: on chain == Python twin to the wei over
random parameters (1 to 7 metrics, steps, weights, minimum, all-or-none) and random UMIP-183
answers (valid packings, special answers, stray bits, any int256); the on-chain decoder == the
Python codec. Twin-only properties (range, monotonicity, rounding bound) run with more examples.
"""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_dev.testing import isolated
from kpi_options.ancillary.multiple_values import (
    INT256_MAX,
    INT256_MIN,
    MAX_VALUE,
    AnswerKind,
    decode,
    pack,
)
from kpi_options.payouts.multi import MultiMetric

from .multi_strategies import answers, multi_metric, value_lists

WAD = 10**18


@given(data=st.data())
def test_on_chain__random_parameters_and_answers__equals_twin(
    data, multi_metric_library, pair_info_mock, launcher, chain
):
    library = multi_metric_library
    twin = data.draw(multi_metric(), label="twin")
    prices = data.draw(st.lists(answers(twin), min_size=1, max_size=10), label="answers")
    with isolated(chain):
        pair = pair_info_mock()
        library.setEncodedParameters(pair, twin.encode_parameters(), sender=launcher)
        stored = library.multiMetricParameters(pair)
        assert [tuple(m) for m in stored[0]] == [m.as_tuple() for m in twin.metrics]
        assert tuple(stored[1:]) == (
            twin.minimum_percentage,
            twin.unresolvable_percentage,
            twin.all_or_none,
        )
        for price in prices:
            on_chain = pair.percentageLongCollateralAtExpiry(library, price)
            assert on_chain == twin.percentage_long(price), price
            assert 0 <= on_chain <= WAD


@given(
    price=st.integers(INT256_MIN, INT256_MAX)
    | st.lists(st.integers(0, MAX_VALUE), min_size=1, max_size=7).map(pack),
    count=st.integers(1, 7),
)
def test_decode_values__on_chain__equals_codec(multi_metric_library, price, count):
    valid, values = multi_metric_library.decodeValues(price, count)
    decoded = decode(price, count)
    assert valid == (decoded.kind is AnswerKind.VALUES)
    assert tuple(values) == decoded.values


# ------------------------------------------------------------------ twin-only properties


def exact_share(twin: MultiMetric, values: list[int]) -> Fraction:
    """The share with exact rationals: no rounding anywhere except the whole-step count."""
    minimum = twin.minimum_percentage
    if twin.all_or_none and any(
        v < m.lower_bound for v, m in zip(values, twin.metrics, strict=True)
    ):
        return Fraction(minimum)
    total = Fraction(0)
    for v, m in zip(values, twin.metrics, strict=True):
        progress = Fraction(min(max(v, m.lower_bound), m.upper_bound) - m.lower_bound)
        progress /= m.upper_bound - m.lower_bound
        if m.steps:
            progress = Fraction(int(progress * m.steps), m.steps)
        total += m.weight * progress
    return minimum + total * (WAD - minimum) / WAD


@settings(max_examples=max(50, settings.default.max_examples * 8))
@given(data=st.data())
def test_twin__valid_values__floor_of_exact_share_within_count_wei(data):
    twin = data.draw(multi_metric(), label="twin")
    values = data.draw(value_lists(twin), label="values")
    share = twin.percentage_for_values(values)
    exact = exact_share(twin, values)
    assert 0 <= share <= WAD
    assert share <= exact
    assert exact - share < len(twin.metrics) + 1


@settings(max_examples=max(50, settings.default.max_examples * 8))
@given(data=st.data())
def test_twin__one_value_rises__share_never_falls(data):
    twin = data.draw(multi_metric(), label="twin")
    values = data.draw(value_lists(twin), label="values")
    index = data.draw(st.integers(0, len(values) - 1), label="index")
    higher = list(values)
    higher[index] = data.draw(st.integers(values[index], MAX_VALUE), label="higher")
    assert twin.percentage_for_values(higher) >= twin.percentage_for_values(values)


@settings(max_examples=max(50, settings.default.max_examples * 8))
@given(data=st.data())
def test_twin__answer_without_values__pays_unresolvable_percentage(data):
    twin = data.draw(multi_metric(), label="twin")
    price = data.draw(answers(twin), label="price")
    kind = decode(price, len(twin.metrics)).kind
    if kind is not AnswerKind.VALUES:
        assert twin.percentage_long(price) == twin.unresolvable_percentage
    else:
        assert twin.percentage_long(price) == twin.percentage_for_values(
            list(decode(price, len(twin.metrics)).values)
        )

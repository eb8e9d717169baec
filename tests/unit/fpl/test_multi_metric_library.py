"""MultiMetricLongShortPairFinancialProductLibrary: several KPIs answered in one UMIP-183
``MULTIPLE_VALUES`` price. Every path of the compute function and every setter revert.

Expected shares are worked out here by hand (exact fractions, floored where the interface says),
not taken from the twin; the twin is checked against the chain in tests/fuzz.
"""

import ape
import pytest
from eth_abi import encode

from kpi_options.ancillary.multiple_values import INT256_MAX, INT256_MIN, pack
from kpi_options.errors import PayoutParameterError
from kpi_options.payouts.multi import Metric, MultiMetric

E = 10**18
U32 = 2**32 - 1

# Three metrics in packing order: TVL in $ millions (100 -> 500), users in thousands (10 -> 50),
# volume in $ millions (0 -> 1000, four equal steps); weights 1/2, 3/10, 1/5.
TVL = (100, 500, E // 2, 0)
USERS = (10, 50, 3 * E // 10, 0)
VOLUME = (0, 1000, E // 5, 4)
THREE = [TVL, USERS, VOLUME]


@pytest.fixture
def configure(multi_metric_library, pair_info_mock, launcher):
    """Set parameters for a fresh pair stand-in; returns values -> share (and .pair)."""

    def _configure(metrics, minimum=0, unresolvable=0, all_or_none=False):
        pair = pair_info_mock()
        multi_metric_library.setLongShortPairParameters(
            pair, metrics, minimum, unresolvable, all_or_none, sender=launcher
        )

        def share(*values, price=None):
            return pair.percentageLongCollateralAtExpiry(
                multi_metric_library, pack(values) if price is None else price
            )

        share.pair = pair
        return share

    return _configure


def test_set_parameters__three_metrics__stored_emitted_and_read_back(
    multi_metric_library, configure, launcher
):
    share = configure(THREE, E // 10, E // 4, True)
    stored = multi_metric_library.multiMetricParameters(share.pair)
    assert [tuple(m) for m in stored[0]] == THREE
    assert tuple(stored[1:]) == (E // 10, E // 4, True)
    assert multi_metric_library.isParameterSet(share.pair)
    assert multi_metric_library.MAX_METRICS() == 7
    assert multi_metric_library.MAX_STEPS() == 1000


def test_set_parameters__typed_setter__emits_canonical_encoding(
    multi_metric_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    tx = multi_metric_library.setLongShortPairParameters(pair, THREE, 0, 0, False, sender=launcher)
    expected = encode(
        ["(uint256,uint256,uint256,uint256)[]", "uint256", "uint256", "bool"], [THREE, 0, 0, False]
    )
    assert tx.events == [
        multi_metric_library.ParametersSet(
            longShortPair=pair.address, setter=launcher.address, parameters=expected
        )
    ]
    assert MultiMetric.from_config({"metrics": THREE}).encode_parameters() == expected


def test_percentage__all_at_or_below_lower_bounds__pays_nothing(configure):
    share = configure(THREE)
    assert share(100, 10, 0) == 0
    assert share(0, 0, 0) == 0


def test_percentage__all_at_or_above_upper_bounds__pays_everything(configure):
    share = configure(THREE)
    assert share(500, 50, 1000) == E
    assert share(U32, U32, U32) == E


def test_percentage__between_bounds__weighted_linear_progress_floored_per_metric(configure):
    share = configure(THREE)
    # TVL 300: (300-100)/400 = 1/2 of 0.5 -> 0.25; users 20: 10/40 = 1/4 of 0.3 -> 0.075;
    # volume 0: nothing.
    assert share(300, 20, 0) == E // 4 + 3 * E // 40
    # users 11: 1/40 of 0.3e18 = 7.5e15 exactly; TVL 101: 0.5e18/400 = 1.25e15 exactly.
    assert share(101, 11, 0) == 1_250_000_000_000_000 + 7_500_000_000_000_000


def test_percentage__non_terminating_fraction__rounds_down(configure):
    share = configure([(0, 3, E, 0)])
    assert share(1) == E // 3  # 333...333, not ...334
    assert share(2) == 2 * E // 3  # 666...666


def test_percentage__stepped_metric__pays_whole_steps_only(configure):
    share = configure(THREE)
    # volume has 4 steps of 250: 249 -> 0 steps, 250 -> 1, 999 -> 3, 1000 -> all.
    assert share(0, 0, 249) == 0
    assert share(0, 0, 250) == E // 5 // 4
    assert share(0, 0, 500) == E // 10
    assert share(0, 0, 999) == 3 * E // 20
    assert share(0, 0, 1000) == E // 5


def test_percentage__one_step__pays_only_at_upper_bound(configure):
    share = configure([(0, 10, E, 1)])
    assert (share(9), share(10)) == (0, E)


def test_percentage__minimum_payout__floor_plus_scaled_progress(configure):
    share = configure(THREE, minimum=E // 10)
    assert share(0, 0, 0) == E // 10
    assert share(500, 50, 1000) == E
    # progress 0.25 + 0.075 = 0.325 -> 0.1 + 0.325 x 0.9 = 0.3925
    assert share(300, 20, 0) == 392_500_000_000_000_000


def test_percentage__minimum_payout__final_scaling_rounds_down(configure):
    share = configure([(0, 3, E, 0)], minimum=E // 3)
    # S = 333...333 (1e18/3 floored); S x (1e18 - 333...333) / 1e18 floored, plus the minimum.
    s = E // 3
    assert share(1) == E // 3 + s * (E - E // 3) // E


def test_percentage__all_or_none_one_metric_below_lower__pays_minimum_only(configure):
    share = configure(THREE, minimum=E // 10, all_or_none=True)
    assert share(500, 9, 1000) == E // 10  # users below 10: everything else is forfeited
    assert share(99, 50, 1000) == E // 10


def test_percentage__all_or_none_metric_at_lower_bound__others_still_count(configure):
    share = configure(THREE, all_or_none=True)
    assert share(500, 10, 1000) == E // 2 + E // 5


def test_percentage__all_or_none_off__metric_below_lower_contributes_nothing(configure):
    share = configure(THREE)
    assert share(500, 9, 1000) == E // 2 + E // 5


def test_percentage__zero_weight_gate__pays_nothing_itself_but_gates_all(configure):
    share = configure([(0, 100, E, 0), (5, 6, 0, 0)], all_or_none=True)
    assert share(100, 5) == E
    assert share(100, 4) == 0


@pytest.mark.parametrize(
    "price, why",
    [
        (INT256_MAX, "UMIP-183 unresolvable"),
        (INT256_MIN, "UMIP-183 too early"),
        (-1, "negative"),
        (1 << 96, "bit just above the third value"),
        (pack([1, 2, 3]) | (1 << 224), "bits 224-255"),
        (1 << 254, "top bit below the sign"),
    ],
)
def test_percentage__answer_without_values__pays_unresolvable_percentage(configure, price, why):
    share = configure(THREE, minimum=E // 10, unresolvable=E // 4)
    assert share(price=price) == E // 4, why


def test_percentage__seven_metrics__reads_every_position(configure):
    # metric i pays 1/7-ish weight only when its own value reaches 1; the UMIP-183 vector
    # [1, ..., 7] reaches every one.
    weights = [E // 7] * 6 + [E - 6 * (E // 7)]
    metrics = [(i, i + 1, w, 0) for i, w in enumerate(weights)]
    share = configure(metrics)
    vector = 43939712156475775172537355306597378876443456848946572296193
    assert share(price=vector) == E
    for i in range(7):
        values = [m[0] for m in metrics]
        values[i] += 1
        assert share(*values) == weights[i]


def test_decode_values__umip183_vector__values_one_to_seven(multi_metric_library):
    vector = 43939712156475775172537355306597378876443456848946572296193
    assert multi_metric_library.decodeValues(vector, 7) == (True, [1, 2, 3, 4, 5, 6, 7])
    assert multi_metric_library.decodeValues(vector, 6) == (False, [])
    assert multi_metric_library.decodeValues(INT256_MAX, 7) == (False, [])
    assert multi_metric_library.decodeValues(INT256_MIN, 1) == (False, [])
    assert multi_metric_library.decodeValues(pack([U32, 0, U32]), 3) == (True, [U32, 0, U32])


@pytest.mark.parametrize("count", [0, 8])
def test_decode_values__count_out_of_range__reverts(multi_metric_library, count):
    with ape.reverts(multi_metric_library.InvalidMetricCount, count=count, maxCount=7):
        multi_metric_library.decodeValues(0, count)


def test_percentage__parameters_not_set__reverts(multi_metric_library, pair_info_mock):
    pair = pair_info_mock()
    with ape.reverts(multi_metric_library.ParametersNotSet, longShortPair=pair.address):
        pair.percentageLongCollateralAtExpiry(multi_metric_library, 0)


# ------------------------------------------------------------------ setter reverts


@pytest.fixture
def set_for_new_pair(multi_metric_library, pair_info_mock, launcher):
    def _set(metrics, minimum=0, unresolvable=0, all_or_none=False):
        pair = pair_info_mock()
        return multi_metric_library.setLongShortPairParameters(
            pair, metrics, minimum, unresolvable, all_or_none, sender=launcher
        )

    return _set


@pytest.mark.parametrize("count", [0, 8])
def test_set_parameters__metric_count_out_of_range__reverts(
    multi_metric_library, set_for_new_pair, count
):
    metrics = [(0, 1, E if i == 0 else 0, 0) for i in range(count)]
    with ape.reverts(multi_metric_library.InvalidMetricCount, count=count, maxCount=7):
        set_for_new_pair(metrics)


def test_set_parameters__upper_bound_above_32_bits__reverts(multi_metric_library, set_for_new_pair):
    with ape.reverts(
        multi_metric_library.MetricBoundTooLarge, index=1, upperBound=2**32, maxValue=U32
    ):
        set_for_new_pair([(0, 1, E // 2, 0), (0, 2**32, E // 2, 0)])


@pytest.mark.parametrize("lower, upper", [(5, 5), (6, 5)])
def test_set_parameters__lower_not_below_upper__reverts(
    multi_metric_library, set_for_new_pair, lower, upper
):
    with ape.reverts(
        multi_metric_library.InvalidMetricBounds, index=0, lowerBound=lower, upperBound=upper
    ):
        set_for_new_pair([(lower, upper, E, 0)])


def test_set_parameters__too_many_steps__reverts(multi_metric_library, set_for_new_pair):
    with ape.reverts(multi_metric_library.TooManySteps, index=0, steps=1001, maxSteps=1000):
        set_for_new_pair([(0, 10, E, 1001)])


def test_set_parameters__weight_above_one__reverts(multi_metric_library, set_for_new_pair):
    with ape.reverts(multi_metric_library.WeightAboveOne, index=1, weight=E + 1):
        set_for_new_pair([(0, 1, 0, 0), (0, 1, E + 1, 0)])


@pytest.mark.parametrize("weights", [[E // 2, E // 2 - 1], [E // 2, E // 2 + 1], [0]])
def test_set_parameters__weights_not_summing_to_one__reverts(
    multi_metric_library, set_for_new_pair, weights
):
    with ape.reverts(multi_metric_library.WeightsDoNotSumToOne, sum=sum(weights)):
        set_for_new_pair([(0, 1, w, 0) for w in weights])


def test_set_parameters__minimum_above_one__reverts(multi_metric_library, set_for_new_pair):
    with ape.reverts(multi_metric_library.MinimumPercentageAboveOne, minimumPercentage=E + 1):
        set_for_new_pair(THREE, minimum=E + 1)


def test_set_parameters__unresolvable_above_one__reverts(multi_metric_library, set_for_new_pair):
    with ape.reverts(
        multi_metric_library.UnresolvablePercentageAboveOne, unresolvablePercentage=E + 1
    ):
        set_for_new_pair(THREE, unresolvable=E + 1)


def test_set_encoded_parameters__trailing_bytes__reverts_non_canonical(
    multi_metric_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    data = MultiMetric.from_config({"metrics": THREE}).encode_parameters() + b"\x00" * 32
    with ape.reverts(
        multi_metric_library.NonCanonicalParameters, longShortPair=pair.address, length=len(data)
    ):
        multi_metric_library.setEncodedParameters(pair, data, sender=launcher)


def test_set_parameters__twice_or_by_attacker__reverts(
    multi_metric_library, launcher, attacker, configure, pair_info_mock
):
    share = configure(THREE)
    with ape.reverts(multi_metric_library.ParametersAlreadySet, longShortPair=share.pair.address):
        multi_metric_library.setLongShortPairParameters(
            share.pair, THREE, 0, 0, False, sender=launcher
        )
    pair = pair_info_mock()
    with ape.reverts(multi_metric_library.UnauthorizedParameterSetter):
        multi_metric_library.setLongShortPairParameters(pair, THREE, 0, 0, False, sender=attacker)


# ------------------------------------------------------------------ the twin's validation


@pytest.mark.parametrize(
    "params, message, field",
    [
        ({"metrics": []}, "metrics must have 1 to 7", "metrics"),
        ({"metrics": [(0, 1, E, 0)] * 8}, "metrics must have 1 to 7", "metrics"),
        ({"metrics": [(0, 2**32, E, 0)]}, "metrics[0].upper_bound", "metrics[0].upper_bound"),
        ({"metrics": [(5, 5, E, 0)]}, "metrics[0].lower_bound", "metrics[0].lower_bound"),
        ({"metrics": [(0, 1, E, 1001)]}, "metrics[0].steps", "metrics[0].steps"),
        ({"metrics": [(0, 1, E + 1, 0)]}, "metrics[0].weight", "metrics[0].weight"),
        ({"metrics": [(0, 1, E - 1, 0)]}, "sum to 1e18", "metrics"),
        (
            {"metrics": [(0, 1, E, 0)], "minimum_percentage": E + 1},
            "minimum_percentage",
            "minimum_percentage",
        ),
        (
            {"metrics": [(0, 1, E, 0)], "unresolvable_percentage": E + 1},
            "unresolvable_percentage",
            "unresolvable_percentage",
        ),
        ({"metrics": [(0, 1, E, 0)], "all_or_none": 1}, "all_or_none", "all_or_none"),
        (
            {"metrics": [{"lower_bound": 0, "upper_bound": 1}]},
            "metrics[0]: missing",
            "metrics[0].weight",
        ),
        ({"metrics": [(0, 1, E, 0)], "floor": 1}, "unknown parameter", "floor"),
    ],
)
def test_twin__invalid_parameters__value_error_naming_field(params, message, field):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")) as info:
        MultiMetric.from_config(params)
    assert isinstance(info.value, PayoutParameterError) and info.value.field == field


def test_twin__unresolvable_not_given__defaults_to_minimum():
    twin = MultiMetric.from_config({"metrics": [Metric(0, 1, E)], "minimumPercentage": E // 5})
    assert twin.unresolvable_percentage == E // 5
    assert twin.percentage_long(INT256_MAX) == E // 5

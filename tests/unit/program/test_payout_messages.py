"""Payout-parameter errors speak the program file's field names and human units."""

import pytest

from kpi_options.program.messages import human_payout_message

LINEAR = ("upperBound", "lowerBound")


@pytest.mark.parametrize(
    "message, written, expected",
    [
        (
            "upper_bound (1000000000000000000) must be greater than lower_bound (2000000000000000000)",
            LINEAR,
            "upperBound: 1 must be greater than lowerBound: 2",
        ),
        (
            "floor_percentage (1200000000000000000) must be at most 1e18",
            ("upperBound", "lowerBound", "floorPercentage"),
            "floorPercentage: 1.2 must be at most 1 (100 %)",
        ),
        (
            "thresholds[1] (500000000000000000) must be greater than thresholds[0] (750000000000000000)",
            ("basePercentage", "thresholds", "payouts"),
            "thresholds[1]: 0.5 must be greater than thresholds[0]: 0.75",
        ),
        ("strike_price must not be 0", ("strikePrice",), "strikePrice must not be 0"),
        (
            "base_percentage (0) must be in [1, 1e18]",
            ("strikePrice", "basePercentage"),
            "basePercentage: 0 must be in [0.000000000000000001, 1 (100 %)]",
        ),
        (
            "upper_bound (1000000000000000000) must be greater than lower_bound (2000000000000000000)",
            ("upper_bound", "lower_bound"),
            "upper_bound: 1 must be greater than lower_bound: 2",
        ),
    ],
)
def test_human_payout_message__twin_message__user_names_and_units(message, written, expected):
    assert human_payout_message(message, written) == expected


def test_human_payout_message__field_not_written__camel_case_from_the_twin():
    message = "payouts has 2 entries but thresholds has 3"
    assert human_payout_message(message, ("thresholds",), fields=("payouts",)) == message
    message = "low_price_range must not be 0"
    assert human_payout_message(message, (), fields=("low_price_range",)) == (
        "lowPriceRange must not be 0"
    )

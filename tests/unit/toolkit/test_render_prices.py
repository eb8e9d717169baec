"""Prices as ``status`` and the keeper's log lines write them: a MULTIPLE_VALUES (UMIP-183) answer
decoded by label, its special answers by name, any other identifier as a 1e18-scaled number."""

import pytest

from kpi_options.ancillary.multiple_values import (
    TOO_EARLY,
    UNRESOLVABLE,
    build_ancillary,
    pack,
)
from kpi_options.chain.oracle import GENERAL_KPI, MULTIPLE_VALUES
from kpi_options.keeper.chainread import price_text
from kpi_options.keeper.resolve import IGNORE_PRICE
from kpi_options.render import request_price_text

LABELS = ("TVL (USD millions)", "Active users")
ANCILLARY = build_ancillary("KPIs", "TVL and users at expiry.", LABELS)
EARLY = ANCILLARY + b",earlyExpiration:1"  # the pair's stamp after the JSON


@pytest.mark.parametrize(
    ("price", "text"),
    [
        (pack([320, 12_345]), "TVL (USD millions)=320, Active users=12345"),
        (pack([0, 0]), "TVL (USD millions)=0, Active users=0"),
        (pack([2**32 - 1, 7]), "TVL (USD millions)=4294967295, Active users=7"),
        (UNRESOLVABLE, "unresolvable (type(int256).max)"),
        (TOO_EARLY, "ignore (type(int256).min)"),
        (pack([1, 2, 3]), f"{pack([1, 2, 3])} (not a valid packing of 2 value(s))"),
        (-1, "-1 (not a valid packing of 2 value(s))"),
        (None, "-"),
    ],
)
def test_request_price_text__multiple_values__decoded_by_label(price, text):
    assert request_price_text(price, MULTIPLE_VALUES, ANCILLARY) == text
    assert request_price_text(price, MULTIPLE_VALUES, EARLY) == text  # stamps after the JSON


def test_request_price_text__general_kpi__scaled_decimal_as_before():
    assert request_price_text(75 * 10**16, GENERAL_KPI, b"Metric:TVL") == "0.75"
    assert request_price_text(IGNORE_PRICE, GENERAL_KPI, b"") == "ignore (type(int256).min)"


def test_request_price_text__unreadable_labels__raw_integer_said_so():
    price = pack([5, 6])
    assert request_price_text(price, MULTIPLE_VALUES, b"not json") == (
        f"{price} (packed; labels unreadable)"
    )


def test_keeper_price_text__multiple_values_request__decoded_with_keeper_ignore_word():
    class Request:  # the two fields the keeper's price text reads from an OracleRequest
        identifier = MULTIPLE_VALUES
        ancillary = EARLY

    assert price_text(pack([320, 12_345]), Request) == "TVL (USD millions)=320, Active users=12345"
    assert price_text(TOO_EARLY, Request) == "the ignore price"
    assert price_text(5 * 10**17) == "0.5"

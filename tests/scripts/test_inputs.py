"""Command-line input parsing and the deployments file, without a chain."""

import json
from decimal import Decimal

import pytest
from eth_utils import to_checksum_address

from kpi_options import lifecycle as lc
from kpi_options.chain.deployments import Deployments, deployments_file
from kpi_options.chain.pair import IGNORE_PRICE
from kpi_options.errors import LifecycleError
from kpi_options.payouts import Milestones
from kpi_options.units import parse_amount, parse_metric, parse_price


@pytest.mark.parametrize(
    ("text", "decimals", "raw"),
    [
        ("1", 6, 10**6),
        ("0.000001", 6, 1),
        ("1_000.5", 18, 1000 * 10**18 + 5 * 10**17),
        ("1e3", 6, 10**9),
        # 30 significant digits: exact, not rounded to Decimal's default 28.
        ("12345678901.000000000000000001", 18, 12345678901 * 10**18 + 1),
    ],
)
def test_parse_amount__valid__is_exact(text, decimals, raw):
    assert parse_amount(text, decimals, "AMOUNT") == raw


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0.0000001", "more than 6 decimals"),
        ("x", "is not a number"),
        ("NaN", "not a finite number"),
        ("-2", "must be greater than 0"),
        ("0", "must be greater than 0"),
        ("1e80", "does not fit uint256"),
    ],
)
def test_parse_amount__invalid__names_the_parameter(text, fragment):
    with pytest.raises(LifecycleError) as info:
        parse_amount(text, 6, "AMOUNT")
    assert info.value.param == "AMOUNT"
    assert fragment in str(info.value)


def test_parse_price__human_value__scaled_by_1e18_exactly():
    assert parse_price("0.75", "PRICE") == 75 * 10**16
    assert parse_price("-1_500", "PRICE") == -1500 * 10**18
    with pytest.raises(LifecycleError) as info:
        parse_price("0.0000000000000000001", "PRICE")
    assert info.value.param == "PRICE"


def test_parse_metric__unresolved_and_numbers():
    assert parse_metric("unresolved") is None
    assert parse_metric("754_321_000") == Decimal(754321000)
    with pytest.raises(LifecycleError) as info:
        parse_metric("inf")
    assert info.value.param == "METRIC"


def test_price_argument__ignore__is_type_int256_min_and_early_only():
    assert lc.price_argument(None, True, True) == IGNORE_PRICE == -(2**255)
    with pytest.raises(LifecycleError):
        lc.price_argument(None, True, False)


def test_sample_metrics__milestones_in_millions__cover_every_threshold():
    payout = Milestones(0, (500 * 10**18, 1000 * 10**18, 1500 * 10**18), (1, 2, 3))
    values = lc.sample_metrics(payout, {"Scaling": "-6"})
    assert values == [
        None,
        0,
        500_000_000,
        750_000_000,
        1_000_000_000,
        1_250_000_000,
        1_500_000_000,
        2_000_000_000,
    ]


def test_deployments__round_trip_and_pair_lookup(tmp_path):
    d = Deployments.load(tmp_path, "local", 31337)
    assert d.path == deployments_file(tmp_path, "local", 31337) == tmp_path / "local-31337.json"
    address = "0x" + "ab" * 20
    d.pairs["tvl"] = {"address": address}
    d.libraries["Linear"] = "0x" + "cd" * 20
    d.save()
    again = Deployments.load(tmp_path, "local", 31337)
    assert again.resolve_pair("tvl") == address
    # An address comes back checksummed (the one address check; a wrong EIP-55 case is refused).
    assert again.resolve_pair(address) == to_checksum_address(address)
    assert again.library_name("0x" + "CD" * 20) == "Linear"
    assert again.pair_record(address.upper().replace("0X", "0x")) == ("tvl", {"address": address})
    with pytest.raises(LifecycleError) as info:
        again.resolve_pair("other")
    assert info.value.param == "PAIR" and "known: tvl" in str(info.value)
    with pytest.raises(LifecycleError) as info:
        again.require("creator")
    assert "run `ape run kpi deploy`" in str(info.value)


def test_deployments__file_for_another_chain__refused(tmp_path):
    path = deployments_file(tmp_path, "local", 31337)
    path.write_text(json.dumps({"chainId": 1}))
    with pytest.raises(LifecycleError) as info:
        Deployments.load(tmp_path, "local", 31337)
    assert "records chain id 1" in str(info.value)

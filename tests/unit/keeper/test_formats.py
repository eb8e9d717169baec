"""The Key path: generic JSON series and DefiLlama's protocol format."""

from decimal import Decimal

import pytest

from kpi_options.errors import MissingKey, UnknownForm
from kpi_options.keeper.formats import Point, SeriesKey, defillama_key, extract_series, parse_key
from tests.fixtures.metric_server import defillama_document

URL = "http://127.0.0.1:1/protocol/example"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("totalLiquidityUSD", defillama_key()),
        ("tvl[].totalLiquidityUSD", defillama_key()),
        ("chainTvls.Ethereum.tvl[].totalLiquidityUSD", defillama_key("Ethereum")),
        ("chainTvls.zkSync Era.tvl[].totalLiquidityUSD", defillama_key("zkSync Era")),
        ("data.points[t].metrics.users", SeriesKey(("data", "points"), "t", ("metrics", "users"))),
    ],
)
def test_parse_key__series_forms__read_and_written_back(text, expected):
    key = parse_key(text)
    assert key == expected
    assert parse_key(key.text) == key


@pytest.mark.parametrize("text", ["tvlUSD", "data.tvl", "tvl[].", "[].v", "a[b]c", " tvl[].v", ""])
def test_parse_key__not_a_series__unknown_form(text):
    with pytest.raises(UnknownForm) as info:
        parse_key(text)
    assert info.value.rule == "Key"


def test_extract_series__defillama_protocol__sorted_exact_points():
    doc = defillama_document([(200, Decimal("2.5")), (100, 1)])
    assert extract_series(doc, defillama_key(), url=URL) == [
        Point(100, Decimal(1)),
        Point(200, Decimal("2.5")),
    ]


def test_extract_series__defillama_chain__that_chains_series():
    doc = defillama_document([(100, 9)], chains={"Ethereum": [(100, 4)], "Polygon": [(100, 5)]})
    assert extract_series(doc, defillama_key("Polygon"), url=URL) == [Point(100, Decimal(5))]


def test_extract_series__missing_chain__names_chains_present():
    doc = defillama_document([(100, 9)], chains={"Ethereum": [(100, 4)]})
    with pytest.raises(MissingKey, match="chains present: Ethereum") as info:
        extract_series(doc, defillama_key("Arbitrum"), url=URL)
    assert info.value.url == URL and info.value.rule == "Key"


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"other": []}, "no 'tvl' under the top level"),
        ({"tvl": {"date": 1}}, "not a list"),
        ({"tvl": [{"totalLiquidityUSD": 1}]}, "no time key 'date'"),
        ({"tvl": [{"date": 1}]}, "no 'totalLiquidityUSD'"),
        ({"tvl": [{"date": 1, "totalLiquidityUSD": None}]}, "not a number"),
        ({"tvl": [{"date": 1, "totalLiquidityUSD": True}]}, "not a number"),
        ({"tvl": [{"date": 1, "totalLiquidityUSD": "lots"}]}, "not a number"),
        ({"tvl": [{"date": "yesterday", "totalLiquidityUSD": 1}]}, "not unix seconds"),
        (
            {"tvl": [{"date": 1, "totalLiquidityUSD": 1}, {"date": 1, "totalLiquidityUSD": 2}]},
            "ambiguous",
        ),
    ],
)
def test_extract_series__malformed__missing_key_naming_where(doc, message):
    with pytest.raises(MissingKey, match=message):
        extract_series(doc, defillama_key(), url=URL)


def test_extract_series__decimal_strings_and_duplicates__accepted():
    doc = {"d": {"s": [{"t": "100", "v": "1.25"}, {"t": 100, "v": "1.25"}, {"t": 50, "v": 3}]}}
    assert extract_series(doc, parse_key("d.s[t].v"), url=URL) == [
        Point(50, Decimal(3)),
        Point(100, Decimal("1.25")),
    ]

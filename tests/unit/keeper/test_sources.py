"""Fetching a source: JSON only, exact numbers, a deadline, a size limit, typed failures."""

from decimal import Decimal

import pytest

from kpi_options.errors import NotJson, SourceDown, SourceTimeout, SourceTooLarge
from kpi_options.keeper.sources import HttpSource, fetch_json
from tests.fixtures.metric_server import closed_port_url


def test_fetch_json__json_answer__floats_read_as_decimal(metric_server):
    url = metric_server.route("/ok", body=b'{"a": {"b": 0.1}, "n": 7}')
    assert fetch_json(url) == {"a": {"b": Decimal("0.1")}, "n": 7}


def test_fetch_json__nothing_listens__source_down_naming_url_and_rule():
    url = closed_port_url()
    with pytest.raises(SourceDown) as info:
        fetch_json(url, rule="Fallback", timeout=2)
    assert info.value.url == url and info.value.rule == "Fallback"
    assert url in str(info.value) and "Fallback" in str(info.value)


def test_fetch_json__http_500__source_down_with_status(metric_server):
    url = metric_server.route("/broken", {"error": "x"}, status=500)
    with pytest.raises(SourceDown, match="HTTP status 500"):
        fetch_json(url)


def test_fetch_json__slow_source__timeout(metric_server):
    url = metric_server.route("/slow", {"tvl": []}, delay=1.5)
    with pytest.raises(SourceTimeout) as info:
        HttpSource(timeout=0.3)(url, "Endpoint")
    assert info.value.url == url


def test_fetch_json__html_answer__not_json(metric_server):
    url = metric_server.route("/html", body=b"<html>rate limited</html>", content_type="text/html")
    with pytest.raises(NotJson, match="rate limited"):
        fetch_json(url)


def test_fetch_json__nan_constant__not_json(metric_server):
    url = metric_server.route("/nan", body=b'{"v": NaN}')
    with pytest.raises(NotJson):
        fetch_json(url)


def test_fetch_json__over_size_limit__too_large(metric_server):
    url = metric_server.route("/big", {"pad": "x" * 5000})
    with pytest.raises(SourceTooLarge, match="1000-byte"):
        fetch_json(url, max_bytes=1000)


def test_fetch_json__not_http__refused_without_fetching():
    with pytest.raises(SourceDown, match="scheme 'file'"):
        fetch_json("file:///etc/passwd")

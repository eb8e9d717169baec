"""Fetch a metric's source: HTTP(S) GET with a deadline and a size limit, JSON only.

Numbers are read exactly: JSON floats become :class:`~decimal.Decimal`, never ``float``. Every
failure is a typed :class:`~kpi_options.errors.ResolutionError` naming the URL and the
ancillary rule that pointed there (``Endpoint`` or ``Fallback``).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from kpi_options.errors import NotJson, SourceDown, SourceTimeout, SourceTooLarge

#: Seconds allowed for the whole answer (connect + headers + body).
DEFAULT_TIMEOUT = 15.0
#: Largest answer read, in bytes (DefiLlama's protocol answers run to several MB).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
_CHUNK = 64 * 1024
USER_AGENT = "kpi-options-keeper/1"

#: ``fetch(url, rule) -> JSON document``; the bot takes one so tests can inject faults.
Fetcher = Callable[[str, str], Any]


@dataclass(frozen=True)
class HttpSource:
    """An HTTP JSON fetcher with a total deadline (``timeout`` s) and a size limit (bytes)."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES

    def __call__(self, url: str, rule: str = "Endpoint") -> Any:
        return fetch_json(url, rule=rule, timeout=self.timeout, max_bytes=self.max_bytes)


def fetch_json(
    url: str,
    *,
    rule: str = "Endpoint",
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Any:
    """GET ``url`` and parse its body as JSON (floats as Decimal).

    Raises :class:`SourceDown` (refused, DNS, HTTP status >= 400), :class:`SourceTimeout` (the
    whole exchange took longer than ``timeout``), :class:`SourceTooLarge` (body over
    ``max_bytes``) or :class:`NotJson`.
    """
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise SourceDown(
            f"only http(s) sources are fetched, got scheme {scheme!r}", rule=rule, url=url
        )
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    body = bytearray()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SourceTimeout(
                        f"no complete answer within {timeout:g} s", rule=rule, url=url
                    )
                _set_read_timeout(response, left)
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise SourceTooLarge(
                        f"answer larger than the {max_bytes}-byte limit", rule=rule, url=url
                    )
    except urllib.error.HTTPError as exc:
        raise SourceDown(f"HTTP status {exc.code} {exc.reason}", rule=rule, url=url) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise SourceTimeout(f"no answer within {timeout:g} s", rule=rule, url=url) from exc
        raise SourceDown(f"unreachable: {exc.reason}", rule=rule, url=url) from exc
    except TimeoutError as exc:
        raise SourceTimeout(f"no complete answer within {timeout:g} s", rule=rule, url=url) from exc
    except (ConnectionError, OSError) as exc:
        raise SourceDown(f"connection failed: {exc}", rule=rule, url=url) from exc
    return parse_json(bytes(body), rule=rule, url=url)


def parse_json(body: bytes, *, rule: str, url: str) -> Any:
    """Decode UTF-8 JSON exactly (floats as Decimal); :class:`NotJson` naming the URL otherwise."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotJson(f"answer is not UTF-8 text: {exc}", rule=rule, url=url) from exc
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        preview = text[:60].replace("\n", " ")
        raise NotJson(
            f"answer is not JSON ({exc}); it starts {preview!r}", rule=rule, url=url
        ) from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _set_read_timeout(response: Any, seconds: float) -> None:
    """Bound the next read by what is left of the deadline (a slow trickle cannot stall us)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))

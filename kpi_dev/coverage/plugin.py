"""pytest plugin: Solidity line/branch coverage of the Python suite (``--sol-coverage``).

Registered in ``tests/conftest.py``; does nothing unless ``--sol-coverage`` is given. While the
tests run it wraps the ``make_request`` of the web3 provider ape is connected to and, right after
every ``eth_sendRawTransaction``/``eth_sendTransaction`` (and every ``eth_call`` unless
``--sol-coverage-no-calls``), replays it with ``debug_traceTransaction``/``debug_traceCall`` on the
same anvil, *before* any later ``evm_revert`` can drop it. At the end it prints a per-contract
table and writes ``build/coverage.json`` (and ``build/lcov.info``).
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from kpi_dev.coverage.tracer import Hits
from kpi_dev.lean_ape import may_change_code

_WORKER_OUTPUT_KEY = "kpi_sol_coverage"
_COMPILATION_KEY = "kpi_sol_coverage_compilation"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sol-coverage", "Solidity coverage (struct-log tracing on anvil)")
    group.addoption(
        "--sol-coverage",
        action="store_true",
        default=False,
        help="trace every transaction/call the tests send and report Solidity coverage",
    )
    group.addoption(
        "--sol-coverage-no-calls",
        action="store_true",
        default=False,
        help="trace transactions only, not eth_call (faster; views then count only when a tx runs them)",
    )
    group.addoption(
        "--sol-coverage-out",
        default="build",
        help="folder for coverage.json and lcov.info (default: build)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--sol-coverage", default=False):
        config.pluginmanager.register(SolidityCoverage(config), "kpi-sol-coverage")


class _RawRpc:
    """JSON-RPC straight to the node, bypassing web3 (and therefore our own wrapper), on one
    kept-alive ``http.client`` connection: a trace is megabytes read in one piece, and requests'
    per-request work (adapters, hooks, header objects) is a tenth of a small request's time."""

    def __init__(self, uri: str) -> None:
        parts = urlsplit(uri)
        self.uri = uri
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._path = parts.path or "/"
        self._connection: http.client.HTTPConnection | None = None
        self._id = 0

    def _post(self, body: bytes) -> bytes:
        for attempt in (1, 2):  # once more on a fresh connection if the kept one was closed
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self._host, self._port, timeout=600)
            try:
                self._connection.request(
                    "POST", self._path, body, {"Content-Type": "application/json"}
                )
                response = self._connection.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError):
                self._connection.close()
                self._connection = None
                if attempt == 2:
                    raise
                continue
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} from {self.uri}: {data[:200]!r}")
            return data
        raise AssertionError("unreachable")

    def __call__(self, method: str, params: list) -> Any:
        self._id += 1
        payload = {"jsonrpc": "2.0", "id": self._id, "method": method, "params": params}
        body = json.loads(self._post(json.dumps(payload).encode()))
        if "error" in body:
            raise RuntimeError(f"{method}: {body['error']}")
        return body.get("result")


class SolidityCoverage:
    """The registered plugin object (one per session)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.trace_calls = not config.getoption("--sol-coverage-no-calls")
        self.out_dir = Path(config.getoption("--sol-coverage-out"))
        self.tracer = None
        self.report = None
        self.error: str | None = None
        self._wrapped: Any = None
        self._busy = threading.local()
        self._started = time.perf_counter()
        self._worker_results: list[dict] = []
        self._compilation_file: Path | None = None
        # solc's coverage outputs, reused while every source and setting is the same
        self._solc_cache = self.out_dir / "coverage-solc"

    # -- hooking the provider ----------------------------------------------------------------

    def _ensure_hooked(self) -> None:
        if self.error:
            return
        try:
            from ape import chain, project

            provider = chain.provider
            w3provider = provider.web3.provider
        except Exception:  # noqa: BLE001 - not connected yet
            return
        if self._wrapped is w3provider:
            return
        if self.tracer is None:
            from kpi_dev.coverage.tracer import Tracer

            try:
                compilation = self._compilation(project)
            except Exception as err:  # noqa: BLE001 - report, do not fail the tests
                self.error = f"coverage compilation failed: {err}"
                return
            self.tracer = Tracer(compilation, _RawRpc(w3provider.endpoint_uri))
        else:
            self.tracer.rpc = _RawRpc(w3provider.endpoint_uri)
            self.tracer.forget_addresses()
        original = w3provider.make_request
        plugin = self

        def make_request(method: Any, params: Any) -> Any:
            response = original(method, params)
            plugin._after_request(str(method), params, response)
            return response

        w3provider.make_request = make_request
        # web3 caches the middleware chain with the bound method it saw first; rebuild it.
        if hasattr(w3provider, "_request_func_cache"):
            w3provider._request_func_cache = (None, None)
        self._wrapped = w3provider

    def _after_request(self, method: str, params: Any, response: Any) -> None:
        tracer = self.tracer
        if tracer is None or getattr(self._busy, "on", False):
            return
        if may_change_code(method):
            tracer.forget_addresses()
            return
        if not isinstance(response, dict) or "result" not in response:
            return
        self._busy.on = True
        try:
            if method in ("eth_sendRawTransaction", "eth_sendTransaction"):
                tracer.trace_transaction(response["result"])
            elif method == "eth_call" and self.trace_calls and params:
                params = list(params)
                tracer.trace_call(dict(params[0]), params[1] if len(params) > 1 else "latest")
        finally:
            self._busy.on = False

    # -- pytest hooks ------------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self._ensure_hooked()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        self._ensure_hooked()

    def _compilation(self, project: Any) -> Any:
        """The coverage compilation: compiled here, or (in an xdist worker) read from the file the
        controller wrote before starting the workers -- several processes resolving ape's
        dependencies at once race on ape's package folder."""
        from kpi_dev.coverage.artifacts import build_compilation, compile_ape_project

        if self._is_worker():
            path = self.config.workerinput.get(_COMPILATION_KEY)
        else:
            path = self._compilation_file
        if path:
            outputs = json.loads(Path(path).read_text())
            return build_compilation([tuple(o) for o in outputs], Path(project.path))
        return compile_ape_project(project, self._solc_cache)

    # -- pytest-xdist: workers trace their own anvil; the controller merges ----------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Controller: compile for coverage once, before xdist starts the workers."""
        if not self._is_controller():
            return
        from ape import project

        from kpi_dev.coverage.artifacts import ape_project_outputs

        try:
            outputs = ape_project_outputs(project, self._solc_cache)
        except Exception as err:  # noqa: BLE001 - report, do not fail the tests
            self.error = f"coverage compilation failed: {err}"
            return
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._compilation_file = (self.out_dir / "coverage-compilation.json").resolve()
        self._compilation_file.write_text(json.dumps(outputs))

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Controller: tell each worker where the compilation is."""
        if self._compilation_file is not None:
            node.workerinput[_COMPILATION_KEY] = str(self._compilation_file)

    def _is_worker(self) -> bool:
        return hasattr(self.config, "workerinput")

    def _is_controller(self) -> bool:
        return not self._is_worker() and bool(getattr(self.config.option, "numprocesses", None))

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        """Controller: keep what a finished worker traced (sent through xdist's workeroutput)."""
        raw = getattr(node, "workeroutput", {}).get(_WORKER_OUTPUT_KEY)
        if not raw:
            self.error = f"worker {getattr(node, 'gateway', node)} sent no coverage"
            return
        result = json.loads(raw)
        if result.get("error"):
            self.error = f"worker: {result['error']}"
        if "hits" in result:
            self._worker_results.append(result)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self._is_worker():
            raw: dict[str, Any] = {"error": self.error}
            if self.tracer is not None:
                raw |= {"hits": self.tracer.hits.to_json(), "stats": self.tracer.stats.to_json()}
            self.config.workeroutput[_WORKER_OUTPUT_KEY] = json.dumps(raw)
            return
        if self._is_controller():
            if not self._worker_results:
                return
            from ape import project

            try:
                compilation = self._compilation(project)
            except Exception as err:  # noqa: BLE001 - report, do not fail the tests
                self.error = f"coverage compilation failed: {err}"
                return
            hits = Hits()
            stats: dict[str, Any] = {}
            for result in self._worker_results:
                hits.merge(Hits.from_json(result["hits"]))
                for name, value in result["stats"].items():
                    stats[name] = stats.get(name, 0) + value
            stats["workers"] = len(self._worker_results)
        else:
            if self.tracer is None:
                return
            compilation, hits = self.tracer.compilation, self.tracer.hits
            stats = self.tracer.stats.to_json()
        self._write_report(compilation, hits, stats)

    def _write_report(self, compilation: Any, hits: Hits, stats: dict[str, Any]) -> None:
        from kpi_dev.coverage.report import build_report

        self.report = build_report(compilation, hits)
        # Tracing seconds are summed over workers: CPU time spent tracing, not wall time.
        stats["seconds"] = round(stats["seconds"], 3)
        stats["session_seconds"] = round(time.perf_counter() - self._started, 3)
        stats["traced_eth_call"] = self.trace_calls
        self.report.stats = stats
        self.out_dir.mkdir(parents=True, exist_ok=True)
        document = self.report.to_json()
        (self.out_dir / "coverage.json").write_text(json.dumps(document, indent=2) + "\n")
        (self.out_dir / "lcov.info").write_text(self.report.lcov())
        raw = {"hits": hits.to_json(), "stats": stats}
        (self.out_dir / "coverage-hits.json").write_text(json.dumps(raw) + "\n")

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self._is_worker():
            return
        terminalreporter.section("Solidity coverage")
        if self.error:
            terminalreporter.write_line(self.error)
            return
        if self.report is None:
            terminalreporter.write_line("no provider connection was seen: nothing traced")
            return
        terminalreporter.write_line(self.report.table())
        s = self.report.stats
        terminalreporter.write_line(
            f"traced {s['transactions']} transactions and {s['calls']} calls, {s['steps']} steps, "
            f"{s['seconds']:.1f}s tracing of {s['session_seconds']:.1f}s session; "
            f"{s['unattributed_frames']} of {s['frames']} frames ran code of no compiled contract; "
            f"{s['trace_failures']} trace failures"
        )
        terminalreporter.write_line(
            f"written: {os.path.join(str(self.out_dir), 'coverage.json')}, "
            f"{os.path.join(str(self.out_dir), 'lcov.info')}"
        )

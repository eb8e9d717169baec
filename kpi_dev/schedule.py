"""Cost-ordered scheduling of the suite on pytest-xdist workers (``--dist loadfile``).

xdist's own ``loadfile`` keeps a test file on one worker (so module fixtures deploy once) but
hands files out largest test *count* first. Our slowest files hold few tests (a stateful machine is
one test of minutes), so they started last and the run ended with one worker busy and the other
idle. This plugin replaces that order with recorded *cost*:

- ``tests/durations.json`` holds the seconds each test took (setup + call + teardown) in a full run.
  ``make test`` (``--record-durations``) records the run's figures in
  ``build/test-durations.json``; ``make durations`` copies them to ``tests/durations.json``
  (committed, so a fresh clone schedules well too).
- A work unit is a file, as in ``loadfile``, except that a test recorded at
  ``SPLIT_SECONDS`` or more is a unit of its own (it may run beside the rest of its file on the
  other worker, which costs one more deployment of that file's module fixtures and nothing else).
- Units go out longest first (the longest-processing-time rule). A test with no record counts
  ``UNKNOWN_SECONDS``.

Only the order and the grouping change: every collected test runs once, as before.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

SPLIT_SECONDS = 20.0
"""A test recorded at this many seconds or more is scheduled on its own."""
UNKNOWN_SECONDS = 0.5
"""The cost assumed for a test with no record (a new test)."""
RECORD = Path("tests") / "durations.json"
LAST_RUN = Path("build") / "test-durations.json"


def load_durations(root: Path) -> dict[str, float]:
    """The recorded seconds per test node id, or {} when there is no usable record."""
    try:
        data = json.loads((root / RECORD).read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def work_units(collection: list[str], durations: dict[str, float]) -> list[tuple[str, list[str]]]:
    """Group ``collection`` into (scope, node ids) units, ordered by recorded cost, longest first.

    Within a unit, tests keep their collection order. Ties keep the order of first appearance.
    """
    units: OrderedDict[str, list[str]] = OrderedDict()
    for nodeid in collection:
        seconds = durations.get(nodeid, UNKNOWN_SECONDS)
        scope = nodeid if seconds >= SPLIT_SECONDS else nodeid.split("::", 1)[0]
        units.setdefault(scope, []).append(nodeid)

    def cost(item: tuple[str, list[str]]) -> float:
        return sum(durations.get(n, UNKNOWN_SECONDS) for n in item[1])

    return sorted(units.items(), key=cost, reverse=True)


def _scheduler_class() -> type:
    from xdist.scheduler.loadfile import LoadFileScheduling

    class CostScheduling(LoadFileScheduling):
        """``loadfile`` with units split and ordered by recorded cost (module docstring)."""

        def __init__(self, config: pytest.Config, log: Any = None) -> None:
            super().__init__(config, log)
            self.durations = load_durations(Path(str(config.rootpath)))
            self._scopes: dict[str, str] = {}

        def _split_scope(self, nodeid: str) -> str:
            return self._scopes.get(nodeid) or nodeid.split("::", 1)[0]

        def schedule(self) -> None:
            # xdist's own schedule() with the work queue built by work_units().
            if self.collection is not None:  # initial distribution done: top up the workers
                for node in self.nodes:
                    self._reschedule(node)
                return
            if not self._check_nodes_have_same_collection():
                self.log("**Different tests collected, aborting run**")
                return
            self.collection = list(next(iter(self.registered_collections.values())))
            if not self.collection:
                return
            units = work_units(self.collection, self.durations)
            self._scopes = {nodeid: scope for scope, ids in units for nodeid in ids}
            for scope, ids in units:
                self.workqueue[scope] = dict.fromkeys(ids, False)
            for _ in range(len(self.nodes) - len(self.workqueue)):  # more workers than units
                unused, _assigned = self.assigned_work.popitem()
                unused.shutdown()
            for node in self.nodes:
                self._assign_work_unit(node)
            for node in self.nodes:
                self._reschedule(node)
            if not self.workqueue:
                for node in self.nodes:
                    node.shutdown()

    return CostScheduling


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") == "loadfile":
        return _scheduler_class()(config, log)
    return None


class DurationRecorder:
    """Sums setup, call and teardown seconds per test (on the controller, from every worker's
    reports) and writes them to ``build/test-durations.json`` at the end of a run without
    failures."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seconds: dict[str, float] = {}
        self.failed = False

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration
        self.failed = self.failed or report.failed

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.failed or not self.seconds:
            return
        path = self.root / LAST_RUN
        path.parent.mkdir(parents=True, exist_ok=True)
        ordered = {k: round(v, 2) for k, v in sorted(self.seconds.items())}
        path.write_text(json.dumps(ordered, indent=0) + "\n")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-durations",
        action="store_true",
        help="write each test's seconds to build/test-durations.json after a run without failures "
        "(make test does; `make durations` makes them the scheduling record)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--record-durations") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(
            DurationRecorder(Path(str(config.rootpath))), "kpi-duration-recorder"
        )

"""The suite's xdist scheduling (kpi_dev/schedule.py): grouping and order of work units."""

import json

from kpi_dev.schedule import SPLIT_SECONDS, UNKNOWN_SECONDS, load_durations, work_units

COLLECTION = [
    "tests/a.py::t1",
    "tests/a.py::t2",
    "tests/b.py::slow[x]",
    "tests/b.py::slow[y]",
    "tests/b.py::quick",
    "tests/c.py::new",
]


def test_work_units__recorded_costs__files_grouped_longest_first_slow_tests_alone():
    durations = {
        "tests/a.py::t1": 3.0,
        "tests/a.py::t2": 4.0,
        "tests/b.py::slow[x]": SPLIT_SECONDS + 5,
        "tests/b.py::slow[y]": SPLIT_SECONDS,
        "tests/b.py::quick": 1.0,
    }
    units = work_units(COLLECTION, durations)
    assert units == [
        ("tests/b.py::slow[x]", ["tests/b.py::slow[x]"]),
        ("tests/b.py::slow[y]", ["tests/b.py::slow[y]"]),
        ("tests/a.py", ["tests/a.py::t1", "tests/a.py::t2"]),
        ("tests/b.py", ["tests/b.py::quick"]),
        ("tests/c.py", ["tests/c.py::new"]),
    ]
    # Every collected test is scheduled exactly once.
    assert sorted(n for _, ids in units for n in ids) == sorted(COLLECTION)


def test_work_units__no_record__files_by_test_count_at_the_unknown_cost():
    # With nothing recorded every test costs the same, so the order is xdist's own (most tests
    # first) and ties keep the collection order.
    units = work_units(COLLECTION, {})
    assert [scope for scope, _ in units] == ["tests/b.py", "tests/a.py", "tests/c.py"]
    assert [len(ids) * UNKNOWN_SECONDS for _, ids in units] == [1.5, 1.0, 0.5]
    assert units[0][1] == ["tests/b.py::slow[x]", "tests/b.py::slow[y]", "tests/b.py::quick"]


def test_load_durations__missing_or_malformed_record__empty(tmp_path):
    assert load_durations(tmp_path) == {}
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "durations.json").write_text("[1, 2]")
    assert load_durations(tmp_path) == {}
    (tmp_path / "tests" / "durations.json").write_text("{not json")
    assert load_durations(tmp_path) == {}
    (tmp_path / "tests" / "durations.json").write_text(json.dumps({"tests/a.py::t": 2}))
    assert load_durations(tmp_path) == {"tests/a.py::t": 2.0}

"""tools/check_doc_refs.py: docs may only cite tests that exist; every invariant and threat cites one."""

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
_SPEC = importlib.util.spec_from_file_location(
    "check_doc_refs", ROOT / "tools" / "check_doc_refs.py"
)
check_doc_refs = importlib.util.module_from_spec(_SPEC)
sys.modules["check_doc_refs"] = check_doc_refs  # dataclasses look their module up
_SPEC.loader.exec_module(check_doc_refs)

TEST_FILE = '''
"""A test module."""
import pytest


def helper():
    pass


@pytest.mark.parametrize("x", [1, 2])
def test_alpha__case__outcome(x):
    """I-1."""
    assert x


async def test_async_one():
    assert True


class TestGroup:
    def test_inside(self):
        assert True

    def helper_method(self):
        pass


TestMachine = object
'''


@pytest.fixture
def repo(tmp_path):
    """A minimal repository: one test file, an empty docs folder, INVARIANTS.md defining one invariant."""
    (tmp_path / "tests" / "unit").mkdir(parents=True)
    (tmp_path / "tests" / "unit" / "test_sample.py").write_text(TEST_FILE)
    (tmp_path / "docs").mkdir()
    write(
        tmp_path,
        "INVARIANTS.md",
        "### I-1. One\nChecked by `tests/unit/test_sample.py::test_async_one`.\n",
    )
    return tmp_path


def write(root, name, text):
    (root / "docs" / name).write_text(textwrap.dedent(text))


def run(root, capsys):
    code = check_doc_refs.main(["--root", str(root)])
    out = capsys.readouterr().out
    return code, out


def test_check__every_reference_form_resolves__exit_zero(repo, capsys):
    write(
        repo,
        "SPEC.md",
        """
        - `tests/unit/test_sample.py::test_alpha__case__outcome[2]` (parametrised id ignored)
        - tests/unit/test_sample.py::test_async_one
        - `tests/unit/test_sample.py::TestGroup::test_inside` and `tests/unit/test_sample.py::TestGroup`
        - `tests/unit/test_sample.py::TestMachine::runTest`, file `tests/unit/test_sample.py`
        """,
    )
    code, out = run(repo, capsys)
    assert code == 0, out
    assert "6 test references in 2 documents resolve" in out


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("tests/unit/test_missing.py::test_x", "test file does not exist"),
        ("tests/unit/test_sample.py::test_absent", "no test 'test_absent' in the file"),
        ("tests/unit/test_sample.py::helper", "'helper' exists but is not a test"),
        ("tests/unit/test_sample.py::TestGroup::helper_method", "no test method 'helper_method'"),
        ("tests/unit/test_sample.py::TestAbsent::test_inside", "no test class 'TestAbsent'"),
        ("tests/unit/test_sample.py::TestMachine::test_other", "no test class 'TestMachine'"),
    ],
)
def test_check__bad_reference__reported_with_line_and_exit_one(repo, capsys, reference, message):
    write(repo, "SPEC.md", f"first line\nsee `{reference}` here\n")
    code, out = run(repo, capsys)
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(f"docs/SPEC.md:2: {reference}: {message}")


def test_check__bare_test_path_missing__reported(repo, capsys):
    write(repo, "SPEC.md", "see tests/unit/test_gone.py and tests/unit/test_sample.py\n")
    code, out = run(repo, capsys)
    assert code == 1
    assert out.splitlines() == ["docs/SPEC.md:1: tests/unit/test_gone.py: file does not exist"]


def test_check__invariant_and_threat_without_test__reported(repo, capsys):
    write(
        repo,
        "INVARIANTS.md",
        """
        ## I-1. Cited
        `tests/unit/test_sample.py::test_async_one`
        ## I-2. Uncited
        Only prose, and a placeholder for tests/stateful/.
        ## Notes
        `tests/unit/test_sample.py::test_async_one` (under another heading: does not count)
        """,
    )
    write(
        repo,
        "THREAT_MODEL.md",
        """
        ### T-1. Front-running
        Mitigation, no test.
        ### T-2. Dust
        `tests/unit/test_sample.py::TestGroup::test_inside`
        """,
    )
    code, out = run(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        "docs/INVARIANTS.md:4: I-2 cites no test",
        "docs/THREAT_MODEL.md:2: T-1 cites no test",
    ]


def test_check__duplicate_invariant_id__reported(repo, capsys):
    ref = "`tests/unit/test_sample.py::test_async_one`"
    write(repo, "INVARIANTS.md", f"## I-1. A\n{ref}\n## I-1. B\n{ref}\n")
    code, out = run(repo, capsys)
    assert code == 1
    assert out.splitlines() == ["docs/INVARIANTS.md:3: I-1 already defined on line 1"]


def test_check__unknown_invariant_in_docstring_or_natspec__reported(repo, capsys):
    (repo / "tests" / "unit" / "test_other.py").write_text(
        'def test_x():\n    """Checks I-7."""\n    assert "I-8 in a string is not a citation"\n'
    )
    (repo / "contracts").mkdir()
    (repo / "contracts" / "A.sol").write_text(
        "contract A {\n    /// @dev I-1 holds here.\n    /// @dev I-9 does not exist.\n}\n"
    )
    code, out = run(repo, capsys)
    assert code == 1
    assert out.splitlines() == [
        "tests/unit/test_other.py:2: I-7 is not defined in docs/INVARIANTS.md",
        "contracts/A.sol:3: I-9 is not defined in docs/INVARIANTS.md",
    ]


def test_check__this_repository__all_references_resolve(capsys):
    code, out = run(ROOT, capsys)
    assert code == 0, out

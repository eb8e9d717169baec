"""Program files are read exactly as written (YAML 1.2, strict); bad files end in one line."""

import os
from decimal import Decimal

import pytest

from kpi_options.errors import ProgramFileError
from kpi_options.program.load import load_program_text, loads_program_text


def _load(text, name="p.yaml", fmt="yaml"):
    return loads_program_text(text, name, fmt=fmt)


def _error(text, name="p.yaml", fmt="yaml"):
    with pytest.raises(ProgramFileError) as err:
        _load(text, name, fmt)
    assert "\n" not in str(err.value)
    return str(err.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bond: 0100", 100),  # decimal, not octal 64
        ("bond: 1_000", 1000),
        ("at: 12:30", "12:30"),  # not base-60 750
        ("at: 1:30:00", "1:30:00"),
        ("expiration: 2026-12-31T00:00:00Z", "2026-12-31T00:00:00Z"),  # dates stay text
        ("day: 2026-12-31", "2026-12-31"),
        ("symbol: NO", "NO"),  # not false (YAML 1.1's yes/no/on/off)
        ("flag: yes", "yes"),
        ("flag: true", True),
        ("share: 0.20", Decimal("0.20")),
        ("share: 1e-18", Decimal("1e-18")),
        ("x: .inf", ".inf"),  # left as text: the validator names the field
        ("x: ~", None),
        ("x: !!str 0100", "0100"),
    ],
)
def test_loads__yaml_scalar__read_as_written(text, expected):
    value = next(iter(_load(text).values()))
    assert value == expected and type(value) is type(expected)


def test_loads__duplicate_top_level_key__error_names_both_lines():
    message = _error("pairName: a\nbond: 1\nbond: 2\n")
    assert message == "p.yaml:3:1: key 'bond' is given twice (lines 2 and 3); keep one"


def test_loads__duplicate_key_inside_ancillary__error_names_both_lines():
    text = "pairName: a\nancillary:\n  Metric: TVL\n  Rounding: 2\n  Metric: users\n"
    assert _error(text) == "p.yaml:5:3: key 'Metric' is given twice (lines 3 and 5); keep one"


def test_loads__duplicate_key_in_json__error_names_position():
    message = _error('{"bond": 1,\n "bond": 2}', "p.json", "json")
    assert message == "p.json:2:2: key 'bond' is given twice (lines 1 and 2); keep one"


@pytest.mark.parametrize(
    "text, fmt, expected",
    [
        ("bond: 0x10\n", "yaml", "p:1:7: '0x10': write numbers in decimal (no 0x / 0o forms)"),
        ("bond: 0o10\n", "yaml", "p:1:7: '0o10': write numbers in decimal (no 0x / 0o forms)"),
        ("a: 1\n\tb: 2\n", "yaml", "p:2:1: not valid YAML: found character '\\t' that cannot"),
        ("a: [1, 2\n", "yaml", "p:2:1: not valid YAML: expected ',' or ']'"),
        ("a: b: c\n", "yaml", "p:1:5: not valid YAML: mapping values are not allowed here"),
        ('{"a": 1,}', "json", "p:1:9: not valid JSON: Expecting property name"),
        ('{"a": 1', "json", "p:1:8: not valid JSON: Expecting ',' delimiter"),
        ("a: !!python/object:os.system 1\n", "yaml", "p:1:4: tag tag:yaml.org,2002:python/"),
        ("", "yaml", "p:1:1: the file is empty"),
        ("# only a comment\n", "yaml", "p:1:1: the file is empty"),
        ("x: &a {p: 1}\ny:\n  <<: *a\n", "yaml", "p:3:3: merge keys (<<) are not allowed"),
    ],
)
def test_loads__malformed_text__one_line_file_line_column(text, fmt, expected):
    assert _error(text, "p", fmt).startswith(expected)


def test_load__binary_file__one_line_error_with_position(tmp_path):
    path = tmp_path / "prog.yaml"
    path.write_bytes(b"pairName: a\nbond: \xff\xfe\x00\x01")
    message = str(pytest.raises(ProgramFileError, load_program_text, path).value)
    assert message == f"{path}:2:7: not UTF-8 text (byte 0xff); is this a program file?"


def test_load__nul_bytes__one_line_error(tmp_path):
    path = tmp_path / "prog.yaml"
    path.write_bytes(b"a: 1\n\x00\x00")
    message = str(pytest.raises(ProgramFileError, load_program_text, path).value)
    assert message == f"{path}:2:1: binary data (a NUL byte); not a program file"


def test_load__missing_file__one_line_error(tmp_path):
    path = tmp_path / "absent.yaml"
    message = str(pytest.raises(ProgramFileError, load_program_text, path).value)
    assert message == f"{path}:1:1: cannot read the file: No such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_load__unreadable_file__one_line_error(tmp_path):
    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    try:
        message = str(pytest.raises(ProgramFileError, load_program_text, path).value)
    finally:
        path.chmod(0o600)
    assert message == f"{path}:1:1: cannot read the file: Permission denied"


def test_load__directory__one_line_error(tmp_path):
    message = str(pytest.raises(ProgramFileError, load_program_text, tmp_path).value)
    assert message == f"{tmp_path}:1:1: is a directory, not a program file"


def _pyyaml_exact(path):
    """The previous reader (PyYAML 1.1, floats as Decimal, timestamps as text), as a reference."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(
        "tag:yaml.org,2002:float",
        lambda loader, node: Decimal(loader.construct_scalar(node).replace("_", "")),
    )
    Loader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    return yaml.load(path.read_text(), Loader=Loader)  # noqa: S506


def test_load__shipped_programs__same_values_as_the_previous_reader():
    """The strict reader changes nothing in the programs we ship (they hold no 1.1 traps)."""
    from pathlib import Path

    paths = sorted(Path("programs").rglob("*.yaml"))
    assert len(paths) >= 5
    for path in paths:
        assert load_program_text(path) == _pyyaml_exact(path), path


def test_loads__folded_and_literal_text__as_yaml_defines():
    data = _load("a: >-\n  one\n  two\n\n  three\nb: |\n  x\n  y\n")
    assert data == {"a": "one two\nthree", "b": "x\ny\n"}

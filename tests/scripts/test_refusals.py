"""Every refusal a clear one: bad input ends in one message naming the argument, no traceback,
nothing sent (issue 14)."""

import json
from pathlib import Path

import pytest

from tests.fixtures.scripts import LINEAR_PROGRAM


def _refused(result, param, *fragments):
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert f"Invalid value for {param}" in result.output, result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


def _bad_checksum(address):
    """``address`` with the case of its first letter flipped: a wrong EIP-55 checksum."""
    i = next(i for i, ch in enumerate(address) if i > 1 and ch.isalpha())
    return address[:i] + address[i].swapcase() + address[i + 1 :]


def test_mint__pair_address_with_wrong_checksum__refused_naming_pair(
    kpi_cli, linear_launch, sponsor, nothing_sent
):
    bad = _bad_checksum(linear_launch.pair)
    with nothing_sent(sponsor):
        result = kpi_cli("mint", bad, "10", account=sponsor)
    _refused(result, "PAIR", f"{bad} has a bad EIP-55 checksum")


@pytest.mark.parametrize("amount", ["-5", "-0.5"])
def test_mint__negative_amount__refused_naming_amount(
    kpi_cli, linear_launch, sponsor, nothing_sent, amount
):
    with nothing_sent(sponsor):
        result = kpi_cli("mint", "linear", amount, account=sponsor)
    _refused(result, "AMOUNT", f"must be greater than 0, got {amount}")


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("{not json", ":1:2: not valid JSON: Expecting property name"),
        (
            "[1, 2]",
            "not a deployments record written by `ape run kpi deploy`: expected a JSON object",
        ),
        ('{"chainId": 31337, "pairs": {"x": "0x1"}}', "`pairs.x` must be an object"),
        ('{"chainId": 31337, "contracts": []}', "`contracts` must be an object, found list"),
    ],
)
def test_status__deployments_file_not_the_expected_json__refused_naming_deployments(
    kpi_cli, kpi_dir, content, fragment
):
    for record in kpi_dir.glob("*.json"):
        record.write_text(content)
    result = kpi_cli("status", "linear")
    _refused(result, "--deployments", fragment)


def test_deploy__record_names_pairs__refused_without_redeploy(
    kpi_cli, kpi_dir, linear_launch, deployer, nothing_sent
):
    record = next(kpi_dir.glob("*.json"))
    data = json.loads(record.read_text())
    # As after an anvil restart: the recorded creator has no code any more, the pairs are listed.
    data["contracts"]["creator"] = "0x000000000000000000000000000000000000dEaD"
    record.write_text(json.dumps(data))
    with nothing_sent(deployer):
        result = kpi_cli("deploy", account=deployer)
    _refused(result, "--redeploy", "records pairs (linear)", "Pass --redeploy")
    assert json.loads(record.read_text())["pairs"].keys() == {"linear"}


def _program(tmp_path, text, name="p.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def _linear_with(**replace):
    text = Path(LINEAR_PROGRAM).read_text()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_launch__payout_bounds_reversed__error_in_the_files_names_and_units(
    kpi_cli, tmp_path, launcher, nothing_sent
):
    text = Path(LINEAR_PROGRAM).read_text()
    lines = [
        ("    upperBound: 1" if ln.strip().startswith("upperBound:") else ln)
        for ln in text.splitlines()
    ]
    lines = [("    lowerBound: 2" if ln.strip().startswith("lowerBound:") else ln) for ln in lines]
    path = _program(tmp_path, "\n".join(lines) + "\n")
    with nothing_sent(launcher):
        result = kpi_cli("launch", path, "--dry-run", account=launcher)
    _refused(
        result,
        "PROGRAM_FILE",
        "payout.parameters.upperBound: upperBound: 1 must be greater than lowerBound: 2",
    )
    assert "upper_bound" not in result.output and "000000000000000000" not in result.output


def test_launch__key_given_twice__one_line_naming_both_lines(kpi_cli, tmp_path, launcher):
    text = Path(LINEAR_PROGRAM).read_text()
    bond_line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("bond:"))
    path = _program(tmp_path, text + "bond: 0100\n")
    last = len(text.splitlines()) + 1
    result = kpi_cli("launch", path, "--dry-run", account=launcher)
    _refused(
        result,
        "PROGRAM_FILE",
        f"{path}:{last}:1: key 'bond' is given twice (lines {bond_line} and {last}); keep one",
    )


def test_launch__time_like_liveness__stays_text_and_refused_naming_the_field(
    kpi_cli, tmp_path, launcher
):
    """``liveness: 12:30`` is not YAML 1.1's base-60 750: it stays the text written, which the
    validator refuses where whole seconds are due."""
    path = _program(tmp_path, _linear_with(**{"liveness: 7200": "liveness: 12:30"}))
    result = kpi_cli("launch", path, "--dry-run", account=launcher)
    _refused(result, "PROGRAM_FILE", "liveness: must be whole seconds, got '12:30'")
    assert "750" not in result.output


def test_launch__tab_indent__one_line_file_line_column(kpi_cli, tmp_path, launcher):
    path = _program(tmp_path, "pairName: x\nlongToken:\n\tname: y\n")
    result = kpi_cli("launch", path, "--dry-run", account=launcher)
    _refused(result, "PROGRAM_FILE", f"{path}:3:1: not valid YAML: found character '\\t'")


def test_launch__binary_file__one_line(kpi_cli, tmp_path, launcher):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = kpi_cli("launch", path, "--dry-run", account=launcher)
    _refused(result, "PROGRAM_FILE", f"{path}:1:1: not UTF-8 text (byte 0x89)")


def test_launch__malformed_json__one_line(kpi_cli, tmp_path, launcher):
    path = _program(tmp_path, '{"pairName": "x",\n  "bond": }\n', "p.json")
    result = kpi_cli("launch", path, "--dry-run", account=launcher)
    _refused(result, "PROGRAM_FILE", f"{path}:2:11: not valid JSON: Expecting value")


def test_launch_dry_run__totals_and_mint_collateral(kpi_cli, launcher):
    result = kpi_cli("launch", LINEAR_PROGRAM, "--dry-run", account=launcher)
    assert result.exit_code == 0, result.output
    assert "collateral: UMA (0x" in result.output
    assert "mint section: " in result.output and " UMA (rounded up" in result.output


def test_preview__program__names_the_collateral_token_and_totals(kpi_cli, launcher):
    result = kpi_cli("preview", LINEAR_PROGRAM, "754321000", account=launcher)
    assert result.exit_code == 0, result.output
    assert "UMA per whole long/short token" in result.output
    assert "collateral: UMA (0x" in result.output
    assert "mint section: " in result.output


def test_launch__on_an_anvil_ape_started__recording_says_the_chain_will_vanish(
    kpi_env, launcher, chain
):
    from kpi_options import lifecycle as lc

    warnings = []
    kpi_env.warn = warnings.append
    lc.launch(
        kpi_env,
        launcher,
        LINEAR_PROGRAM,
        name="brief",
        expiration=chain.pending_timestamp + 86_400 * 7,
    )
    (warning,) = warnings
    assert warning.startswith("this anvil was started by ape-foundry for this command")
    assert str(kpi_env.deployments.path) in warning

import json
import pytest

@pytest.fixture
def kpi_cli_raw(kpi_cli):
    def run(*a, **k):
        try:
            return kpi_cli(*a, **k)
        except Exception as e:
            class R: exit_code='EXC'; output=f'{type(e).__name__}: {str(e)[:300]}'
            return R
    return run

from pathlib import Path

def test_explore(kpi_cli_raw, linear_launch, sponsor, kpi_dir, tmp_path, launcher):
    addr = linear_launch.pair
    bad = addr[:2] + addr[2:].swapcase()[:1] + addr[3:]
    # flip case of a letter to break the checksum
    chars = list(addr)
    for i in range(2, len(chars)):
        if chars[i].isalpha():
            chars[i] = chars[i].swapcase(); break
    bad = "".join(chars)
    cases = [("mint", bad, "10"), ("mint", "linear", "-5"), ("mint", "linear", "--", "-5"), ("status", bad)]
    for c in cases:
        r = kpi_cli_raw(*c, account=sponsor)
        print("CASE", c, r.exit_code, r.output[-600:])
    bad_dir = tmp_path / "bad"; bad_dir.mkdir()
    for f in kpi_dir.iterdir():
        (bad_dir / f.name).write_text("{not json")
    r = kpi_cli_raw("status", "linear", deployments=bad_dir)
    print("CASE baddeploy", r.exit_code, r.output[-600:])
    for f in kpi_dir.iterdir():
        (bad_dir / f.name).write_text("[1, 2]")
    r = kpi_cli_raw("status", "linear", deployments=bad_dir)
    print("CASE baddeploy2", r.exit_code, r.output[-600:])
    prog = tmp_path / "p.yaml"
    src = Path("programs/demo/linear-tvl-dispute.yaml").read_text()
    prog.write_text(src.replace("upperBound:", "upperBound: 1\n    xx:").replace("lowerBound:", "lowerBound: 2 #"))
    r = kpi_cli_raw("launch", str(prog), "--dry-run", account=launcher)
    print("CASE payout", r.exit_code, r.output[-900:])
    r = kpi_cli_raw("preview", "programs/demo/linear-tvl-dispute.yaml", "1", account=launcher)
    print("CASE preview", r.exit_code, r.output[-900:])
    r = kpi_cli_raw("deploy", account=launcher)
    print("CASE deploy", r.exit_code, r.output[-900:])

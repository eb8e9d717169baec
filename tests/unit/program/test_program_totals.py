"""`preview` and `launch --dry-run` totals: the collateral token and what the mint section needs."""

from pathlib import Path

from kpi_options.program import load_and_validate
from kpi_options.program.preview import program_totals

NOW = 1_700_000_000


def test_program_totals__milestones_program__names_token_and_mint_collateral():
    program = load_and_validate("programs/tvl-milestones-event.yaml", now=NOW)
    lines = program_totals(program, "USDC")
    assert lines[0] == (
        "collateral: USDC (0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48), 6 decimals; "
        "10 USDC locked per long+short pair"
    )
    # mint.tokens 20000 pairs x 10 USDC per pair.
    assert lines[1] == (
        "mint section: 20000 pairs need 200000 USDC (rounded up, as the pair's create does)"
    )
    assert program.collateral_required == 200_000 * 10**6
    assert lines[-1].startswith("oracle: bond ")


def test_program_totals__recipients__distribution_total_and_remainder(tmp_path):
    text = (
        Path("programs/tvl-milestones-event.yaml")
        .read_text()
        .replace(
            "mint:\n  tokens: 20000\n",
            "mint:\n  tokens: 20000\n  recipients:\n"
            "    - {address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', amount: 1500.5}\n"
            "    - {address: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', amount: 499.5}\n",
        )
    )
    path = tmp_path / "p.yaml"
    path.write_text(text)
    lines = program_totals(load_and_validate(path, now=NOW), "USDC")
    assert lines[2] == (
        "distribution: 2000 long tokens to 2 recipients; 18000 long and all 20000 short tokens "
        "stay with the minter"
    )


def test_program_totals__no_symbol__address_only():
    program = load_and_validate("programs/tvl-milestones-event.yaml", now=NOW)
    assert program_totals(program, None)[0].startswith(
        "collateral: 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48, 6 decimals; 10 collateral"
    )

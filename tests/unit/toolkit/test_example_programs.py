"""The shipped example programs validate cleanly and preview the payouts their comments promise."""

from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from kpi_options import program as prog
from kpi_options.ancillary.multiple_values import parse_ancillary, unpack, validate_ancillary
from kpi_options.ancillary.rules import resolve_early_expiration, validate_general_kpi
from kpi_options.errors import ProgramError
from kpi_options.units import IGNORE_PRICE, to_contract_units

ROOT = Path(__file__).resolve().parents[3]
PROGRAMS = ROOT / "programs"
DEPLOYMENTS = PROGRAMS / "deployments.example.yaml"
NOW = 1_767_225_600  # 2026-01-01T00:00:00Z; every example expires later
E18 = 10**18

# Warnings each example is expected to carry (documented extra keys, early expiry).
EXPECTED_WARNINGS = {
    "keeper-tvl-resolution.yaml": [],
    "linear-tvl.yaml": [],
    "smart-alpha-bounded-log.yaml": [
        "ancillary.Pool",
        "ancillary.TVLPriceFeed",
        "ancillary.MaxTVL",
        "ancillary.MinTVL",
    ],
    "tvl-milestones-event.yaml": ["enableEarlyExpiration", "ancillary.EarlyExpiryRule"],
    "multi-kpi-tvl-users-volume.yaml": [],
}


def _load(name):
    return prog.load_and_validate(PROGRAMS / name, now=NOW, deployments_path=DEPLOYMENTS)


def test_examples__every_shipped_program__is_listed_here():
    assert sorted(p.name for p in PROGRAMS.glob("*.yaml") if p.name != DEPLOYMENTS.name) == sorted(
        EXPECTED_WARNINGS
    )


@pytest.mark.parametrize("name", sorted(EXPECTED_WARNINGS))
def test_example__validates__with_only_expected_warnings(name):
    p = _load(name)
    assert [w.path for w in p.warnings] == EXPECTED_WARNINGS[name]
    if p.metrics is None:
        assert validate_general_kpi(p.custom_ancillary_data).errors == []
    else:  # MULTIPLE_VALUES: UMIP-183 JSON
        assert validate_ancillary(p.custom_ancillary_data) == []
    assert p.expiration_timestamp > NOW


@pytest.mark.parametrize("name", sorted(EXPECTED_WARNINGS))
def test_example__already_expired__reports_expiration(name):
    with pytest.raises(ProgramError) as info:
        prog.load_and_validate(PROGRAMS / name, now=2_000_000_000, deployments_path=DEPLOYMENTS)
    assert info.value.paths == ["expiration"]


def _smart_alpha_reference(tvl: Decimal) -> Decimal:
    """price = ½·(1 − log_{Max/Min}((Max+Min)/T − 1)), T clamped to [Min, Max], at 50 digits."""
    lo, hi = Decimal(100_000), Decimal(19_900_000)
    t = min(hi, max(tvl, lo))
    with localcontext() as ctx:
        ctx.prec = 50
        if t == hi:
            return Decimal(1)
        return (1 - ((hi + lo) / t - 1).ln() / (hi / lo).ln()) / 2


@pytest.mark.parametrize(
    ("tvl", "blog"),
    [
        ("19900000", "1"),
        ("20000000", "1"),
        ("5000000", "0.4"),
        ("15000000", "0.6"),
        ("10000000", "0.5"),
    ],
)
def test_smart_alpha__blog_examples__match_formula_within_1e_6_and_blog_to_one_decimal(tvl, blog):
    p = _load("smart-alpha-bounded-log.yaml")
    (row,) = prog.payout_table(p, [tvl])
    expected = _smart_alpha_reference(Decimal(tvl))
    assert abs(row.long_per_token - expected) <= Decimal("1e-6")
    assert row.long_per_token.quantize(Decimal("0.1")) == Decimal(blog)
    assert row.long_per_token + row.short_per_token == 1


def test_smart_alpha__floor_and_symmetry():
    p = _load("smart-alpha-bounded-log.yaml")
    rows = prog.payout_table(p, ["100000", "50000", "5000000", "15000000"])
    assert rows[0].percentage_long == rows[1].percentage_long == 0
    assert abs(rows[2].percentage_long + rows[3].percentage_long - E18) <= 2


def test_linear_tvl__754m__pays_three_quarters_of_a_uma():
    p = _load("linear-tvl.yaml")
    (row,) = prog.payout_table(p, ["754321000"])
    assert row.resolved == Decimal("0.75")
    assert (row.long_per_token, row.short_per_token) == (Decimal("0.75"), Decimal("0.25"))
    assert row.long_total == 75_000


def test_milestones__steps_at_500m_1b_1_5b_in_usdc():
    p = _load("tvl-milestones-event.yaml")
    assert p.collateral_decimals == 6 and p.enable_early_expiration is True
    rows = prog.payout_table(p, ["499000000", "500000000", "999999999", "1000000000", "1500000000"])
    assert [r.long_per_token for r in rows] == [0, Decimal("2.5"), 5, 5, 10]
    assert [r.short_per_token for r in rows] == [10, Decimal("7.5"), 5, 5, 0]
    assert p.collateral_required == 200_000 * 10**6


def test_milestones__early_request_before_the_event__resolves_to_ignore_value():
    p = _load("tvl-milestones-event.yaml")
    value = resolve_early_expiration("900000000", p.ancillary.fields, event_occurred=False)
    assert to_contract_units(value) == IGNORE_PRICE


def test_multi_kpi__tvl_users_volume__weighted_share_in_usdc():
    p = _load("multi-kpi-tvl-users-volume.yaml")
    assert p.price_identifier_text == "MULTIPLE_VALUES" and p.payout_library == "MultiMetric"
    assert parse_ancillary(p.custom_ancillary_data).labels == (
        "TVL (USD millions)",
        "Active users",
        "Volume (USD millions)",
    )
    rows = prog.multi_payout_table(
        p,
        [
            ["320000000", "12345", "650000000"],
            None,
            ["99999999", "999", "0"],
            ["5e8", "2e4", "8e8"],
        ],
    )
    # the file's comment: 0.1 + 0.9 x (0.275 + 0.3 x 11345/19000 (floored) + 0.15)
    users = 3 * E18 // 10 * 11_345 // 19_000
    share = E18 // 10 + (275 * E18 // 1000 + users + 15 * E18 // 100) * 9 // 10
    assert rows[0].values == (320, 12_345, 650)
    assert unpack(rows[0].price, 3) == (320, 12_345, 650)
    assert rows[0].percentage_long == share == 643_718_421_052_631_578
    assert rows[0].long_per_token == Decimal(10**7 * share // E18) / 10**6  # 6.437184 USDC
    # unresolvable and everything at or below the lower bounds: the 10 % minimum; all met: 10 USDC
    assert [r.long_per_token for r in rows[1:]] == [1, 1, 10]
    assert [r.short_per_token for r in rows[1:]] == [9, 9, 0]
    assert p.collateral_required == 500_000 * 10**6

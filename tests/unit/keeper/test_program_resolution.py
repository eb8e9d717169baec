"""The program file's `resolution` section generates the ancillary fields the keeper reads back."""

from decimal import Decimal

import pytest

from kpi_options.ancillary import general_kpi as anc
from kpi_options.ancillary.rules import validate_general_kpi
from kpi_options.errors import ProgramError
from kpi_options.keeper.resolve import describe, recipe_from_ancillary
from kpi_options.keeper.rules import DAY, Goal, Increase, Interval, Twap
from kpi_options.program.resolution import GENERATED_FIELDS, merge_ancillary, resolution_fields

BASE = {"Metric": "TVL in billions of USD", "Method": "https://example.org/method.md"}


def section(**extra):
    spec = {
        "endpoint": "https://api.llama.fi/protocol/uma",
        "format": "defillama",
        "interval": "daily",
        "rawRounding": -7,
        "scaling": -9,
        "rounding": 2,
        "unresolved": Decimal("0.1"),
    }
    spec.update(extra)
    return {k: v for k, v in spec.items() if v is not None}


def test_resolution_fields__defillama__canonical_fields_in_order():
    fields = resolution_fields(section())
    assert fields == {
        "Endpoint": "https://api.llama.fi/protocol/uma",
        "Key": "tvl[].totalLiquidityUSD",
        "Interval": Interval.DAILY.text,
        "RawRounding": "-7",
        "Scaling": "-9",
        "Rounding": "2",
        "Unresolved": "0.1",
    }


def test_resolution_fields__every_form__keeper_reads_back_the_same_rules():
    spec = section(
        chain="Ethereum",
        interval="last",
        aggregation={"increase": 30 * DAY, "positive": True},
        fallback={
            "endpoint": "https://example.org/tvl",
            "format": "json",
            "series": "data",
            "time": "t",
            "value": "v",
        },
        earlyExpiryGoal={"atLeast": Decimal("0.5")},
    )
    generated = resolution_fields(spec)
    assert tuple(generated) == GENERATED_FIELDS
    fields = merge_ancillary(BASE, generated)
    recipe = recipe_from_ancillary(
        anc.AncillaryData(fields).with_stamps("0x" + "11" * 20, early_expiration=True).to_bytes()
    )
    assert recipe.key.defillama_chain == "Ethereum" and recipe.interval is Interval.LAST
    assert recipe.aggregation == Increase(30 * DAY, True)
    assert (
        recipe.fallback.endpoint == "https://example.org/tvl"
        and recipe.fallback_key.text == "data[t].v"
    )
    assert recipe.goal == Goal("at least", Decimal("0.5")) and recipe.early_expiration
    assert validate_general_kpi(fields).ok
    assert "aggregation: " + Increase(30 * DAY, True).text in describe(recipe)


def test_resolution_fields__json_twap__key_and_aggregation_text():
    fields = resolution_fields(
        section(
            format="json",
            series="result.points",
            value="users",
            time="ts",
            aggregation={"twap": 3600},
        )
    )
    assert fields["Key"] == "result.points[ts].users"
    assert fields["Aggregation"] == Twap(3600).text == "1-hour TWAP before the request timestamp."


@pytest.mark.parametrize(
    ("spec", "path"),
    [
        (section(endpoint=None), "resolution.endpoint"),
        (section(endpoint="ftp://x"), "resolution.endpoint"),
        (section(interval="monthly"), "resolution.interval"),
        (section(rounding=None), "resolution.rounding"),
        (section(rounding=Decimal("1.5")), "resolution.rounding"),
        (section(format="csv"), "resolution.format"),
        (section(series="data"), "resolution.series"),
        (section(aggregation={"twap": 0}), "resolution.aggregation.twap"),
        (section(aggregation={"twap": 60, "average": 60}), "resolution.aggregation"),
        (section(aggregation={"median": 60}), "resolution.aggregation.median"),
        (section(earlyExpiryGoal={"reaches": 5}), "resolution.earlyExpiryGoal"),
        (section(bogus=1), "resolution.bogus"),
    ],
)
def test_resolution_fields__bad_section__error_names_path(spec, path):
    with pytest.raises(ProgramError) as info:
        resolution_fields(spec)
    assert path in info.value.paths


def test_resolution_fields__several_problems__all_listed():
    with pytest.raises(ProgramError) as info:
        resolution_fields(section(interval=None, rounding=None, endpoint=None))
    assert set(info.value.paths) >= {
        "resolution.interval",
        "resolution.rounding",
        "resolution.endpoint",
    }


def test_merge_ancillary__same_field_differs__error_names_ancillary_field():
    generated = resolution_fields(section())
    with pytest.raises(ProgramError) as info:
        merge_ancillary(BASE | {"Rounding": "0"}, generated)
    assert info.value.paths[0] == "ancillary.Rounding"
    assert merge_ancillary(BASE | {"Rounding": "2"}, generated)["Rounding"] == "2"


def test_example_program__resolution_section__fields_generated_and_read_back():
    from pathlib import Path

    from kpi_options import program as prog

    root = Path(__file__).resolve().parents[3] / "programs"
    program = prog.load_and_validate(
        root / "keeper-tvl-resolution.yaml",
        now=1_767_225_600,
        deployments_path=root / "deployments.example.yaml",
    )
    fields = program.ancillary.fields
    assert list(fields)[:2] == ["Metric", "Method"]
    assert fields["Key"] == "chainTvls.Ethereum.tvl[].totalLiquidityUSD"
    assert fields["Aggregation"] == "1-week TWAP before the request timestamp."
    recipe = recipe_from_ancillary(program.custom_ancillary_data)
    assert recipe.aggregation == Twap(7 * DAY) and recipe.interval is Interval.DAILY
    assert recipe.fallback_key.text == "data.points[t].tvlUsd"

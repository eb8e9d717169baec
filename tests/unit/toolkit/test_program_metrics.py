"""The program file's ``metrics`` list for MULTIPLE_VALUES programs: checks with field paths, the
integer rule of each value, the UMIP-183 ancillary data it produces, and the payout twin."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kpi_options import program as prog
from kpi_options.ancillary.multiple_values import (
    MAX_VALUE,
    MultipleValuesError,
    parse_ancillary,
    unpack,
    validate_ancillary,
)
from kpi_options.errors import ProgramError
from kpi_options.program.metrics import metrics_program

E = 10**18

METRICS = [
    {
        "label": "TVL (USD millions)",
        "unit": "USD millions",
        "lowerBound": 100,
        "upperBound": 500,
        "weight": Decimal("0.5"),
        "scaling": -6,
        "resolution": {
            "endpoint": "https://api.llama.fi/protocol/example",
            "format": "defillama",
            "interval": "daily",
        },
    },
    {
        "label": "Active users",
        "unit": "users",
        "lowerBound": 1000,
        "upperBound": 20000,
        "weight": Decimal("0.3"),
        "rounding": "half-up",
    },
    {
        "label": "Volume (USD millions)",
        "unit": "USD millions",
        "lowerBound": 0,
        "upperBound": 800,
        "weight": Decimal("0.2"),
        "steps": 4,
        "scaling": -6,
    },
]
PAYOUT = {"minimumPercentage": Decimal("0.1"), "allOrNone": False}
ANCILLARY = {"title": "Protocol KPIs Q4 2026", "description": "Three goals, one option."}


def test_metrics_program__three_metrics__twin_labels_and_ancillary():
    program, problems = metrics_program(METRICS, PAYOUT, ANCILLARY)
    assert problems == []
    assert program.labels == ("TVL (USD millions)", "Active users", "Volume (USD millions)")
    twin = program.payout
    assert [m.as_tuple() for m in twin.metrics] == [
        (100, 500, E // 2, 0),
        (1000, 20000, 3 * E // 10, 0),
        (0, 800, E // 5, 4),
    ]
    assert twin.minimum_percentage == E // 10
    assert twin.unresolvable_percentage == E // 10  # default: the minimum payout
    data = program.ancillary_data(early_expiration=True)
    assert validate_ancillary(data, early_expiration=True) == []
    request = parse_ancillary(data)
    assert request.labels == program.labels
    assert request.description.startswith("Three goals, one option.\nValues in label order:")
    assert "Value 0 (TVL (USD millions)): in USD millions, the raw metric x 10^-6 rounded down" in (
        request.description
    )
    assert '"Endpoint":"https://api.llama.fi/protocol/example"' in request.description
    assert '"Key":"tvl[].totalLiquidityUSD"' in request.description


def test_values__raw_metrics__scaled_rounded_and_packed():
    program, _ = metrics_program(METRICS, PAYOUT, ANCILLARY)
    raw = ["320999999.99", "12344.5", Decimal("650400000")]
    assert program.values(raw) == [320, 12345, 650]
    assert unpack(program.answer(raw), 3) == (320, 12345, 650)


@pytest.mark.parametrize("raw, why", [("-1", "negative"), (str((MAX_VALUE + 1) * 10**6), "above")])
def test_values__outside_32_bits__error_says_unresolvable(raw, why):
    program, _ = metrics_program(METRICS, PAYOUT, ANCILLARY)
    with pytest.raises(MultipleValuesError, match="unresolvable") as raised:
        program.values([raw, "1", "1"])
    assert raised.value.key == "TVL (USD millions)", why


def test_values__wrong_count__error_lists_labels():
    program, _ = metrics_program(METRICS, PAYOUT, ANCILLARY)
    with pytest.raises(MultipleValuesError, match="Active users"):
        program.values(["1"])


def _paths(metrics=METRICS, payout=PAYOUT, ancillary=ANCILLARY):
    program, problems = metrics_program(metrics, payout, ancillary)
    assert program is None
    return [path for path, _ in problems]


def test_metrics_program__every_problem__listed_with_its_path():
    bad = [
        {**METRICS[0], "lowerBound": 600},
        {**METRICS[1], "label": "TVL (USD millions)", "rounding": "nearest"},
        {**METRICS[2], "steps": 1001, "upperBound": 2**32, "color": "red"},
    ]
    assert _paths(bad) == [
        "metrics[0].upperBound",
        "metrics[1].label",
        "metrics[1].rounding",
        "metrics[2].color",
        "metrics[2].upperBound",
        "metrics[2].steps",
    ]


def test_metrics_program__weights_not_summing_to_one__reported():
    bad = [METRICS[0], {**METRICS[1], "weight": Decimal("0.31")}, METRICS[2]]
    program, problems = metrics_program(bad, PAYOUT, ANCILLARY)
    assert program is None
    assert problems == [("metrics", "weights must sum to 1, got 1.010000000000000000")]


def test_metrics_program__missing_fields_and_too_many__reported():
    assert _paths([{"label": "x"}]) == [
        "metrics[0].unit",
        "metrics[0].lowerBound",
        "metrics[0].upperBound",
        "metrics[0].weight",
    ]
    eight = [{**METRICS[0], "label": f"m{i}", "weight": Decimal("0.125")} for i in range(8)]
    assert _paths(eight) == ["metrics"]
    assert _paths([]) == ["metrics"]


def test_metrics_program__bad_payout_and_ancillary__reported():
    assert _paths(
        payout={"minimumPercentage": Decimal("1.5"), "allOrNone": "yes", "floor": 1},
        ancillary={"title": "", "description": "d", "labels": ["x"]},
    ) == [
        "payout.parameters.floor",
        "payout.parameters.minimumPercentage",
        "payout.parameters.allOrNone",
        "ancillary.labels",
        "ancillary.title",
    ]


def test_metrics_program__description_over_budget__reported_on_ancillary():
    program, problems = metrics_program(METRICS, PAYOUT, {"title": "t", "description": "x" * 8200})
    assert program is None
    assert problems[0][0] == "ancillary" and "8192" in problems[0][1]


def test_metrics_program__unresolvable_and_all_or_none__passed_to_twin():
    program, _ = metrics_program(
        METRICS,
        {"minimumPercentage": 0, "unresolvablePercentage": Decimal("0.25"), "allOrNone": True},
        ANCILLARY,
    )
    assert program.payout.unresolvable_percentage == E // 4
    assert program.payout.all_or_none
    assert json.loads(program.ancillary_data())["labels"] == list(program.labels)


# ------------------------------------------------------------------ the whole program file

EXAMPLE = Path(__file__).resolve().parents[3] / "programs" / "multi-kpi-tvl-users-volume.yaml"
DEPLOYMENTS = EXAMPLE.parent / "deployments.example.yaml"
NOW = 1_767_225_600


def _validate(**changes):
    data = prog.load_program_file(EXAMPLE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return prog.validate_program(data, now=NOW, deployments=prog.load_deployments(DEPLOYMENTS))


def test_validate_program__example__metrics_twin_and_umip183_ancillary():
    p = _validate()
    assert p.metrics is not None and p.ancillary is None
    assert p.payout == p.metrics.payout
    assert p.payout_parameters_encoded() == p.payout.encode_parameters()
    assert p.creator_params("0x" + "22" * 20).custom_ancillary_data == p.custom_ancillary_data
    assert parse_ancillary(p.custom_ancillary_data).labels == p.metrics.labels
    assert p.warnings == ()


def test_validate_program__multi_metric_without_metrics__reports_metrics():
    with pytest.raises(ProgramError) as info:
        _validate(metrics=None)
    assert info.value.paths == ["metrics"]


def test_validate_program__multi_metric_on_general_kpi__reports_identifier():
    with pytest.raises(ProgramError) as info:
        _validate(priceIdentifier="General_KPI")
    assert "priceIdentifier" in info.value.paths


def test_validate_program__metrics_with_another_library__reports_metrics():
    data = prog.load_program_file(EXAMPLE)
    data["payout"] = {"library": "Linear", "parameters": {"lowerBound": 0, "upperBound": 1}}
    with pytest.raises(ProgramError) as info:
        prog.validate_program(data, now=NOW, deployments=prog.load_deployments(DEPLOYMENTS))
    assert "metrics" in info.value.paths


def test_validate_program__bad_metric_and_parameter__every_path_listed():
    data = prog.load_program_file(EXAMPLE)
    data["metrics"][1]["upperBound"] = 2**32
    data["payout"]["parameters"]["minimumPercentage"] = Decimal("1.01")
    with pytest.raises(ProgramError) as info:
        prog.validate_program(data, now=NOW, deployments=prog.load_deployments(DEPLOYMENTS))
    assert info.value.paths == ["metrics[1].upperBound", "payout.parameters.minimumPercentage"]


def test_sample_rows__bounds_back_in_raw_units__preview_min_half_and_full():
    p = _validate()
    rows = prog.multi_payout_table(p, p.metrics.sample_rows())
    assert rows[0].values is None
    assert [r.values for r in rows[1:]] == [(100, 1000, 0), (300, 10500, 400), (500, 20000, 800)]
    assert [r.percentage_long for r in rows] == [
        E // 10,
        E // 10,
        E // 10 + (E // 4 + 3 * E // 20 + E // 10) * 9 // 10,
        E,
    ]


def test_metrics_program__recipe_problems__reported_under_the_metric():
    bad = [
        {**METRICS[0], "resolution": {"endpoint": "ftp://x", "format": "defillama"}},
        {**METRICS[1], "resolution": {"endpoint": "https://x.org/u.json", "rounding": 2}},
        METRICS[2],
    ]
    paths = _paths(bad)
    assert "metrics[0].resolution.endpoint" in paths
    assert "metrics[0].resolution.interval" in paths
    assert paths[-1] == "metrics[1].resolution.rounding"

"""Valid sample parameters for every payout library (contract units), shared by the fpl tests."""

from kpi_options.payouts import LIBRARIES, PayoutLibrary, payout_library

E = 10**18

SAMPLE_PARAMETERS: dict[str, dict] = {
    "Linear": {"upper_bound": 2000 * E, "lower_bound": 1000 * E},
    "FlooredLinear": {"upper_bound": 2000 * E, "lower_bound": 1000 * E, "floor_percentage": E // 2},
    "BinaryOption": {"strike_price": 3000 * E},
    "CoveredCall": {"strike_price": 400 * E},
    "CappedYieldDollar": {"low_price_range": 10 * E},
    "RangeBond": {"high_price_range": 50 * E, "low_price_range": 10 * E},
    "SimpleSuccessToken": {"strike_price": 400 * E},
    "SuccessToken": {"strike_price": 400 * E, "base_percentage": E // 2},
    "Milestones": {
        "base_percentage": 0,
        "thresholds": [500_000_000 * E, 1_000_000_000 * E, 1_500_000_000 * E],
        "payouts": [E // 3, 2 * E // 3, E],
    },
    "PiecewiseLinear": {"prices": [0, 1000 * E, 3000 * E], "percentages": [E // 10, E // 2, E]},
    "BoundedLog": {"min_price": 100_000 * E, "max_price": 19_900_000 * E},
    "MultiMetric": {
        "metrics": [(100, 500, E // 2, 0), (1_000, 20_000, 3 * E // 10, 0), (0, 800, E // 5, 4)],
        "minimum_percentage": E // 10,
        "unresolvable_percentage": E // 4,
        "all_or_none": False,
    },
}
assert set(SAMPLE_PARAMETERS) == set(LIBRARIES)

# Prices that exercise every branch of the samples above (and the int256 extremes).
PROBE_PRICES = [
    -(2**255),
    -1,
    0,
    1,
    9 * E,
    20 * E,
    300 * E,
    500 * E,
    1500 * E,
    2100 * E,
    3000 * E,
    5_000_000 * E,
    1_200_000_000 * E,
    2**255 - 1,
    # UMIP-183 packings of three values (MultiMetric: TVL 320, users 12,345, volume 650 / 0 / max)
    320 | 12_345 << 32 | 650 << 64,
    2**96 - 1,
]


def sample(name: str) -> PayoutLibrary:
    """The twin holding ``name``'s sample parameters."""
    return payout_library(name, SAMPLE_PARAMETERS[name])

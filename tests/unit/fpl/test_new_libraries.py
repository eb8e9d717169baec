"""The payout libraries UMA lacks: Milestones, PiecewiseLinear, BoundedLog (SMART Alpha).

Expected values come from the product material (seed 003 milestones, the SMART Alpha blog and
formula) evaluated independently here (exact fractions, high-precision decimal logarithms).
"""

from decimal import Decimal, localcontext
from fractions import Fraction
from math import floor

import ape
import pytest

E = 10**18
INT256_MAX = 2**255 - 1
INT256_MIN = -(2**255)
MILLION = 10**6


@pytest.fixture
def configure(pair_info_mock, launcher):
    """Deploy a pair stand-in, set ``args`` on ``library`` for it, and return a price -> share function."""

    def _configure(library, *args):
        pair = pair_info_mock()
        library.setLongShortPairParameters(pair, *args, sender=launcher)

        def share(price):
            return pair.percentageLongCollateralAtExpiry(library, price)

        share.pair = pair
        return share

    return _configure


# ------------------------------------------------------------------ Milestones

SEED_003_THRESHOLDS = [500 * MILLION * E, 1000 * MILLION * E, 1500 * MILLION * E]
THIRDS = [E // 3, 2 * E // 3, E]


def test_milestones__seed_003_staggered_tvl__pays_each_step(milestones_library, configure):
    share = configure(milestones_library, 0, SEED_003_THRESHOLDS, THIRDS)
    assert share(INT256_MIN) == 0
    assert share(0) == 0
    assert share(500 * MILLION * E - 1) == 0
    assert share(500 * MILLION * E) == E // 3
    assert share(999 * MILLION * E) == E // 3
    assert share(1000 * MILLION * E) == 2 * E // 3
    assert share(1500 * MILLION * E - 1) == 2 * E // 3
    assert share(1500 * MILLION * E) == E
    assert share(INT256_MAX) == E


def test_milestones__stated_base__paid_below_first_threshold(milestones_library, configure):
    share = configure(milestones_library, E // 10, [0, 100], [E // 2, E])
    assert (share(-1), share(0), share(99), share(100)) == (E // 10, E // 2, E // 2, E)


def test_milestones__set_and_fetch(milestones_library, configure):
    share = configure(milestones_library, E // 10, SEED_003_THRESHOLDS, THIRDS)
    assert milestones_library.milestones(share.pair) == (E // 10, SEED_003_THRESHOLDS, THIRDS)
    assert milestones_library.MAX_MILESTONES() == 16


def test_milestones__sixteen_steps__accepted_and_each_reached(milestones_library, configure):
    thresholds = [i * 10 for i in range(16)]
    payouts = [(i + 1) * E // 16 for i in range(16)]
    share = configure(milestones_library, 0, thresholds, payouts)
    for threshold, payout in zip(thresholds, payouts, strict=True):
        assert share(threshold) == payout
        assert share(threshold + 9) == payout


@pytest.mark.parametrize("count", [0, 17])
def test_milestones__count_out_of_range__reverts(
    milestones_library, pair_info_mock, launcher, count
):
    pair = pair_info_mock()
    with ape.reverts(milestones_library.InvalidMilestoneCount, count=count, maxCount=16):
        milestones_library.setLongShortPairParameters(
            pair, 0, list(range(count)), [E] * count, sender=launcher
        )


def test_milestones__length_mismatch__reverts(milestones_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(milestones_library.LengthMismatch, thresholdCount=2, payoutCount=1):
        milestones_library.setLongShortPairParameters(pair, 0, [1, 2], [E], sender=launcher)


def test_milestones__base_above_one__reverts(milestones_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(milestones_library.BasePercentageAboveOne, basePercentage=E + 1):
        milestones_library.setLongShortPairParameters(pair, E + 1, [1], [E], sender=launcher)


@pytest.mark.parametrize("second", [5, 4])
def test_milestones__thresholds_not_increasing__reverts(
    milestones_library, pair_info_mock, launcher, second
):
    pair = pair_info_mock()
    with ape.reverts(
        milestones_library.ThresholdsNotIncreasing, index=1, previousThreshold=5, threshold=second
    ):
        milestones_library.setLongShortPairParameters(pair, 0, [5, second], [1, 2], sender=launcher)


def test_milestones__payout_above_one__reverts(milestones_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(milestones_library.PayoutAboveOne, index=1, payout=E + 1):
        milestones_library.setLongShortPairParameters(pair, 0, [1, 2], [E, E + 1], sender=launcher)


def test_milestones__payouts_decreasing__reverts(milestones_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(
        milestones_library.PayoutsDecreasing, index=1, previousPayout=E, payout=E // 2
    ):
        milestones_library.setLongShortPairParameters(pair, 0, [1, 2], [E, E // 2], sender=launcher)


def test_milestones__base_above_first_payout__reverts(milestones_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(
        milestones_library.PayoutsDecreasing, index=0, previousPayout=E // 2, payout=E // 4
    ):
        milestones_library.setLongShortPairParameters(pair, E // 2, [1], [E // 4], sender=launcher)


# ------------------------------------------------------------------ PiecewiseLinear


def exact_interpolation(points, price) -> int:
    """floor of the piecewise-linear value, with exact fractions."""
    xs, ys = zip(*points, strict=True)
    if price <= xs[0]:
        return ys[0]
    if price >= xs[-1]:
        return ys[-1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 < price <= x1:
            return floor(y0 + Fraction(y1 - y0) * (price - x0) / (x1 - x0))
    raise AssertionError("unreachable")


def test_piecewise_linear__two_points__equal_uma_linear(
    piecewise_linear_library, linear_library, configure
):
    curve = configure(piecewise_linear_library, [1000 * E, 2000 * E], [0, E])
    linear = configure(linear_library, 2000 * E, 1000 * E)
    for price in (
        INT256_MIN,
        0,
        1000 * E,
        1000 * E + 1,
        1333 * E,
        1500 * E,
        1999 * E + 7,
        INT256_MAX,
    ):
        assert curve(price) == linear(price)
    assert curve(1333 * E) == 333_000_000_000_000_000


def test_piecewise_linear__floored_and_capped_shape__floor_of_exact_value(
    piecewise_linear_library, configure
):
    points = [(1000 * E, 3 * E // 10), (2000 * E, 9 * E // 10)]
    share = configure(piecewise_linear_library, *map(list, zip(*points, strict=True)))
    assert share(0) == 3 * E // 10
    assert share(5000 * E) == 9 * E // 10
    for price in (1000 * E + 1, 1333 * E, 1777 * E + 3):
        assert share(price) == exact_interpolation(points, price)


def test_piecewise_linear__falling_segment__rounds_down(piecewise_linear_library, configure):
    points = [(0, E), (3, 0)]
    share = configure(piecewise_linear_library, [0, 3], [E, 0])
    # exact values 2/3 and 1/3 of 1e18, rounded down
    assert share(1) == 666_666_666_666_666_666 == exact_interpolation(points, 1)
    assert share(2) == 333_333_333_333_333_333 == exact_interpolation(points, 2)


def test_piecewise_linear__step_and_many_points(piecewise_linear_library, configure):
    points = [(0, 0), (1, E // 4), (10, E // 4), (11, E), (20, E // 2), (21, E // 2)]
    share = configure(piecewise_linear_library, *map(list, zip(*points, strict=True)))
    for price in range(-2, 24):
        assert share(price) == exact_interpolation(points, price)


def test_piecewise_linear__set_and_fetch(piecewise_linear_library, configure):
    share = configure(piecewise_linear_library, [-5, 7], [E, 0])
    assert piecewise_linear_library.curve(share.pair) == ([-5, 7], [E, 0])
    assert (piecewise_linear_library.MIN_POINTS(), piecewise_linear_library.MAX_POINTS()) == (2, 16)


@pytest.mark.parametrize("count", [0, 1, 17])
def test_piecewise_linear__point_count_out_of_range__reverts(
    piecewise_linear_library, pair_info_mock, launcher, count
):
    pair = pair_info_mock()
    with ape.reverts(
        piecewise_linear_library.InvalidPointCount, count=count, minCount=2, maxCount=16
    ):
        piecewise_linear_library.setLongShortPairParameters(
            pair, list(range(count)), [0] * count, sender=launcher
        )


def test_piecewise_linear__length_mismatch__reverts(
    piecewise_linear_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    with ape.reverts(piecewise_linear_library.LengthMismatch, priceCount=2, percentageCount=3):
        piecewise_linear_library.setLongShortPairParameters(
            pair, [1, 2], [0, 0, 0], sender=launcher
        )


def test_piecewise_linear__prices_not_increasing__reverts(
    piecewise_linear_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    with ape.reverts(
        piecewise_linear_library.PricesNotIncreasing, index=2, previousPrice=9, price=9
    ):
        piecewise_linear_library.setLongShortPairParameters(
            pair, [1, 9, 9], [0, 0, 0], sender=launcher
        )


def test_piecewise_linear__percentage_above_one__reverts(
    piecewise_linear_library, pair_info_mock, launcher
):
    pair = pair_info_mock()
    with ape.reverts(piecewise_linear_library.PercentageAboveOne, index=0, percentage=E + 1):
        piecewise_linear_library.setLongShortPairParameters(
            pair, [1, 2], [E + 1, 0], sender=launcher
        )


# ------------------------------------------------------------------ BoundedLog (SMART Alpha)

SMART_ALPHA_MIN = 100_000
SMART_ALPHA_MAX = 19_900_000
TOLERANCE = 10**12  # 1e-6 in 1e18 units


def smart_alpha_formula(tvl, low=SMART_ALPHA_MIN, high=SMART_ALPHA_MAX) -> Decimal:
    """½(1 − log_{Max/Min}((Max+Min)/T − 1)), T clamped to [Min, Max], at 60 significant digits."""
    with localcontext() as ctx:
        ctx.prec = 60
        low, high = Decimal(low), Decimal(high)
        bounded = min(high, max(Decimal(tvl), low))
        ratio = (high + low) / bounded - 1
        return (1 - ratio.ln() / (high / low).ln()) / 2


@pytest.fixture
def smart_alpha(bounded_log_library, configure):
    return configure(bounded_log_library, SMART_ALPHA_MIN * E, SMART_ALPHA_MAX * E)


@pytest.mark.parametrize(
    ("tvl", "blog_value"),
    [
        (19_900_000, Decimal(1)),  # $10M TVL with score 2 (20M, bounded to 19.9M)
        (20_000_000, Decimal(1)),
        (5_000_000, Decimal("0.39623")),  # $10M with score 0.5
        (15_000_000, Decimal("0.60377")),  # $15M with score 1
        (10_000_000, Decimal("0.5")),
    ],
)
def test_bounded_log__smart_alpha_examples__within_1e_6_of_formula(smart_alpha, tvl, blog_value):
    on_chain = smart_alpha(tvl * E)
    exact = smart_alpha_formula(tvl) * E
    assert abs(Decimal(on_chain) - exact) <= TOLERANCE
    assert abs(Decimal(on_chain) / E - blog_value) < Decimal("0.000005")


def test_bounded_log__endpoints_and_centre__exact(smart_alpha):
    assert smart_alpha(SMART_ALPHA_MAX * E) == E
    assert smart_alpha(SMART_ALPHA_MIN * E) == 0
    assert smart_alpha(10_000_000 * E) == E // 2
    assert smart_alpha(INT256_MAX) == E
    assert smart_alpha(INT256_MIN) == 0
    assert smart_alpha(0) == 0


def test_bounded_log__sweep__within_1e_6_of_formula(smart_alpha):
    worst = 0
    for step in range(41):
        tvl = Fraction(SMART_ALPHA_MIN) + Fraction(SMART_ALPHA_MAX - SMART_ALPHA_MIN) * step / 40
        price = floor(tvl * E)
        exact = smart_alpha_formula(Decimal(price) / E) * E
        worst = max(worst, abs(Decimal(smart_alpha(price)) - exact))
    assert worst <= TOLERANCE


def test_bounded_log__set_and_fetch(bounded_log_library, smart_alpha):
    assert bounded_log_library.longShortPairParameters(smart_alpha.pair) == (
        SMART_ALPHA_MIN * E,
        SMART_ALPHA_MAX * E,
    )


def test_bounded_log__zero_min__reverts(bounded_log_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(bounded_log_library.MinPriceZero):
        bounded_log_library.setLongShortPairParameters(pair, 0, E, sender=launcher)


def test_bounded_log__max_above_uint128__reverts(bounded_log_library, pair_info_mock, launcher):
    pair = pair_info_mock()
    with ape.reverts(bounded_log_library.MaxPriceTooLarge, maxPrice=2**128, limit=2**128 - 1):
        bounded_log_library.setLongShortPairParameters(pair, 1, 2**128, sender=launcher)


@pytest.mark.parametrize(
    ("low", "high"),
    [(E, E), (2 * E, E), (10**12 * E, 10**12 * E + 10**6 * E - 1)],
)
def test_bounded_log__range_too_narrow__reverts(
    bounded_log_library, pair_info_mock, launcher, low, high
):
    pair = pair_info_mock()
    with ape.reverts(bounded_log_library.PriceRangeTooNarrow, minPrice=low, maxPrice=high):
        bounded_log_library.setLongShortPairParameters(pair, low, high, sender=launcher)


@pytest.mark.parametrize(("low", "high"), [(10**12 * E, 10**12 * E + 10**6 * E), (1, 2)])
def test_bounded_log__narrowest_allowed_range__accepted_and_monotone(
    bounded_log_library, configure, low, high
):
    share = configure(bounded_log_library, low, high)
    values = [share(low + (high - low) * k // 8) for k in range(9)]
    assert values[0] == 0
    assert values[-1] == E
    assert values == sorted(values)

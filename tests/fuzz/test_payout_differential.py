"""Differential tests: every payout library on chain equals its Python twin to the wei, over
random valid parameters and prices across the whole int256 range; plus the output range,
monotonicity and immutability properties on chain, and Solady's lnWad against its twin.

Each library is deployed once (session fixture); each example sets parameters for a fresh pair
stand-in inside ``isolated(chain)`` and reads prices with cheap ``eth_call``s made from the pair.
"""

import ape
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_dev.testing import isolated
from kpi_options.payouts import LIBRARIES, WAD, ln_wad

from .strategies import TWINS, assert_monotone, prices_for

NAMES = sorted(LIBRARIES)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_on_chain__random_parameters_and_prices__equals_twin(
    name, data, payout_libraries, pair_info_mock, launcher, chain
):
    """Invariants: I-5, I-18, I-19 (docs/INVARIANTS.md)."""
    library = payout_libraries[name]
    twin = data.draw(TWINS[name], label="twin")
    price_list = data.draw(st.lists(prices_for(twin), min_size=1, max_size=12), label="prices")
    with isolated(chain):
        pair = pair_info_mock()
        library.setEncodedParameters(pair, twin.encode_parameters(), sender=launcher)
        outputs = []
        for price in sorted(price_list):
            on_chain = pair.percentageLongCollateralAtExpiry(library, price)
            assert on_chain == twin.percentage_long(price), price
            assert 0 <= on_chain <= WAD
            outputs.append(on_chain)
    assert_monotone(twin, sorted(price_list), outputs)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=max(3, settings.default.max_examples // 5))
@given(data=st.data())
def test_on_chain__parameters_set__immutable_for_launcher_and_creator(
    name, data, payout_libraries, pair_info_mock, launcher, chain
):
    """Invariants: I-7 (docs/INVARIANTS.md)."""
    library = payout_libraries[name]
    first = data.draw(TWINS[name], label="first")
    second = data.draw(TWINS[name], label="second")
    probe = data.draw(st.lists(prices_for(first), min_size=1, max_size=6), label="prices")
    with isolated(chain):
        creator = pair_info_mock()
        pair = pair_info_mock(launcher=launcher, creator=creator.address)
        library.setLongShortPairParameters(pair, *first.setter_args(), sender=launcher)
        before = [pair.percentageLongCollateralAtExpiry(library, p) for p in probe]

        with ape.reverts(library.ParametersAlreadySet, longShortPair=pair.address):
            library.setLongShortPairParameters(pair, *second.setter_args(), sender=launcher)
        with ape.reverts(library.ParametersAlreadySet, longShortPair=pair.address):
            creator.setEncodedParametersOn(
                library, pair, second.encode_parameters(), sender=launcher
            )

        assert [pair.percentageLongCollateralAtExpiry(library, p) for p in probe] == before
        assert before == [first.percentage_long(p) for p in probe]


@given(
    xs=st.lists(
        st.integers(1, 2**255 - 1) | st.integers(1, 10**40) | st.integers(1, 2**20),
        min_size=1,
        max_size=20,
    )
)
def test_ln_wad__on_chain__equals_twin(ln_wad_harness, xs):
    """Invariants: I-18 (docs/INVARIANTS.md)."""
    for x in xs:
        assert ln_wad_harness.lnWad(x) == ln_wad(x), x

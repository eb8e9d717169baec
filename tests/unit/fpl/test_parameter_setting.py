"""The launch-safety rule shared by every payout library (PayoutLibraryBase), for each library.

Setting is allowed only for a real pair (code + non-zero expiry), only by its launcher or creator,
only once; typed and encoded setters share one path; compute keys on the calling pair.
"""

import ape
import pytest
from ape.utils import ZERO_ADDRESS
from eth_abi import encode

from kpi_options.payouts import LIBRARIES

from .samples import PROBE_PRICES, sample

NAMES = sorted(LIBRARIES)


@pytest.fixture(params=NAMES)
def name(request):
    return request.param


@pytest.fixture
def fpl(name, payout_libraries):
    return payout_libraries[name]


@pytest.fixture
def twin(name):
    return sample(name)


def test_set_parameters__by_launcher__stores_emits_and_computes_like_twin(
    fpl, twin, pair_info_mock, launcher
):
    """Invariants: I-18 (docs/INVARIANTS.md)."""
    pair = pair_info_mock()
    assert not fpl.isParameterSet(pair)

    tx = fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)

    assert fpl.isParameterSet(pair)
    assert tx.events == [
        fpl.ParametersSet(
            longShortPair=pair.address, setter=launcher.address, parameters=twin.encode_parameters()
        )
    ]
    for price in PROBE_PRICES:
        assert pair.percentageLongCollateralAtExpiry(fpl, price) == twin.percentage_long(price)


def test_set_encoded_parameters__by_launcher__same_state_as_typed_setter(
    fpl, twin, pair_info_mock, launcher
):
    typed_pair, encoded_pair = pair_info_mock(), pair_info_mock()

    fpl.setLongShortPairParameters(typed_pair, *twin.setter_args(), sender=launcher)
    tx = fpl.setEncodedParameters(encoded_pair, twin.encode_parameters(), sender=launcher)

    assert tx.events == [
        fpl.ParametersSet(
            longShortPair=encoded_pair.address,
            setter=launcher.address,
            parameters=twin.encode_parameters(),
        )
    ]
    for price in PROBE_PRICES:
        assert encoded_pair.percentageLongCollateralAtExpiry(
            fpl, price
        ) == typed_pair.percentageLongCollateralAtExpiry(fpl, price)


def test_set_encoded_parameters__by_creator_contract__succeeds(
    fpl, twin, pair_info_mock, launcher, other
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    creator = pair_info_mock()  # any contract can act as the creator; this one forwards the call
    pair = pair_info_mock(launcher=launcher, creator=creator.address)

    tx = creator.setEncodedParametersOn(fpl, pair, twin.encode_parameters(), sender=other)

    assert fpl.isParameterSet(pair)
    events = fpl.ParametersSet.from_receipt(tx)
    assert [(e.longShortPair, e.setter) for e in events] == [(pair.address, creator.address)]


def test_set_parameters__attacker_first__reverts_and_launcher_still_sets(
    fpl, twin, pair_info_mock, launcher, attacker
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    creator = pair_info_mock()
    pair = pair_info_mock(launcher=launcher, creator=creator.address)
    expected = {
        "caller": attacker.address,
        "launcher": launcher.address,
        "creator": creator.address,
    }

    with ape.reverts(fpl.UnauthorizedParameterSetter, **expected):
        fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=attacker)
    with ape.reverts(fpl.UnauthorizedParameterSetter, **expected):
        fpl.setEncodedParameters(pair, twin.encode_parameters(), sender=attacker)
    assert not fpl.isParameterSet(pair)

    fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)
    assert fpl.isParameterSet(pair)


def test_set_parameters__twice__reverts_already_set(fpl, twin, pair_info_mock, launcher):
    """Invariants: I-7 (docs/INVARIANTS.md)."""
    creator = pair_info_mock()
    pair = pair_info_mock(launcher=launcher, creator=creator.address)
    fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)

    with ape.reverts(fpl.ParametersAlreadySet, longShortPair=pair.address):
        fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)
    with ape.reverts(fpl.ParametersAlreadySet, longShortPair=pair.address):
        fpl.setEncodedParameters(pair, twin.encode_parameters(), sender=launcher)
    with ape.reverts(fpl.ParametersAlreadySet, longShortPair=pair.address):
        creator.setEncodedParametersOn(fpl, pair, twin.encode_parameters(), sender=launcher)


@pytest.mark.parametrize("target", ["eoa", "zero", "contract_without_pair_views"])
def test_set_parameters__not_a_pair__reverts_invalid_pair(fpl, twin, launcher, other, target):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    address = {
        "eoa": other.address,
        "zero": ZERO_ADDRESS,
        "contract_without_pair_views": fpl.address,
    }[target]

    with ape.reverts(fpl.InvalidLongShortPair, longShortPair=address):
        fpl.setLongShortPairParameters(address, *twin.setter_args(), sender=launcher)
    with ape.reverts(fpl.InvalidLongShortPair, longShortPair=address):
        fpl.setEncodedParameters(address, twin.encode_parameters(), sender=launcher)


def test_set_parameters__pair_expiration_zero__reverts_invalid_pair(
    fpl, twin, pair_info_mock, launcher
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    pair = pair_info_mock(expiration=0)

    with ape.reverts(fpl.InvalidLongShortPair, longShortPair=pair.address):
        fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)


def test_percentage_long__parameters_not_set__reverts(fpl, pair_info_mock, other):
    pair = pair_info_mock()

    with ape.reverts(fpl.ParametersNotSet, longShortPair=pair.address):
        pair.percentageLongCollateralAtExpiry(fpl, 10**18)


def test_percentage_long__called_by_non_pair__uses_caller_key_and_reverts(
    fpl, twin, pair_info_mock, launcher, other
):
    pair = pair_info_mock()
    fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)

    # Parameters are keyed by msg.sender: an account that is not the pair has none.
    with ape.reverts(fpl.ParametersNotSet, longShortPair=other.address):
        fpl.percentageLongCollateralAtExpiry(10**18, sender=other)


def test_set_encoded_parameters__trailing_bytes__reverts_non_canonical(
    fpl, twin, pair_info_mock, launcher
):
    pair = pair_info_mock()
    padded = twin.encode_parameters() + bytes(32)

    with ape.reverts(fpl.NonCanonicalParameters, longShortPair=pair.address, length=len(padded)):
        fpl.setEncodedParameters(pair, padded, sender=launcher)
    assert not fpl.isParameterSet(pair)


def test_set_encoded_parameters__truncated__reverts(fpl, twin, pair_info_mock, launcher):
    pair = pair_info_mock()

    with ape.reverts():
        fpl.setEncodedParameters(pair, twin.encode_parameters()[:-1], sender=launcher)
    assert not fpl.isParameterSet(pair)


def test_set_parameters__after_launcher_changes__old_launcher_rejected(
    fpl, twin, pair_info_mock, launcher, other
):
    pair = pair_info_mock()
    pair.setLauncher(other, sender=other)

    with ape.reverts(fpl.UnauthorizedParameterSetter, caller=launcher.address):
        fpl.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)
    fpl.setEncodedParameters(pair, twin.encode_parameters(), sender=other)
    assert fpl.isParameterSet(pair)


def test_encoded_form__matches_eth_abi_of_setter_args(twin):
    assert twin.encode_parameters() == encode(list(twin.abi_types), list(twin.setter_args()))

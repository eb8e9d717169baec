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
def library(name, payout_libraries):
    return payout_libraries[name]


@pytest.fixture
def twin(name):
    return sample(name)


def test_set_parameters__by_launcher__stores_emits_and_computes_like_twin(
    library, twin, pair_info_mock, launcher
):
    """Invariants: I-18 (docs/INVARIANTS.md)."""
    pair = pair_info_mock()
    assert not library.isParameterSet(pair)

    tx = library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)

    assert library.isParameterSet(pair)
    assert tx.events == [
        library.ParametersSet(
            longShortPair=pair.address, setter=launcher.address, parameters=twin.encode_parameters()
        )
    ]
    for price in PROBE_PRICES:
        assert pair.percentageLongCollateralAtExpiry(library, price) == twin.percentage_long(price)


def test_set_encoded_parameters__by_launcher__same_state_as_typed_setter(
    library, twin, pair_info_mock, launcher
):
    typed_pair, encoded_pair = pair_info_mock(), pair_info_mock()

    library.setLongShortPairParameters(typed_pair, *twin.setter_args(), sender=launcher)
    tx = library.setEncodedParameters(encoded_pair, twin.encode_parameters(), sender=launcher)

    assert tx.events == [
        library.ParametersSet(
            longShortPair=encoded_pair.address,
            setter=launcher.address,
            parameters=twin.encode_parameters(),
        )
    ]
    for price in PROBE_PRICES:
        assert encoded_pair.percentageLongCollateralAtExpiry(
            library, price
        ) == typed_pair.percentageLongCollateralAtExpiry(library, price)


def test_set_encoded_parameters__by_creator_contract__succeeds(
    library, twin, pair_info_mock, launcher, other
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    creator = pair_info_mock()  # any contract can act as the creator; this one forwards the call
    pair = pair_info_mock(launcher=launcher, creator=creator.address)

    tx = creator.setEncodedParametersOn(library, pair, twin.encode_parameters(), sender=other)

    assert library.isParameterSet(pair)
    events = library.ParametersSet.from_receipt(tx)
    assert [(e.longShortPair, e.setter) for e in events] == [(pair.address, creator.address)]


def test_set_parameters__attacker_first__reverts_and_launcher_still_sets(
    library, twin, pair_info_mock, launcher, attacker
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    creator = pair_info_mock()
    pair = pair_info_mock(launcher=launcher, creator=creator.address)
    expected = {
        "caller": attacker.address,
        "launcher": launcher.address,
        "creator": creator.address,
    }

    with ape.reverts(library.UnauthorizedParameterSetter, **expected):
        library.setLongShortPairParameters(pair, *twin.setter_args(), sender=attacker)
    with ape.reverts(library.UnauthorizedParameterSetter, **expected):
        library.setEncodedParameters(pair, twin.encode_parameters(), sender=attacker)
    assert not library.isParameterSet(pair)

    library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)
    assert library.isParameterSet(pair)


def test_set_parameters__twice__reverts_already_set(library, twin, pair_info_mock, launcher):
    """Invariants: I-7 (docs/INVARIANTS.md)."""
    creator = pair_info_mock()
    pair = pair_info_mock(launcher=launcher, creator=creator.address)
    library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)

    with ape.reverts(library.ParametersAlreadySet, longShortPair=pair.address):
        library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)
    with ape.reverts(library.ParametersAlreadySet, longShortPair=pair.address):
        library.setEncodedParameters(pair, twin.encode_parameters(), sender=launcher)
    with ape.reverts(library.ParametersAlreadySet, longShortPair=pair.address):
        creator.setEncodedParametersOn(library, pair, twin.encode_parameters(), sender=launcher)


@pytest.mark.parametrize("target", ["eoa", "zero", "contract_without_pair_views"])
def test_set_parameters__not_a_pair__reverts_invalid_pair(library, twin, launcher, other, target):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    address = {
        "eoa": other.address,
        "zero": ZERO_ADDRESS,
        "contract_without_pair_views": library.address,
    }[target]

    with ape.reverts(library.InvalidLongShortPair, longShortPair=address):
        library.setLongShortPairParameters(address, *twin.setter_args(), sender=launcher)
    with ape.reverts(library.InvalidLongShortPair, longShortPair=address):
        library.setEncodedParameters(address, twin.encode_parameters(), sender=launcher)


def test_set_parameters__pair_expiration_zero__reverts_invalid_pair(
    library, twin, pair_info_mock, launcher
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    pair = pair_info_mock(expiration=0)

    with ape.reverts(library.InvalidLongShortPair, longShortPair=pair.address):
        library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)


def test_percentage_long__parameters_not_set__reverts(library, pair_info_mock, other):
    pair = pair_info_mock()

    with ape.reverts(library.ParametersNotSet, longShortPair=pair.address):
        pair.percentageLongCollateralAtExpiry(library, 10**18)


def test_percentage_long__called_by_non_pair__uses_caller_key_and_reverts(
    library, twin, pair_info_mock, launcher, other
):
    pair = pair_info_mock()
    library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)

    # Parameters are keyed by msg.sender: an account that is not the pair has none.
    with ape.reverts(library.ParametersNotSet, longShortPair=other.address):
        library.percentageLongCollateralAtExpiry(10**18, sender=other)


def test_set_encoded_parameters__trailing_bytes__reverts_non_canonical(
    library, twin, pair_info_mock, launcher
):
    pair = pair_info_mock()
    padded = twin.encode_parameters() + bytes(32)

    with ape.reverts(
        library.NonCanonicalParameters, longShortPair=pair.address, length=len(padded)
    ):
        library.setEncodedParameters(pair, padded, sender=launcher)
    assert not library.isParameterSet(pair)


def test_set_encoded_parameters__truncated__reverts(library, twin, pair_info_mock, launcher):
    pair = pair_info_mock()

    with ape.reverts():
        library.setEncodedParameters(pair, twin.encode_parameters()[:-1], sender=launcher)
    assert not library.isParameterSet(pair)


def test_set_parameters__after_launcher_changes__old_launcher_rejected(
    library, twin, pair_info_mock, launcher, other
):
    pair = pair_info_mock()
    pair.setLauncher(other, sender=other)

    with ape.reverts(library.UnauthorizedParameterSetter, caller=launcher.address):
        library.setLongShortPairParameters(pair, *twin.setter_args(), sender=launcher)
    library.setEncodedParameters(pair, twin.encode_parameters(), sender=other)
    assert library.isParameterSet(pair)


def test_encoded_form__matches_eth_abi_of_setter_args(twin):
    assert twin.encode_parameters() == encode(list(twin.abi_types), list(twin.setter_args()))

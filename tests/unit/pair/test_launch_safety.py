"""Launch safety from the outside review: who may set a pair's payout parameters and until when
(L-1, L-2), and position tokens that refuse to burn themselves into the zero address.

- L-1: parameters cannot be set at or after the pair's expiry (``ParametersAfterExpiration``);
  before accepting tokens of a pair launched without parameters, a holder checks
  ``library.isParameterSet(pair)``.
- L-2: ``createLongShortPairWithParameterSetter`` names the only account that may set them later
  (recorded as ``launcher()``); a public forwarder that launched the pair is not that account.
"""

import ape
import pytest
from eth_abi import encode

from kpi_options.chain.pair import launch_pair, next_pair_address
from tests.fixtures.pair import fund

WAD = 10**18


@pytest.fixture
def collateral_decimals():
    """These tests do not depend on decimals: 18 only."""
    return 18


def test_set_parameters__at_expiration__reverts_after_expiration(
    chain, creator, pair_params, launcher, linear_library
):
    pair = launch_pair(
        creator, pair_params(financial_product_library=linear_library), None, launcher
    )
    expiry = pair.expirationTimestamp()
    chain.mine(1, timestamp=expiry - 1)
    assert chain.pending_timestamp == expiry
    with ape.reverts(
        linear_library.ParametersAfterExpiration,
        longShortPair=pair.address,
        expirationTimestamp=expiry,
        currentTime=expiry,
    ):
        linear_library.setEncodedParameters(
            pair, encode(["int256", "int256"], [2 * WAD, WAD]), sender=launcher
        )
    assert linear_library.isParameterSet(pair) is False


def test_set_parameters__one_second_before_expiration__works(
    chain, creator, pair_params, launcher, linear_library
):
    pair = launch_pair(
        creator, pair_params(financial_product_library=linear_library), None, launcher
    )
    chain.mine(1, timestamp=pair.expirationTimestamp() - 2)
    linear_library.setEncodedParameters(
        pair, encode(["int256", "int256"], [2 * WAD, WAD]), sender=launcher
    )
    assert linear_library.isParameterSet(pair) is True


def test_launch_with_parameter_setter__forwarder_launches__only_named_setter_may_set(
    creator, pair_params, launcher, attacker, deployer, linear_library
):
    """L-2: the launch names the setter; the caller of the creator (here a stand-in for a public
    forwarder) is not it."""
    forwarder = deployer  # whoever relays the launch
    receipt = creator.createLongShortPairWithParameterSetter(
        pair_params(financial_product_library=linear_library).as_tuple(), launcher, sender=forwarder
    )
    event = receipt.events.filter(creator.CreatedLongShortPair)[0]
    assert event.deployerAddress == forwarder.address
    from ape import project

    pair = project.LongShortPair.at(event.longShortPair)
    assert pair.launcher() == launcher.address
    parameters = encode(["int256", "int256"], [2 * WAD, WAD])
    for account in (forwarder, attacker):
        with ape.reverts(linear_library.UnauthorizedParameterSetter, caller=account.address):
            linear_library.setEncodedParameters(pair, parameters, sender=account)
    linear_library.setEncodedParameters(pair, parameters, sender=launcher)
    assert linear_library.isParameterSet(pair) is True


def test_launch_with_parameter_setter__zero_setter__reverts(creator, pair_params, launcher):
    with ape.reverts(creator.ZeroParameterSetter):
        creator.createLongShortPairWithParameterSetter(
            pair_params().as_tuple(), "0x" + "00" * 20, sender=launcher
        )


def test_position_token_transfer__to_zero_address__reverts_and_nothing_moves(
    project, pair, collateral, sponsor, holder
):
    fund(collateral, sponsor, 10 * WAD, pair)
    pair.create(10 * WAD, sender=sponsor)
    long = project.PositionToken.at(pair.longToken())
    zero = "0x" + "00" * 20
    with ape.reverts(long.TransferToZeroAddress):
        long.transfer(zero, WAD, sender=sponsor)
    long.approve(holder, WAD, sender=sponsor)
    with ape.reverts(long.TransferToZeroAddress):
        long.transferFrom(sponsor, zero, WAD, sender=holder)
    assert long.balanceOf(sponsor) == 10 * WAD
    assert long.totalSupply() == 10 * WAD
    assert long.allowance(sponsor, holder) == WAD


def test_require_unlaunched__predicted_address__passes_until_a_launch_takes_it(
    creator, pair_params, launcher, linear_library
):
    """The Safe-batch guard (D15): the creator's next CREATE address is free until the next launch
    lands exactly there; then the guard reverts with the address and its code size."""
    predicted = next_pair_address(creator)
    creator.requireUnlaunched(predicted)  # a view: passes, changes nothing
    pair = launch_pair(
        creator, pair_params(financial_product_library=linear_library), None, launcher
    )
    assert pair.address == predicted
    size = len(creator.provider.get_code(predicted))
    with ape.reverts(creator.PredictedPairTaken, predictedPair=predicted, codeSize=size):
        creator.requireUnlaunched(predicted)
    creator.requireUnlaunched(next_pair_address(creator))

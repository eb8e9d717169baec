"""LongShortPairCreator: UMA's creator tests (§9.3), launch validation errors, clone safety and the
atomic, front-running-proof launch with payout parameters."""

import ape
import pytest
from ape.utils import ZERO_ADDRESS
from eth_abi import encode

from kpi_options.chain.oracle import identifier
from kpi_options.chain.pair import launch_pair
from tests.fixtures.pair import ANCILLARY, WAD


def test_launch__valid_params__getters_events_and_tokens_match(
    project, creator, pair_params, launcher, collateral, collateral_decimals, payout_mock, finder
):
    """Invariants: I-4, I-7 (docs/INVARIANTS.md)."""
    params = pair_params(enable_early_expiration=True)
    receipt = creator.createLongShortPair(params.as_tuple(), sender=launcher)

    event = [log for log in receipt.events if log.event_name == "CreatedLongShortPair"][0]
    pair = project.LongShortPair.at(event.longShortPair)
    assert event.deployerAddress == launcher.address
    assert event.longToken == pair.longToken()
    assert event.shortToken == pair.shortToken()
    assert pair.pairName() == params.pair_name
    assert pair.expirationTimestamp() == params.expiration_timestamp
    assert pair.collateralPerPair() == WAD
    assert pair.priceIdentifier() == params.price_identifier
    assert pair.enableEarlyExpiration() is True
    assert pair.collateralToken() == collateral.address
    assert pair.financialProductLibrary() == payout_mock.address
    assert pair.customAncillaryData() == ANCILLARY
    assert pair.proposerReward() == 0
    assert pair.optimisticOracleLivenessTime() == 7200
    assert pair.optimisticOracleProposerBond() == 0
    assert pair.finder() == finder.address
    assert pair.launcher() == launcher.address
    assert pair.creator() == creator.address
    assert pair.earlyExpirationTimestamp() == 0
    assert pair.expiryPrice() == 0
    assert pair.expiryPercentLong() == 0
    assert pair.receivedSettlementPrice() is False

    long_token = project.PositionToken.at(pair.longToken())
    short_token = project.PositionToken.at(pair.shortToken())
    assert (long_token.name(), long_token.symbol()) == ("KPI Long", "kpiL")
    assert (short_token.name(), short_token.symbol()) == ("KPI Short", "kpiS")
    assert long_token.decimals() == short_token.decimals() == collateral_decimals
    assert long_token.longShortPair() == short_token.longShortPair() == pair.address
    assert long_token.totalSupply() == short_token.totalSupply() == 0


def test_launch__collateral_without_decimals__tokens_fall_back_to_18(
    project, creator, pair_params, launcher, deployer, collateral_whitelist, payout_mock
):
    # The payout mock has no decimals(): the call reverts, so the tokens take 18 (UMA's fallback).
    collateral_whitelist.addToWhitelist(payout_mock, sender=deployer)
    pair = launch_pair(creator, pair_params(collateral_token=payout_mock), None, launcher)
    assert project.PositionToken.at(pair.longToken()).decimals() == 18


def test_launch__creator_keeps_no_power__token_mint_and_redeploy_refused(
    project, creator, pair, launcher, attacker
):
    """Invariants: I-10 (docs/INVARIANTS.md)."""
    long_token = project.PositionToken.at(pair.longToken())
    with ape.reverts(long_token.UnauthorizedCaller, caller=attacker.address, pair=pair.address):
        long_token.mint(attacker, 1, sender=attacker)
    with ape.reverts(long_token.UnauthorizedCaller, caller=attacker.address, pair=pair.address):
        long_token.burnFrom(launcher, 0, sender=attacker)
    with ape.reverts(pair.OnlyCreator, caller=attacker.address):
        pair.deployPositionTokens(b"", b"", sender=attacker)


@pytest.mark.parametrize(
    ("field", "error"),
    [
        ("long_synth_name", "MissingLongName"),
        ("short_synth_name", "MissingShortName"),
        ("long_synth_symbol", "MissingLongSymbol"),
        ("short_synth_symbol", "MissingShortSymbol"),
        ("pair_name", "EmptyPairName"),
    ],
)
def test_launch__empty_string__reverts_with_its_error(creator, pair_params, launcher, field, error):
    with ape.reverts(getattr(creator, error)):
        creator.createLongShortPair(pair_params(**{field: ""}).as_tuple(), sender=launcher)


def test_launch__string_too_long__reverts(creator, pair_params, launcher):
    with ape.reverts(creator.StringTooLong, length=1025, limit=1024):
        creator.createLongShortPair(pair_params(pair_name="x" * 1025).as_tuple(), sender=launcher)


def test_launch__expiry_not_in_future__reverts(chain, creator, pair_params, launcher):
    past = chain.pending_timestamp - 1
    with ape.reverts(creator.InvalidExpirationTimestamp, expirationTimestamp=past):
        creator.createLongShortPair(
            pair_params(expiration_timestamp=past).as_tuple(), sender=launcher
        )


def test_launch__invalid_values__revert_with_values(
    creator, pair_params, launcher, collateral, make_collateral, collateral_decimals
):
    with ape.reverts(creator.ZeroCollateralPerPair):
        creator.createLongShortPair(pair_params(collateral_per_pair=0).as_tuple(), sender=launcher)
    unknown = identifier("Not_Registered")
    with ape.reverts(creator.IdentifierNotSupported, identifier=unknown):
        creator.createLongShortPair(
            pair_params(price_identifier=unknown).as_tuple(), sender=launcher
        )
    with ape.reverts(creator.ZeroFinancialProductLibrary):
        creator.createLongShortPair(
            pair_params(financial_product_library=ZERO_ADDRESS).as_tuple(), sender=launcher
        )
    for bad in (ZERO_ADDRESS, launcher.address):
        with ape.reverts(creator.CollateralNotWhitelisted, collateralToken=bad):
            creator.createLongShortPair(
                pair_params(collateral_token=bad).as_tuple(), sender=launcher
            )
    with ape.reverts(creator.ZeroLiveness):
        creator.createLongShortPair(
            pair_params(optimistic_oracle_liveness_time=0).as_tuple(), sender=launcher
        )
    limit = 5200 * 7 * 86_400
    with ape.reverts(creator.LivenessTooLarge, liveness=limit, limit=limit):
        creator.createLongShortPair(
            pair_params(optimistic_oracle_liveness_time=limit).as_tuple(), sender=launcher
        )
    # One second below the limit is accepted and stored exactly.
    pair = launch_pair(
        creator, pair_params(optimistic_oracle_liveness_time=limit - 1), None, launcher
    )
    assert pair.optimisticOracleLivenessTime() == limit - 1


@pytest.mark.parametrize(("early", "limit"), [(False, 8139), (True, 8121)])
def test_launch__ancillary_data_at_oracle_limit__accepted_one_more_byte_reverts(
    creator, pair_params, launcher, optimistic_oracle, early, limit
):
    """Invariants: I-11 (docs/INVARIANTS.md)."""
    with ape.reverts(creator.AncillaryDataTooLong, length=limit + 1, limit=limit):
        creator.createLongShortPair(
            pair_params(
                custom_ancillary_data=b"a" * (limit + 1), enable_early_expiration=early
            ).as_tuple(),
            sender=launcher,
        )
    pair = launch_pair(
        creator,
        pair_params(custom_ancillary_data=b"a" * limit, enable_early_expiration=early),
        None,
        launcher,
    )
    longest = pair.getEarlyExpirationAncillaryData() if early else pair.customAncillaryData()
    stamped = optimistic_oracle.stampAncillaryData(longest, pair)
    assert len(stamped) == optimistic_oracle.ancillaryBytesLimit() == 8192


def test_creator__finder_without_code__reverts(project, deployer, other):
    with ape.reverts(project.LongShortPairCreator.InvalidFinder, finder=other.address):
        deployer.deploy(project.LongShortPairCreator, other)


def test_implementations__called_directly__revert_cleanly(project, creator, sponsor):
    """Invariants: I-10 (docs/INVARIANTS.md)."""
    pair_impl = project.LongShortPair.at(creator.pairImplementation())
    token_impl = project.PositionToken.at(creator.tokenImplementation())
    assert creator.finder() == pair_impl.finder()
    pair_calls = (
        lambda: pair_impl.create(1, sender=sponsor),
        lambda: pair_impl.redeem(0, sender=sponsor),
        lambda: pair_impl.settle(0, 0, sender=sponsor),
        lambda: pair_impl.expire(sender=sponsor),
        lambda: pair_impl.isContractEarlyExpired(sender=sponsor),
        lambda: pair_impl.deployPositionTokens(b"", b"", sender=sponsor),
        pair_impl.pairName,
        pair_impl.pairState,
        pair_impl.expiryPrice,
    )
    token_calls = (
        lambda: token_impl.mint(sponsor, 1, sender=sponsor),
        lambda: token_impl.transfer(sponsor, 0, sender=sponsor),
        token_impl.name,
        token_impl.decimals,
    )
    for contract, calls in ((pair_impl, pair_calls), (token_impl, token_calls)):
        for call in calls:
            with ape.reverts(contract.ImplementationNotCallable):
                call()


def test_launch_with_linear_parameters__third_party_cannot_set_them_first(
    creator, pair_params, launcher, attacker, linear_library
):
    """Invariants: I-7, I-9 (docs/INVARIANTS.md)."""
    params = pair_params(financial_product_library=linear_library)
    parameters = encode(["int256", "int256"], [2000 * WAD, 1000 * WAD])
    pair = launch_pair(creator, params, parameters, launcher)
    assert linear_library.isParameterSet(pair)
    assert linear_library.longShortPairParameters(pair) == (2000 * WAD, 1000 * WAD)
    # Nobody can change them afterwards, not even the launcher; an attacker is never authorised.
    bad = encode(["int256", "int256"], [1, 0])
    with ape.reverts(linear_library.ParametersAlreadySet, longShortPair=pair.address):
        linear_library.setEncodedParameters(pair, bad, sender=launcher)
    plain = launch_pair(creator, params, None, launcher)
    with ape.reverts(
        linear_library.UnauthorizedParameterSetter,
        caller=attacker.address,
        launcher=launcher.address,
        creator=creator.address,
    ):
        linear_library.setEncodedParameters(plain, bad, sender=attacker)
    linear_library.setEncodedParameters(plain, parameters, sender=launcher)
    assert linear_library.isParameterSet(plain)


def test_launch_with_parameters__mock_records_creator_as_setter(
    creator, pair_params, launcher, payout_mock
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    receipt = creator.createLongShortPairWithPayoutParameters(
        pair_params().as_tuple(), b"\x01\x02", sender=launcher
    )
    logs = [log for log in receipt.events if log.event_name == "ParametersSet"]
    assert len(logs) == 1
    assert logs[0].setter == creator.address
    assert payout_mock.parameters(logs[0].longShortPair) == b"\x01\x02"


def test_launch_with_parameters__library_refuses__whole_launch_reverts(
    chain, creator, pair_params, launcher, reverting_payout_mock
):
    """Invariants: I-9 (docs/INVARIANTS.md)."""
    params = pair_params(financial_product_library=reverting_payout_mock)
    with ape.reverts(reverting_payout_mock.MockLibraryRefused):
        creator.createLongShortPairWithPayoutParameters(params.as_tuple(), b"", sender=launcher)

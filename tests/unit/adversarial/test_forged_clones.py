"""Forged clones (review): anyone can clone the pair or token implementation with arbitrary args.

A forged pair reports the real ``creator()``, a forged token a real pair's ``longShortPair()``.
Funds of real pairs are safe (a forged clone can neither mint nor burn a real pair's tokens, and
a forged pair can never deploy tokens: only the creator may call ``deployPositionTokens``), but
an integrator must tell them apart: ``creator.isPair(pair)`` is true only for the creator's own
launches, and a token ``t`` is genuine when ``isPair(t.longShortPair())`` and ``t`` is that pair's
``longToken()`` or ``shortToken()``.
"""

import ape
import pytest
from eth_abi.packed import encode_packed

from kpi_options.chain.oracle import GENERAL_KPI

WAD = 10**18


@pytest.fixture
def forger(project, attacker):
    return attacker.deploy(project.CloneForger)


def _forge(forger, implementation, args, attacker):
    receipt = forger.forge(implementation, args, sender=attacker)
    return receipt.events.filter(forger.Forged)[0].clone


def test_is_pair__real_launch_true__forged_pair_clone_false(
    project, creator, make_collateral, launch, forger, attacker, payout_mock, optimistic_oracle
):
    token = make_collateral(18)
    real = launch(token)
    assert creator.isPair(real) is True
    args = encode_packed(
        ["address", "address", "address", "uint64", "bool", "uint32"],
        [token.address, payout_mock.address, attacker.address, 2**40, True, 7200],
    ) + encode_packed(
        [
            "uint256",
            "bytes32",
            "uint256",
            "uint256",
            "address",
            "uint64",
            "uint16",
            "bytes",
            "uint16",
        ],
        [WAD, GENERAL_KPI, 0, 0, optimistic_oracle.address, 1, 4, b"fake", 0],
    )
    fake = project.LongShortPair.at(_forge(forger, creator.pairImplementation(), args, attacker))
    assert fake.creator() == creator.address  # what a naive integrator would trust
    assert fake.pairName() == "fake"
    assert creator.isPair(fake) is False
    assert creator.isPair(attacker) is False
    # A forged pair can never get tokens: only the creator may deploy them.
    with ape.reverts(fake.OnlyCreator, caller=attacker):
        fake.deployPositionTokens(b"", b"", sender=attacker)


def test_forged_token_clone__claims_real_pair__not_one_of_its_tokens(
    project, creator, make_collateral, launch, forger, attacker
):
    token = make_collateral(18)
    real = launch(token)
    args = encode_packed(
        ["address", "uint8", "uint16", "bytes", "uint16", "bytes"],
        [real.address, 18, 4, b"Fake", 1, b"F"],
    )
    fake = project.PositionToken.at(_forge(forger, creator.tokenImplementation(), args, attacker))
    assert fake.longShortPair() == real.address
    assert creator.isPair(fake.longShortPair()) is True
    assert fake.address not in (real.longToken(), real.shortToken())  # the check that catches it
    # It cannot touch the real pair's supply: the real pair never calls it, and it mints for nobody.
    with ape.reverts(fake.UnauthorizedCaller, caller=attacker, pair=real.address):
        fake.mint(attacker, 1, sender=attacker)

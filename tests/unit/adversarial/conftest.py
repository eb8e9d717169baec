"""Fixtures of the adversarial tests: launch a pair on any collateral token, drive the oracle.

Defaults: collateral per pair 1e18, expiry 10,000 s after launch, early expiration on, proposer
reward 10 units, bond 0, final fee 0, liveness 7200 s, payout mock (share settable).
"""

import pytest

from kpi_options.chain.pair import launch_pair
from kpi_options.chain.system import add_collateral, default_creator_params

EXPIRY_OFFSET = 10_000
REWARD = 10
ADVERSARIAL_PAIR = {
    "pair_name": "Adversarial pair",
    "enable_early_expiration": True,
    "custom_ancillary_data": b"Metric:adversarial",
    "proposer_reward": REWARD,
}
"""What these pairs change from :func:`kpi_options.chain.system.default_creator_params`."""


@pytest.fixture
def whitelist(oracle_stack, deployer):
    """``whitelist(token, final_fee=0)``: put a token on the collateral whitelist with a final fee."""

    def add(token, final_fee=0):
        add_collateral(oracle_stack, token, final_fee, deployer)
        return token

    return add


@pytest.fixture
def launch(chain, creator, launcher, payout_mock):
    """``launch(token, library=None, parameters=b"", **overrides)``: a pair on ``token`` launched by
    ``launcher`` through ``createLongShortPairWithPayoutParameters`` (``CreatorParams`` field
    names as overrides; ``parameters=None`` uses UMA's ``createLongShortPair``); the payout mock
    when no library is given."""

    def make(token, library=None, parameters=b"", **overrides):
        params = default_creator_params(
            collateral=token,
            library=library or payout_mock,
            expiration=chain.pending_timestamp + EXPIRY_OFFSET,
            **(ADVERSARIAL_PAIR | overrides),
        )
        return launch_pair(creator, params, parameters, launcher)

    return make


def answer(chain, optimistic_oracle, pair, proposer, price, early=False):
    """Propose ``price`` for the pair's expiry request (or its latest early request) and let the
    liveness pass, so the request becomes Expired (bond 0 and final fee 0 assumed unless funded)."""
    timestamp = pair.earlyExpirationTimestamp() if early else pair.expirationTimestamp()
    data = pair.getEarlyExpirationAncillaryData() if early else pair.customAncillaryData()
    optimistic_oracle.proposePrice(
        pair, pair.priceIdentifier(), timestamp, data, price, sender=proposer
    )
    chain.mine(1, timestamp=chain.pending_timestamp + pair.optimisticOracleLivenessTime())


def to_expiry(chain, pair, extra=0):
    """Mine a block at the pair's expiry plus ``extra`` seconds (if that is still ahead)."""
    target = pair.expirationTimestamp() + extra
    if chain.pending_timestamp < target:
        chain.mine(1, timestamp=target)

"""Helpers shared by the oracle unit tests."""

import pytest

ANCILLARY = b"q:title:Did the KPI reach its target?,res_data:p1:0,p2:1"
"""Ancillary data used by most requests in these tests."""


def fund(token, account, amount, spender):
    """Mint ``amount`` raw units to ``account`` and approve ``spender`` for exactly that much."""
    token.mint(account, amount, sender=account)
    token.approve(spender, amount, sender=account)


def balances(token, **parties):
    """Balances of the named parties, ``{name: raw units}``."""
    return {name: token.balanceOf(party) for name, party in parties.items()}


@pytest.fixture
def request_time(chain):
    """A request timestamp safely in the past (unix seconds)."""
    return chain.pending_timestamp - 100

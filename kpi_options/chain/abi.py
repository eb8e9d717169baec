"""ABIs and token configuration the tools use on any chain: a minimal ERC20 ABI and the local
test tokens ``deploy`` creates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["DEFAULT_TEST_TOKENS", "ERC20_ABI", "TestToken"]

#: The standard ERC20 functions the tools use on any collateral token.
ERC20_ABI = [
    {
        "type": "function",
        "name": name,
        "stateMutability": "view",
        "inputs": inputs,
        "outputs": [{"name": "", "type": out}],
    }
    for name, inputs, out in (
        ("decimals", [], "uint8"),
        ("symbol", [], "string"),
        ("totalSupply", [], "uint256"),
        ("balanceOf", [{"name": "account", "type": "address"}], "uint256"),
        (
            "allowance",
            [{"name": "owner", "type": "address"}, {"name": "spender", "type": "address"}],
            "uint256",
        ),
    )
] + [
    {
        "type": "function",
        "name": name,
        "stateMutability": "nonpayable",
        "inputs": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    }
    for name in ("approve", "transfer")
]


@dataclass(frozen=True)
class TestToken:
    """A TestERC20 that ``deploy`` creates on local networks and whitelists as collateral.

    ``final_fee`` is in whole tokens (the Store's final fee, paid with every proposal and dispute).
    """

    symbol: str
    name: str
    decimals: int
    final_fee: Decimal


DEFAULT_TEST_TOKENS = (
    TestToken("USDC", "Test USD Coin", 6, Decimal(5)),
    TestToken("UMA", "Test UMA", 18, Decimal(1)),
    TestToken("BOND", "Test BarnBridge", 18, Decimal(1)),
)
"""Collateral deployed locally under the names the example programs use."""

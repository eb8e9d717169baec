"""The project's oracle stack next to UMA's original (``@uma/core``), one scenario at a time.

Two kinds of test, both run on the two stacks deployed side by side (tests/stateful/oracle_sides.py):
- *fixed*: a difference the differential machine (tests/stateful/test_oracle_differential.py) found
  and the mock no longer has; the test asserts the two stacks now revert with the same bytes.
- *pinned*: a deliberate difference listed in docs/ORACLE_MOCK.md ("Simplified or different"); the
  test asserts each stack's behaviour, so a change on either side shows up here.
"""

import pytest
from eth_abi import decode as abi_decode
from eth_abi import encode as abi_encode

from kpi_dev.testing import isolated
from kpi_options.chain.oracle import GENERAL_KPI
from tests.stateful.oracle_sides import RpcError, calldata, deploy_sides

FINAL_FEE = 1_000
ERROR = bytes.fromhex("08c379a0")


def error(message: str) -> bytes:
    """The revert data of ``require(false, message)``."""
    return ERROR + abi_encode(["string"], [message])


@pytest.fixture(scope="module")
def sides(project, chain, deployer, requester, proposer, disputer, attacker, other):
    roles = {
        "deployer": deployer,
        "requester": requester,
        "proposer": proposer,
        "disputer": disputer,
        "attacker": attacker,
        "other": other,
    }
    with isolated(chain):
        yield deploy_sides(project, chain, roles, FINAL_FEE)


@pytest.fixture(autouse=True)
def _each_test_isolated(sides, chain):
    with isolated(chain):
        yield


def outcome(sides, side, sender: str, to: str, data: str) -> bytes | None:
    """``None`` if the call succeeds, else its revert data (``eth_call`` from ``sender``)."""
    try:
        sides.rpc.call(
            "eth_call", {"from": sides.accounts[sender], "to": side[to], "data": data}, "latest"
        )
    except RpcError as exc:
        return bytes.fromhex((exc.error.get("data") or "0x")[2:])
    return None


def request_on_both(sides, chain, token_role: str, reward: int = 0) -> int:
    """The requester EOA requests a General_KPI price on both stacks; returns the timestamp."""
    timestamp = chain.pending_timestamp - 10
    for side in sides:
        side.contracts["oo"].requestPrice(
            GENERAL_KPI,
            timestamp,
            b"q",
            side[token_role],
            reward,
            sender=sides.signers["requester"],
        )
    return timestamp


# ------------------------------------------------------------------------------------------------
# fixed: token failures pass on the token's own revert data, as OpenZeppelin's SafeERC20 does


@pytest.mark.parametrize(
    ("token_role", "expected"),
    [
        ("token1", error("ERC20: insufficient allowance")),
        ("token0", bytes.fromhex("13be252b")),  # Solady's InsufficientAllowance()
    ],
    ids=["oz-style token", "solady token"],
)
def test_propose__bond_not_approved__same_token_revert_data_on_both(
    sides, chain, token_role, expected
):
    for side in sides:
        side.contracts["collateral_whitelist"].addToWhitelist(
            side[token_role], sender=sides.signers["deployer"]
        )
        side.contracts["store"].setFinalFee(
            side[token_role], (FINAL_FEE,), sender=sides.signers["deployer"]
        )
    timestamp = request_on_both(sides, chain, token_role)
    sig = "proposePrice(address,bytes32,uint256,bytes,int256)"
    reverts = [
        outcome(
            sides,
            side,
            "attacker",
            "oo",
            calldata(sig, side["requester"], GENERAL_KPI, timestamp, b"q", 1),
        )
        for side in sides
    ]
    assert reverts == [expected, expected]


@pytest.mark.parametrize(
    ("token_role", "expected"),
    [
        ("token1", error("ERC20: transfer amount exceeds balance")),
        ("token0", bytes.fromhex("f4d678b8")),  # Solady's InsufficientBalance()
    ],
    ids=["oz-style token", "solady token"],
)
def test_store_withdraw__beyond_balance__same_token_revert_data_on_both(
    sides, token_role, expected
):
    data = {
        side.name: calldata("withdrawErc20(address,uint256)", side[token_role], 1) for side in sides
    }
    reverts = [outcome(sides, side, "deployer", "store", data[side.name]) for side in sides]
    assert reverts == [expected, expected]


def test_request__token_returns_false__did_not_succeed_on_both(sides, chain, project):
    reverts = []
    timestamp = chain.pending_timestamp - 10
    for side in sides:
        owner = sides.signers["deployer"]
        token = owner.deploy(project.ReturnsFalseERC20, 18)
        side.contracts["collateral_whitelist"].addToWhitelist(token, sender=owner)
        token.setFailing(True, sender=owner)
        sig = "requestPrice(bytes32,uint256,bytes,address,uint256)"
        reverts.append(
            outcome(
                sides,
                side,
                "requester",
                "oo",
                calldata(sig, GENERAL_KPI, timestamp, b"", token.address, 5),
            )
        )
    assert reverts == [error("SafeERC20: ERC20 operation did not succeed")] * 2


# ------------------------------------------------------------------------------------------------
# pinned: deliberate differences (docs/ORACLE_MOCK.md, "Simplified or different")


def test_dvm_push__by_a_stranger__mock_refuses_uma_accepts(sides, chain):
    """Item 1: only the owner pushes prices to the project's DVM stand-in; UMA's mock lets anyone."""
    timestamp = request_on_both(sides, chain, "token0")
    for side in sides:
        side.contracts["oo"].proposePrice(
            side["requester"], GENERAL_KPI, timestamp, b"q", 1, sender=sides.signers["proposer"]
        )
        side.contracts["oo"].disputePrice(
            side["requester"], GENERAL_KPI, timestamp, b"q", sender=sides.signers["disputer"]
        )
    sig = "pushPrice(bytes32,uint256,bytes,int256)"
    mock, uma = (
        outcome(
            sides,
            side,
            "attacker",
            "dvm",
            calldata(sig, GENERAL_KPI, timestamp, side.stamp(b"q", "requester"), 1),
        )
        for side in sides
    )
    assert mock == error("Ownable: caller is not the owner")
    assert uma is None


def test_dvm_request__by_an_unregistered_caller__mock_refuses_uma_accepts(sides, chain):
    """Item 2: the project's DVM takes requests only from the registered OOv2 (as the real DVM takes
    them only from registered contracts); UMA's mock takes them from anyone."""
    data = calldata(
        "requestPrice(bytes32,uint256,bytes)", GENERAL_KPI, chain.pending_timestamp - 10, b"x"
    )
    mock, uma = (outcome(sides, side, "attacker", "dvm", data) for side in sides)
    assert mock == error("Caller must be registered")
    assert uma is None


def test_dvm_get_price__never_requested__mock_says_why_uma_reverts_bare(sides, chain):
    """Item 2: the project's DVM names the reason, UMA's mock reverts without one."""
    data = calldata(
        "getPrice(bytes32,uint256,bytes)", GENERAL_KPI, chain.pending_timestamp - 10, b"x"
    )
    mock, uma = (outcome(sides, side, "other", "dvm", data) for side in sides)
    assert mock == error("Price was never requested")
    assert uma == b""


def test_dispute__identifier_removed_since_the_request__both_revert_only_mock_says_why(
    sides, chain
):
    """Item 2: the DVM checks the identifier when the dispute reaches it; both revert, only the
    project's DVM gives a reason (the real DVM's). Reached by the differential machine."""
    timestamp = request_on_both(sides, chain, "token0")
    for side in sides:
        side.contracts["oo"].proposePrice(
            side["requester"], GENERAL_KPI, timestamp, b"q", 1, sender=sides.signers["proposer"]
        )
        side.contracts["identifier_whitelist"].removeSupportedIdentifier(
            GENERAL_KPI, sender=sides.signers["deployer"]
        )
    sig = "disputePrice(address,bytes32,uint256,bytes)"
    mock, uma = (
        outcome(
            sides,
            side,
            "disputer",
            "oo",
            calldata(sig, side["requester"], GENERAL_KPI, timestamp, b"q"),
        )
        for side in sides
    )
    assert mock == error("Unsupported identifier request")
    assert uma == b""


def test_address_whitelist__removed_before_ever_added__only_mock_lists_it_once_added(sides):
    """Item 7: UMA's AddressWhitelist leaves such an address out of getWhitelist()."""
    listed = {}
    for side in sides:
        whitelist, owner = side.contracts["collateral_whitelist"], sides.signers["deployer"]
        newcomer = side["token1"]
        whitelist.removeFromWhitelist(newcomer, sender=owner)
        whitelist.addToWhitelist(newcomer, sender=owner)
        assert whitelist.isOnWhitelist(newcomer)
        listed[side.name] = newcomer in whitelist.getWhitelist()
    assert listed == {"mock": True, "uma": False}


def test_oracle__timer__uma_has_one_mock_uses_block_time(sides):
    """Item 3: UMA's OOv2 is Testable (a Timer address, zero here); the mock has no timer."""
    mock, uma = (outcome(sides, side, "other", "oo", calldata("timerAddress()")) for side in sides)
    assert uma is None
    assert mock == b""
    result = sides.rpc.call(
        "eth_call", {"to": sides.uma["oo"], "data": calldata("timerAddress()")}, "latest"
    )
    assert abi_decode(["address"], bytes.fromhex(result[2:]))[0] == "0x" + "00" * 20

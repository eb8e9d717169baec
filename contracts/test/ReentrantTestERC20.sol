// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";

/// @title ReentrantTestERC20
/// @notice Test double: a TestERC20 that, once armed, makes one call to a target from inside `transferFrom` and
///         records whether it succeeded and what it returned (so a reentrancy guard's revert can be inspected
///         without failing the outer transfer).
contract ReentrantTestERC20 is TestERC20 {
    /// @notice The contract called from inside transferFrom (0 = disarmed).
    address public target;
    /// @notice The calldata of that call.
    bytes public payload;
    /// @notice Whether the last reentrant call succeeded, and its return or revert data.
    bool public lastSuccess;
    bytes public lastReturnData;

    /// @param decimals_ Token decimals.
    constructor(uint8 decimals_) TestERC20("Reentrant", "RE", decimals_) {}

    /// @notice Arm the token: the next transferFrom calls `target_` with `payload_` once.
    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    /// @dev Performs the armed call (once), records its outcome, then transfers as usual.
    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        address callee = target;
        if (callee != address(0)) {
            target = address(0);
            (lastSuccess, lastReturnData) = callee.call(payload);
        }
        return super.transferFrom(from, to, amount);
    }
}

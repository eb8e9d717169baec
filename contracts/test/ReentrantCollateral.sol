// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";

/// @title ReentrantCollateral
/// @notice Test double: once armed, the next `transfer` or `transferFrom` first calls `target` with
///         `payload` and, if that call reverts, reverts with the same data (so the test sees the
///         target's own error, e.g. `Reentrancy()`); if it succeeds, the transfer goes on.
contract ReentrantCollateral is TestERC20 {
    /// @notice The contract to call back (0 = disarmed).
    address public target;
    /// @notice The calldata of the callback.
    bytes public payload;

    /// @param decimals_ Token decimals.
    constructor(uint8 decimals_) TestERC20("Reentrant collateral", "RC", decimals_) {}

    /// @notice Arm the token for one callback.
    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    /// @dev Callback, then transfer.
    function transfer(address to, uint256 amount) public override returns (bool) {
        _callBack();
        return super.transfer(to, amount);
    }

    /// @dev Callback, then transfer.
    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _callBack();
        return super.transferFrom(from, to, amount);
    }

    /// @dev Makes the armed call once, bubbling up its revert data.
    function _callBack() internal {
        address callee = target;
        if (callee == address(0)) return;
        target = address(0);
        (bool ok, bytes memory data) = callee.call(payload);
        if (!ok) {
            assembly {
                revert(add(data, 0x20), mload(data))
            }
        }
    }
}

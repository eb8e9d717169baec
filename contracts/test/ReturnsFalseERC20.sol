// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";

/// @title ReturnsFalseERC20
/// @notice Test double: while `failing` is set, `transfer` and `transferFrom` move nothing and
///         return false instead of reverting (some older tokens signal failure this way).
contract ReturnsFalseERC20 is TestERC20 {
    /// @notice Whether transfers currently fail by returning false.
    bool public failing;

    /// @param decimals_ Token decimals.
    constructor(uint8 decimals_) TestERC20("Returns false", "RF", decimals_) {}

    /// @notice Switch the failure mode on or off.
    function setFailing(bool failing_) external {
        failing = failing_;
    }

    /// @dev Returns false without moving anything while failing.
    function transfer(address to, uint256 amount) public override returns (bool) {
        if (failing) return false;
        return super.transfer(to, amount);
    }

    /// @dev Returns false without moving anything while failing.
    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (failing) return false;
        return super.transferFrom(from, to, amount);
    }
}

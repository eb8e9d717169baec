// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILongShortPair} from "../../interfaces/ILongShortPair.sol";
import {TestERC20} from "./TestERC20.sol";

/// @title PositionReadingCollateral
/// @notice TEST DOUBLE: a collateral whose `transfer` hook, when the watched pair pays someone,
///         records what that recipient's positions look like at that moment: its long and short
///         balances read straight from the tokens, and whether the pair's `getPositionTokens`
///         answered (it must not: read-only re-entry is guarded). A pair that pays before it burns
///         would show positions that are already paid out.
contract PositionReadingCollateral is TestERC20 {
    /// @notice The pair whose payouts are watched (0 = none).
    ILongShortPair public pair;
    /// @notice The recipient's long balance seen during the last watched payout, raw token units.
    uint256 public seenLong;
    /// @notice The recipient's short balance seen during the last watched payout, raw token units.
    uint256 public seenShort;
    /// @notice Whether `getPositionTokens` answered during the last watched payout.
    bool public positionViewAnswered;
    /// @notice Number of watched payouts so far.
    uint256 public payoutsSeen;

    /// @param decimals_ Token decimals.
    constructor(uint8 decimals_) TestERC20("Position-reading collateral", "PRC", decimals_) {}

    /// @notice Watch `pair_`'s payouts.
    function watch(ILongShortPair pair_) external {
        pair = pair_;
    }

    /// @dev Records the recipient's positions when the watched pair pays, then transfers.
    function transfer(address to, uint256 amount) public override returns (bool) {
        if (msg.sender == address(pair)) {
            seenLong = _balance(pair.longToken(), to);
            seenShort = _balance(pair.shortToken(), to);
            try pair.getPositionTokens(to) returns (uint256, uint256) {
                positionViewAnswered = true;
            } catch {
                positionViewAnswered = false;
            }
            payoutsSeen += 1;
        }
        return super.transfer(to, amount);
    }

    /// @dev `token.balanceOf(account)`.
    function _balance(address token, address account) internal view returns (uint256) {
        return TestERC20(token).balanceOf(account);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestERC20} from "./TestERC20.sol";

/// @title FeeOnTransferERC20
/// @notice Test double: every transfer delivers `amount - fee` to the recipient and burns the fee,
///         where fee = floor(amount * feeBasisPoints / 10_000) (0 disables it).
contract FeeOnTransferERC20 is TestERC20 {
    /// @notice The fee, in basis points of each transferred amount.
    uint256 public feeBasisPoints;

    /// @param decimals_ Token decimals.
    /// @param feeBasisPoints_ Fee in basis points, at most 10_000.
    constructor(uint8 decimals_, uint256 feeBasisPoints_) TestERC20("Fee on transfer", "FOT", decimals_) {
        feeBasisPoints = feeBasisPoints_;
    }

    /// @notice Change the fee, basis points.
    function setFee(uint256 feeBasisPoints_) external {
        feeBasisPoints = feeBasisPoints_;
    }

    /// @dev Transfers, then burns the fee from the recipient.
    function transfer(address to, uint256 amount) public override returns (bool) {
        super.transfer(to, amount);
        _burn(to, amount * feeBasisPoints / 10_000);
        return true;
    }

    /// @dev Transfers, then burns the fee from the recipient.
    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        super.transferFrom(from, to, amount);
        _burn(to, amount * feeBasisPoints / 10_000);
        return true;
    }
}

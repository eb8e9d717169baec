// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPoint} from "./FixedPoint.sol";

/// @title IStore
/// @notice The part of UMA's StoreInterface (plus Store's admin and Withdrawable functions) that the optimistic
///         oracle flow uses: per-currency final fees, and fee collection.
/// @dev Amounts use UMA's `FixedPoint.Unsigned` wrapper so the function selectors match UMA's Store; the wrapped
///      value is in raw currency units (not scaled by 1e18). Admin calls by others revert with UMA's MultiRole
///      string "Sender does not hold required role".
interface IStore {
    /// @notice The final fee of some currency changed to `newFinalFee` (UMA's event shape; the currency is not logged).
    event NewFinalFee(FixedPoint.Unsigned newFinalFee);

    /// @notice Pay oracle fees in ETH; reverts "Value sent can't be zero" when no ETH is sent.
    function payOracleFees() external payable;

    /// @notice Pay oracle fees in `erc20Address`, pulled from the caller (needs an allowance).
    /// @dev Reverts "Amount sent can't be zero" when `amount.rawValue` is 0.
    /// @param erc20Address The ERC20 currency.
    /// @param amount The fee, raw currency units.
    function payOracleFeesErc20(address erc20Address, FixedPoint.Unsigned calldata amount) external;

    /// @notice The final fee a proposer or disputer posts (and a dispute pays) in `currency`.
    /// @param currency The ERC20 currency.
    /// @return The final fee, raw currency units (0 if never set).
    function computeFinalFee(address currency) external view returns (FixedPoint.Unsigned memory);

    /// @notice Set the final fee for `currency` (owner only).
    /// @param currency The ERC20 currency.
    /// @param newFinalFee The fee, raw currency units; 0 is allowed.
    function setFinalFee(address currency, FixedPoint.Unsigned memory newFinalFee) external;

    /// @notice The stored final fee of `currency` (the public mapping UMA's Store exposes).
    /// @param currency The ERC20 currency.
    /// @return rawValue The fee, raw currency units.
    function finalFees(address currency) external view returns (uint256 rawValue);

    /// @notice Send `amount` wei of collected ETH to the caller (owner only).
    /// @param amount Wei.
    function withdraw(uint256 amount) external;

    /// @notice Send `amount` of collected `erc20Address` to the caller (owner only).
    /// @param erc20Address The ERC20 currency.
    /// @param amount Raw currency units.
    function withdrawErc20(address erc20Address, uint256 amount) external;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILongShortPairFinancialProductLibrary
/// @notice UMA's one-function payout interface: maps the oracle's resolved price to the share of
///         each pair's collateral that goes to the long side.
/// @dev Parameters are stored per pair and looked up by `msg.sender`, so only a pair calling for
///      itself gets a meaningful answer (UMA behaviour, kept for compatibility).
interface ILongShortPairFinancialProductLibrary {
    /// @notice The long side's share of collateral at the given expiry price.
    /// @param expiryPrice The price resolved by the oracle, scaled by 1e18 (may be negative).
    /// @return percentageLong Long share, scaled by 1e18; the pair caps it at 1e18.
    function percentageLongCollateralAtExpiry(int256 expiryPrice) external view returns (uint256 percentageLong);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title ILinearLongShortPairFinancialProductLibrary
/// @notice UMA's linear payout: 0 at or below `lowerBound`, 1e18 at or above `upperBound`, and a
///         straight line between them, truncated to the wei.
interface ILinearLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice `upperBound` must be strictly greater than `lowerBound`.
    /// @param upperBound The rejected upper bound, scaled by 1e18.
    /// @param lowerBound The rejected lower bound, scaled by 1e18.
    error InvalidBounds(int256 upperBound, int256 lowerBound);

    /// @notice Set the bounds of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form for `setEncodedParameters`: `abi.encode(int256 upperBound, int256 lowerBound)`.
    /// @param longShortPair The pair the bounds belong to.
    /// @param upperBound Price at and above which the long side gets everything, scaled by 1e18; any int256 > `lowerBound`.
    /// @param lowerBound Price at and below which the long side gets nothing, scaled by 1e18; any int256 < `upperBound`.
    function setLongShortPairParameters(address longShortPair, int256 upperBound, int256 lowerBound) external;

    /// @notice The bounds stored for `longShortPair`; both 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return upperBound Scaled by 1e18.
    /// @return lowerBound Scaled by 1e18.
    function longShortPairParameters(address longShortPair) external view returns (int256 upperBound, int256 lowerBound);
}

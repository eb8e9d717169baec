// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IFlooredLinearLongShortPairFinancialProductLibrary
/// @notice UMA's floored linear payout: `floorPercentage` at or below `lowerBound`, 1e18 at or above
///         `upperBound`, and a line between them computed in UMA's order (divide, then multiply).
interface IFlooredLinearLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice `upperBound` must be strictly greater than `lowerBound`.
    /// @param upperBound The rejected upper bound, scaled by 1e18.
    /// @param lowerBound The rejected lower bound, scaled by 1e18.
    error InvalidBounds(int256 upperBound, int256 lowerBound);
    /// @notice `floorPercentage` must be at most 1e18.
    /// @param floorPercentage The rejected floor, scaled by 1e18.
    error InvalidFloorPercentage(uint256 floorPercentage);

    /// @notice Set the bounds and floor of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(int256 upperBound, int256 lowerBound, uint256 floorPercentage)`.
    /// @param longShortPair The pair the parameters belong to.
    /// @param upperBound Price at and above which the long side gets everything, scaled by 1e18; any int256 > `lowerBound`.
    /// @param lowerBound Price at and below which the long side gets the floor, scaled by 1e18.
    /// @param floorPercentage The long side's minimum share, scaled by 1e18; in [0, 1e18].
    function setLongShortPairParameters(
        address longShortPair,
        int256 upperBound,
        int256 lowerBound,
        uint256 floorPercentage
    ) external;

    /// @notice The parameters stored for `longShortPair`; all 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return upperBound Scaled by 1e18.
    /// @return lowerBound Scaled by 1e18.
    /// @return floorPercentage Scaled by 1e18, in [0, 1e18].
    function longShortPairParameters(address longShortPair)
        external
        view
        returns (int256 upperBound, int256 lowerBound, uint256 floorPercentage);
}

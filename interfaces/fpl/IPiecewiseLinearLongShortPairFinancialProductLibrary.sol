// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IPiecewiseLinearLongShortPairFinancialProductLibrary
/// @notice A payout curve through 2 to 16 points (new; UMA has no equivalent). Flat at the first
///         point's share below the first price and at the last point's share above the last price;
///         straight lines between neighbouring points. Covers linear, floored, capped, decreasing and
///         (near-)step shapes.
/// @dev Rounding: between two points the output is the exact interpolated value rounded **down**
///      to the wei (floor), on rising and falling segments alike. With points (L, 0) and (U, 1e18)
///      this equals UMA's Linear output for every price. Bounds: prices strictly increasing (any
///      int256); percentages in [0, 1e18] (not required to be monotone).
interface IPiecewiseLinearLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice The number of points must be in [`minCount`, `maxCount`].
    /// @param count The number of points given.
    /// @param minCount The minimum, 2.
    /// @param maxCount The maximum, `MAX_POINTS` (16).
    error InvalidPointCount(uint256 count, uint256 minCount, uint256 maxCount);
    /// @notice `prices` and `percentages` must have the same length.
    /// @param priceCount Length of `prices`.
    /// @param percentageCount Length of `percentages`.
    error LengthMismatch(uint256 priceCount, uint256 percentageCount);
    /// @notice Point prices must be strictly increasing.
    /// @param index Index of the offending price.
    /// @param previousPrice The price before it, scaled by 1e18.
    /// @param price The offending price, scaled by 1e18.
    error PricesNotIncreasing(uint256 index, int256 previousPrice, int256 price);
    /// @notice Each percentage must be at most 1e18.
    /// @param index Index of the offending percentage.
    /// @param percentage The offending percentage, scaled by 1e18.
    error PercentageAboveOne(uint256 index, uint256 percentage);

    /// @notice The fewest points a curve can have.
    function MIN_POINTS() external view returns (uint256);
    /// @notice The most points a curve can have.
    function MAX_POINTS() external view returns (uint256);

    /// @notice Set the curve of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(int256[] prices, uint256[] percentages)`.
    /// @param longShortPair The pair the curve belongs to.
    /// @param prices The points' prices, scaled by 1e18; strictly increasing, 2 to 16 entries.
    /// @param percentages The long share at each point, scaled by 1e18; in [0, 1e18].
    function setLongShortPairParameters(address longShortPair, int256[] calldata prices, uint256[] calldata percentages)
        external;

    /// @notice The curve stored for `longShortPair`; empty arrays while unset.
    /// @param longShortPair The pair to look up.
    /// @return prices Scaled by 1e18.
    /// @return percentages Scaled by 1e18.
    function curve(address longShortPair) external view returns (int256[] memory prices, uint256[] memory percentages);
}

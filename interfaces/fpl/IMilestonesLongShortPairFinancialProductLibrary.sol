// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IMilestonesLongShortPairFinancialProductLibrary
/// @notice Staggered milestones (new; UMA has no equivalent): the long side gets `payouts[i]` for the
///         highest milestone `i` whose threshold the price reaches, and `basePercentage` below the
///         first threshold. Example (seed 003): thresholds $500m, $1B, $1.5B paying 1/3, 2/3, 1.
/// @dev Bounds: 1 to 16 milestones; thresholds strictly increasing (any int256); payouts in
///      [0, 1e18] and non-decreasing; `basePercentage <= payouts[0]`. The output is therefore
///      monotone non-decreasing in the price. No rounding: the output is one of the stated values.
interface IMilestonesLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice The number of milestones must be in [1, `maxCount`].
    /// @param count The number of milestones given.
    /// @param maxCount The maximum, `MAX_MILESTONES` (16).
    error InvalidMilestoneCount(uint256 count, uint256 maxCount);
    /// @notice `thresholds` and `payouts` must have the same length.
    /// @param thresholdCount Length of `thresholds`.
    /// @param payoutCount Length of `payouts`.
    error LengthMismatch(uint256 thresholdCount, uint256 payoutCount);
    /// @notice `basePercentage` must be at most 1e18.
    /// @param basePercentage The rejected base share, scaled by 1e18.
    error BasePercentageAboveOne(uint256 basePercentage);
    /// @notice Thresholds must be strictly increasing.
    /// @param index Index of the offending threshold.
    /// @param previousThreshold The threshold before it, scaled by 1e18.
    /// @param threshold The offending threshold, scaled by 1e18.
    error ThresholdsNotIncreasing(uint256 index, int256 previousThreshold, int256 threshold);
    /// @notice Each payout must be at most 1e18.
    /// @param index Index of the offending payout.
    /// @param payout The offending payout, scaled by 1e18.
    error PayoutAboveOne(uint256 index, uint256 payout);
    /// @notice Payouts must not decrease; the payout before index 0 is `basePercentage`.
    /// @param index Index of the offending payout.
    /// @param previousPayout The payout before it (or the base share for index 0), scaled by 1e18.
    /// @param payout The offending payout, scaled by 1e18.
    error PayoutsDecreasing(uint256 index, uint256 previousPayout, uint256 payout);

    /// @notice The most milestones a pair can have.
    function MAX_MILESTONES() external view returns (uint256);

    /// @notice Set the milestones of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(uint256 basePercentage, int256[] thresholds, uint256[] payouts)`.
    /// @param longShortPair The pair the milestones belong to.
    /// @param basePercentage Long share below the first threshold, scaled by 1e18; in [0, payouts[0]].
    /// @param thresholds Prices at which each milestone is reached, scaled by 1e18; strictly increasing, 1 to 16 entries.
    /// @param payouts Long share once each milestone is reached, scaled by 1e18; in [0, 1e18], non-decreasing.
    function setLongShortPairParameters(
        address longShortPair,
        uint256 basePercentage,
        int256[] calldata thresholds,
        uint256[] calldata payouts
    ) external;

    /// @notice The milestones stored for `longShortPair`; empty arrays while unset.
    /// @param longShortPair The pair to look up.
    /// @return basePercentage Scaled by 1e18.
    /// @return thresholds Scaled by 1e18.
    /// @return payouts Scaled by 1e18.
    function milestones(address longShortPair)
        external
        view
        returns (uint256 basePercentage, int256[] memory thresholds, uint256[] memory payouts);
}

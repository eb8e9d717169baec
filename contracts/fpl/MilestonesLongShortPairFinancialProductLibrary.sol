// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IMilestonesLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IMilestonesLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title MilestonesLongShortPairFinancialProductLibrary
/// @notice Staggered milestone payouts (see the interface).
/// @dev Storage per pair: one slot for count and base share, shares packed four to a slot (each
///      fits in 64 bits because it is at most 1e18), and one slot per threshold. Only the used
///      entries are written. "Set" means at least one milestone is stored.
contract MilestonesLongShortPairFinancialProductLibrary is
    IMilestonesLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @inheritdoc IMilestonesLongShortPairFinancialProductLibrary
    uint256 public constant MAX_MILESTONES = 16;

    /// @dev One pair's milestones; shares scaled by 1e18, thresholds scaled by 1e18.
    struct MilestoneSchedule {
        uint8 count;
        uint64 basePercentage;
        uint64[MAX_MILESTONES] payouts;
        int256[MAX_MILESTONES] thresholds;
    }

    /// @dev Milestones per pair.
    mapping(address longShortPair => MilestoneSchedule) internal _schedules;

    /// @inheritdoc IMilestonesLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(
        address longShortPair,
        uint256 basePercentage,
        int256[] calldata thresholds,
        uint256[] calldata payouts
    ) external {
        _setParameters(longShortPair, abi.encode(basePercentage, thresholds, payouts));
    }

    /// @inheritdoc IMilestonesLongShortPairFinancialProductLibrary
    function milestones(address longShortPair)
        external
        view
        returns (uint256 basePercentage, int256[] memory thresholds, uint256[] memory payouts)
    {
        MilestoneSchedule storage s = _schedules[longShortPair];
        uint256 count = s.count;
        basePercentage = s.basePercentage;
        thresholds = new int256[](count);
        payouts = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            thresholds[i] = s.thresholds[i];
            payouts[i] = s.payouts[i];
        }
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return _schedules[longShortPair].count != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (uint256 basePercentage, int256[] memory thresholds, uint256[] memory payouts) =
            abi.decode(parameters, (uint256, int256[], uint256[]));
        uint256 count = thresholds.length;
        if (count == 0 || count > MAX_MILESTONES) revert InvalidMilestoneCount(count, MAX_MILESTONES);
        if (payouts.length != count) revert LengthMismatch(count, payouts.length);
        if (basePercentage > WAD) revert BasePercentageAboveOne(basePercentage);
        MilestoneSchedule storage s = _schedules[longShortPair];
        uint256 previousPayout = basePercentage;
        for (uint256 i; i < count; ++i) {
            if (i != 0 && thresholds[i] <= thresholds[i - 1]) {
                revert ThresholdsNotIncreasing(i, thresholds[i - 1], thresholds[i]);
            }
            if (payouts[i] > WAD) revert PayoutAboveOne(i, payouts[i]);
            if (payouts[i] < previousPayout) revert PayoutsDecreasing(i, previousPayout, payouts[i]);
            previousPayout = payouts[i];
            s.thresholds[i] = thresholds[i];
            // Safe: payouts[i] <= 1e18 < 2^64.
            s.payouts[i] = uint64(payouts[i]);
        }
        s.count = uint8(count);
        // Safe: basePercentage <= payouts[0] <= 1e18 < 2^64.
        s.basePercentage = uint64(basePercentage);
        return abi.encode(basePercentage, thresholds, payouts);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev No arithmetic, so no rounding: the share of the highest milestone reached, else the base.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        MilestoneSchedule storage s = _schedules[longShortPair];
        for (uint256 i = s.count; i != 0; --i) {
            if (price >= s.thresholds[i - 1]) return s.payouts[i - 1];
        }
        return s.basePercentage;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IMultiMetricLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IMultiMetricLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title MultiMetricLongShortPairFinancialProductLibrary
/// @notice Weighted progress on up to 7 metrics answered in one UMIP-183 `MULTIPLE_VALUES` price
///         (see the interface for the formula, the rounding and the special answers).
/// @dev Storage per pair: one slot for count, switch and the two shares; one slot per metric (bounds
///      fit 32 bits, steps 16 bits, weight 64 bits because it is at most 1e18). "Set" means at least
///      one metric is stored.
contract MultiMetricLongShortPairFinancialProductLibrary is
    IMultiMetricLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @inheritdoc IMultiMetricLongShortPairFinancialProductLibrary
    uint256 public constant MAX_METRICS = 7;
    /// @inheritdoc IMultiMetricLongShortPairFinancialProductLibrary
    uint256 public constant MAX_STEPS = 1000;
    /// @dev Width of one packed value, in bits (UMIP-183).
    uint256 internal constant VALUE_BITS = 32;
    /// @dev The largest packed value, 2^32 - 1.
    uint256 internal constant MAX_VALUE = type(uint32).max;

    /// @dev One metric, packed in one slot.
    struct Metric {
        uint32 lowerBound;
        uint32 upperBound;
        uint16 steps;
        uint64 weight;
    }

    /// @dev One pair's parameters; shares scaled by 1e18.
    struct Schedule {
        uint8 count;
        bool allOrNone;
        uint64 minimumPercentage;
        uint64 unresolvablePercentage;
        Metric[MAX_METRICS] metrics;
    }

    /// @dev Parameters per pair.
    mapping(address longShortPair => Schedule) internal _schedules;

    /// @inheritdoc IMultiMetricLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(
        address longShortPair,
        MetricParameters[] calldata metrics,
        uint256 minimumPercentage,
        uint256 unresolvablePercentage,
        bool allOrNone
    ) external {
        _setParameters(longShortPair, abi.encode(metrics, minimumPercentage, unresolvablePercentage, allOrNone));
    }

    /// @inheritdoc IMultiMetricLongShortPairFinancialProductLibrary
    function multiMetricParameters(address longShortPair)
        external
        view
        returns (
            MetricParameters[] memory metrics,
            uint256 minimumPercentage,
            uint256 unresolvablePercentage,
            bool allOrNone
        )
    {
        Schedule storage s = _schedules[longShortPair];
        uint256 count = s.count;
        metrics = new MetricParameters[](count);
        for (uint256 i; i < count; ++i) {
            Metric memory m = s.metrics[i];
            metrics[i] = MetricParameters(m.lowerBound, m.upperBound, m.weight, m.steps);
        }
        return (metrics, s.minimumPercentage, s.unresolvablePercentage, s.allOrNone);
    }

    /// @inheritdoc IMultiMetricLongShortPairFinancialProductLibrary
    function decodeValues(int256 price, uint256 count) external pure returns (bool valid, uint256[] memory decoded) {
        if (count == 0 || count > MAX_METRICS) revert InvalidMetricCount(count, MAX_METRICS);
        if (!_carriesValues(price, count)) return (false, new uint256[](0));
        decoded = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            decoded[i] = _valueAt(uint256(price), i);
        }
        return (true, decoded);
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return _schedules[longShortPair].count != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (MetricParameters[] memory metrics, uint256 minimumPercentage, uint256 unresolvablePercentage, bool allOrNone) =
            abi.decode(parameters, (MetricParameters[], uint256, uint256, bool));
        uint256 count = metrics.length;
        if (count == 0 || count > MAX_METRICS) revert InvalidMetricCount(count, MAX_METRICS);
        if (minimumPercentage > WAD) revert MinimumPercentageAboveOne(minimumPercentage);
        if (unresolvablePercentage > WAD) revert UnresolvablePercentageAboveOne(unresolvablePercentage);
        Schedule storage s = _schedules[longShortPair];
        uint256 weightSum = 0;
        for (uint256 i; i < count; ++i) {
            MetricParameters memory m = metrics[i];
            if (m.upperBound > MAX_VALUE) revert MetricBoundTooLarge(i, m.upperBound, MAX_VALUE);
            if (m.lowerBound >= m.upperBound) revert InvalidMetricBounds(i, m.lowerBound, m.upperBound);
            if (m.steps > MAX_STEPS) revert TooManySteps(i, m.steps, MAX_STEPS);
            if (m.weight > WAD) revert WeightAboveOne(i, m.weight);
            // No overflow: at most 7 weights of at most 1e18 each.
            weightSum += m.weight;
            // Safe casts: lowerBound < upperBound <= 2^32 - 1; steps <= 1000 < 2^16; weight <= 1e18 < 2^64.
            s.metrics[i] = Metric(uint32(m.lowerBound), uint32(m.upperBound), uint16(m.steps), uint64(m.weight));
        }
        if (weightSum != WAD) revert WeightsDoNotSumToOne(weightSum);
        s.count = uint8(count);
        s.allOrNone = allOrNone;
        // Safe casts: both shares <= 1e18 < 2^64.
        s.minimumPercentage = uint64(minimumPercentage);
        s.unresolvablePercentage = uint64(unresolvablePercentage);
        return abi.encode(metrics, minimumPercentage, unresolvablePercentage, allOrNone);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Rounds down at each metric's term and at the final scaling (see the interface): the long side
    ///      never gets more than its exact share, so the pair's two sides never exceed its collateral.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        Schedule storage s = _schedules[longShortPair];
        uint256 count = s.count;
        if (!_carriesValues(price, count)) return s.unresolvablePercentage;
        uint256 minimum = s.minimumPercentage;
        bool allOrNone = s.allOrNone;
        uint256 weighted = 0;
        for (uint256 i; i < count; ++i) {
            Metric memory m = s.metrics[i];
            uint256 value = _valueAt(uint256(price), i);
            if (value < m.lowerBound && allOrNone) return minimum;
            weighted += _term(m, value);
        }
        // weighted <= 1e18 (the weights sum to 1e18), so the product stays below 2^120.
        return minimum + weighted * (WAD - minimum) / WAD;
    }

    /// @dev One metric's weighted progress, scaled by 1e18, rounded down; in [0, weight].
    function _term(Metric memory m, uint256 value) internal pure returns (uint256) {
        if (value <= m.lowerBound) return 0;
        if (value >= m.upperBound) return m.weight;
        // (value - lower) < 2^32, weight <= 1e18 and steps <= 1000: every product stays below 2^100.
        uint256 reached = value - m.lowerBound;
        uint256 range = uint256(m.upperBound) - m.lowerBound;
        if (m.steps == 0) return uint256(m.weight) * reached / range;
        uint256 wholeSteps = uint256(m.steps) * reached / range;
        return uint256(m.weight) * wholeSteps / m.steps;
    }

    /// @dev Whether `price` is a UMIP-183 packing of `count` values: non-negative (this excludes
    ///      `type(int256).min`, "too early") and no bit set above value `count - 1` (this excludes
    ///      `type(int256).max`, "unresolvable", and bits 224-255).
    function _carriesValues(int256 price, uint256 count) internal pure returns (bool) {
        return price >= 0 && uint256(price) >> (VALUE_BITS * count) == 0;
    }

    /// @dev Packed value `index` of `packed`: bits `32 index .. 32 index + 31`.
    function _valueAt(uint256 packed, uint256 index) internal pure returns (uint256) {
        return (packed >> (VALUE_BITS * index)) & MAX_VALUE;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IMultiMetricLongShortPairFinancialProductLibrary
/// @notice Several KPIs in one option (new; UMA has no equivalent). The pair's price identifier is
///         UMA's `MULTIPLE_VALUES` (UMIP-183): the oracle answers up to 7 unsigned 32-bit values packed
///         into one int256, value `i` in bits `32i .. 32i+31` (label 0 in the lowest bits), bits 224-255
///         and every bit above the last used label zero. The library unpacks one value per metric and
///         pays the long side `minimumPercentage + (1e18 - minimumPercentage) x S / 1e18`, where `S` is
///         the weighted sum of each metric's progress between its lower and upper bound.
/// @dev Per metric `i` with value `v`, bounds `L < U`, weight `w` and `steps` `n`:
///      - progress term `t_i`: 0 if `v <= L`; `w` if `v >= U`; otherwise, with `n == 0` (linear)
///        `floor(w x (v - L) / (U - L))`, and with `n >= 1` (equal steps, Milestones-style)
///        `floor(w x k / n)` where `k = floor(n x (v - L) / (U - L))` is the number of whole steps reached.
///      - `S = sum of t_i` (at most 1e18 because the weights sum to 1e18).
///      - all-or-none (optional): if any value is strictly below its metric's lower bound, the long side
///        gets exactly `minimumPercentage`.
///      - result `minimumPercentage + floor(S x (1e18 - minimumPercentage) / 1e18)`.
///      Rounding: every division rounds **down**, so the long side never gets more than its exact share
///      (the sub-wei remainders go to the short side); the result is below the exact rational value by
///      less than (metric count + 1) wei. Special answers, checked before decoding (UMIP-183): a price
///      that is negative (among them `type(int256).min`, "too early") or has a non-zero bit above the
///      last metric's 32 bits (among them `type(int256).max`, "unresolvable") carries no values and pays
///      `unresolvablePercentage`. The pair itself rejects `type(int256).min` as an early-expiry answer
///      (the ignore price) before asking the library; only an expiry request can bring it here.
///      The output is in [0, 1e18] for every int256 and monotone non-decreasing in each value.
interface IMultiMetricLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice One metric's parameters, in the integer units of its packed value.
    /// @param lowerBound Value at or below which the metric contributes nothing; in [0, 2^32 - 2].
    /// @param upperBound Value at or above which the metric contributes its whole weight; in
    ///        (lowerBound, 2^32 - 1].
    /// @param weight The metric's share of the variable part, scaled by 1e18; all weights sum to 1e18.
    /// @param steps 0 for linear progress between the bounds; n in [1, `MAX_STEPS`] for n equal steps
    ///        (progress rounded down to a whole step; n = 1 pays the weight only at the upper bound).
    struct MetricParameters {
        uint256 lowerBound;
        uint256 upperBound;
        uint256 weight;
        uint256 steps;
    }

    /// @notice The number of metrics must be in [1, `maxCount`].
    /// @param count The number of metrics given.
    /// @param maxCount The maximum, `MAX_METRICS` (7, UMIP-183's label limit).
    error InvalidMetricCount(uint256 count, uint256 maxCount);
    /// @notice A metric's upper bound must fit the 32 bits of its packed value.
    /// @param index Index of the metric (its label's position in packing order).
    /// @param upperBound The rejected upper bound, in the metric's integer units.
    /// @param maxValue The largest packed value, 2^32 - 1.
    error MetricBoundTooLarge(uint256 index, uint256 upperBound, uint256 maxValue);
    /// @notice A metric's lower bound must be below its upper bound.
    /// @param index Index of the metric.
    /// @param lowerBound The lower bound, in the metric's integer units.
    /// @param upperBound The upper bound, in the metric's integer units.
    error InvalidMetricBounds(uint256 index, uint256 lowerBound, uint256 upperBound);
    /// @notice A metric's step count must be at most `maxSteps`.
    /// @param index Index of the metric.
    /// @param steps The rejected step count.
    /// @param maxSteps The maximum, `MAX_STEPS`.
    error TooManySteps(uint256 index, uint256 steps, uint256 maxSteps);
    /// @notice A metric's weight must be at most 1e18.
    /// @param index Index of the metric.
    /// @param weight The rejected weight, scaled by 1e18.
    error WeightAboveOne(uint256 index, uint256 weight);
    /// @notice The weights must sum to exactly 1e18.
    /// @param sum Their sum, scaled by 1e18.
    error WeightsDoNotSumToOne(uint256 sum);
    /// @notice `minimumPercentage` must be at most 1e18.
    /// @param minimumPercentage The rejected minimum, scaled by 1e18.
    error MinimumPercentageAboveOne(uint256 minimumPercentage);
    /// @notice `unresolvablePercentage` must be at most 1e18.
    /// @param unresolvablePercentage The rejected share, scaled by 1e18.
    error UnresolvablePercentageAboveOne(uint256 unresolvablePercentage);

    /// @notice The most metrics a pair can have (UMIP-183: at most 7 labels).
    function MAX_METRICS() external view returns (uint256);
    /// @notice The most equal steps one metric can have.
    function MAX_STEPS() external view returns (uint256);

    /// @notice Set the metrics of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(MetricParameters[] metrics, uint256 minimumPercentage,
    ///      uint256 unresolvablePercentage, bool allOrNone)`; metric `i` reads packed value `i`.
    /// @param longShortPair The pair the metrics belong to.
    /// @param metrics 1 to 7 metrics in UMIP-183 packing order (label 0 first).
    /// @param minimumPercentage Long share paid whatever the values, scaled by 1e18; in [0, 1e18].
    /// @param unresolvablePercentage Long share paid for an answer that carries no values (UMIP-183's
    ///        unresolvable answer, a negative price, or non-zero unused bits), scaled by 1e18; in [0, 1e18].
    /// @param allOrNone Whether one value strictly below its lower bound pays only `minimumPercentage`.
    function setLongShortPairParameters(
        address longShortPair,
        MetricParameters[] calldata metrics,
        uint256 minimumPercentage,
        uint256 unresolvablePercentage,
        bool allOrNone
    ) external;

    /// @notice The parameters stored for `longShortPair`; an empty metric list while unset.
    /// @param longShortPair The pair to look up.
    /// @return metrics In packing order; bounds in the metrics' integer units, weights scaled by 1e18.
    /// @return minimumPercentage Scaled by 1e18.
    /// @return unresolvablePercentage Scaled by 1e18.
    /// @return allOrNone The all-or-none switch.
    function multiMetricParameters(address longShortPair)
        external
        view
        returns (
            MetricParameters[] memory metrics,
            uint256 minimumPercentage,
            uint256 unresolvablePercentage,
            bool allOrNone
        );

    /// @notice UMIP-183 decoding of `price` into `count` values, after the special-answer checks.
    /// @dev Reverts `InvalidMetricCount` unless `count` is in [1, 7].
    /// @param price The oracle's answer (a packed int256, not scaled).
    /// @param count How many labels the request has.
    /// @return valid False for a negative price or one with a non-zero bit above value `count - 1`
    ///         (UMIP-183's two special answers included); then `decoded` is empty.
    /// @return decoded The `count` unsigned 32-bit values, label 0 first.
    function decodeValues(int256 price, uint256 count) external pure returns (bool valid, uint256[] memory decoded);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IBoundedLogLongShortPairFinancialProductLibrary
/// @notice A bounded logarithmic (logit) payout (new; UMA has no equivalent), the curve BarnBridge's
///         SMART Alpha KPI options used off-chain:
///         `½ · (1 − log_{Max/Min}((Max + Min) / T − 1))` with `T = min(Max, max(price, Min))`.
///         It pays 0 at Min, 1e18 at Max, 5e17 at (Max + Min) / 2, and is symmetric about that point.
/// @dev Computed with Solady's `FixedPointMathLib.lnWad` as
///      `q = (ln(S − T) − ln(T)) · 1e18 / (ln(Max) − ln(Min))` (S = Max + Min, quotient truncated
///      toward zero), then `(1e18 − q) / 2` rounded down and clamped to [0, 1e18]. Within 1e-6 (in
///      practice within a few wei) of the exact formula. Bounds: `minPrice >= 1`,
///      `maxPrice <= type(uint128).max`, and `maxPrice >= minPrice + max(1, minPrice / 1e6)`
///      (the range spans at least a factor 1 + 1e-6, so the denominator is never 0).
interface IBoundedLogLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice `minPrice` must be at least 1.
    error MinPriceZero();
    /// @notice `maxPrice` must fit in 128 bits (it is packed with `minPrice` in one slot).
    /// @param maxPrice The rejected maximum, scaled by 1e18.
    /// @param limit `type(uint128).max`.
    error MaxPriceTooLarge(uint256 maxPrice, uint256 limit);
    /// @notice `maxPrice` must be at least `minPrice + max(1, minPrice / 1e6)`.
    /// @param minPrice The given minimum, scaled by 1e18.
    /// @param maxPrice The rejected maximum, scaled by 1e18.
    error PriceRangeTooNarrow(uint256 minPrice, uint256 maxPrice);

    /// @notice Set the range of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(uint256 minPrice, uint256 maxPrice)`.
    /// @param longShortPair The pair the range belongs to.
    /// @param minPrice Min: the price at and below which the long side gets 0, scaled by 1e18; at least 1.
    /// @param maxPrice Max: the price at and above which the long side gets 1e18, scaled by 1e18;
    ///        at most type(uint128).max and at least `minPrice + max(1, minPrice / 1e6)`.
    function setLongShortPairParameters(address longShortPair, uint256 minPrice, uint256 maxPrice) external;

    /// @notice The range stored for `longShortPair`; both 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return minPrice Scaled by 1e18.
    /// @return maxPrice Scaled by 1e18.
    function longShortPairParameters(address longShortPair) external view returns (uint256 minPrice, uint256 maxPrice);
}

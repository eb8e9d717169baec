// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {
    IBoundedLogLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IBoundedLogLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title BoundedLogLongShortPairFinancialProductLibrary
/// @notice The SMART Alpha bounded-log (logit) payout (see the interface).
/// @dev Storage per pair: Min and Max packed in one slot (both fit in 128 bits). "Set" means
///      Min != 0, which the setter guarantees.
contract BoundedLogLongShortPairFinancialProductLibrary is
    IBoundedLogLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @dev The least relative width of the range: Max − Min >= Min / MIN_RELATIVE_WIDTH_INVERSE.
    uint256 internal constant MIN_RELATIVE_WIDTH_INVERSE = 1e6;

    /// @dev One pair's range, scaled by 1e18.
    struct LogRange {
        uint128 minPrice;
        uint128 maxPrice;
    }

    /// @dev Ranges per pair.
    mapping(address longShortPair => LogRange) internal _ranges;

    /// @inheritdoc IBoundedLogLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, uint256 minPrice, uint256 maxPrice) external {
        _setParameters(longShortPair, abi.encode(minPrice, maxPrice));
    }

    /// @inheritdoc IBoundedLogLongShortPairFinancialProductLibrary
    function longShortPairParameters(address longShortPair) external view returns (uint256 minPrice, uint256 maxPrice) {
        LogRange memory r = _ranges[longShortPair];
        return (r.minPrice, r.maxPrice);
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return _ranges[longShortPair].minPrice != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (uint256 minPrice, uint256 maxPrice) = abi.decode(parameters, (uint256, uint256));
        if (minPrice == 0) revert MinPriceZero();
        if (maxPrice > type(uint128).max) revert MaxPriceTooLarge(maxPrice, type(uint128).max);
        if (maxPrice <= minPrice || maxPrice - minPrice < minPrice / MIN_RELATIVE_WIDTH_INVERSE) {
            revert PriceRangeTooNarrow(minPrice, maxPrice);
        }
        // Safe casts: minPrice < maxPrice <= type(uint128).max.
        _ranges[longShortPair] = LogRange(uint128(minPrice), uint128(maxPrice));
        return abi.encode(minPrice, maxPrice);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev `q = (ln(S − T) − ln(T)) · 1e18 / (ln(Max) − ln(Min))`, truncated toward zero, then
    ///      `(1e18 − q) / 2` rounded down and clamped to [0, 1e18]. Logs are Solady's `lnWad`; the
    ///      1e18 scaling cancels in each difference. The curve is an approximation agreed off-chain,
    ///      so the rounding here is about reproducibility (the Python twin matches to the wei), and
    ///      rounding down keeps the long share at or below the computed value, as everywhere else.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        LogRange memory r = _ranges[longShortPair];
        // Safe casts: both are below 2^128.
        int256 minPrice = int256(uint256(r.minPrice));
        int256 maxPrice = int256(uint256(r.maxPrice));
        int256 bounded = price < minPrice ? minPrice : (price > maxPrice ? maxPrice : price);
        int256 denominator = FixedPointMathLib.lnWad(maxPrice) - FixedPointMathLib.lnWad(minPrice);
        int256 numerator = FixedPointMathLib.lnWad(minPrice + maxPrice - bounded) - FixedPointMathLib.lnWad(bounded);
        int256 quotient = numerator * int256(WAD) / denominator;
        if (quotient >= int256(WAD)) return 0;
        if (quotient <= -int256(WAD)) return WAD;
        return uint256(int256(WAD) - quotient) / 2;
    }
}

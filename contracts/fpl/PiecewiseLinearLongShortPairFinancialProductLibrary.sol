// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {
    IPiecewiseLinearLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IPiecewiseLinearLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title PiecewiseLinearLongShortPairFinancialProductLibrary
/// @notice A payout curve through up to 16 points (see the interface).
/// @dev Storage per pair: one slot for the count, shares packed four to a slot (each fits in 64
///      bits because it is at most 1e18), and one slot per point price. Only the used entries are
///      written. "Set" means a curve is stored (count >= 2).
contract PiecewiseLinearLongShortPairFinancialProductLibrary is
    IPiecewiseLinearLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @inheritdoc IPiecewiseLinearLongShortPairFinancialProductLibrary
    uint256 public constant MIN_POINTS = 2;
    /// @inheritdoc IPiecewiseLinearLongShortPairFinancialProductLibrary
    uint256 public constant MAX_POINTS = 16;

    /// @dev One pair's curve; prices and shares scaled by 1e18.
    struct Curve {
        uint8 count;
        uint64[MAX_POINTS] percentages;
        int256[MAX_POINTS] prices;
    }

    /// @dev Curves per pair.
    mapping(address longShortPair => Curve) internal _curves;

    /// @inheritdoc IPiecewiseLinearLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, int256[] calldata prices, uint256[] calldata percentages)
        external
    {
        _setParameters(longShortPair, abi.encode(prices, percentages));
    }

    /// @inheritdoc IPiecewiseLinearLongShortPairFinancialProductLibrary
    function curve(address longShortPair) external view returns (int256[] memory prices, uint256[] memory percentages) {
        Curve storage c = _curves[longShortPair];
        uint256 count = c.count;
        prices = new int256[](count);
        percentages = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            prices[i] = c.prices[i];
            percentages[i] = c.percentages[i];
        }
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return _curves[longShortPair].count != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (int256[] memory prices, uint256[] memory percentages) = abi.decode(parameters, (int256[], uint256[]));
        uint256 count = prices.length;
        if (count < MIN_POINTS || count > MAX_POINTS) revert InvalidPointCount(count, MIN_POINTS, MAX_POINTS);
        if (percentages.length != count) revert LengthMismatch(count, percentages.length);
        Curve storage c = _curves[longShortPair];
        for (uint256 i; i < count; ++i) {
            if (i != 0 && prices[i] <= prices[i - 1]) revert PricesNotIncreasing(i, prices[i - 1], prices[i]);
            if (percentages[i] > WAD) revert PercentageAboveOne(i, percentages[i]);
            c.prices[i] = prices[i];
            // Safe: percentages[i] <= 1e18 < 2^64.
            c.percentages[i] = uint64(percentages[i]);
        }
        c.count = uint8(count);
        return abi.encode(prices, percentages);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Between two points the exact interpolated share is rounded down (floor): the long side
    ///      never gets more than the curve's exact value and the sub-wei remainder goes to the short side (whose share is 1e18 minus this). Pool solvency does not rest on this rounding: the pair floors each side's payout (I-2).
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        Curve storage c = _curves[longShortPair];
        uint256 last = c.count - 1;
        int256 x0 = c.prices[0];
        if (price <= x0) return c.percentages[0];
        if (price >= c.prices[last]) return c.percentages[last];
        // Find the segment (x0, x1] holding the price; one exists because prices[0] < price < prices[last].
        uint256 i = 1;
        int256 x1 = c.prices[1];
        while (price > x1) {
            x0 = x1;
            x1 = c.prices[++i];
        }
        uint256 y0 = c.percentages[i - 1];
        uint256 y1 = c.percentages[i];
        uint256 dx = _distance(price, x0);
        uint256 width = _distance(x1, x0);
        // Rising: add the step rounded down. Falling: subtract the step rounded up. Both give floor(exact).
        if (y1 >= y0) return y0 + FixedPointMathLib.fullMulDiv(y1 - y0, dx, width);
        return y0 - FixedPointMathLib.fullMulDivUp(y0 - y1, dx, width);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IRangeBondLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IRangeBondLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title RangeBondLongShortPairFinancialProductLibrary
/// @notice UMA's range bond (see the interface).
/// @dev Parameters are "set" when the ranges are not both 0, which `high > low >= 1` guarantees.
contract RangeBondLongShortPairFinancialProductLibrary is
    IRangeBondLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @dev One pair's ranges, scaled by 1e18 (two slots, as in UMA; note the order high, low).
    struct RangeBondParameters {
        uint256 highPriceRange;
        uint256 lowPriceRange;
    }

    /// @inheritdoc IRangeBondLongShortPairFinancialProductLibrary
    mapping(address longShortPair => RangeBondParameters) public longShortPairParameters;

    /// @inheritdoc IRangeBondLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, uint256 highPriceRange, uint256 lowPriceRange) external {
        _setParameters(longShortPair, abi.encode(highPriceRange, lowPriceRange));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        RangeBondParameters storage p = longShortPairParameters[longShortPair];
        return p.highPriceRange != 0 || p.lowPriceRange != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (uint256 highPriceRange, uint256 lowPriceRange) = abi.decode(parameters, (uint256, uint256));
        if (highPriceRange <= lowPriceRange) revert InvalidBounds(highPriceRange, lowPriceRange);
        if (lowPriceRange == 0) revert LowPriceRangeZero();
        longShortPairParameters[longShortPair] = RangeBondParameters(highPriceRange, lowPriceRange);
        return abi.encode(highPriceRange, lowPriceRange);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Negative prices count as 0. `R1 / P` (or `R1 / R2` above R2) rounded down: the long side
    ///      gets at most its exact share and the sub-wei remainder goes to the short side (whose share is 1e18 minus this). Pool solvency does not rest on this rounding: the pair floors each side's payout (I-2).
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        RangeBondParameters memory r = longShortPairParameters[longShortPair];
        uint256 p = _positivePart(price);
        if (p <= r.lowPriceRange) return WAD;
        if (p <= r.highPriceRange) return _wadDivDown(r.lowPriceRange, p);
        return _wadDivDown(r.lowPriceRange, r.highPriceRange);
    }
}

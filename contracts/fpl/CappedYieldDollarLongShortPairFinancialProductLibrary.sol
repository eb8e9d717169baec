// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ICappedYieldDollarLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/ICappedYieldDollarLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title CappedYieldDollarLongShortPairFinancialProductLibrary
/// @notice UMA's capped yield dollar (see the interface).
/// @dev A stored low price range of 0 means unset; the setter rejects 0.
contract CappedYieldDollarLongShortPairFinancialProductLibrary is
    ICappedYieldDollarLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @inheritdoc ICappedYieldDollarLongShortPairFinancialProductLibrary
    mapping(address longShortPair => uint256 lowPriceRange) public lowPriceRanges;

    /// @inheritdoc ICappedYieldDollarLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, uint256 lowPriceRange) external {
        _setParameters(longShortPair, abi.encode(lowPriceRange));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return lowPriceRanges[longShortPair] != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        uint256 lowPriceRange = abi.decode(parameters, (uint256));
        if (lowPriceRange == 0) revert LowPriceRangeZero();
        lowPriceRanges[longShortPair] = lowPriceRange;
        return abi.encode(lowPriceRange);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Negative prices count as 0. `R1 / P` rounded down: the long side gets at most its
    ///      exact share and the sub-wei remainder goes to the short side (whose share is 1e18 minus this). Pool solvency does not rest on this rounding: the pair floors each side's payout (I-2).
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        uint256 lowPriceRange = lowPriceRanges[longShortPair];
        uint256 p = _positivePart(price);
        if (p <= lowPriceRange) return WAD;
        return _wadDivDown(lowPriceRange, p);
    }
}

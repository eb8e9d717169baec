// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ISimpleSuccessTokenLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/ISimpleSuccessTokenLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title SimpleSuccessTokenLongShortPairFinancialProductLibrary
/// @notice UMA's simple success token (see the interface).
/// @dev A stored strike of 0 means unset; the setter rejects 0. UMA kept the two halves in
///      mutable storage; here they are constants.
contract SimpleSuccessTokenLongShortPairFinancialProductLibrary is
    ISimpleSuccessTokenLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @dev The fixed share the long side always gets, scaled by 1e18.
    uint256 internal constant BASE_PERCENTAGE = 5e17;
    /// @dev The share of the covered call the long side gets on top, scaled by 1e18.
    uint256 internal constant VARIABLE_PERCENTAGE = WAD - BASE_PERCENTAGE;

    /// @inheritdoc ISimpleSuccessTokenLongShortPairFinancialProductLibrary
    mapping(address longShortPair => uint256 strikePrice) public longShortPairStrikePrices;

    /// @inheritdoc ISimpleSuccessTokenLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, uint256 strikePrice) external {
        _setParameters(longShortPair, abi.encode(strikePrice));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return longShortPairStrikePrices[longShortPair] != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        uint256 strikePrice = abi.decode(parameters, (uint256));
        if (strikePrice == 0) revert StrikePriceZero();
        longShortPairStrikePrices[longShortPair] = strikePrice;
        return abi.encode(strikePrice);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Negative prices count as 0. UMA's order: `0.5 × (P − K)` truncated, then `/ P`
    ///      truncated. Both round the long share down, so the sub-wei remainder goes to the short side (whose share is 1e18 minus this). Pool solvency does not rest on this rounding: the pair floors each side's payout (I-2).
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        uint256 strikePrice = longShortPairStrikePrices[longShortPair];
        uint256 p = _positivePart(price);
        if (p <= strikePrice) return BASE_PERCENTAGE;
        return BASE_PERCENTAGE + _wadDivDown(_wadMulDown(VARIABLE_PERCENTAGE, p - strikePrice), p);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ICoveredCallLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/ICoveredCallLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title CoveredCallLongShortPairFinancialProductLibrary
/// @notice UMA's covered call (see the interface).
/// @dev A stored strike of 0 means unset; the setter rejects 0, so it can never be stored by mistake.
contract CoveredCallLongShortPairFinancialProductLibrary is
    ICoveredCallLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @inheritdoc ICoveredCallLongShortPairFinancialProductLibrary
    mapping(address longShortPair => uint256 strikePrice) public longShortPairStrikePrices;

    /// @inheritdoc ICoveredCallLongShortPairFinancialProductLibrary
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
    /// @dev `(P − K) / P` rounded down: the long side gets at most its exact share and
    ///      the sub-wei remainder goes to the short side (whose share is 1e18 minus this). Pool solvency does not rest on this rounding: the pair floors each side's payout (I-2). Strictly below 1e18 because K >= 1.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        uint256 strikePrice = longShortPairStrikePrices[longShortPair];
        if (price < 0 || uint256(price) < strikePrice) return 0;
        return _wadDivDown(uint256(price) - strikePrice, uint256(price));
    }
}

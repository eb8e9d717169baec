// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ISuccessTokenLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/ISuccessTokenLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title SuccessTokenLongShortPairFinancialProductLibrary
/// @notice UMA's success token (see the interface).
/// @dev Parameters are "set" when strike and base are not both 0, which `strike >= 1` guarantees.
contract SuccessTokenLongShortPairFinancialProductLibrary is
    ISuccessTokenLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @dev One pair's parameters, scaled by 1e18 (two slots, as in UMA, so the getter keeps UMA's types).
    struct SuccessTokenParameters {
        uint256 strikePrice;
        uint256 basePercentage;
    }

    /// @inheritdoc ISuccessTokenLongShortPairFinancialProductLibrary
    mapping(address longShortPair => SuccessTokenParameters) public longShortPairParameters;

    /// @inheritdoc ISuccessTokenLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, uint256 strikePrice, uint256 basePercentage) external {
        _setParameters(longShortPair, abi.encode(strikePrice, basePercentage));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        SuccessTokenParameters storage p = longShortPairParameters[longShortPair];
        return p.strikePrice != 0 || p.basePercentage != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (uint256 strikePrice, uint256 basePercentage) = abi.decode(parameters, (uint256, uint256));
        if (strikePrice == 0) revert StrikePriceZero();
        if (basePercentage == 0 || basePercentage > WAD) revert InvalidBasePercentage(basePercentage);
        longShortPairParameters[longShortPair] = SuccessTokenParameters(strikePrice, basePercentage);
        return abi.encode(strikePrice, basePercentage);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Negative prices count as 0. UMA's order: `(1 − b) × (P − K)` truncated, then `/ P`
    ///      truncated. Both round the long share down; with b <= 1e18 the result stays below 1e18.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        SuccessTokenParameters memory s = longShortPairParameters[longShortPair];
        uint256 p = _positivePart(price);
        if (p <= s.strikePrice) return s.basePercentage;
        return s.basePercentage + _wadDivDown(_wadMulDown(WAD - s.basePercentage, p - s.strikePrice), p);
    }
}

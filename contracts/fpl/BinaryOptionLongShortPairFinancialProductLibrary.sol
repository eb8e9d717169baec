// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IBinaryOptionLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IBinaryOptionLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title BinaryOptionLongShortPairFinancialProductLibrary
/// @notice UMA's binary option (see the interface).
contract BinaryOptionLongShortPairFinancialProductLibrary is
    IBinaryOptionLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @dev One pair's strike (two slots, as in UMA, so the getter keeps UMA's types).
    struct BinaryOptionParameters {
        bool isSet;
        int256 strikePrice;
    }

    /// @inheritdoc IBinaryOptionLongShortPairFinancialProductLibrary
    mapping(address longShortPair => BinaryOptionParameters) public longShortPairParameters;

    /// @inheritdoc IBinaryOptionLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, int256 strikePrice) external {
        _setParameters(longShortPair, abi.encode(strikePrice));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        return longShortPairParameters[longShortPair].isSet;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        int256 strikePrice = abi.decode(parameters, (int256));
        longShortPairParameters[longShortPair] = BinaryOptionParameters(true, strikePrice);
        return abi.encode(strikePrice);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev No arithmetic, so no rounding: all or nothing.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        return price >= longShortPairParameters[longShortPair].strikePrice ? WAD : 0;
    }
}

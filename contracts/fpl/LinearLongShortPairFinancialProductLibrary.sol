// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    ILinearLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/ILinearLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title LinearLongShortPairFinancialProductLibrary
/// @notice UMA's linear payout between a lower and an upper bound (see the interface).
/// @dev Parameters are "set" when the bounds are not both 0, which `upperBound > lowerBound` guarantees.
contract LinearLongShortPairFinancialProductLibrary is ILinearLongShortPairFinancialProductLibrary, PayoutLibraryBase {
    /// @dev One pair's bounds, scaled by 1e18 (two slots, as in UMA).
    struct LinearParameters {
        int256 upperBound;
        int256 lowerBound;
    }

    /// @inheritdoc ILinearLongShortPairFinancialProductLibrary
    mapping(address longShortPair => LinearParameters) public longShortPairParameters;

    /// @inheritdoc ILinearLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(address longShortPair, int256 upperBound, int256 lowerBound) external {
        _setParameters(longShortPair, abi.encode(upperBound, lowerBound));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        LinearParameters storage p = longShortPairParameters[longShortPair];
        return p.upperBound != 0 || p.lowerBound != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (int256 upperBound, int256 lowerBound) = abi.decode(parameters, (int256, int256));
        if (upperBound <= lowerBound) revert InvalidBounds(upperBound, lowerBound);
        longShortPairParameters[longShortPair] = LinearParameters(upperBound, lowerBound);
        return abi.encode(upperBound, lowerBound);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev Rounds down (UMA's FixedPoint `div`): the long side never gets more than its exact share,
    ///      the remainder stays with the short side, and the pair's total payout never exceeds its collateral.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        LinearParameters memory p = longShortPairParameters[longShortPair];
        if (price >= p.upperBound) return WAD;
        if (price <= p.lowerBound) return 0;
        return _wadDivDown(_distance(price, p.lowerBound), _distance(p.upperBound, p.lowerBound));
    }
}

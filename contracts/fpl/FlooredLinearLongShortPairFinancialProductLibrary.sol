// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IFlooredLinearLongShortPairFinancialProductLibrary
} from "../../interfaces/fpl/IFlooredLinearLongShortPairFinancialProductLibrary.sol";
import {PayoutLibraryBase} from "./PayoutLibraryBase.sol";

/// @title FlooredLinearLongShortPairFinancialProductLibrary
/// @notice UMA's floored linear payout (see the interface).
/// @dev Parameters are "set" when the bounds are not both 0, which `upperBound > lowerBound` guarantees.
contract FlooredLinearLongShortPairFinancialProductLibrary is
    IFlooredLinearLongShortPairFinancialProductLibrary,
    PayoutLibraryBase
{
    /// @dev One pair's parameters, scaled by 1e18 (three slots, as in UMA, so the getter keeps UMA's types).
    struct FlooredLinearParameters {
        int256 upperBound;
        int256 lowerBound;
        uint256 floorPercentage;
    }

    /// @inheritdoc IFlooredLinearLongShortPairFinancialProductLibrary
    mapping(address longShortPair => FlooredLinearParameters) public longShortPairParameters;

    /// @inheritdoc IFlooredLinearLongShortPairFinancialProductLibrary
    function setLongShortPairParameters(
        address longShortPair,
        int256 upperBound,
        int256 lowerBound,
        uint256 floorPercentage
    ) external {
        _setParameters(longShortPair, abi.encode(upperBound, lowerBound, floorPercentage));
    }

    /// @inheritdoc PayoutLibraryBase
    function _isParameterSet(address longShortPair) internal view override returns (bool) {
        FlooredLinearParameters storage p = longShortPairParameters[longShortPair];
        return p.upperBound != 0 || p.lowerBound != 0;
    }

    /// @inheritdoc PayoutLibraryBase
    function _storeParameters(address longShortPair, bytes memory parameters) internal override returns (bytes memory) {
        (int256 upperBound, int256 lowerBound, uint256 floorPercentage) =
            abi.decode(parameters, (int256, int256, uint256));
        if (upperBound <= lowerBound) revert InvalidBounds(upperBound, lowerBound);
        if (floorPercentage > WAD) revert InvalidFloorPercentage(floorPercentage);
        longShortPairParameters[longShortPair] = FlooredLinearParameters(upperBound, lowerBound, floorPercentage);
        return abi.encode(upperBound, lowerBound, floorPercentage);
    }

    /// @inheritdoc PayoutLibraryBase
    /// @dev UMA's order: the fraction of the range is truncated first, then multiplied by
    ///      `1e18 − floor` and truncated again. Both truncations round the long share down, so the
    ///      pair never pays out more than its collateral; the total shortfall is at most 2 wei of share.
    function _percentageLong(address longShortPair, int256 price) internal view override returns (uint256) {
        FlooredLinearParameters memory p = longShortPairParameters[longShortPair];
        if (price >= p.upperBound) return WAD;
        if (price <= p.lowerBound) return p.floorPercentage;
        uint256 fraction = _wadDivDown(_distance(price, p.lowerBound), _distance(p.upperBound, p.lowerBound));
        return _wadMulDown(fraction, WAD - p.floorPercentage) + p.floorPercentage;
    }
}

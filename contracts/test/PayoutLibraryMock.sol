// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibrary, IPairLaunchInfo} from "../../interfaces/IPayoutLibrary.sol";

/// @title PayoutLibraryMock
/// @notice Test double (UMA's LongShortPairFinancialProjectLibraryTest): returns a settable long share
///         whatever the price, and enforces the launch-safety rule of `IPayoutLibrary` on
///         `setEncodedParameters` exactly as the real libraries do (launcher or creator, once).
contract PayoutLibraryMock is IPayoutLibrary {
    /// @notice The long share returned for every price, scaled by 1e18 (may exceed 1e18 on purpose).
    uint256 public valueToReturn;
    /// @notice Whether a pair's parameters were set.
    mapping(address => bool) public isParameterSet;
    /// @notice The raw parameters stored for a pair.
    mapping(address => bytes) public parameters;

    /// @notice Set the long share returned from now on, scaled by 1e18.
    function setValueToReturn(uint256 value) external {
        valueToReturn = value;
    }

    /// @inheritdoc IPayoutLibrary
    function setEncodedParameters(address longShortPair, bytes calldata encoded) external {
        if (longShortPair.code.length == 0) revert InvalidLongShortPair(longShortPair);
        IPairLaunchInfo pair = IPairLaunchInfo(longShortPair);
        if (pair.expirationTimestamp() == 0) revert InvalidLongShortPair(longShortPair);
        address pairLauncher = pair.launcher();
        address pairCreator = pair.creator();
        if (msg.sender != pairLauncher && msg.sender != pairCreator) {
            revert UnauthorizedParameterSetter(msg.sender, pairLauncher, pairCreator);
        }
        if (isParameterSet[longShortPair]) revert ParametersAlreadySet(longShortPair);
        isParameterSet[longShortPair] = true;
        parameters[longShortPair] = encoded;
        emit ParametersSet(longShortPair, msg.sender, encoded);
    }

    /// @notice The long share for any price, scaled by 1e18 (test double).
    function percentageLongCollateralAtExpiry(int256) external view returns (uint256) {
        return valueToReturn;
    }
}

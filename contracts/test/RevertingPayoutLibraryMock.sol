// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibrary} from "../../interfaces/IPayoutLibrary.sol";

/// @title RevertingPayoutLibraryMock
/// @notice Test double: refuses every parameter set and every payout query, to show that a launch
///         with parameters is atomic and that `settle` fixes nothing when the library fails.
contract RevertingPayoutLibraryMock is IPayoutLibrary {
    /// @notice Raised by every function of this mock.
    /// @param longShortPair The pair concerned (the caller for payout queries).
    error MockLibraryRefused(address longShortPair);

    /// @inheritdoc IPayoutLibrary
    function setEncodedParameters(address longShortPair, bytes calldata) external pure {
        revert MockLibraryRefused(longShortPair);
    }

    /// @inheritdoc IPayoutLibrary
    function isParameterSet(address) external pure returns (bool) {
        return false;
    }

    /// @notice The long share for any price, scaled by 1e18 (test double).
    function percentageLongCollateralAtExpiry(int256) external view returns (uint256) {
        revert MockLibraryRefused(msg.sender);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILongShortPairFinancialProductLibrary} from "../../interfaces/ILongShortPairFinancialProductLibrary.sol";
import {IPairLaunchInfo, IPayoutLibrary} from "../../interfaces/IPayoutLibrary.sol";

/// @title PairLaunchInfoMock
/// @notice Test double of a pair as payout libraries see it: settable launch facts, and calls to a
///         library made *from* this contract (as a pair makes them).
contract PairLaunchInfoMock is IPairLaunchInfo {
    /// @inheritdoc IPairLaunchInfo
    uint64 public expirationTimestamp;
    /// @inheritdoc IPairLaunchInfo
    address public launcher;
    /// @inheritdoc IPairLaunchInfo
    address public creator;

    /// @param expirationTimestamp_ Unix seconds reported as the expiry (0 makes it an invalid pair).
    /// @param launcher_ Account reported as the launcher.
    /// @param creator_ Account reported as the creator.
    constructor(uint64 expirationTimestamp_, address launcher_, address creator_) {
        expirationTimestamp = expirationTimestamp_;
        launcher = launcher_;
        creator = creator_;
    }

    /// @notice Change the reported expiry (unix seconds).
    function setExpirationTimestamp(uint64 expirationTimestamp_) external {
        expirationTimestamp = expirationTimestamp_;
    }

    /// @notice Change the reported launcher.
    function setLauncher(address launcher_) external {
        launcher = launcher_;
    }

    /// @notice Change the reported creator.
    function setCreator(address creator_) external {
        creator = creator_;
    }

    /// @notice Ask `library_` for this pair's long share at `expiryPrice` (the call comes from this contract).
    /// @param library_ The payout library.
    /// @param expiryPrice Price scaled by 1e18.
    /// @return Long share scaled by 1e18.
    function percentageLongCollateralAtExpiry(address library_, int256 expiryPrice) external view returns (uint256) {
        return ILongShortPairFinancialProductLibrary(library_).percentageLongCollateralAtExpiry(expiryPrice);
    }

    /// @notice Set `longShortPair`'s parameters on `library_` from this contract (acting as a creator).
    /// @param library_ The payout library.
    /// @param longShortPair The pair whose parameters are set.
    /// @param parameters ABI-encoded typed setter arguments after the pair address.
    function setEncodedParametersOn(address library_, address longShortPair, bytes calldata parameters) external {
        IPayoutLibrary(library_).setEncodedParameters(longShortPair, parameters);
    }
}

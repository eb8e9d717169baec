// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title ISimpleSuccessTokenLongShortPairFinancialProductLibrary
/// @notice UMA's simple success token: a fixed half (5e17) plus half a covered call on the strike.
interface ISimpleSuccessTokenLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice A strike of 0 is rejected (UMA accepted it and then treated the pair as unset).
    error StrikePriceZero();

    /// @notice Set the strike of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(uint256 strikePrice)`.
    /// @param longShortPair The pair the strike belongs to.
    /// @param strikePrice The call's strike, scaled by 1e18; in [1, type(uint256).max].
    function setLongShortPairParameters(address longShortPair, uint256 strikePrice) external;

    /// @notice The strike stored for `longShortPair`; 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return strikePrice Scaled by 1e18.
    function longShortPairStrikePrices(address longShortPair) external view returns (uint256 strikePrice);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title ISuccessTokenLongShortPairFinancialProductLibrary
/// @notice UMA's success token: a base share `b` plus `(1 − b)` of a covered call on the strike.
interface ISuccessTokenLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice A strike of 0 is rejected (UMA message: "Base percentage and strike price cannot be set to 0").
    error StrikePriceZero();
    /// @notice The base share must be in [1, 1e18] (UMA rejected 0 but had no upper bound).
    /// @param basePercentage The rejected base share, scaled by 1e18.
    error InvalidBasePercentage(uint256 basePercentage);

    /// @notice Set the strike and base share of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(uint256 strikePrice, uint256 basePercentage)`.
    /// @param longShortPair The pair the parameters belong to.
    /// @param strikePrice The call's strike, scaled by 1e18; in [1, type(uint256).max].
    /// @param basePercentage The long side's share at or below the strike, scaled by 1e18; in [1, 1e18].
    function setLongShortPairParameters(address longShortPair, uint256 strikePrice, uint256 basePercentage) external;

    /// @notice The parameters stored for `longShortPair`; both 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return strikePrice Scaled by 1e18.
    /// @return basePercentage Scaled by 1e18.
    function longShortPairParameters(address longShortPair)
        external
        view
        returns (uint256 strikePrice, uint256 basePercentage);
}

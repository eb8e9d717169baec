// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IBinaryOptionLongShortPairFinancialProductLibrary
/// @notice UMA's binary option: the long side gets 1e18 when the price is at or above the strike,
///         otherwise 0.
/// @dev Any int256 strike is valid (0 and negative strikes included): an explicit `isSet` flag,
///      not a zero strike, marks whether parameters exist.
interface IBinaryOptionLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice Set the strike of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(int256 strikePrice)`.
    /// @param longShortPair The pair the strike belongs to.
    /// @param strikePrice Price at and above which the long side gets everything, scaled by 1e18; any int256.
    function setLongShortPairParameters(address longShortPair, int256 strikePrice) external;

    /// @notice The parameters stored for `longShortPair`.
    /// @param longShortPair The pair to look up.
    /// @return isSet Whether the strike was set.
    /// @return strikePrice Scaled by 1e18.
    function longShortPairParameters(address longShortPair) external view returns (bool isSet, int256 strikePrice);
}

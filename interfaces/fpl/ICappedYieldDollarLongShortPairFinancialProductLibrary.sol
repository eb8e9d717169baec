// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title ICappedYieldDollarLongShortPairFinancialProductLibrary
/// @notice UMA's capped yield dollar: the long side gets 1e18 at or below the low price range R1
///         (it is short a put) and `R1 / P` above it (it holds a yield dollar worth R1 of notional).
interface ICappedYieldDollarLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice A low price range of 0 is rejected (UMA accepted it and then treated the pair as unset).
    error LowPriceRangeZero();

    /// @notice Set the low price range of `longShortPair` (launcher or creator only, once).
    /// @dev Encoded form: `abi.encode(uint256 lowPriceRange)`.
    /// @param longShortPair The pair the range belongs to.
    /// @param lowPriceRange R1, scaled by 1e18; in [1, type(uint256).max].
    function setLongShortPairParameters(address longShortPair, uint256 lowPriceRange) external;

    /// @notice The low price range stored for `longShortPair`; 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return lowPriceRange R1, scaled by 1e18.
    function lowPriceRanges(address longShortPair) external view returns (uint256 lowPriceRange);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibraryBase} from "./IPayoutLibraryBase.sol";

/// @title IRangeBondLongShortPairFinancialProductLibrary
/// @notice UMA's range bond: 1e18 at or below the low range R1, `R1 / P` between R1 and the high
///         range R2, and `R1 / R2` above R2.
interface IRangeBondLongShortPairFinancialProductLibrary is IPayoutLibraryBase {
    /// @notice `highPriceRange` must be strictly greater than `lowPriceRange`.
    /// @param highPriceRange The rejected R2, scaled by 1e18.
    /// @param lowPriceRange The rejected R1, scaled by 1e18.
    error InvalidBounds(uint256 highPriceRange, uint256 lowPriceRange);
    /// @notice A low price range of 0 is rejected: the bond would have no notional and pay the long side nothing above 0.
    error LowPriceRangeZero();

    /// @notice Set the ranges of `longShortPair` (launcher or creator only, once). Note UMA's order: high, then low.
    /// @dev Encoded form: `abi.encode(uint256 highPriceRange, uint256 lowPriceRange)`.
    /// @param longShortPair The pair the ranges belong to.
    /// @param highPriceRange R2, scaled by 1e18; greater than `lowPriceRange`.
    /// @param lowPriceRange R1, scaled by 1e18; in [1, highPriceRange − 1].
    function setLongShortPairParameters(address longShortPair, uint256 highPriceRange, uint256 lowPriceRange) external;

    /// @notice The ranges stored for `longShortPair`; both 0 while unset.
    /// @param longShortPair The pair to look up.
    /// @return highPriceRange R2, scaled by 1e18.
    /// @return lowPriceRange R1, scaled by 1e18.
    function longShortPairParameters(address longShortPair)
        external
        view
        returns (uint256 highPriceRange, uint256 lowPriceRange);
}

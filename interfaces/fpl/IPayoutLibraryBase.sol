// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPayoutLibrary} from "../IPayoutLibrary.sol";

/// @title IPayoutLibraryBase
/// @notice What every payout library of this project shares beyond `IPayoutLibrary`: the check
///         that encoded parameters are exactly the canonical `abi.encode` of the typed arguments,
///         and the fixed-point unit.
/// @dev Invariant I-5: every library's compute function returns a value in [0, 1e18] for every int256 price
///      once its parameters are set, and never reverts for a pair whose parameters are set.
interface IPayoutLibraryBase is IPayoutLibrary {
    /// @notice `setEncodedParameters` got bytes that decode but are not the canonical encoding of
    ///         the decoded values (for example trailing bytes), so the `ParametersSet` event would
    ///         not show exactly what was stored.
    /// @param longShortPair The pair whose parameters were being set.
    /// @param length Length of the bytes received, in bytes.
    error NonCanonicalParameters(address longShortPair, uint256 length);
}

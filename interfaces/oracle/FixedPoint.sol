// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title FixedPoint
/// @notice The one type of UMA's FixedPoint library that the Store's external ABI needs.
/// @dev A one-field struct ABI-encodes exactly like its field, but it appears as the tuple `(uint256)` in function
///      signatures, so `setFinalFee(address,(uint256))` keeps UMA's selector only if this struct type is used.
library FixedPoint {
    /// @dev An unsigned amount. In the Store it carries raw collateral units (not scaled by 1e18).
    struct Unsigned {
        uint256 rawValue;
    }
}

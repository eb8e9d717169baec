// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title LnWadHarness
/// @notice Test double exposing Solady's `lnWad`, so the Python twin can be compared with it directly.
contract LnWadHarness {
    /// @notice `ln(x / 1e18) · 1e18` as Solady computes it.
    /// @param x Positive, scaled by 1e18.
    function lnWad(int256 x) external pure returns (int256) {
        return FixedPointMathLib.lnWad(x);
    }
}

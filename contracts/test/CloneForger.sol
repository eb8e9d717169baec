// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/utils/LibClone.sol";

/// @title CloneForger
/// @notice TEST DOUBLE: what anyone can do with a public implementation: clone it with arbitrary
///         immutable args. A forged pair clone reports the real creator as `creator()`, a forged
///         token clone any pair as `longShortPair()`; integrators must check `creator.isPair`.
contract CloneForger {
    /// @notice A clone was made.
    /// @param clone Its address.
    event Forged(address clone);

    /// @notice Clone `implementation` with `args` (Solady's clone-with-immutable-args layout).
    /// @param implementation The implementation to clone (pair or position token).
    /// @param args The immutable args, in `LaunchArgs` layout or any other.
    /// @return clone The new clone.
    function forge(address implementation, bytes calldata args) external returns (address clone) {
        clone = LibClone.clone(implementation, args);
        emit Forged(clone);
    }
}

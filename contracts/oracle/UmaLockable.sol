// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title UmaLockable
/// @notice Reentrancy guard with the semantics of UMA's Lockable: `nonReentrant` for state changes,
///         `nonReentrantView` for views, and a way to lift the guard around a requester callback so the requester
///         may call back into the oracle. Kept in transient storage (EIP-1153) instead of UMA's storage slot.
abstract contract UmaLockable {
    /// @dev True while a guarded function runs (and the guard is not lifted for a callback).
    bool private transient _entered;

    /// @dev Rejects reentry into any guarded function.
    modifier nonReentrant() {
        _preEntranceCheck();
        _entered = true;
        _;
        _entered = false;
    }

    /// @dev Rejects view calls made while a guarded function runs (they could read half-updated state).
    modifier nonReentrantView() {
        _preEntranceCheck();
        _;
    }

    /// @dev Reverts with UMA's message when a guarded function is running.
    function _preEntranceCheck() private view {
        require(!_entered, "ReentrancyGuard: reentrant call");
    }

    /// @dev Lifts the guard before a requester callback (all state changes of the call are done by then).
    function _startReentrantGuardDisabled() internal {
        _entered = false;
    }

    /// @dev Restores the guard after the callback, so the modifier's exit clears it as usual.
    function _endReentrantGuardDisabled() internal {
        _entered = true;
    }
}

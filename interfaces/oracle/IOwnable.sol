// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IOwnable
/// @notice Single-owner admin surface of the mock UMA stack, shaped like OpenZeppelin 4.x `Ownable`, which UMA's
///         Finder, IdentifierWhitelist and AddressWhitelist inherit.
/// @dev Non-owner calls revert with "Ownable: caller is not the owner" (the Store uses UMA's MultiRole string).
interface IOwnable {
    /// @notice Ownership moved from `previousOwner` to `newOwner` (zero address when renounced).
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    /// @notice The current owner; the only account allowed to call admin functions.
    function owner() external view returns (address);

    /// @notice Hand ownership to `newOwner`; reverts "Ownable: new owner is the zero address" for address(0).
    /// @param newOwner The next owner, non-zero.
    function transferOwnership(address newOwner) external;

    /// @notice Give up ownership for good; admin functions become uncallable.
    function renounceOwnership() external;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IFinder
/// @notice UMA's FinderInterface: the registry that maps an interface name to the live contract implementing it.
/// @dev Names are bytes32, left-aligned ASCII: "OptimisticOracleV2", "IdentifierWhitelist", "CollateralWhitelist",
///      "Store", "Oracle".
interface IFinder {
    /// @notice `interfaceName` now resolves to `newImplementationAddress` (UMA's event shape).
    event InterfaceImplementationChanged(bytes32 indexed interfaceName, address indexed newImplementationAddress);

    /// @notice Register or replace the implementation of `interfaceName` (owner only).
    /// @param interfaceName The name, bytes32 left-aligned ASCII.
    /// @param implementationAddress The implementing contract; address(0) unregisters the name.
    function changeImplementationAddress(bytes32 interfaceName, address implementationAddress) external;

    /// @notice The implementation registered for `interfaceName`; reverts "Implementation not found" if none.
    /// @param interfaceName The name, bytes32 left-aligned ASCII.
    function getImplementationAddress(bytes32 interfaceName) external view returns (address);
}

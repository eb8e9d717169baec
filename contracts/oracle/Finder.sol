// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFinder} from "../../interfaces/oracle/IFinder.sol";
import {UmaOwnable} from "./UmaOwnable.sol";

/// @title Finder
/// @notice Local stand-in for UMA's Finder: maps interface names to implementation addresses. Not for production.
contract Finder is IFinder, UmaOwnable {
    /// @notice The implementation registered per interface name (address(0) if none); UMA exposes this mapping.
    mapping(bytes32 interfaceName => address implementation) public interfacesImplemented;

    /// @inheritdoc IFinder
    function changeImplementationAddress(bytes32 interfaceName, address implementationAddress) external onlyOwner {
        interfacesImplemented[interfaceName] = implementationAddress;
        emit InterfaceImplementationChanged(interfaceName, implementationAddress);
    }

    /// @inheritdoc IFinder
    function getImplementationAddress(bytes32 interfaceName) external view returns (address implementation) {
        implementation = interfacesImplemented[interfaceName];
        require(implementation != address(0), "Implementation not found");
    }
}

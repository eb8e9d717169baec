// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IIdentifierWhitelist} from "../../interfaces/oracle/IIdentifierWhitelist.sol";
import {UmaOwnable} from "./UmaOwnable.sol";

/// @title IdentifierWhitelist
/// @notice Local stand-in for UMA's IdentifierWhitelist. Not for production.
contract IdentifierWhitelist is IIdentifierWhitelist, UmaOwnable {
    /// @dev Whether each identifier is supported.
    mapping(bytes32 identifier => bool supported) private _supported;

    /// @inheritdoc IIdentifierWhitelist
    function addSupportedIdentifier(bytes32 identifier) external onlyOwner {
        if (_supported[identifier]) return;
        _supported[identifier] = true;
        emit SupportedIdentifierAdded(identifier);
    }

    /// @inheritdoc IIdentifierWhitelist
    function removeSupportedIdentifier(bytes32 identifier) external onlyOwner {
        if (!_supported[identifier]) return;
        _supported[identifier] = false;
        emit SupportedIdentifierRemoved(identifier);
    }

    /// @inheritdoc IIdentifierWhitelist
    function isIdentifierSupported(bytes32 identifier) external view returns (bool) {
        return _supported[identifier];
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOwnable} from "../../interfaces/oracle/IOwnable.sol";

/// @title UmaOwnable
/// @notice Minimal single-owner access control with OpenZeppelin 4.x's revert strings and event, which UMA's Finder,
///         IdentifierWhitelist and AddressWhitelist inherit. The deployer is the first owner.
abstract contract UmaOwnable is IOwnable {
    /// @dev The current owner.
    address private _owner;

    /// @dev Restricts a function to the owner.
    modifier onlyOwner() {
        _checkOwner();
        _;
    }

    /// @dev Makes the deployer the owner.
    constructor() {
        _transferOwnership(msg.sender);
    }

    /// @inheritdoc IOwnable
    function owner() public view returns (address) {
        return _owner;
    }

    /// @inheritdoc IOwnable
    function transferOwnership(address newOwner) external onlyOwner {
        require(newOwner != address(0), "Ownable: new owner is the zero address");
        _transferOwnership(newOwner);
    }

    /// @inheritdoc IOwnable
    function renounceOwnership() external onlyOwner {
        _transferOwnership(address(0));
    }

    /// @dev Reverts unless the caller is the owner; the Store overrides it to use UMA's MultiRole string.
    function _checkOwner() internal view virtual {
        require(msg.sender == _owner, "Ownable: caller is not the owner");
    }

    /// @dev Sets the owner and logs the change.
    function _transferOwnership(address newOwner) private {
        address previous = _owner;
        _owner = newOwner;
        emit OwnershipTransferred(previous, newOwner);
    }
}

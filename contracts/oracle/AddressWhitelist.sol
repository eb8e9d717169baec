// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAddressWhitelist} from "../../interfaces/oracle/IAddressWhitelist.sol";
import {UmaOwnable} from "./UmaOwnable.sol";

/// @title AddressWhitelist
/// @notice Local stand-in for UMA's AddressWhitelist (registered as "CollateralWhitelist"). Not for production.
contract AddressWhitelist is IAddressWhitelist, UmaOwnable {
    /// @notice Membership status; an address is listed in `whitelistIndices` once it has left None.
    enum Status {
        None,
        In,
        Out
    }

    /// @notice Status per address (UMA exposes this mapping).
    mapping(address element => Status status) public whitelist;

    /// @notice Every address ever added or removed, in first-seen order, without duplicates (UMA exposes this array).
    address[] public whitelistIndices;

    /// @inheritdoc IAddressWhitelist
    function addToWhitelist(address newElement) external onlyOwner {
        Status status = whitelist[newElement];
        if (status == Status.In) return;
        if (status == Status.None) whitelistIndices.push(newElement);
        whitelist[newElement] = Status.In;
        emit AddedToWhitelist(newElement);
    }

    /// @inheritdoc IAddressWhitelist
    /// @dev Divergence: an address removed before it was ever added is indexed here, so a later add still shows in
    ///      `getWhitelist` (UMA's version leaves it out of the index). Status and events are as in UMA.
    function removeFromWhitelist(address elementToRemove) external onlyOwner {
        Status status = whitelist[elementToRemove];
        if (status == Status.Out) return;
        if (status == Status.None) whitelistIndices.push(elementToRemove);
        whitelist[elementToRemove] = Status.Out;
        emit RemovedFromWhitelist(elementToRemove);
    }

    /// @inheritdoc IAddressWhitelist
    function isOnWhitelist(address elementToCheck) external view returns (bool) {
        return whitelist[elementToCheck] == Status.In;
    }

    /// @inheritdoc IAddressWhitelist
    function getWhitelist() external view returns (address[] memory activeWhitelist) {
        uint256 total = whitelistIndices.length;
        activeWhitelist = new address[](total);
        uint256 count;
        for (uint256 i; i < total; ++i) {
            address element = whitelistIndices[i];
            if (whitelist[element] == Status.In) activeWhitelist[count++] = element;
        }
        // Shrink the array to the number of active entries.
        assembly ("memory-safe") {
            mstore(activeWhitelist, count)
        }
    }
}

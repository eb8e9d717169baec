// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAddressWhitelist
/// @notice UMA's AddressWhitelist surface; registered as "CollateralWhitelist" it lists the accepted currencies.
interface IAddressWhitelist {
    /// @notice `addedAddress` joined the whitelist.
    event AddedToWhitelist(address indexed addedAddress);
    /// @notice `removedAddress` left the whitelist.
    event RemovedFromWhitelist(address indexed removedAddress);

    /// @notice Add `newElement` (owner only; no-op if already on it).
    /// @param newElement The address to whitelist (an ERC20 token for the collateral whitelist).
    function addToWhitelist(address newElement) external;

    /// @notice Remove `elementToRemove` (owner only; no-op if not on it).
    /// @param elementToRemove The address to drop.
    function removeFromWhitelist(address elementToRemove) external;

    /// @notice Whether `elementToCheck` is currently whitelisted.
    /// @param elementToCheck The address to check.
    function isOnWhitelist(address elementToCheck) external view returns (bool);

    /// @notice Every currently whitelisted address, in the order first added.
    function getWhitelist() external view returns (address[] memory activeWhitelist);
}

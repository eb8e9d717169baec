// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IIdentifierWhitelist
/// @notice UMA's IdentifierWhitelistInterface: the price identifiers the oracle answers for.
interface IIdentifierWhitelist {
    /// @notice `identifier` became supported.
    event SupportedIdentifierAdded(bytes32 indexed identifier);
    /// @notice `identifier` stopped being supported.
    event SupportedIdentifierRemoved(bytes32 indexed identifier);

    /// @notice Support `identifier` (owner only; no event if already supported).
    /// @param identifier The price identifier, bytes32 left-aligned ASCII (e.g. "General_KPI").
    function addSupportedIdentifier(bytes32 identifier) external;

    /// @notice Stop supporting `identifier` (owner only; no event if not supported).
    /// @param identifier The price identifier, bytes32 left-aligned ASCII.
    function removeSupportedIdentifier(bytes32 identifier) external;

    /// @notice Whether requests for `identifier` are accepted.
    /// @param identifier The price identifier, bytes32 left-aligned ASCII.
    function isIdentifierSupported(bytes32 identifier) external view returns (bool);
}

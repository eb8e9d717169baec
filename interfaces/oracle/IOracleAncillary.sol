// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IOracleAncillary
/// @notice UMA's OracleAncillaryInterface: the DVM side that the optimistic oracle escalates disputes to.
/// @dev A request is keyed by (identifier, time, ancillaryData); the optimistic oracle passes its stamped
///      ancillary data (",ooRequester:<hex>" appended).
interface IOracleAncillary {
    /// @notice Ask for a price; a repeated request for the same key is a no-op.
    /// @param identifier The price identifier, bytes32 left-aligned ASCII.
    /// @param time The price's timestamp, unix seconds, not in the future.
    /// @param ancillaryData Extra request data, at most 8192 bytes.
    function requestPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData) external;

    /// @notice Whether a price is available for the key.
    /// @param identifier The price identifier.
    /// @param time The price's timestamp, unix seconds.
    /// @param ancillaryData Extra request data.
    function hasPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData) external view returns (bool);

    /// @notice The resolved price for the key; reverts while none is available.
    /// @param identifier The price identifier.
    /// @param time The price's timestamp, unix seconds.
    /// @param ancillaryData Extra request data.
    /// @return The price, scaled as the identifier defines (1e18 for General_KPI), possibly negative.
    function getPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData) external view returns (int256);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOracleAncillary} from "./IOracleAncillary.sol";

/// @title IMockOracleAncillary
/// @notice The local DVM stand-in: UMA's MockOracleAncillary surface, where the owner pushes each price instead of
///         UMA token holders voting on it.
/// @dev Revert strings follow UMA's VotingV2 where the real DVM has one: "Caller must be registered",
///      "Can only request in past", "Unsupported identifier request", "Invalid ancillary data",
///      "Price is still to be voted on", "Price was never requested"; and UMA's mock for
///      "Can't push prices that haven't been requested" and "Request ID not found".
interface IMockOracleAncillary is IOracleAncillary {
    /// @notice A request waiting for a price, as `getPendingQueries` lists it.
    struct QueryPoint {
        bytes32 identifier; // the price identifier
        uint256 time; // the price's timestamp, unix seconds
        bytes ancillaryData; // the (stamped) ancillary data the requester passed
    }

    /// @notice A new request was queued (UMA mock's event shape).
    /// @param requestId keccak256(abi.encode(identifier, time, ancillaryData)).
    event PriceRequestAdded(
        address indexed requester,
        bytes32 indexed identifier,
        uint256 time,
        bytes ancillaryData,
        bytes32 indexed requestId
    );

    /// @notice `pusher` resolved a request to `price` (UMA mock's event shape).
    event PushedPrice(
        address indexed pusher,
        bytes32 indexed identifier,
        uint256 time,
        bytes ancillaryData,
        int256 price,
        bytes32 indexed requestId
    );

    /// @notice Resolve a pending request (owner only): this replaces the DVM vote.
    /// @param identifier The price identifier.
    /// @param time The price's timestamp, unix seconds (for event-based requests, the proposal time).
    /// @param ancillaryData The ancillary data exactly as requested (stamped by the optimistic oracle).
    /// @param price The resolved price, scaled as the identifier defines (1e18 for General_KPI).
    function pushPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData, int256 price) external;

    /// @notice `pushPrice` for the pending request with id `requestId` (owner only).
    /// @param requestId keccak256(abi.encode(identifier, time, ancillaryData)).
    /// @param price The resolved price.
    function pushPriceByRequestId(bytes32 requestId, int256 price) external;

    /// @notice Every request still waiting for a price (order changes as requests resolve).
    function getPendingQueries() external view returns (QueryPoint[] memory);

    /// @notice The key of a pending request; reverts "Request ID not found" if it is not pending.
    /// @param requestId keccak256(abi.encode(identifier, time, ancillaryData)).
    function getRequestParameters(bytes32 requestId) external view returns (bytes32, uint256, bytes memory);
}

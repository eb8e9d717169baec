// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IOptimisticRequester
/// @notice UMA's OptimisticRequester callbacks. OOv2 calls them only on contract requesters, and only those the
///         requester enabled with `setCallbacks`; a reverting callback reverts the oracle call.
interface IOptimisticRequester {
    /// @notice A price was proposed for the caller's request.
    /// @param identifier The price identifier.
    /// @param timestamp The request's timestamp, unix seconds.
    /// @param ancillaryData The request's (unstamped) ancillary data.
    function priceProposed(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) external;

    /// @notice The proposal for the caller's request was disputed.
    /// @param refund The reward refunded to the requester, raw currency units (0 unless refundOnDispute).
    function priceDisputed(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, uint256 refund) external;

    /// @notice The caller's request settled at `price`.
    /// @param price The settled price, scaled as the identifier defines.
    function priceSettled(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, int256 price) external;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";
import {IOptimisticOracleV2} from "../../interfaces/oracle/IOptimisticOracleV2.sol";
import {IOptimisticRequester} from "../../interfaces/oracle/IOptimisticRequester.sol";

/// @title OptimisticRequesterRecorder
/// @notice Test double: a contract requester that forwards request set-up to the optimistic oracle and records every
///         callback it receives, including the request state it reads from inside the callback.
contract OptimisticRequesterRecorder is IOptimisticRequester {
    /// @notice The oracle this requester talks to; callbacks from anyone else are rejected.
    IOptimisticOracleV2 public immutable oracle;

    /// @notice Number of priceProposed / priceDisputed / priceSettled calls received.
    uint256 public proposedCalls;
    uint256 public disputedCalls;
    uint256 public settledCalls;
    /// @notice Arguments of the last callback.
    bytes32 public lastIdentifier;
    uint256 public lastTimestamp;
    bytes public lastAncillaryData;
    uint256 public lastRefund;
    int256 public lastPrice;
    /// @notice `oracle.getState` for this request, read inside the last callback (proves the guard is lifted).
    IOptimisticOracleV2.State public stateInLastCallback;

    /// @param oracle_ The optimistic oracle.
    constructor(address oracle_) {
        oracle = IOptimisticOracleV2(oracle_);
    }

    /// @notice Request a price as this contract, paying `reward` from this contract's balance.
    function requestPrice(
        bytes32 identifier,
        uint256 timestamp,
        bytes calldata ancillaryData,
        address currency,
        uint256 reward
    ) external returns (uint256) {
        SafeTransferLib.safeApprove(currency, address(oracle), reward);
        return oracle.requestPrice(identifier, timestamp, ancillaryData, currency, reward);
    }

    /// @notice Forward setCallbacks for this contract's request.
    function setCallbacks(bytes32 identifier, uint256 timestamp, bytes calldata ancillaryData, bool p, bool d, bool s)
        external
    {
        oracle.setCallbacks(identifier, timestamp, ancillaryData, p, d, s);
    }

    /// @notice Forward setBond for this contract's request.
    function setBond(bytes32 identifier, uint256 timestamp, bytes calldata ancillaryData, uint256 bond) external {
        oracle.setBond(identifier, timestamp, ancillaryData, bond);
    }

    /// @notice Forward setRefundOnDispute for this contract's request.
    function setRefundOnDispute(bytes32 identifier, uint256 timestamp, bytes calldata ancillaryData) external {
        oracle.setRefundOnDispute(identifier, timestamp, ancillaryData);
    }

    /// @notice Forward settleAndGetPrice for this contract's request.
    function settleAndGetPrice(bytes32 identifier, uint256 timestamp, bytes calldata ancillaryData)
        external
        returns (int256)
    {
        return oracle.settleAndGetPrice(identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticRequester
    function priceProposed(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) external {
        ++proposedCalls;
        _record(identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticRequester
    function priceDisputed(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, uint256 refund) external {
        ++disputedCalls;
        lastRefund = refund;
        _record(identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticRequester
    function priceSettled(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, int256 price) external {
        ++settledCalls;
        lastPrice = price;
        _record(identifier, timestamp, ancillaryData);
    }

    /// @dev Stores the callback's arguments and the state the oracle reports for the request right now.
    function _record(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) private {
        require(msg.sender == address(oracle), "not the oracle");
        lastIdentifier = identifier;
        lastTimestamp = timestamp;
        lastAncillaryData = ancillaryData;
        stateInLastCallback = oracle.getState(address(this), identifier, timestamp, ancillaryData);
    }
}

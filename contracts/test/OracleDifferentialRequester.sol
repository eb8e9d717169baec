// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IOptimisticOracleV2} from "../../interfaces/oracle/IOptimisticOracleV2.sol";
import {IOptimisticRequester} from "../../interfaces/oracle/IOptimisticRequester.sol";

/// @title OracleDifferentialRequester
/// @notice Test double for the differential test of the oracle mock against UMA's OptimisticOracleV2
///         (tests/stateful/test_oracle_differential.py). One instance is deployed per oracle stack, from the same code,
///         so the two oracles see the same requester. It forwards any call to its oracle (request settings can only be
///         set by the requester), emits what the oracle returned, and on every callback records the arguments and the
///         state the oracle reports from inside the callback; it can refuse callbacks or re-enter the oracle from them.
contract OracleDifferentialRequester is IOptimisticRequester {
    /// @notice What a callback does besides recording itself.
    enum CallbackMode {
        Record, // record only
        Refuse, // revert with CallbackRefused
        Reenter // also call settleAndGetPrice on the same request from inside the callback
    }

    /// @notice A forwarded call succeeded.
    /// @param selector The oracle function called.
    /// @param returnData Its ABI-encoded return value.
    event Forwarded(bytes4 indexed selector, bytes returnData);
    /// @notice A callback arrived from the oracle.
    /// @param kind 1 priceProposed, 2 priceDisputed, 3 priceSettled.
    /// @param identifier The request's price identifier.
    /// @param timestamp The request's timestamp, unix seconds.
    /// @param ancillaryData The request's ancillary data (unstamped).
    /// @param amount The refund for priceDisputed (raw currency units), else 0.
    /// @param price The settled price for priceSettled, else 0.
    /// @param stateSeen `oracle.getState` for this request, read inside the callback.
    event CallbackReceived(
        uint8 indexed kind,
        bytes32 identifier,
        uint256 timestamp,
        bytes ancillaryData,
        uint256 amount,
        int256 price,
        uint8 stateSeen
    );
    /// @notice Outcome of the re-entrant settleAndGetPrice made in Reenter mode.
    /// @param success Whether the call succeeded.
    /// @param returnData Its return or revert data.
    event Reentered(bool success, bytes returnData);

    /// @notice The callback was refused (Refuse mode).
    /// @param kind 1 priceProposed, 2 priceDisputed, 3 priceSettled.
    error CallbackRefused(uint8 kind);
    /// @notice A callback came from an address other than the oracle.
    /// @param caller The caller.
    error NotTheOracle(address caller);

    /// @notice The oracle this requester talks to.
    IOptimisticOracleV2 public immutable oracle;
    /// @notice What callbacks do.
    CallbackMode public callbackMode;

    /// @param oracle_ The optimistic oracle (the project's mock or UMA's OptimisticOracleV2).
    constructor(address oracle_) {
        oracle = IOptimisticOracleV2(oracle_);
    }

    /// @notice Approve the oracle to pull `amount` raw units of `token` (request rewards).
    /// @param token The ERC20.
    /// @param amount Raw token units.
    function approveOracle(address token, uint256 amount) external {
        (bool ok,) = token.call(abi.encodeWithSignature("approve(address,uint256)", address(oracle), amount));
        require(ok, "approve failed");
    }

    /// @notice Choose what callbacks do.
    /// @param mode The new mode.
    function setCallbackMode(CallbackMode mode) external {
        callbackMode = mode;
    }

    /// @notice Call the oracle with `data` as this contract; bubble its revert data, emit its return data.
    /// @param data ABI-encoded call to the oracle.
    /// @return returnData The oracle's ABI-encoded return value.
    function forward(bytes calldata data) external returns (bytes memory returnData) {
        bool ok;
        (ok, returnData) = address(oracle).call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returnData, 0x20), mload(returnData))
            }
        }
        emit Forwarded(bytes4(data), returnData);
    }

    /// @inheritdoc IOptimisticRequester
    function priceProposed(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) external {
        _onCallback(1, identifier, timestamp, ancillaryData, 0, 0);
    }

    /// @inheritdoc IOptimisticRequester
    function priceDisputed(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, uint256 refund) external {
        _onCallback(2, identifier, timestamp, ancillaryData, refund, 0);
    }

    /// @inheritdoc IOptimisticRequester
    function priceSettled(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, int256 price) external {
        _onCallback(3, identifier, timestamp, ancillaryData, 0, price);
    }

    /// @dev Records the callback (with the state read from inside it), then refuses or re-enters as configured.
    function _onCallback(
        uint8 kind,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        uint256 amount,
        int256 price
    ) private {
        if (msg.sender != address(oracle)) revert NotTheOracle(msg.sender);
        CallbackMode mode = callbackMode;
        if (mode == CallbackMode.Refuse) revert CallbackRefused(kind);
        uint8 stateSeen = uint8(oracle.getState(address(this), identifier, timestamp, ancillaryData));
        emit CallbackReceived(kind, identifier, timestamp, ancillaryData, amount, price, stateSeen);
        if (mode == CallbackMode.Reenter) {
            (bool ok, bytes memory returnData) = address(oracle)
                .call(abi.encodeCall(IOptimisticOracleV2.settleAndGetPrice, (identifier, timestamp, ancillaryData)));
            emit Reentered(ok, returnData);
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILongShortPairFinancialProductLibrary} from "./ILongShortPairFinancialProductLibrary.sol";

/// @title IPayoutLibrary
/// @notice What every payout library of this project adds to UMA's interface: one generic,
///         launch-safe way to set a pair's parameters, so the creator can set them in the same
///         transaction that launches the pair.
/// @dev Launch-safety rule, invariants I-7 and I-9 (divergence from UMA, where anyone may set a
///      pair's parameters first): parameters are set once, and only by the pair's launcher
///      (`IPairLaunchInfo.launcher()`) or the creator that deployed it (`IPairLaunchInfo.creator()`),
///      which does so atomically at launch; and only before the pair's expiry (review L-1).
interface IPayoutLibrary is ILongShortPairFinancialProductLibrary {
    /// @notice `longShortPair` has no code or reports an expiration timestamp of 0.
    error InvalidLongShortPair(address longShortPair);
    /// @notice The caller is neither the pair's launcher nor its creator.
    error UnauthorizedParameterSetter(address caller, address launcher, address creator);
    /// @notice Parameters for `longShortPair` were already set; they never change.
    error ParametersAlreadySet(address longShortPair);
    /// @notice A pair asked for its payout before its parameters were set.
    error ParametersNotSet(address longShortPair);
    /// @notice Parameters cannot be set at or after the pair's expiry, when the outcome may be known
    ///         (review L-1).
    /// @param longShortPair The pair.
    /// @param expirationTimestamp Its expiry, unix seconds.
    /// @param currentTime `block.timestamp`, unix seconds.
    error ParametersAfterExpiration(address longShortPair, uint256 expirationTimestamp, uint256 currentTime);

    /// @notice Parameters for a pair were set (once and for all).
    /// @param longShortPair The pair the parameters belong to.
    /// @param setter Who set them (the launcher, or the creator at launch).
    /// @param parameters The ABI-encoded parameter tuple, as `setEncodedParameters` takes it.
    event ParametersSet(address indexed longShortPair, address indexed setter, bytes parameters);

    /// @notice Set the parameters of `longShortPair` from their ABI encoding.
    /// @dev Same validation and authorisation as the library's typed setter.
    /// @param longShortPair The pair whose parameters are set.
    /// @param parameters `abi.encode` of the library's typed setter arguments after the pair
    ///        address, in the same order (for Linear: `(int256 upperBound, int256 lowerBound)`).
    function setEncodedParameters(address longShortPair, bytes calldata parameters) external;

    /// @notice Whether `longShortPair` has its parameters set.
    function isParameterSet(address longShortPair) external view returns (bool);
}

/// @title IPairLaunchInfo
/// @notice The two facts about a pair that a payout library needs to enforce the launch-safety rule.
interface IPairLaunchInfo {
    /// @notice The account that launched the pair (the caller of the creator).
    function launcher() external view returns (address);
    /// @notice The creator (factory) contract that deployed the pair.
    function creator() external view returns (address);
    /// @notice Unix seconds at which the pair expires; never 0 for a real pair.
    function expirationTimestamp() external view returns (uint64);
}

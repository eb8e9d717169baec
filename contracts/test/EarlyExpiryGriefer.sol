// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";
import {ILongShortPair} from "../../interfaces/ILongShortPair.sol";
import {IOptimisticOracleV2} from "../../interfaces/oracle/IOptimisticOracleV2.sol";

/// @title EarlyExpiryGriefer
/// @notice TEST DOUBLE: the review's M-1 griefer. In one transaction it asks a pair for an early
///         expiry at an old timestamp (when the goal was not met, so the ignore price is the true,
///         undisputable answer) and proposes the ignore price itself; it first collects its earlier
///         rounds (settling them in the oracle pays it back bond, final fee and reward). It holds
///         the collateral it spends; anyone may fund it.
contract EarlyExpiryGriefer {
    /// @notice One griefing round: optionally settle `previous` (0 = none), then request
    ///         `timestamp` on `pair` and propose the ignore price for it on `oracle`.
    /// @param pair The Long Short Pair to grief.
    /// @param oracle The Optimistic Oracle V2 holding the pair's requests.
    /// @param timestamp The early expiry to ask for, unix seconds (old: its true answer is "ignore").
    /// @param previous The timestamp of an earlier round to settle first, unix seconds; 0 for none.
    function grief(ILongShortPair pair, IOptimisticOracleV2 oracle, uint64 timestamp, uint64 previous) external {
        address collateral = pair.collateralToken();
        bytes32 identifier = pair.priceIdentifier();
        bytes memory data = pair.getEarlyExpirationAncillaryData();
        if (previous != 0 && oracle.hasPrice(address(pair), identifier, previous, data)) {
            oracle.settle(address(pair), identifier, previous, data);
        }
        SafeTransferLib.safeApprove(collateral, address(pair), pair.proposerReward());
        SafeTransferLib.safeApprove(collateral, address(oracle), type(uint256).max);
        pair.requestEarlyExpiration(timestamp);
        oracle.proposePrice(address(pair), identifier, timestamp, data, pair.ignoreEarlyExpirationPrice());
    }
}

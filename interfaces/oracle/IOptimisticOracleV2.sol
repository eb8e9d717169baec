// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFinder} from "./IFinder.sol";

/// @title IOptimisticOracleV2
/// @notice UMA's OptimisticOracleV2Interface: external ABI (functions, enum and struct order, events) and revert
///         strings, so UMA tooling works against the local mock.
/// @dev A request is keyed by (requester, identifier, timestamp, ancillaryData); its id is
///      keccak256(abi.encodePacked(requester, identifier, timestamp, ancillaryData)). Where a function takes no
///      `requester`, the requester is `msg.sender`. Currencies are typed `address` (UMA types them `IERC20`; the
///      ABI is the same). Amounts are raw currency units; prices are int256 scaled as the identifier defines
///      (1e18 for General_KPI).
///
///      Revert strings: "requestPrice: Invalid", "Unsupported identifier", "Unsupported currency",
///      "Timestamp in future", "Ancillary Data too long", "setBond: Requested", "setRefundOnDispute: Requested",
///      "setCustomLiveness: Requested", "setEventBased: Requested", "setCallbacks: Requested", "Liveness too large",
///      "Liveness cannot be 0", "proposer address must be non 0", "proposePriceFor: Requested",
///      "Cannot propose 'too early'", "disputer address must be non 0", "disputePriceFor: Proposed",
///      "_settle: not settleable", "ReentrancyGuard: reentrant call".
interface IOptimisticOracleV2 {
    /// @notice Lifecycle of a request (UMA's order; the ABI encodes the index).
    enum State {
        Invalid, // never requested
        Requested, // requested, no proposal yet
        Proposed, // proposed, liveness running, not disputed
        Expired, // proposed, liveness over, not disputed: has a price
        Disputed, // disputed, the DVM has no price yet
        Resolved, // disputed, the DVM has a price
        Settled // paid out; the price is final
    }

    /// @notice Per-request settings the requester may change while the request is in state Requested.
    struct RequestSettings {
        bool eventBased; // the DVM timestamp is the proposal time; TOO_EARLY_RESPONSE cannot be proposed
        bool refundOnDispute; // the reward goes back to the requester when a proposal is disputed
        bool callbackOnPriceProposed; // call priceProposed on a contract requester
        bool callbackOnPriceDisputed; // call priceDisputed on a contract requester
        bool callbackOnPriceSettled; // call priceSettled on a contract requester
        uint256 bond; // raw currency units the proposer and the disputer each post on top of the final fee
        uint256 customLiveness; // seconds; 0 means defaultLiveness
    }

    /// @notice A price request (UMA's field order).
    struct Request {
        address proposer; // receives the payout if the proposal stands
        address disputer; // receives the payout if the dispute succeeds
        address currency; // ERC20 for reward, bonds and fees (IERC20 in UMA's source)
        bool settled; // true once paid out
        RequestSettings requestSettings; // see RequestSettings
        int256 proposedPrice; // the proposed price
        int256 resolvedPrice; // the final price, set at settlement
        uint256 expirationTime; // unix seconds at which an undisputed proposal expires
        uint256 reward; // raw currency units paid to the winner (0 after a refund on dispute)
        uint256 finalFee; // raw currency units, read from the Store at request time
    }

    /// @notice `requester` asked for a price and escrowed `reward`; `finalFee` was read from the Store.
    event RequestPrice(
        address indexed requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes ancillaryData,
        address currency,
        uint256 reward,
        uint256 finalFee
    );
    /// @notice `proposer` proposed `proposedPrice`; it stands unless disputed before `expirationTimestamp`.
    event ProposePrice(
        address indexed requester,
        address indexed proposer,
        bytes32 identifier,
        uint256 timestamp,
        bytes ancillaryData,
        int256 proposedPrice,
        uint256 expirationTimestamp,
        address currency
    );
    /// @notice `disputer` disputed the proposal; the request went to the DVM.
    event DisputePrice(
        address indexed requester,
        address indexed proposer,
        address indexed disputer,
        bytes32 identifier,
        uint256 timestamp,
        bytes ancillaryData,
        int256 proposedPrice
    );
    /// @notice The request settled at `price`; the winner received `payout` raw currency units.
    event Settle(
        address indexed requester,
        address indexed proposer,
        address indexed disputer,
        bytes32 identifier,
        uint256 timestamp,
        bytes ancillaryData,
        int256 price,
        uint256 payout
    );

    /// @notice The DVM's ancillary data limit in bytes (8192).
    function ancillaryBytesLimit() external view returns (uint256);

    /// @notice The longest unstamped ancillary data accepted by `requestPrice`, in bytes (8192 - 53 = 8139).
    function OO_ANCILLARY_DATA_LIMIT() external view returns (uint256);

    /// @notice The "too early" answer, type(int256).min; event-based requests refuse it as a proposal.
    function TOO_EARLY_RESPONSE() external view returns (int256);

    /// @notice Liveness in seconds applied when a request has no custom liveness.
    function defaultLiveness() external view returns (uint256);

    /// @notice The Finder used to locate the whitelists, the Store and the Oracle (DVM).
    function finder() external view returns (IFinder);

    /// @notice The time the oracle uses: block.timestamp, unix seconds.
    function getCurrentTime() external view returns (uint256);

    /// @notice The raw request storage by id (UMA exposes its `requests` mapping).
    /// @param requestId keccak256(abi.encodePacked(requester, identifier, timestamp, ancillaryData)).
    function requests(bytes32 requestId)
        external
        view
        returns (
            address proposer,
            address disputer,
            address currency,
            bool settled,
            RequestSettings memory requestSettings,
            int256 proposedPrice,
            int256 resolvedPrice,
            uint256 expirationTime,
            uint256 reward,
            uint256 finalFee
        );

    /// @notice Request a price; pulls `reward` from the caller, who becomes the requester.
    /// @param identifier A whitelisted price identifier, bytes32 left-aligned ASCII.
    /// @param timestamp The price's timestamp, unix seconds, not in the future.
    /// @param ancillaryData Extra request data, at most OO_ANCILLARY_DATA_LIMIT bytes.
    /// @param currency A whitelisted ERC20.
    /// @param reward Raw currency units paid to the eventual winner; may be 0.
    /// @return totalBond 2 x finalFee: the default bond (= final fee) plus the final fee.
    function requestPrice(
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        address currency,
        uint256 reward
    ) external returns (uint256 totalBond);

    /// @notice Set the bond of the caller's request (state Requested only).
    /// @param bond Raw currency units; may be 0.
    /// @return totalBond bond + finalFee, what the proposer and the disputer each post.
    function setBond(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, uint256 bond)
        external
        returns (uint256 totalBond);

    /// @notice Refund the reward to the caller if its request is disputed (state Requested only).
    function setRefundOnDispute(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) external;

    /// @notice Set the liveness of the caller's request (state Requested only).
    /// @param customLiveness Seconds, in [1, 5200 weeks).
    function setCustomLiveness(
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        uint256 customLiveness
    ) external;

    /// @notice Make the caller's request event-based (state Requested only): the DVM is asked at the proposal
    ///         time, proposing TOO_EARLY_RESPONSE is refused, and refundOnDispute is set.
    function setEventBased(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) external;

    /// @notice Choose which callbacks the caller's request makes (state Requested only).
    function setCallbacks(
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        bool callbackOnPriceProposed,
        bool callbackOnPriceDisputed,
        bool callbackOnPriceSettled
    ) external;

    /// @notice Propose `proposedPrice` on behalf of `proposer`; bond + final fee are pulled from the caller.
    /// @param proposer Receives the payout if the proposal stands; non-zero.
    /// @param requester The account that requested the price.
    /// @return totalBond bond + finalFee pulled from the caller, raw currency units.
    function proposePriceFor(
        address proposer,
        address requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        int256 proposedPrice
    ) external returns (uint256 totalBond);

    /// @notice Propose `proposedPrice` as the caller; bond + final fee are pulled from the caller.
    /// @return totalBond bond + finalFee pulled from the caller, raw currency units.
    function proposePrice(
        address requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        int256 proposedPrice
    ) external returns (uint256 totalBond);

    /// @notice Dispute the proposal on behalf of `disputer`; bond + final fee are pulled from the caller,
    ///         finalFee + floor(bond / 2) go to the Store and the DVM is asked for the price.
    /// @param disputer Receives the payout if the dispute succeeds; non-zero.
    /// @return totalBond bond + finalFee pulled from the caller, raw currency units.
    function disputePriceFor(
        address disputer,
        address requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData
    ) external returns (uint256 totalBond);

    /// @notice Dispute the proposal as the caller (see disputePriceFor).
    /// @return totalBond bond + finalFee pulled from the caller, raw currency units.
    function disputePrice(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        returns (uint256 totalBond);

    /// @notice Settle the caller's request if needed and return its price; reverts "_settle: not settleable"
    ///         unless the request is Expired, Resolved or Settled.
    function settleAndGetPrice(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        returns (int256);

    /// @notice Settle a request (Expired or Resolved) and pay the winner.
    /// @return payout Raw currency units paid: bond + finalFee + reward when undisputed; bond + (bond - floor(bond/2))
    ///         + finalFee + reward to the winner of a dispute.
    function settle(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        returns (uint256 payout);

    /// @notice The request's stored data.
    function getRequest(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        view
        returns (Request memory);

    /// @notice The request's current state.
    function getState(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        view
        returns (State);

    /// @notice Whether the request has a price: state Expired, Resolved or Settled.
    function hasPrice(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        view
        returns (bool);

    /// @notice The ancillary data the DVM receives on a dispute: `ancillaryData` + ",ooRequester:<40 lowercase hex>"
    ///         (no leading comma when `ancillaryData` is empty).
    function stampAncillaryData(bytes memory ancillaryData, address requester) external pure returns (bytes memory);
}

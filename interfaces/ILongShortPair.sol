// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPairLaunchInfo} from "./IPayoutLibrary.sol";

/// @title ILongShortPair
/// @notice UMA's Long Short Pair surface: lock collateral to mint one long and one short token per
///         pair, redeem a full pair at any time, and after expiry (or an accepted early expiry)
///         settle each side at the share the payout library derives from the Optimistic Oracle V2
///         price. Function names, getters and events match UMA's `LongShortPair`; reverts are custom
///         errors carrying the values involved, and `pairState()` is new.
/// @dev Units: collateral and token amounts are raw units of their token; `collateralPerPair` and
///      `expiryPercentLong` are scaled by 1e18; times are unix seconds; prices are as the oracle
///      returns them (scaled by 1e18 by UMA convention, signed).
interface ILongShortPair is IPairLaunchInfo {
    /// @notice Where a pair is in its life, as `pairState()` reports it without changing anything.
    /// @dev A view that settles nothing (I-16). Checked in this order (the first that matches wins);
    ///      "early request" means the oracle request at `earlyExpirationTimestamp` (the latest early
    ///      request, or the accepted one) with `getEarlyExpirationAncillaryData()`, "expiry request"
    ///      the one at `expirationTimestamp` with `customAncillaryData`. Older early requests are not
    ///      looked at by this view (see `requestEarlyExpiration` for how one of them is accepted):
    ///      - `Settled`: `receivedSettlementPrice` is true (the first `settle` has fixed the price).
    ///      - `EarlyExpired`: an early expiry was accepted (recorded), or the early request's answer
    ///        (Expired proposal or Settled) is not the ignore price: `settle` pays at it, `expire` and
    ///        new early requests are refused.
    ///      - `EarlyExpiryPending`: the early request's answer is not known to the pair yet: oracle
    ///        state Requested, Proposed (within liveness), Disputed, or Resolved (the DVM has answered
    ///        but the oracle has not settled it). Before expiry `create`, `redeem` and new early
    ///        requests still work (requests are not serial); `expire` waits for the answer.
    ///      - `Open`: before expiry and no early request outstanding (none made, or the last one was
    ///        answered with the ignore price): `create`, `redeem`, `requestEarlyExpiration` work.
    ///      - `ExpiredUnrequested`: at or after expiry, `expire()` not called yet.
    ///      - `ExpiryPricePending`: the expiry request is Requested, Proposed or Disputed.
    ///      - `ExpiryPriceAvailable`: the expiry request is Expired, Resolved or Settled: `settle` works.
    enum PairState {
        Open,
        EarlyExpiryPending,
        EarlyExpired,
        ExpiredUnrequested,
        ExpiryPricePending,
        ExpiryPriceAvailable,
        Settled
    }

    // ----------------------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------------------

    /// @notice The pair implementation was called directly; only its clones are pairs.
    error ImplementationNotCallable();
    /// @notice Only the creator that deployed the pair may deploy its position tokens, once.
    /// @param caller The account that called `deployPositionTokens`.
    error OnlyCreator(address caller);
    /// @notice The position tokens were already deployed (UMA: n/a, new in the clone design).
    error PositionTokensAlreadyDeployed();
    /// @notice The call is only allowed before expiry (UMA: "Only callable pre-expiry").
    /// @param expirationTimestamp The pair's expiry, unix seconds.
    /// @param currentTime `block.timestamp`, unix seconds.
    error OnlyPreExpiration(uint64 expirationTimestamp, uint256 currentTime);
    /// @notice The call is only allowed at or after expiry (UMA: "Only callable post-expiry").
    /// @param expirationTimestamp The pair's expiry, unix seconds.
    /// @param currentTime `block.timestamp`, unix seconds.
    error OnlyPostExpiration(uint64 expirationTimestamp, uint256 currentTime);
    /// @notice An early expiry was accepted, so no new request can be made
    ///         (UMA: "Contract already early expired").
    /// @param earlyExpirationTimestamp The accepted early expiry, unix seconds.
    error ContractEarlyExpired(uint64 earlyExpirationTimestamp);
    /// @notice The early request has no final answer yet (UMA: the oracle's "_settle: not settleable").
    /// @param earlyExpirationTimestamp The pending request's timestamp, unix seconds.
    error EarlyExpirationPending(uint64 earlyExpirationTimestamp);
    /// @notice The pair was launched with early expiration off (UMA: "Early expiration disabled").
    error EarlyExpirationDisabled();
    /// @notice An early expiry must be in the past or now (UMA: "Only propose expire in the past").
    /// @param earlyExpirationTimestamp The requested timestamp, unix seconds.
    /// @param currentTime `block.timestamp`, unix seconds.
    error EarlyExpirationInFuture(uint64 earlyExpirationTimestamp, uint256 currentTime);
    /// @notice An early expiry of 0 is not allowed (UMA: "Early expiration can't be 0").
    error EarlyExpirationZero();
    /// @notice An early expiry must be at or after the pair's launch (new: bounds griefing requests).
    /// @param earlyExpirationTimestamp The requested timestamp, unix seconds.
    /// @param launchTimestamp The pair's launch, unix seconds.
    error EarlyExpirationBeforeLaunch(uint64 earlyExpirationTimestamp, uint64 launchTimestamp);
    /// @notice A timestamp the pair already asked about, still pending or answered with the ignore
    ///         price, cannot be requested again (UMA: the oracle's "requestPrice: Invalid").
    /// @param earlyExpirationTimestamp The reused timestamp, unix seconds.
    error EarlyExpirationTimestampReused(uint64 earlyExpirationTimestamp);
    /// @notice `expire()` was already called (UMA: the oracle's "requestPrice: Invalid").
    error ExpiryAlreadyRequested();
    /// @notice `settle` before expiry needs early expiration enabled (UMA: "Cannot settle").
    /// @param expirationTimestamp The pair's expiry, unix seconds.
    /// @param currentTime `block.timestamp`, unix seconds.
    error CannotSettle(uint64 expirationTimestamp, uint256 currentTime);
    /// @notice `settle` before expiry with no early request made (UMA: the oracle's
    ///         "_settle: not settleable").
    error EarlyExpirationNotRequested();
    /// @notice The early request was answered with the ignore price, so the pair cannot settle
    ///         before expiry (UMA: "Oracle prevents early expiration").
    /// @param earlyExpirationTimestamp The rejected request's timestamp, unix seconds.
    error EarlyExpirationRejected(uint64 earlyExpirationTimestamp);
    /// @notice `settle` after expiry but before anyone called `expire()` (UMA: the oracle's
    ///         "_settle: not settleable").
    error ExpiryNotRequested();
    /// @notice `settle` while the expiry request has no answer yet (UMA: the oracle's
    ///         "_settle: not settleable").
    error ExpiryPricePending();
    /// @notice Fewer collateral tokens arrived than the transfer asked for (fee-on-transfer or
    ///         rebasing collateral); nothing is minted or requested against missing collateral.
    /// @param expected Amount the pair pulled, raw collateral units.
    /// @param received Amount its balance actually grew by, raw collateral units.
    error CollateralShortfall(uint256 expected, uint256 received);

    // ----------------------------------------------------------------------------------------------
    // Events (UMA's shapes)
    // ----------------------------------------------------------------------------------------------

    /// @notice `sponsor` locked `collateralUsed` and received `tokensMinted` long and short tokens.
    /// @param sponsor The caller of `create`.
    /// @param collateralUsed Collateral pulled, raw collateral units.
    /// @param tokensMinted Long tokens minted, equal to short tokens minted, raw token units.
    event TokensCreated(address indexed sponsor, uint256 indexed collateralUsed, uint256 indexed tokensMinted);
    /// @notice `sponsor` burnt `tokensRedeemed` long and short tokens for `collateralReturned`.
    /// @param sponsor The caller of `redeem`.
    /// @param collateralReturned Collateral paid out, raw collateral units.
    /// @param tokensRedeemed Long tokens burnt, equal to short tokens burnt, raw token units.
    event TokensRedeemed(address indexed sponsor, uint256 indexed collateralReturned, uint256 indexed tokensRedeemed);
    /// @notice `caller` requested the expiry price from the oracle.
    /// @param caller The caller of `expire`, who paid the proposer reward.
    event ContractExpired(address indexed caller);
    /// @notice `caller` requested an early-expiry price for `earlyExpirationTimeStamp`.
    /// @param caller The caller of `requestEarlyExpiration`, who paid the proposer reward.
    /// @param earlyExpirationTimeStamp The requested early expiry, unix seconds (UMA's spelling).
    event EarlyExpirationRequested(address indexed caller, uint64 earlyExpirationTimeStamp);
    /// @notice The pair recorded the early request at `earlyExpirationTimestamp`, answered with a real
    ///         price, as its early expiry (new: UMA has one request and no such record).
    /// @param caller The caller whose `isContractEarlyExpired` or `requestEarlyExpiration` recorded it.
    /// @param earlyExpirationTimestamp The accepted early expiry, unix seconds.
    event EarlyExpirationAccepted(address indexed caller, uint64 earlyExpirationTimestamp);
    /// @notice `sponsor` settled `longTokens` and `shortTokens` for `collateralReturned`.
    /// @param sponsor The caller of `settle`.
    /// @param collateralReturned Collateral paid out, raw collateral units.
    /// @param longTokens Long tokens burnt, raw token units.
    /// @param shortTokens Short tokens burnt, raw token units.
    event PositionSettled(address indexed sponsor, uint256 collateralReturned, uint256 longTokens, uint256 shortTokens);

    // ----------------------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------------------

    /// @notice Lock collateral and mint `tokensToCreate` long and `tokensToCreate` short tokens to
    ///         the caller. Only before expiry. `create(0)` is allowed (UMA).
    /// @dev Pulls `ceil(tokensToCreate * collateralPerPair / 1e18)` and refuses a shortfall (I-1, I-14).
    /// @param tokensToCreate Long (and short) tokens to mint, raw token units.
    /// @return collateralUsed Collateral pulled from the caller, raw collateral units (rounded up).
    function create(uint256 tokensToCreate) external returns (uint256 collateralUsed);

    /// @notice Burn `tokensToRedeem` long and short tokens of the caller for collateral. Any time,
    ///         also after expiry and after settlement.
    /// @dev Rounds down, so a pair never returns more than one pair's collateral (I-2, I-3).
    /// @param tokensToRedeem Long (and short) tokens to burn, raw token units.
    /// @return collateralReturned `floor(tokensToRedeem * collateralPerPair / 1e18)`, raw collateral units.
    function redeem(uint256 tokensToRedeem) external returns (uint256 collateralReturned);

    /// @notice Burn the caller's long and short tokens for their share of collateral at the
    ///         settlement price. After expiry, or before it when an early expiry was accepted. The
    ///         first successful call reads the price and the payout library once and fixes them.
    /// @dev Each side rounds down twice (I-2, I-3, I-8); the share is in [0, 1e18] (I-5) and fixed once (I-6).
    /// @param longTokensToRedeem Long tokens to burn, raw token units.
    /// @param shortTokensToRedeem Short tokens to burn, raw token units.
    /// @return collateralReturned `floor(floor(L*cpp/1e18)*epl/1e18) + floor(floor(S*cpp/1e18)*(1e18-epl)/1e18)`,
    ///         raw collateral units.
    function settle(uint256 longTokensToRedeem, uint256 shortTokensToRedeem)
        external
        returns (uint256 collateralReturned);

    /// @notice Request the expiry price from the Optimistic Oracle V2. At or after expiry, once, and
    ///         not after an accepted early expiry. The caller pays `proposerReward` (approve it first).
    function expire() external;

    /// @notice Ask the oracle whether the pair may expire early at `earlyExpirationTimestamp`
    ///         (only with early expiration enabled, before expiry, and before an early expiry was
    ///         accepted). The caller pays `proposerReward` (approve it first). A pending request does
    ///         not block a new one (divergence from UMA, review M-1); the new one becomes the
    ///         latest (`earlyExpirationTimestamp()`).
    ///         Asking again for a timestamp the pair already asked about, which the oracle has
    ///         answered with a real (non-ignore) price, accepts that early expiry instead: the
    ///         request is settled in the oracle, recorded, `EarlyExpirationAccepted` is emitted and
    ///         nothing is pulled. This is how a request that is no longer the latest counts.
    /// @dev Reverts `EarlyExpirationTimestampReused` for an already-asked timestamp that is still
    ///      pending or was answered with the ignore price.
    /// @param earlyExpirationTimestamp The early expiry asked for, unix seconds, in [launchTimestamp, now], not 0.
    function requestEarlyExpiration(uint64 earlyExpirationTimestamp) external;

    /// @notice Whether an early expiry was accepted. NOT a view (UMA): settles the latest early
    ///         request in the oracle when it is settleable, and records it as accepted when its price
    ///         is real.
    /// @dev Reverts `EarlyExpirationPending` while no early expiry is recorded and the latest early
    ///      request has no final answer.
    /// @return True when an early expiry was recorded or the latest early request was answered with
    ///         a price other than the ignore price.
    function isContractEarlyExpired() external returns (bool);

    // ----------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------

    /// @notice Where the pair is in its life; never changes state. See `PairState`.
    function pairState() external view returns (PairState);

    /// @notice `sponsor`'s long and short token balances.
    /// @param sponsor Any account.
    /// @return longTokens Long balance, raw token units.
    /// @return shortTokens Short balance, raw token units.
    function getPositionTokens(address sponsor) external view returns (uint256 longTokens, uint256 shortTokens);

    /// @notice The ancillary data of early requests: `customAncillaryData` + `,earlyExpiration:1`
    ///         (without the comma when the custom data is empty).
    function getEarlyExpirationAncillaryData() external view returns (bytes memory);

    /// @notice The oracle answer that rejects an early expiry: `type(int256).min`.
    function ignoreEarlyExpirationPrice() external pure returns (int256);

    /// @notice The pair's name, as launched.
    function pairName() external view returns (string memory);
    /// @notice Collateral per long+short pair, scaled by 1e18 (1e18 = one raw collateral unit per raw token unit).
    function collateralPerPair() external view returns (uint256);
    /// @notice The DVM price identifier of every request.
    function priceIdentifier() external view returns (bytes32);
    /// @notice Whether `requestEarlyExpiration` is allowed.
    function enableEarlyExpiration() external view returns (bool);
    /// @notice The collateral ERC20.
    function collateralToken() external view returns (address);
    /// @notice The long position token.
    function longToken() external view returns (address);
    /// @notice The short position token.
    function shortToken() external view returns (address);
    /// @notice UMA's Finder; the creator looked the oracle up there at launch (see `optimisticOracle`).
    function finder() external view returns (address);
    /// @notice The payout library (UMA's financial product library).
    function financialProductLibrary() external view returns (address);
    /// @notice Ancillary data of the expiry request, as launched.
    function customAncillaryData() external view returns (bytes memory);
    /// @notice Reward offered to the proposer of each request, raw collateral units.
    function proposerReward() external view returns (uint256);
    /// @notice Liveness set on each request, seconds, in (0, 5200 weeks).
    function optimisticOracleLivenessTime() external view returns (uint256);
    /// @notice Proposer bond set on each request (the oracle adds its final fee), raw collateral units.
    function optimisticOracleProposerBond() external view returns (uint256);
    /// @notice Timestamp of the latest early request, or of the accepted early expiry once one is
    ///         recorded, unix seconds; 0 if none.
    function earlyExpirationTimestamp() external view returns (uint64);
    /// @notice The Optimistic Oracle V2 of every request of this pair: the Finder's entry at launch,
    ///         pinned (a later Finder repoint does not move the pair's requests; new, UMA looks it up
    ///         at each call).
    function optimisticOracle() external view returns (address);
    /// @notice When the pair was launched, unix seconds; early requests must not be earlier (new).
    function launchTimestamp() external view returns (uint64);
    /// @notice Settlement price fixed by the first `settle`, as the oracle returned it.
    function expiryPrice() external view returns (int256);
    /// @notice Long share fixed by the first `settle`, scaled by 1e18, in [0, 1e18].
    function expiryPercentLong() external view returns (uint256);
    /// @notice Whether the first `settle` has fixed the price.
    function receivedSettlementPrice() external view returns (bool);

    /// @notice Called once by the creator right after cloning: deploys the long and short tokens
    ///         as clones from this pair (nonces 1 and 2), so the pair derives their addresses and
    ///         stores nothing.
    /// @param longTokenArgs Packed token args after the pair: `uint8 decimals, uint16 len, name, uint16 len, symbol`.
    /// @param shortTokenArgs Same for the short token.
    /// @return long The long token.
    /// @return short The short token.
    function deployPositionTokens(bytes calldata longTokenArgs, bytes calldata shortTokenArgs)
        external
        returns (address long, address short);
}

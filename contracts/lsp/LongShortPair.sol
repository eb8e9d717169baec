// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {LibClone} from "solady/utils/LibClone.sol";
import {LibRLP} from "solady/utils/LibRLP.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";
import {ILongShortPair} from "../../interfaces/ILongShortPair.sol";
import {ILongShortPairFinancialProductLibrary} from "../../interfaces/ILongShortPairFinancialProductLibrary.sol";
import {IPositionToken} from "../../interfaces/IPositionToken.sol";
import {IOptimisticOracleV2} from "../../interfaces/oracle/IOptimisticOracleV2.sol";
import {CloneArgs} from "./CloneArgs.sol";
import {LaunchArgs} from "./LaunchArgs.sol";

/// @title LongShortPair
/// @notice UMA's Long Short Pair as a clone with immutable args (see `ILongShortPair`).
/// @dev Everything fixed at launch lives in the clone's args (`LaunchArgs` layout; I-7) or, when it is
///      the same for every pair of a creator (finder, creator, token implementation), in this
///      implementation's immutables. The position tokens are the pair's own first two CREATEs, so
///      their addresses are derived from the pair's address (nonces 1 and 2) and never stored.
///      Mutable state: slot 0 packs `earlyExpirationTimestamp`, the accepted-early-expiry flag,
///      `receivedSettlementPrice`, `expiryPercentLong` (<= 1e18 < 2^64) and `expiryPrice` when it fits
///      an int128 (any KPI value does); slot 1 holds only a price outside the int128 range.
///      Early requests are not serial (review M-1): a pending request never blocks a new one. The
///      oracle keys a request by (pair, identifier, timestamp, ancillary data), so the pair can look
///      any of its early requests up by timestamp without storing them: it tracks only the latest
///      request, and anyone can point it at an older request the oracle has answered with a real
///      price by asking `requestEarlyExpiration` for that timestamp again (docs/SPEC.md).
contract LongShortPair is ILongShortPair, ReentrancyGuardTransient {
    using FixedPointMathLib for uint256;

    /// @dev Oracle answer that rejects an early expiry (equals the oracle's TOO_EARLY_RESPONSE).
    int256 internal constant IGNORE_PRICE = type(int256).min;
    /// @dev 1.0 in 1e18 fixed point.
    uint256 internal constant WAD = 1e18;
    /// @dev Key-value suffix of early-request ancillary data (UMA's ancillary format).
    bytes internal constant EARLY_SUFFIX = ",earlyExpiration:1";

    /// @dev This implementation's own address: calls that execute here directly are refused.
    address internal immutable _SELF = address(this);
    /// @dev Position token implementation the pair clones twice at launch.
    address internal immutable _TOKEN_IMPLEMENTATION;
    /// @inheritdoc ILongShortPair
    address public immutable finder;
    /// @notice The creator (factory) that deployed this implementation and launches its clones.
    address public immutable creator;

    /// @dev Timestamp of the latest early request, or of the accepted one once `_earlyExpired`, unix
    ///      seconds; 0 if none (slot 0). 40 bits hold any timestamp up to the year 36812; requests must
    ///      be in the past, so larger ones are refused.
    uint40 internal _earlyExpirationTimestamp;
    /// @dev True once the pair recorded an early request answered with a real price (slot 0).
    bool internal _earlyExpired;
    /// @dev True once the first `settle` fixed the price (slot 0).
    bool internal _receivedSettlementPrice;
    /// @dev True when the fixed price does not fit an int128 and lives in `_expiryPriceWide` (slot 0).
    bool internal _expiryPriceIsWide;
    /// @dev Long share fixed by the first `settle`, scaled by 1e18, <= 1e18 < 2^64 (slot 0).
    uint64 internal _expiryPercentLong;
    /// @dev Settlement price fixed by the first `settle` when it fits an int128 (slot 0).
    int128 internal _expiryPriceCompact;
    /// @dev Settlement price when it does not fit an int128, e.g. type(int256).min (slot 1).
    int256 internal _expiryPriceWide;

    /// @dev Reverts when this code runs as the implementation itself rather than in a clone.
    modifier onlyClone() {
        _checkClone();
        _;
    }

    /// @param finder_ UMA's Finder, shared by every pair of the creator.
    /// @param tokenImplementation The position token implementation.
    constructor(address finder_, address tokenImplementation) {
        finder = finder_;
        _TOKEN_IMPLEMENTATION = tokenImplementation;
        creator = msg.sender;
    }

    // ----------------------------------------------------------------------------------------------
    // Launch
    // ----------------------------------------------------------------------------------------------

    /// @inheritdoc ILongShortPair
    function deployPositionTokens(bytes calldata longTokenArgs, bytes calldata shortTokenArgs)
        external
        onlyClone
        returns (address long, address short)
    {
        if (msg.sender != creator) revert OnlyCreator(msg.sender);
        long = LibClone.clone(_TOKEN_IMPLEMENTATION, abi.encodePacked(address(this), longTokenArgs));
        short = LibClone.clone(_TOKEN_IMPLEMENTATION, abi.encodePacked(address(this), shortTokenArgs));
        // A second call would create at nonces 3 and 4: tokens the pair would never recognise.
        if (long != _longToken() || short != _shortToken()) revert PositionTokensAlreadyDeployed();
    }

    // ----------------------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------------------

    /// @inheritdoc ILongShortPair
    function create(uint256 tokensToCreate) external nonReentrant returns (uint256 collateralUsed) {
        _checkPreExpiration(_expirationTimestamp());
        // Rounds up: the sponsor pays at least the exact value of what is minted, so dust is never free
        // and the pool always holds enough for every later redeem.
        collateralUsed = tokensToCreate.mulWadUp(_collateralPerPair());
        _pullExact(_collateralToken(), collateralUsed);
        IPositionToken(_longToken()).mint(msg.sender, tokensToCreate);
        IPositionToken(_shortToken()).mint(msg.sender, tokensToCreate);
        emit TokensCreated(msg.sender, collateralUsed, tokensToCreate);
    }

    /// @inheritdoc ILongShortPair
    function redeem(uint256 tokensToRedeem) external nonReentrant onlyClone returns (uint256 collateralReturned) {
        IPositionToken(_longToken()).burnFrom(msg.sender, tokensToRedeem);
        IPositionToken(_shortToken()).burnFrom(msg.sender, tokensToRedeem);
        // Rounds down: a pair never returns more than `create` took for it, so the pool stays solvent.
        collateralReturned = tokensToRedeem.mulWad(_collateralPerPair());
        SafeTransferLib.safeTransfer(_collateralToken(), msg.sender, collateralReturned);
        emit TokensRedeemed(msg.sender, collateralReturned, tokensToRedeem);
    }

    /// @inheritdoc ILongShortPair
    function settle(uint256 longTokensToRedeem, uint256 shortTokensToRedeem)
        external
        nonReentrant
        returns (uint256 collateralReturned)
    {
        uint64 expiration = _expirationTimestamp();
        if (block.timestamp < expiration && !_enableEarlyExpiration()) {
            revert CannotSettle(expiration, block.timestamp);
        }
        uint256 percentLong = _receivedSettlementPrice ? _expiryPercentLong : _fixSettlementPrice(expiration);

        // Zero amounts burn nothing (UMA burns 0 and the token logs a 0-amount Transfer).
        if (longTokensToRedeem != 0) IPositionToken(_longToken()).burnFrom(msg.sender, longTokensToRedeem);
        if (shortTokensToRedeem != 0) IPositionToken(_shortToken()).burnFrom(msg.sender, shortTokensToRedeem);

        uint256 perPair = _collateralPerPair();
        // Each side rounds down twice (tokens -> collateral, then collateral -> share), as UMA: the two
        // payouts together never exceed the collateral the burnt tokens stand for, so the pool stays
        // solvent for every other holder; the dust stays in the pair.
        uint256 longCollateral = longTokensToRedeem.mulWad(perPair).mulWad(percentLong);
        uint256 shortCollateral = shortTokensToRedeem.mulWad(perPair).mulWad(WAD - percentLong);
        collateralReturned = longCollateral + shortCollateral;

        SafeTransferLib.safeTransfer(_collateralToken(), msg.sender, collateralReturned);
        emit PositionSettled(msg.sender, collateralReturned, longTokensToRedeem, shortTokensToRedeem);
    }

    /// @inheritdoc ILongShortPair
    function expire() external nonReentrant {
        IOptimisticOracleV2 oracle = _oracle();
        bytes32 identifier = _priceIdentifier();
        bytes memory ancillaryData = _customAncillaryData();
        _checkNotEarlyExpired(oracle, identifier, _earlyAncillaryData(ancillaryData), true);
        uint64 expiration = _expirationTimestamp();
        if (block.timestamp < expiration) revert OnlyPostExpiration(expiration, block.timestamp);
        if (oracle.getState(address(this), identifier, expiration, ancillaryData) != IOptimisticOracleV2.State.Invalid)
        {
            revert ExpiryAlreadyRequested();
        }
        _requestOraclePrice(oracle, identifier, expiration, ancillaryData);
        emit ContractExpired(msg.sender);
    }

    /// @inheritdoc ILongShortPair
    function requestEarlyExpiration(uint64 earlyExpirationTimestamp_) external nonReentrant {
        IOptimisticOracleV2 oracle = _oracle();
        bytes32 identifier = _priceIdentifier();
        bytes memory earlyData = _earlyAncillaryData(_customAncillaryData());
        // A pending latest request does not block a new one (M-1); an accepted one does.
        _checkNotEarlyExpired(oracle, identifier, earlyData, false);
        _checkPreExpiration(_expirationTimestamp());
        if (!_enableEarlyExpiration()) revert EarlyExpirationDisabled();
        if (earlyExpirationTimestamp_ > block.timestamp) {
            revert EarlyExpirationInFuture(earlyExpirationTimestamp_, block.timestamp);
        }
        if (earlyExpirationTimestamp_ == 0) revert EarlyExpirationZero();
        uint64 launched = _launchTimestamp();
        if (earlyExpirationTimestamp_ < launched) {
            revert EarlyExpirationBeforeLaunch(earlyExpirationTimestamp_, launched);
        }
        // The pair already asked about this timestamp: the oracle refuses a second request. If the
        // oracle answered it with a real price, it is the pair's early expiry (settled, recorded);
        // otherwise (pending or rejected) the timestamp cannot be asked again.
        if (
            oracle.getState(address(this), identifier, earlyExpirationTimestamp_, earlyData)
                != IOptimisticOracleV2.State.Invalid
        ) {
            if (
                oracle.hasPrice(address(this), identifier, earlyExpirationTimestamp_, earlyData)
                    && oracle.settleAndGetPrice(identifier, earlyExpirationTimestamp_, earlyData) != IGNORE_PRICE
            ) {
                _acceptEarlyExpiration(earlyExpirationTimestamp_);
                return;
            }
            revert EarlyExpirationTimestampReused(earlyExpirationTimestamp_);
        }

        // Safe cast: the timestamp is <= block.timestamp, far below 2^40.
        _earlyExpirationTimestamp = uint40(earlyExpirationTimestamp_);
        _requestOraclePrice(oracle, identifier, earlyExpirationTimestamp_, earlyData);
        emit EarlyExpirationRequested(msg.sender, earlyExpirationTimestamp_);
    }

    /// @inheritdoc ILongShortPair
    function isContractEarlyExpired() external nonReentrant onlyClone returns (bool) {
        if (_earlyExpired) return true;
        uint64 early = _earlyExpirationTimestamp;
        if (early == 0) return false;
        if (_settleEarlyRequest(_oracle(), _priceIdentifier(), _customAncillaryData(), early) == IGNORE_PRICE) {
            return false;
        }
        _acceptEarlyExpiration(early);
        return true;
    }

    // ----------------------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------------------

    /// @inheritdoc ILongShortPair
    function pairState() external view returns (PairState) {
        uint64 expiration = _expirationTimestamp();
        if (_receivedSettlementPrice) return PairState.Settled;
        if (_earlyExpired) return PairState.EarlyExpired;
        IOptimisticOracleV2 oracle = _oracle();
        bytes32 identifier = _priceIdentifier();
        bytes memory customData = _customAncillaryData();
        uint64 early = _earlyExpirationTimestamp;
        if (early != 0) {
            bytes memory earlyData = _earlyAncillaryData(customData);
            IOptimisticOracleV2.State state = oracle.getState(address(this), identifier, early, earlyData);
            if (state != IOptimisticOracleV2.State.Expired && state != IOptimisticOracleV2.State.Settled) {
                return PairState.EarlyExpiryPending;
            }
            IOptimisticOracleV2.Request memory request = oracle.getRequest(address(this), identifier, early, earlyData);
            int256 answer = state == IOptimisticOracleV2.State.Settled ? request.resolvedPrice : request.proposedPrice;
            if (answer != IGNORE_PRICE) return PairState.EarlyExpired;
        }
        if (block.timestamp < expiration) return PairState.Open;
        IOptimisticOracleV2.State expiryState = oracle.getState(address(this), identifier, expiration, customData);
        if (expiryState == IOptimisticOracleV2.State.Invalid) return PairState.ExpiredUnrequested;
        if (
            expiryState == IOptimisticOracleV2.State.Expired || expiryState == IOptimisticOracleV2.State.Resolved
                || expiryState == IOptimisticOracleV2.State.Settled
        ) return PairState.ExpiryPriceAvailable;
        return PairState.ExpiryPricePending;
    }

    /// @inheritdoc ILongShortPair
    function getPositionTokens(address sponsor)
        external
        view
        nonReadReentrant
        onlyClone
        returns (uint256 longTokens, uint256 shortTokens)
    {
        longTokens = SafeTransferLib.balanceOf(_longToken(), sponsor);
        shortTokens = SafeTransferLib.balanceOf(_shortToken(), sponsor);
    }

    /// @inheritdoc ILongShortPair
    function getEarlyExpirationAncillaryData() external view returns (bytes memory) {
        return _earlyAncillaryData(_customAncillaryData());
    }

    /// @inheritdoc ILongShortPair
    function ignoreEarlyExpirationPrice() external pure returns (int256) {
        return IGNORE_PRICE;
    }

    /// @inheritdoc ILongShortPair
    function pairName() external view returns (string memory name) {
        _checkClone();
        (bytes memory raw,) = CloneArgs.prefixedBytesAt(LaunchArgs.PAIR_NAME);
        name = string(raw);
    }

    /// @inheritdoc ILongShortPair
    function customAncillaryData() external view returns (bytes memory) {
        return _customAncillaryData();
    }

    /// @notice Expiry, unix seconds.
    function expirationTimestamp() external view returns (uint64) {
        return _expirationTimestamp();
    }

    /// @inheritdoc ILongShortPair
    function collateralPerPair() external view returns (uint256) {
        return _collateralPerPair();
    }

    /// @inheritdoc ILongShortPair
    function priceIdentifier() external view returns (bytes32) {
        return _priceIdentifier();
    }

    /// @inheritdoc ILongShortPair
    function enableEarlyExpiration() external view returns (bool) {
        return _enableEarlyExpiration();
    }

    /// @inheritdoc ILongShortPair
    function collateralToken() external view returns (address) {
        return _collateralToken();
    }

    /// @inheritdoc ILongShortPair
    function longToken() external view onlyClone returns (address) {
        return _longToken();
    }

    /// @inheritdoc ILongShortPair
    function shortToken() external view onlyClone returns (address) {
        return _shortToken();
    }

    /// @inheritdoc ILongShortPair
    function financialProductLibrary() external view returns (address) {
        return _financialProductLibrary();
    }

    /// @inheritdoc ILongShortPair
    function optimisticOracle() external view returns (address) {
        return address(_oracle());
    }

    /// @inheritdoc ILongShortPair
    function launchTimestamp() external view returns (uint64) {
        return _launchTimestamp();
    }

    /// @notice The account that may set the payout parameters after launch (the caller of the
    ///         creator, or the setter the launch named).
    function launcher() external view returns (address) {
        _checkClone();
        return CloneArgs.addressAt(LaunchArgs.LAUNCHER);
    }

    /// @inheritdoc ILongShortPair
    function proposerReward() external view returns (uint256) {
        return _proposerReward();
    }

    /// @inheritdoc ILongShortPair
    function optimisticOracleLivenessTime() external view returns (uint256) {
        return _liveness();
    }

    /// @inheritdoc ILongShortPair
    function optimisticOracleProposerBond() external view returns (uint256) {
        return _proposerBond();
    }

    /// @inheritdoc ILongShortPair
    function earlyExpirationTimestamp() external view onlyClone returns (uint64) {
        return _earlyExpirationTimestamp;
    }

    /// @inheritdoc ILongShortPair
    function expiryPrice() external view onlyClone returns (int256) {
        return _expiryPriceIsWide ? _expiryPriceWide : int256(_expiryPriceCompact);
    }

    /// @inheritdoc ILongShortPair
    function expiryPercentLong() external view onlyClone returns (uint256) {
        return _expiryPercentLong;
    }

    /// @inheritdoc ILongShortPair
    function receivedSettlementPrice() external view onlyClone returns (bool) {
        return _receivedSettlementPrice;
    }

    // ----------------------------------------------------------------------------------------------
    // Internal: oracle
    // ----------------------------------------------------------------------------------------------

    /// @dev Reads the settlement price (expiry request first, else the early one), asks the payout
    ///      library once, caps its answer at 1e18 and fixes all three; returns the long share (I-5, I-6).
    function _fixSettlementPrice(uint64 expiration) internal returns (uint256 percentLong) {
        IOptimisticOracleV2 oracle = _oracle();
        bytes32 identifier = _priceIdentifier();
        bytes memory customData = _customAncillaryData();
        int256 price;
        if (_earlyExpired) {
            // Accepted early expiry: already settled in the oracle, which returns its resolved price.
            price = oracle.settleAndGetPrice(identifier, _earlyExpirationTimestamp, _earlyAncillaryData(customData));
        } else if (oracle.hasPrice(address(this), identifier, expiration, customData)) {
            // The expiry price is used as the oracle gives it, even type(int256).min (UMA behaviour).
            price = oracle.settleAndGetPrice(identifier, expiration, customData);
        } else {
            uint64 early = _earlyExpirationTimestamp;
            if (early == 0) {
                if (block.timestamp < expiration) revert EarlyExpirationNotRequested();
                _revertExpiryStatus(oracle, identifier, expiration, customData);
            }
            price = _settleEarlyRequest(oracle, identifier, customData, early);
            if (price == IGNORE_PRICE) {
                if (block.timestamp < expiration) revert EarlyExpirationRejected(early);
                _revertExpiryStatus(oracle, identifier, expiration, customData);
            }
        }
        percentLong =
            ILongShortPairFinancialProductLibrary(_financialProductLibrary()).percentageLongCollateralAtExpiry(price);
        if (percentLong > WAD) percentLong = WAD;
        // One slot write in the common case: a price that fits an int128 is packed with the rest.
        bool wide = price < type(int128).min || price > type(int128).max;
        if (wide) _expiryPriceWide = price;
        _receivedSettlementPrice = true;
        _expiryPriceIsWide = wide;
        // Safe casts: percentLong <= 1e18 < 2^64; the price fits an int128 unless `wide` (then 0 is stored).
        _expiryPercentLong = uint64(percentLong);
        _expiryPriceCompact = wide ? int128(0) : int128(price);
    }

    /// @dev Reverts with why the expiry request has no price yet (it has none when this is called).
    function _revertExpiryStatus(
        IOptimisticOracleV2 oracle,
        bytes32 identifier,
        uint64 expiration,
        bytes memory customData
    ) internal view {
        if (oracle.getState(address(this), identifier, expiration, customData) == IOptimisticOracleV2.State.Invalid) {
            revert ExpiryNotRequested();
        }
        revert ExpiryPricePending();
    }

    /// @dev UMA's `notEarlyExpired`: reverts `ContractEarlyExpired` once an early expiry is accepted
    ///      or when the latest early request has a real price (settling it in the oracle, I-12);
    ///      passes with no early request or a rejected one. A pending latest request reverts
    ///      `EarlyExpirationPending` when `pendingBlocks` (`expire`), and passes otherwise
    ///      (`requestEarlyExpiration`: requests are not serial, M-1).
    function _checkNotEarlyExpired(
        IOptimisticOracleV2 oracle,
        bytes32 identifier,
        bytes memory earlyData,
        bool pendingBlocks
    ) internal {
        uint64 early = _earlyExpirationTimestamp;
        if (_earlyExpired) revert ContractEarlyExpired(early);
        if (early == 0) return;
        if (!oracle.hasPrice(address(this), identifier, early, earlyData)) {
            if (pendingBlocks) revert EarlyExpirationPending(early);
            return;
        }
        if (oracle.settleAndGetPrice(identifier, early, earlyData) != IGNORE_PRICE) {
            revert ContractEarlyExpired(early);
        }
    }

    /// @dev Records the early request at `early` (settled in the oracle, answered with a real price)
    ///      as the pair's early expiry; from now on `settle` pays at its price and nothing else counts.
    function _acceptEarlyExpiration(uint64 early) internal {
        // Safe cast: early requests are at or before block.timestamp, far below 2^40.
        _earlyExpirationTimestamp = uint40(early);
        _earlyExpired = true;
        emit EarlyExpirationAccepted(msg.sender, early);
    }

    /// @dev Settles (if needed) and returns the early request's price; `EarlyExpirationPending` while
    ///      the oracle has no final answer (Requested, Proposed within liveness, Disputed).
    function _settleEarlyRequest(IOptimisticOracleV2 oracle, bytes32 identifier, bytes memory customData, uint64 early)
        internal
        returns (int256)
    {
        bytes memory earlyData = _earlyAncillaryData(customData);
        if (!oracle.hasPrice(address(this), identifier, early, earlyData)) revert EarlyExpirationPending(early);
        return oracle.settleAndGetPrice(identifier, early, earlyData);
    }

    /// @dev Requests a price: pulls the proposer reward from the caller (refusing a shortfall),
    ///      approves it to the oracle, then sets the pair's liveness and bond on the request.
    function _requestOraclePrice(IOptimisticOracleV2 oracle, bytes32 identifier, uint64 timestamp, bytes memory data)
        internal
    {
        address collateral = _collateralToken();
        uint256 reward = _proposerReward();
        if (reward != 0) {
            _pullExact(collateral, reward);
            SafeTransferLib.safeApprove(collateral, address(oracle), reward);
        }
        oracle.requestPrice(identifier, timestamp, data, collateral, reward);
        oracle.setCustomLiveness(identifier, timestamp, data, _liveness());
        oracle.setBond(identifier, timestamp, data, _proposerBond());
    }

    /// @dev The Optimistic Oracle V2 the Finder registered at launch, pinned in the args: every request
    ///      of the pair lives there, so a Finder repoint cannot strand one (review I-2).
    function _oracle() internal view returns (IOptimisticOracleV2) {
        _checkClone();
        return IOptimisticOracleV2(CloneArgs.addressAt(LaunchArgs.ORACLE));
    }

    /// @dev Launch time from the args, unix seconds.
    function _launchTimestamp() internal view returns (uint64) {
        _checkClone();
        return uint64(CloneArgs.uintAt(LaunchArgs.LAUNCH_TIMESTAMP, 8));
    }

    /// @dev `customData` + ",earlyExpiration:1", without the comma when `customData` is empty.
    function _earlyAncillaryData(bytes memory customData) internal pure returns (bytes memory) {
        if (customData.length == 0) return "earlyExpiration:1";
        return bytes.concat(customData, EARLY_SUFFIX);
    }

    // ----------------------------------------------------------------------------------------------
    // Internal: collateral, time, args
    // ----------------------------------------------------------------------------------------------

    /// @dev Pulls `amount` of `token` from the caller and reverts `CollateralShortfall` if the
    ///      pair's balance grew by less (fee-on-transfer, rebasing) (I-14).
    function _pullExact(address token, uint256 amount) internal {
        uint256 balanceBefore = SafeTransferLib.balanceOf(token, address(this));
        SafeTransferLib.safeTransferFrom(token, msg.sender, address(this), amount);
        uint256 balanceAfter = SafeTransferLib.balanceOf(token, address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received < amount) revert CollateralShortfall(amount, received);
    }

    /// @dev Reverts `OnlyPreExpiration` at or after expiry.
    function _checkPreExpiration(uint64 expiration) internal view {
        if (block.timestamp >= expiration) revert OnlyPreExpiration(expiration, block.timestamp);
    }

    /// @dev Reverts `ImplementationNotCallable` when executing as the implementation.
    function _checkClone() internal view {
        if (address(this) == _SELF) revert ImplementationNotCallable();
    }

    /// @dev The long token: this pair's first CREATE (nonce 1).
    function _longToken() internal view returns (address) {
        return LibRLP.computeAddress(address(this), 1);
    }

    /// @dev The short token: this pair's second CREATE (nonce 2).
    function _shortToken() internal view returns (address) {
        return LibRLP.computeAddress(address(this), 2);
    }

    /// @dev Expiry from the args, unix seconds (guards against direct calls to the implementation).
    function _expirationTimestamp() internal view returns (uint64) {
        _checkClone();
        return uint64(CloneArgs.uintAt(LaunchArgs.EXPIRATION, 8));
    }

    /// @dev Collateral token from the args.
    function _collateralToken() internal view returns (address) {
        _checkClone();
        return CloneArgs.addressAt(LaunchArgs.COLLATERAL);
    }

    /// @dev Payout library from the args.
    function _financialProductLibrary() internal view returns (address) {
        _checkClone();
        return CloneArgs.addressAt(LaunchArgs.LIBRARY);
    }

    /// @dev Collateral per pair from the args, scaled by 1e18.
    function _collateralPerPair() internal view returns (uint256) {
        _checkClone();
        return CloneArgs.word(LaunchArgs.COLLATERAL_PER_PAIR);
    }

    /// @dev Price identifier from the args.
    function _priceIdentifier() internal view returns (bytes32) {
        _checkClone();
        return bytes32(CloneArgs.word(LaunchArgs.IDENTIFIER));
    }

    /// @dev Early-expiration flag from the args.
    function _enableEarlyExpiration() internal view returns (bool) {
        _checkClone();
        return CloneArgs.uintAt(LaunchArgs.EARLY_ENABLED, 1) != 0;
    }

    /// @dev Liveness from the args, seconds.
    function _liveness() internal view returns (uint256) {
        _checkClone();
        return CloneArgs.uintAt(LaunchArgs.LIVENESS, 4);
    }

    /// @dev Proposer reward from the args, raw collateral units.
    function _proposerReward() internal view returns (uint256) {
        _checkClone();
        return CloneArgs.word(LaunchArgs.REWARD);
    }

    /// @dev Proposer bond from the args, raw collateral units.
    function _proposerBond() internal view returns (uint256) {
        _checkClone();
        return CloneArgs.word(LaunchArgs.BOND);
    }

    /// @dev Custom ancillary data from the args (after the length-prefixed pair name).
    function _customAncillaryData() internal view returns (bytes memory data) {
        _checkClone();
        uint256 dataOffset = LaunchArgs.PAIR_NAME + 2 + CloneArgs.uintAt(LaunchArgs.PAIR_NAME, 2);
        (data,) = CloneArgs.prefixedBytesAt(dataOffset);
    }

    /// @dev Always the transient-storage guard, on every chain (Solady defaults to it on mainnet only).
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}

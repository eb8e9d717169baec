// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibString} from "solady/utils/LibString.sol";
import {FixedPoint} from "../../interfaces/oracle/FixedPoint.sol";
import {IAddressWhitelist} from "../../interfaces/oracle/IAddressWhitelist.sol";
import {IFinder} from "../../interfaces/oracle/IFinder.sol";
import {IIdentifierWhitelist} from "../../interfaces/oracle/IIdentifierWhitelist.sol";
import {IOptimisticOracleV2} from "../../interfaces/oracle/IOptimisticOracleV2.sol";
import {IOptimisticRequester} from "../../interfaces/oracle/IOptimisticRequester.sol";
import {IOracleAncillary} from "../../interfaces/oracle/IOracleAncillary.sol";
import {IStore} from "../../interfaces/oracle/IStore.sol";
import {UmaLockable} from "./UmaLockable.sol";
import {UmaSafeERC20} from "./UmaSafeERC20.sol";

/// @title MockOptimisticOracleV2
/// @notice Local stand-in for UMA's OptimisticOracleV2 with the same external ABI, revert strings and economics
///         (bonds, final fees, burned half-bond, rewards, refunds, callbacks). Disputes escalate to the contract
///         registered as "Oracle" in the Finder, which locally is an owner-driven DVM stand-in. Not for production.
/// @dev Time is block.timestamp (UMA's Timer is not supported).
contract MockOptimisticOracleV2 is IOptimisticOracleV2, UmaLockable {
    /// @inheritdoc IOptimisticOracleV2
    uint256 public constant ancillaryBytesLimit = 8192;
    /// @dev Longest stamp the oracle appends: ",ooRequester:" (13 bytes) + 40 hex characters.
    uint256 private constant MAX_ADDED_ANCILLARY_DATA = 53;
    /// @inheritdoc IOptimisticOracleV2
    uint256 public constant OO_ANCILLARY_DATA_LIMIT = ancillaryBytesLimit - MAX_ADDED_ANCILLARY_DATA;
    /// @inheritdoc IOptimisticOracleV2
    int256 public constant TOO_EARLY_RESPONSE = type(int256).min;
    /// @dev Exclusive upper bound on any liveness, in seconds.
    uint256 private constant MAX_LIVENESS = 5200 weeks;

    /// @dev Finder names, bytes32 left-aligned ASCII (UMA's OracleInterfaces constants).
    bytes32 private constant ORACLE = "Oracle";
    bytes32 private constant IDENTIFIER_WHITELIST = "IdentifierWhitelist";
    bytes32 private constant COLLATERAL_WHITELIST = "CollateralWhitelist";
    bytes32 private constant STORE = "Store";

    /// @inheritdoc IOptimisticOracleV2
    IFinder public immutable finder;
    /// @inheritdoc IOptimisticOracleV2
    uint256 public immutable defaultLiveness;
    /// @inheritdoc IOptimisticOracleV2
    mapping(bytes32 requestId => Request request) public requests;

    /// @param liveness Default liveness in seconds, in [1, 5200 weeks); UMA's deploy script uses 7200.
    /// @param finderAddress The Finder holding the whitelists, the Store and the Oracle.
    constructor(uint256 liveness, address finderAddress) {
        _validateLiveness(liveness);
        finder = IFinder(finderAddress);
        defaultLiveness = liveness;
    }

    /// @inheritdoc IOptimisticOracleV2
    function requestPrice(
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        address currency,
        uint256 reward
    ) external nonReentrant returns (uint256 totalBond) {
        require(_getState(msg.sender, identifier, timestamp, ancillaryData) == State.Invalid, "requestPrice: Invalid");
        require(_identifierWhitelist().isIdentifierSupported(identifier), "Unsupported identifier");
        require(_collateralWhitelist().isOnWhitelist(currency), "Unsupported currency");
        require(timestamp <= block.timestamp, "Timestamp in future");
        // The DVM stamps up to 53 more bytes on a dispute; keep room for them under its 8192-byte limit.
        require(ancillaryData.length <= OO_ANCILLARY_DATA_LIMIT, "Ancillary Data too long");

        uint256 finalFee = _store().computeFinalFee(currency).rawValue;
        // Every field is written here, as UMA does: the default bond equals the final fee, nothing is proposed or
        // disputed yet, and every setting starts off.
        requests[_requestId(msg.sender, identifier, timestamp, ancillaryData)] = Request({
            proposer: address(0),
            disputer: address(0),
            currency: currency,
            settled: false,
            requestSettings: RequestSettings({
                eventBased: false,
                refundOnDispute: false,
                callbackOnPriceProposed: false,
                callbackOnPriceDisputed: false,
                callbackOnPriceSettled: false,
                bond: finalFee,
                customLiveness: 0
            }),
            proposedPrice: 0,
            resolvedPrice: 0,
            expirationTime: 0,
            reward: reward,
            finalFee: finalFee
        });

        if (reward > 0) UmaSafeERC20.safeTransferFrom(currency, msg.sender, address(this), reward);

        emit RequestPrice(msg.sender, identifier, timestamp, ancillaryData, currency, reward, finalFee);
        return finalFee * 2;
    }

    /// @inheritdoc IOptimisticOracleV2
    function setBond(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData, uint256 bond)
        external
        nonReentrant
        returns (uint256 totalBond)
    {
        require(_getState(msg.sender, identifier, timestamp, ancillaryData) == State.Requested, "setBond: Requested");
        Request storage request = _getRequest(msg.sender, identifier, timestamp, ancillaryData);
        request.requestSettings.bond = bond;
        return bond + request.finalFee;
    }

    /// @inheritdoc IOptimisticOracleV2
    function setRefundOnDispute(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        nonReentrant
    {
        require(
            _getState(msg.sender, identifier, timestamp, ancillaryData) == State.Requested,
            "setRefundOnDispute: Requested"
        );
        _getRequest(msg.sender, identifier, timestamp, ancillaryData).requestSettings.refundOnDispute = true;
    }

    /// @inheritdoc IOptimisticOracleV2
    function setCustomLiveness(
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        uint256 customLiveness
    ) external nonReentrant {
        require(
            _getState(msg.sender, identifier, timestamp, ancillaryData) == State.Requested,
            "setCustomLiveness: Requested"
        );
        _validateLiveness(customLiveness);
        _getRequest(msg.sender, identifier, timestamp, ancillaryData).requestSettings.customLiveness = customLiveness;
    }

    /// @inheritdoc IOptimisticOracleV2
    function setEventBased(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData) external nonReentrant {
        require(
            _getState(msg.sender, identifier, timestamp, ancillaryData) == State.Requested, "setEventBased: Requested"
        );
        RequestSettings storage settings = _getRequest(msg.sender, identifier, timestamp, ancillaryData).requestSettings;
        settings.eventBased = true;
        settings.refundOnDispute = true;
    }

    /// @inheritdoc IOptimisticOracleV2
    function setCallbacks(
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        bool callbackOnPriceProposed,
        bool callbackOnPriceDisputed,
        bool callbackOnPriceSettled
    ) external nonReentrant {
        require(
            _getState(msg.sender, identifier, timestamp, ancillaryData) == State.Requested, "setCallbacks: Requested"
        );
        RequestSettings storage settings = _getRequest(msg.sender, identifier, timestamp, ancillaryData).requestSettings;
        settings.callbackOnPriceProposed = callbackOnPriceProposed;
        settings.callbackOnPriceDisputed = callbackOnPriceDisputed;
        settings.callbackOnPriceSettled = callbackOnPriceSettled;
    }

    /// @inheritdoc IOptimisticOracleV2
    function proposePriceFor(
        address proposer,
        address requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        int256 proposedPrice
    ) public nonReentrant returns (uint256 totalBond) {
        require(proposer != address(0), "proposer address must be non 0");
        require(
            _getState(requester, identifier, timestamp, ancillaryData) == State.Requested, "proposePriceFor: Requested"
        );
        Request storage request = _getRequest(requester, identifier, timestamp, ancillaryData);
        if (request.requestSettings.eventBased) {
            require(proposedPrice != TOO_EARLY_RESPONSE, "Cannot propose 'too early'");
        }
        request.proposer = proposer;
        request.proposedPrice = proposedPrice;
        request.expirationTime = block.timestamp + _liveness(request);

        totalBond = request.requestSettings.bond + request.finalFee;
        if (totalBond > 0) UmaSafeERC20.safeTransferFrom(request.currency, msg.sender, address(this), totalBond);

        emit ProposePrice(
            requester,
            proposer,
            identifier,
            timestamp,
            ancillaryData,
            proposedPrice,
            request.expirationTime,
            request.currency
        );

        // State is final for this call: let the requester act on the oracle from inside its callback.
        _startReentrantGuardDisabled();
        if (request.requestSettings.callbackOnPriceProposed && requester.code.length > 0) {
            IOptimisticRequester(requester).priceProposed(identifier, timestamp, ancillaryData);
        }
        _endReentrantGuardDisabled();
    }

    /// @inheritdoc IOptimisticOracleV2
    function proposePrice(
        address requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData,
        int256 proposedPrice
    ) external returns (uint256 totalBond) {
        // Guarded inside proposePriceFor.
        return proposePriceFor(msg.sender, requester, identifier, timestamp, ancillaryData, proposedPrice);
    }

    /// @inheritdoc IOptimisticOracleV2
    function disputePriceFor(
        address disputer,
        address requester,
        bytes32 identifier,
        uint256 timestamp,
        bytes memory ancillaryData
    ) public nonReentrant returns (uint256 totalBond) {
        require(disputer != address(0), "disputer address must be non 0");
        require(
            _getState(requester, identifier, timestamp, ancillaryData) == State.Proposed, "disputePriceFor: Proposed"
        );
        Request storage request = _getRequest(requester, identifier, timestamp, ancillaryData);
        request.disputer = disputer;

        address currency = request.currency;
        uint256 finalFee = request.finalFee;
        // Effects before any external call: a reward refunded on dispute leaves the request here; the transfer
        // itself happens below, at the point in the sequence where UMA makes it.
        uint256 refund = 0;
        if (request.reward > 0 && request.requestSettings.refundOnDispute) {
            refund = request.reward;
            request.reward = 0;
        }
        totalBond = request.requestSettings.bond + finalFee;
        if (totalBond > 0) UmaSafeERC20.safeTransferFrom(currency, msg.sender, address(this), totalBond);

        // The Store takes the final fee plus the burned half of the loser's bond (floor(bond / 2): rounding the burn
        // down leaves the odd wei with the winner, as UMA does).
        uint256 totalFee = finalFee + _burnedBond(request);
        if (totalFee > 0) {
            IStore store = _store();
            UmaSafeERC20.safeIncreaseAllowance(currency, address(store), totalFee);
            store.payOracleFeesErc20(currency, FixedPoint.Unsigned(totalFee));
        }

        _oracle()
            .requestPrice(identifier, _dvmTimestamp(request, timestamp), _stampAncillaryData(ancillaryData, requester));

        if (refund > 0) UmaSafeERC20.safeTransfer(currency, requester, refund);

        emit DisputePrice(
            requester, request.proposer, disputer, identifier, timestamp, ancillaryData, request.proposedPrice
        );

        _startReentrantGuardDisabled();
        if (request.requestSettings.callbackOnPriceDisputed && requester.code.length > 0) {
            IOptimisticRequester(requester).priceDisputed(identifier, timestamp, ancillaryData, refund);
        }
        _endReentrantGuardDisabled();
    }

    /// @inheritdoc IOptimisticOracleV2
    function disputePrice(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        returns (uint256 totalBond)
    {
        // Guarded inside disputePriceFor.
        return disputePriceFor(msg.sender, requester, identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticOracleV2
    function settleAndGetPrice(bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        nonReentrant
        returns (int256)
    {
        if (_getState(msg.sender, identifier, timestamp, ancillaryData) != State.Settled) {
            _settle(msg.sender, identifier, timestamp, ancillaryData);
        }
        return _getRequest(msg.sender, identifier, timestamp, ancillaryData).resolvedPrice;
    }

    /// @inheritdoc IOptimisticOracleV2
    function settle(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        nonReentrant
        returns (uint256 payout)
    {
        return _settle(requester, identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticOracleV2
    function getRequest(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        view
        nonReentrantView
        returns (Request memory)
    {
        return _getRequest(requester, identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticOracleV2
    function getState(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        view
        nonReentrantView
        returns (State)
    {
        return _getState(requester, identifier, timestamp, ancillaryData);
    }

    /// @inheritdoc IOptimisticOracleV2
    function hasPrice(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        external
        view
        nonReentrantView
        returns (bool)
    {
        State state = _getState(requester, identifier, timestamp, ancillaryData);
        return state == State.Expired || state == State.Resolved || state == State.Settled;
    }

    /// @inheritdoc IOptimisticOracleV2
    function stampAncillaryData(bytes memory ancillaryData, address requester) external pure returns (bytes memory) {
        return _stampAncillaryData(ancillaryData, requester);
    }

    /// @inheritdoc IOptimisticOracleV2
    function getCurrentTime() external view returns (uint256) {
        return block.timestamp;
    }

    /// @dev Pays the winner of an Expired or Resolved request and marks it settled; reverts otherwise (I-13).
    function _settle(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        private
        returns (uint256 payout)
    {
        State state = _getState(requester, identifier, timestamp, ancillaryData);
        Request storage request = _getRequest(requester, identifier, timestamp, ancillaryData);
        request.settled = true;

        if (state == State.Expired) {
            // Undisputed: the proposer gets back bond + final fee and earns the reward.
            request.resolvedPrice = request.proposedPrice;
            payout = request.requestSettings.bond + request.finalFee + request.reward;
            UmaSafeERC20.safeTransfer(request.currency, request.proposer, payout);
        } else if (state == State.Resolved) {
            request.resolvedPrice = _oracle()
                .getPrice(identifier, _dvmTimestamp(request, timestamp), _stampAncillaryData(ancillaryData, requester));
            uint256 bond = request.requestSettings.bond;
            // Winner: own bond + the loser's unburned bond (bond - floor(bond / 2), the half rounded up) + own final
            // fee + the reward (0 if refunded). Together with the Store's finalFee + floor(bond / 2) this is exactly
            // the two deposits plus the reward, so the oracle keeps nothing back and pays nothing extra.
            payout = bond + (bond - _burnedBond(request)) + request.finalFee + request.reward;
            address winner = request.resolvedPrice == request.proposedPrice ? request.proposer : request.disputer;
            UmaSafeERC20.safeTransfer(request.currency, winner, payout);
        } else {
            revert("_settle: not settleable");
        }

        emit Settle(
            requester,
            request.proposer,
            request.disputer,
            identifier,
            timestamp,
            ancillaryData,
            request.resolvedPrice,
            payout
        );

        _startReentrantGuardDisabled();
        if (request.requestSettings.callbackOnPriceSettled && requester.code.length > 0) {
            IOptimisticRequester(requester).priceSettled(identifier, timestamp, ancillaryData, request.resolvedPrice);
        }
        _endReentrantGuardDisabled();
    }

    /// @dev The state of a request, derived from its fields, the clock and (once disputed) the DVM.
    function _getState(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        private
        view
        returns (State)
    {
        Request storage request = _getRequest(requester, identifier, timestamp, ancillaryData);
        if (request.currency == address(0)) return State.Invalid;
        if (request.proposer == address(0)) return State.Requested;
        if (request.settled) return State.Settled;
        if (request.disputer == address(0)) {
            return request.expirationTime <= block.timestamp ? State.Expired : State.Proposed;
        }
        bool resolved = _oracle()
            .hasPrice(identifier, _dvmTimestamp(request, timestamp), _stampAncillaryData(ancillaryData, requester));
        return resolved ? State.Resolved : State.Disputed;
    }

    /// @dev Storage of a request by its key.
    function _getRequest(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        private
        view
        returns (Request storage)
    {
        return requests[_requestId(requester, identifier, timestamp, ancillaryData)];
    }

    /// @dev A request's key: keccak256 of the tightly packed (requester, identifier, timestamp, ancillaryData).
    function _requestId(address requester, bytes32 identifier, uint256 timestamp, bytes memory ancillaryData)
        private
        pure
        returns (bytes32)
    {
        return keccak256(abi.encodePacked(requester, identifier, timestamp, ancillaryData));
    }

    /// @dev The part of the loser's bond that goes to the Store: floor(bond / 2).
    function _burnedBond(Request storage request) private view returns (uint256) {
        return request.requestSettings.bond / 2;
    }

    /// @dev The request's liveness in seconds: its custom liveness, or the default.
    function _liveness(Request storage request) private view returns (uint256) {
        uint256 custom = request.requestSettings.customLiveness;
        return custom != 0 ? custom : defaultLiveness;
    }

    /// @dev The timestamp the DVM is asked about: the proposal time for event-based requests, else the request's.
    function _dvmTimestamp(Request storage request, uint256 requestTimestamp) private view returns (uint256) {
        if (!request.requestSettings.eventBased) return requestTimestamp;
        return request.expirationTime - _liveness(request);
    }

    /// @dev Reverts unless 0 < liveness < 5200 weeks (UMA's order of checks).
    function _validateLiveness(uint256 liveness) private pure {
        require(liveness < MAX_LIVENESS, "Liveness too large");
        require(liveness > 0, "Liveness cannot be 0");
    }

    /// @dev Appends "ooRequester:<40 lowercase hex>", comma-separated when `ancillaryData` is non-empty.
    function _stampAncillaryData(bytes memory ancillaryData, address requester) private pure returns (bytes memory) {
        bytes memory key = ancillaryData.length == 0 ? bytes("ooRequester:") : bytes(",ooRequester:");
        return bytes.concat(ancillaryData, key, bytes(LibString.toHexStringNoPrefix(requester)));
    }

    /// @dev The DVM (or its stand-in) registered as "Oracle".
    function _oracle() private view returns (IOracleAncillary) {
        return IOracleAncillary(finder.getImplementationAddress(ORACLE));
    }

    /// @dev The identifier whitelist registered as "IdentifierWhitelist".
    function _identifierWhitelist() private view returns (IIdentifierWhitelist) {
        return IIdentifierWhitelist(finder.getImplementationAddress(IDENTIFIER_WHITELIST));
    }

    /// @dev The currency whitelist registered as "CollateralWhitelist".
    function _collateralWhitelist() private view returns (IAddressWhitelist) {
        return IAddressWhitelist(finder.getImplementationAddress(COLLATERAL_WHITELIST));
    }

    /// @dev The Store registered as "Store".
    function _store() private view returns (IStore) {
        return IStore(finder.getImplementationAddress(STORE));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFinder} from "../../interfaces/oracle/IFinder.sol";
import {IIdentifierWhitelist} from "../../interfaces/oracle/IIdentifierWhitelist.sol";
import {IMockOracleAncillary} from "../../interfaces/oracle/IMockOracleAncillary.sol";
import {IOracleAncillary} from "../../interfaces/oracle/IOracleAncillary.sol";
import {UmaOwnable} from "./UmaOwnable.sol";

/// @title MockOracleAncillary
/// @notice Local DVM stand-in, registered as "Oracle": it queues the optimistic oracle's dispute requests and the
///         owner resolves them with `pushPrice`, in place of a vote by UMA token holders. Not for production.
/// @dev Requests are accepted only from the contract registered as "OptimisticOracleV2" (the real DVM accepts only
///      registered contracts; UMA's own test mock accepts anyone). Pushing is owner-only (UMA's mock lets anyone push).
contract MockOracleAncillary is IMockOracleAncillary, UmaOwnable {
    /// @dev Finder names, bytes32 left-aligned ASCII.
    bytes32 private constant OPTIMISTIC_ORACLE_V2 = "OptimisticOracleV2";
    bytes32 private constant IDENTIFIER_WHITELIST = "IdentifierWhitelist";
    /// @dev Largest ancillary data the DVM accepts, in bytes.
    uint256 private constant ANCILLARY_BYTES_LIMIT = 8192;

    /// @dev A resolved price; `isAvailable` distinguishes a price of 0 from no price.
    struct Price {
        bool isAvailable;
        int256 price;
        uint256 verifiedTime; // unix seconds at which it was pushed
    }

    /// @dev Where a pending request sits in `_pending` (`isValid` false when not pending).
    struct QueryIndex {
        bool isValid;
        uint256 index;
    }

    /// @notice The Finder used to find the optimistic oracle and the identifier whitelist.
    IFinder public immutable finder;
    /// @dev Resolved prices by request id.
    mapping(bytes32 requestId => Price price) private _prices;
    /// @dev Position of each pending request in `_pending`.
    mapping(bytes32 requestId => QueryIndex index) private _pendingIndex;
    /// @dev Requests waiting for a price (unordered: resolving one moves the last into its slot).
    QueryPoint[] private _pending;

    /// @dev Only the optimistic oracle registered in the Finder may request prices.
    modifier onlyRegisteredContract() {
        require(msg.sender == finder.getImplementationAddress(OPTIMISTIC_ORACLE_V2), "Caller must be registered");
        _;
    }

    /// @param finderAddress The Finder of the stack.
    constructor(address finderAddress) {
        finder = IFinder(finderAddress);
    }

    /// @inheritdoc IOracleAncillary
    function requestPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData)
        external
        onlyRegisteredContract
    {
        require(time <= block.timestamp, "Can only request in past");
        require(
            IIdentifierWhitelist(finder.getImplementationAddress(IDENTIFIER_WHITELIST))
                .isIdentifierSupported(identifier),
            "Unsupported identifier request"
        );
        require(ancillaryData.length <= ANCILLARY_BYTES_LIMIT, "Invalid ancillary data");

        bytes32 requestId = _requestId(identifier, time, ancillaryData);
        if (_prices[requestId].isAvailable || _pendingIndex[requestId].isValid) return;
        _pendingIndex[requestId] = QueryIndex(true, _pending.length);
        _pending.push(QueryPoint(identifier, time, ancillaryData));
        emit PriceRequestAdded(msg.sender, identifier, time, ancillaryData, requestId);
    }

    /// @inheritdoc IMockOracleAncillary
    function pushPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData, int256 price) public onlyOwner {
        bytes32 requestId = _requestId(identifier, time, ancillaryData);
        QueryIndex memory slot = _pendingIndex[requestId];
        require(slot.isValid, "Can't push prices that haven't been requested");

        _prices[requestId] = Price(true, price, block.timestamp);
        delete _pendingIndex[requestId];
        uint256 last = _pending.length - 1;
        if (slot.index != last) {
            QueryPoint storage moved = _pending[last];
            _pendingIndex[_requestId(moved.identifier, moved.time, moved.ancillaryData)].index = slot.index;
            _pending[slot.index] = moved;
        }
        _pending.pop();

        emit PushedPrice(msg.sender, identifier, time, ancillaryData, price, requestId);
    }

    /// @inheritdoc IMockOracleAncillary
    function pushPriceByRequestId(bytes32 requestId, int256 price) external {
        (bytes32 identifier, uint256 time, bytes memory ancillaryData) = getRequestParameters(requestId);
        pushPrice(identifier, time, ancillaryData, price);
    }

    /// @inheritdoc IOracleAncillary
    function hasPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData) external view returns (bool) {
        return _prices[_requestId(identifier, time, ancillaryData)].isAvailable;
    }

    /// @inheritdoc IOracleAncillary
    function getPrice(bytes32 identifier, uint256 time, bytes memory ancillaryData) external view returns (int256) {
        bytes32 requestId = _requestId(identifier, time, ancillaryData);
        Price storage resolved = _prices[requestId];
        if (resolved.isAvailable) return resolved.price;
        require(!_pendingIndex[requestId].isValid, "Price is still to be voted on");
        revert("Price was never requested");
    }

    /// @inheritdoc IMockOracleAncillary
    function getPendingQueries() external view returns (QueryPoint[] memory) {
        return _pending;
    }

    /// @inheritdoc IMockOracleAncillary
    function getRequestParameters(bytes32 requestId) public view returns (bytes32, uint256, bytes memory) {
        QueryIndex memory slot = _pendingIndex[requestId];
        require(slot.isValid, "Request ID not found");
        QueryPoint storage query = _pending[slot.index];
        return (query.identifier, query.time, query.ancillaryData);
    }

    /// @dev The DVM's request id: keccak256(abi.encode(identifier, time, ancillaryData)).
    function _requestId(bytes32 identifier, uint256 time, bytes memory ancillaryData) private pure returns (bytes32) {
        return keccak256(abi.encode(identifier, time, ancillaryData));
    }
}

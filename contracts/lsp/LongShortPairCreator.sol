// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/utils/LibClone.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {ILongShortPair} from "../../interfaces/ILongShortPair.sol";
import {ILongShortPairCreator} from "../../interfaces/ILongShortPairCreator.sol";
import {IPayoutLibrary} from "../../interfaces/IPayoutLibrary.sol";
import {IAddressWhitelist} from "../../interfaces/oracle/IAddressWhitelist.sol";
import {IFinder} from "../../interfaces/oracle/IFinder.sol";
import {IIdentifierWhitelist} from "../../interfaces/oracle/IIdentifierWhitelist.sol";
import {IOptimisticOracleV2} from "../../interfaces/oracle/IOptimisticOracleV2.sol";
import {LaunchArgs} from "./LaunchArgs.sol";
import {LongShortPair} from "./LongShortPair.sol";
import {PositionToken} from "./PositionToken.sol";

/// @title LongShortPairCreator
/// @notice Launches Long Short Pairs (see `ILongShortPairCreator`): validates UMA's launch rules,
///         clones the pair with everything fixed at launch in its immutable args, lets the pair
///         clone its two position tokens, and optionally sets the payout parameters atomically.
/// @dev Holds no power: pairs accept only the token deployment call from it, once, inside the launch
///      transaction. Its only storage is the `isPair` registry (one slot per launch), so integrators
///      can tell a launched pair from a forged clone of the implementation.
contract LongShortPairCreator is ILongShortPairCreator, ReentrancyGuardTransient {
    /// @notice Longest pair name, token name or token symbol accepted, in bytes.
    uint256 public constant MAX_STRING_LENGTH = 1024;
    /// @dev Finder name of the identifier whitelist.
    bytes32 internal constant IDENTIFIER_WHITELIST = "IdentifierWhitelist";
    /// @dev Finder name of the collateral whitelist.
    bytes32 internal constant COLLATERAL_WHITELIST = "CollateralWhitelist";
    /// @dev Finder name of UMA's Optimistic Oracle V2.
    bytes32 internal constant ORACLE_NAME = "OptimisticOracleV2";
    /// @dev Liveness must be strictly below this, seconds (UMA's bound).
    uint256 internal constant LIVENESS_LIMIT = 5200 weeks;
    /// @dev Bytes the oracle's stamp adds to non-empty ancillary data: ",ooRequester:" + 40 hex.
    uint256 internal constant STAMP_LENGTH = 53;
    /// @dev Bytes early requests add to non-empty custom data: ",earlyExpiration:1".
    uint256 internal constant EARLY_SUFFIX_LENGTH = 18;
    /// @dev Decimals used when the collateral does not report them (UMA's fallback).
    uint8 internal constant DEFAULT_DECIMALS = 18;

    /// @inheritdoc ILongShortPairCreator
    address public immutable finder;
    /// @inheritdoc ILongShortPairCreator
    address public immutable pairImplementation;
    /// @inheritdoc ILongShortPairCreator
    address public immutable tokenImplementation;
    /// @inheritdoc ILongShortPairCreator
    mapping(address longShortPair => bool) public isPair;

    /// @param finder_ UMA's Finder; must be a contract.
    constructor(address finder_) {
        if (finder_.code.length == 0) revert InvalidFinder(finder_);
        finder = finder_;
        address token = address(new PositionToken());
        tokenImplementation = token;
        pairImplementation = address(new LongShortPair(finder_, token));
    }

    /// @inheritdoc ILongShortPairCreator
    function createLongShortPair(CreatorParams calldata params) external nonReentrant returns (address) {
        return _launch(params, msg.sender);
    }

    /// @inheritdoc ILongShortPairCreator
    function createLongShortPairWithParameterSetter(CreatorParams calldata params, address parameterSetter)
        external
        nonReentrant
        returns (address)
    {
        if (parameterSetter == address(0)) revert ZeroParameterSetter();
        return _launch(params, parameterSetter);
    }

    /// @inheritdoc ILongShortPairCreator
    function createLongShortPairWithPayoutParameters(CreatorParams calldata params, bytes calldata payoutParameters)
        external
        nonReentrant
        returns (address pair)
    {
        pair = _launch(params, msg.sender);
        IPayoutLibrary(params.financialProductLibrary).setEncodedParameters(pair, payoutParameters);
    }

    /// @inheritdoc ILongShortPairCreator
    function requireUnlaunched(address predictedPair) external view {
        uint256 codeSize = predictedPair.code.length;
        if (codeSize != 0) revert PredictedPairTaken(predictedPair, codeSize);
    }

    /// @dev Validates `params` (UMA's order: token strings, then the pair's constructor checks),
    ///      clones the pair (pinning the Finder's current oracle and the launch time in its args)
    ///      and its tokens, registers it, and emits `CreatedLongShortPair` (deployer: `msg.sender`, as UMA).
    function _launch(CreatorParams calldata params, address launcher) internal returns (address pair) {
        _checkTokenStrings(params);
        uint8 decimals = _collateralDecimals(params.collateralToken);
        address oracle = _checkPairParams(params);

        // Safe cast: block.timestamp < expirationTimestamp, a uint64.
        pair =
            LibClone.clone(pairImplementation, LaunchArgs.pairArgs(params, launcher, oracle, uint64(block.timestamp)));
        isPair[pair] = true;
        (address long, address short) = ILongShortPair(pair)
            .deployPositionTokens(
                LaunchArgs.tokenArgs(decimals, params.longSynthName, params.longSynthSymbol),
                LaunchArgs.tokenArgs(decimals, params.shortSynthName, params.shortSynthSymbol)
            );
        emit CreatedLongShortPair(pair, msg.sender, long, short);
    }

    /// @dev UMA's creator checks (long name, short name, long symbol, short symbol) plus length caps.
    function _checkTokenStrings(CreatorParams calldata params) internal pure {
        if (bytes(params.longSynthName).length == 0) revert MissingLongName();
        if (bytes(params.shortSynthName).length == 0) revert MissingShortName();
        if (bytes(params.longSynthSymbol).length == 0) revert MissingLongSymbol();
        if (bytes(params.shortSynthSymbol).length == 0) revert MissingShortSymbol();
        _checkLength(bytes(params.longSynthName).length);
        _checkLength(bytes(params.shortSynthName).length);
        _checkLength(bytes(params.longSynthSymbol).length);
        _checkLength(bytes(params.shortSynthSymbol).length);
    }

    /// @dev UMA's pair constructor checks, in UMA's order, with the values in the errors (ancillary limit: I-11);
    ///      returns the Finder's current Optimistic Oracle V2, which the pair pins.
    function _checkPairParams(CreatorParams calldata params) internal view returns (address oracle) {
        if (bytes(params.pairName).length == 0) revert EmptyPairName();
        _checkLength(bytes(params.pairName).length);
        if (params.expirationTimestamp <= block.timestamp) {
            revert InvalidExpirationTimestamp(params.expirationTimestamp, block.timestamp);
        }
        if (params.collateralPerPair == 0) revert ZeroCollateralPerPair();
        IFinder finder_ = IFinder(finder);
        if (!IIdentifierWhitelist(finder_.getImplementationAddress(IDENTIFIER_WHITELIST))
                .isIdentifierSupported(params.priceIdentifier)) revert IdentifierNotSupported(params.priceIdentifier);
        oracle = finder_.getImplementationAddress(ORACLE_NAME);
        if (oracle == address(0)) revert OracleNotFound();
        if (params.financialProductLibrary == address(0)) revert ZeroFinancialProductLibrary();
        if (!IAddressWhitelist(finder_.getImplementationAddress(COLLATERAL_WHITELIST))
                .isOnWhitelist(params.collateralToken)) revert CollateralNotWhitelisted(params.collateralToken);
        if (params.optimisticOracleLivenessTime == 0) revert ZeroLiveness();
        if (params.optimisticOracleLivenessTime >= LIVENESS_LIMIT) {
            revert LivenessTooLarge(params.optimisticOracleLivenessTime, LIVENESS_LIMIT);
        }
        // Longest request data is the early one when enabled; the oracle stamps it before the DVM
        // sees it, and the stamped data must fit the oracle's limit (UMA's rule). Empty custom data
        // always fits ("earlyExpiration:1" + a 52-byte stamp).
        uint256 limit = IOptimisticOracleV2(oracle).ancillaryBytesLimit() - STAMP_LENGTH;
        if (params.enableEarlyExpiration) limit -= EARLY_SUFFIX_LENGTH;
        if (params.customAncillaryData.length > limit) {
            revert AncillaryDataTooLong(params.customAncillaryData.length, limit);
        }
    }

    /// @dev Reverts `StringTooLong` above `MAX_STRING_LENGTH` (clone args carry a uint16 length).
    function _checkLength(uint256 length) internal pure {
        if (length > MAX_STRING_LENGTH) revert StringTooLong(length, MAX_STRING_LENGTH);
    }

    /// @dev The collateral's `decimals()`, or 18 when the call fails or returns no valid uint8
    ///      (UMA falls back to 18 only when the call reverts).
    function _collateralDecimals(address collateral) internal view returns (uint8) {
        (bool ok, bytes memory data) = collateral.staticcall(abi.encodeWithSignature("decimals()"));
        if (ok && data.length >= 32) {
            uint256 value = abi.decode(data, (uint256));
            if (value <= type(uint8).max) return uint8(value);
        }
        return DEFAULT_DECIMALS;
    }

    /// @dev Always the transient-storage guard, on every chain (Solady defaults to it on mainnet only).
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}

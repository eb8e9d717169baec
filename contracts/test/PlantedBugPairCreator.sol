// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/utils/LibClone.sol";
import {ILongShortPair} from "../../interfaces/ILongShortPair.sol";
import {ILongShortPairCreator} from "../../interfaces/ILongShortPairCreator.sol";
import {IPayoutLibrary} from "../../interfaces/IPayoutLibrary.sol";
import {IFinder} from "../../interfaces/oracle/IFinder.sol";
import {LaunchArgs} from "../lsp/LaunchArgs.sol";
import {PlantedBugLongShortPair} from "./PlantedBugLongShortPair.sol";

/// @title PlantedBugPairCreator
/// @notice TEST DOUBLE: launches clones of `PlantedBugLongShortPair` (a pair whose settle rounds
///         up) the way `LongShortPairCreator` launches real pairs, minus the parameter checks, so
///         the stateful test can run its machine against the bug. Never deploy.
contract PlantedBugPairCreator {
    /// @notice The buggy pair implementation every launch clones.
    address public immutable pairImplementation;
    /// @notice UMA's Finder, where each launch looks up the oracle the pair pins.
    address public immutable finder;

    /// @param finder_ UMA's Finder (the oracle stack's).
    /// @param tokenImplementation A `PositionToken` implementation (e.g. the real creator's).
    constructor(address finder_, address tokenImplementation) {
        finder = finder_;
        pairImplementation = address(new PlantedBugLongShortPair(finder_, tokenImplementation));
    }

    /// @notice Launch a buggy pair with its tokens and payout parameters, as
    ///         `LongShortPairCreator.createLongShortPairWithPayoutParameters` does (no validation).
    /// @param params Launch parameters (UMA's struct).
    /// @param payoutParameters ABI-encoded payout-library parameters.
    /// @return pair The new pair.
    function createLongShortPairWithPayoutParameters(
        ILongShortPairCreator.CreatorParams calldata params,
        bytes calldata payoutParameters
    ) external returns (address pair) {
        address oracle = IFinder(finder).getImplementationAddress("OptimisticOracleV2");
        pair = LibClone.clone(
            pairImplementation, LaunchArgs.pairArgs(params, msg.sender, oracle, uint64(block.timestamp))
        );
        uint8 decimals = IDecimals(params.collateralToken).decimals();
        (address long, address short) = ILongShortPair(pair)
            .deployPositionTokens(
                LaunchArgs.tokenArgs(decimals, params.longSynthName, params.longSynthSymbol),
                LaunchArgs.tokenArgs(decimals, params.shortSynthName, params.shortSynthSymbol)
            );
        IPayoutLibrary(params.financialProductLibrary).setEncodedParameters(pair, payoutParameters);
        emit ILongShortPairCreator.CreatedLongShortPair(pair, msg.sender, long, short);
    }
}

/// @dev The one collateral getter the launch needs.
interface IDecimals {
    /// @dev Token decimals.
    function decimals() external view returns (uint8);
}

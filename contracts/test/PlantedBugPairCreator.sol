// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LibClone} from "solady/utils/LibClone.sol";
import {ILongShortPair} from "../../interfaces/ILongShortPair.sol";
import {ILongShortPairCreator} from "../../interfaces/ILongShortPairCreator.sol";
import {IPayoutLibrary} from "../../interfaces/IPayoutLibrary.sol";
import {LaunchArgs} from "../lsp/LaunchArgs.sol";
import {PlantedBugLongShortPair} from "./PlantedBugLongShortPair.sol";

/// @title PlantedBugPairCreator
/// @notice TEST DOUBLE: launches clones of `PlantedBugLongShortPair` (a pair whose settle rounds
///         up) the way `LongShortPairCreator` launches real pairs, minus the parameter checks, so
///         the stateful test can run its machine against the bug. Never deploy.
contract PlantedBugPairCreator {
    /// @notice The buggy pair implementation every launch clones.
    address public immutable pairImplementation;

    /// @param finder UMA's Finder (the oracle stack's).
    /// @param tokenImplementation A `PositionToken` implementation (e.g. the real creator's).
    constructor(address finder, address tokenImplementation) {
        pairImplementation = address(new PlantedBugLongShortPair(finder, tokenImplementation));
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
        pair = LibClone.clone(pairImplementation, LaunchArgs.pairArgs(params, msg.sender));
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

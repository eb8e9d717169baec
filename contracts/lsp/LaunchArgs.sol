// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILongShortPairCreator} from "../../interfaces/ILongShortPairCreator.sol";

/// @title LaunchArgs
/// @notice The one definition of the immutable args carried by pair and position-token clones:
///         the creator encodes with `pairArgs` / `tokenArgs`, the clones read at these offsets.
/// @dev Pair args (packed, big-endian), offsets in bytes:
///        0 collateralToken (20) | 20 financialProductLibrary (20) | 40 launcher (20) |
///       60 expirationTimestamp (8) | 68 enableEarlyExpiration (1) | 69 optimisticOracleLivenessTime (4) |
///       73 collateralPerPair (32) | 105 priceIdentifier (32) | 137 proposerReward (32) |
///      169 optimisticOracleProposerBond (32) | 201 optimisticOracle (20) | 221 launchTimestamp (8) |
///      229 uint16 length + pairName | uint16 length + customAncillaryData.
///      The oracle is the Finder's "OptimisticOracleV2" at launch: the pair sends every request there for
///      its whole life, so a later Finder repoint cannot strand a pending request (I-2 of the review).
///      The liveness fits 4 bytes because launch requires it below 5200 weeks (3,144,960,000 s < 2^32).
///      Token args: 0 longShortPair (20) | 20 decimals (1) | 21 uint16 length + name | uint16 length + symbol;
///      the pair prepends its own address to what `tokenArgs` returns.
library LaunchArgs {
    /// @dev Offset of the collateral token address.
    uint256 internal constant COLLATERAL = 0;
    /// @dev Offset of the payout library address.
    uint256 internal constant LIBRARY = 20;
    /// @dev Offset of the launcher address.
    uint256 internal constant LAUNCHER = 40;
    /// @dev Offset of the uint64 expiration timestamp.
    uint256 internal constant EXPIRATION = 60;
    /// @dev Offset of the one-byte early-expiration flag.
    uint256 internal constant EARLY_ENABLED = 68;
    /// @dev Offset of the uint32 liveness.
    uint256 internal constant LIVENESS = 69;
    /// @dev Offset of the uint256 collateral per pair.
    uint256 internal constant COLLATERAL_PER_PAIR = 73;
    /// @dev Offset of the bytes32 price identifier.
    uint256 internal constant IDENTIFIER = 105;
    /// @dev Offset of the uint256 proposer reward.
    uint256 internal constant REWARD = 137;
    /// @dev Offset of the uint256 proposer bond.
    uint256 internal constant BOND = 169;
    /// @dev Offset of the Optimistic Oracle V2 address pinned at launch.
    uint256 internal constant ORACLE = 201;
    /// @dev Offset of the uint64 launch timestamp (unix seconds).
    uint256 internal constant LAUNCH_TIMESTAMP = 221;
    /// @dev Offset of the length-prefixed pair name (the ancillary data follows it).
    uint256 internal constant PAIR_NAME = 229;

    /// @dev Offset of the pair address in token args.
    uint256 internal constant TOKEN_PAIR = 0;
    /// @dev Offset of the decimals byte in token args.
    uint256 internal constant TOKEN_DECIMALS = 20;
    /// @dev Offset of the length-prefixed token name (the symbol follows it).
    uint256 internal constant TOKEN_NAME = 21;

    /// @dev Pair args for `params` launched by `launcher` at `launchTimestamp` (unix seconds) against
    ///      `oracle`; callers have validated lengths and liveness.
    function pairArgs(
        ILongShortPairCreator.CreatorParams calldata params,
        address launcher,
        address oracle,
        uint64 launchTimestamp
    ) internal pure returns (bytes memory) {
        bytes memory head = abi.encodePacked(
            params.collateralToken,
            params.financialProductLibrary,
            launcher,
            params.expirationTimestamp,
            params.enableEarlyExpiration,
            uint32(params.optimisticOracleLivenessTime)
        );
        head = abi.encodePacked(
            head,
            params.collateralPerPair,
            params.priceIdentifier,
            params.proposerReward,
            params.optimisticOracleProposerBond,
            oracle,
            launchTimestamp
        );
        return abi.encodePacked(
            head,
            uint16(bytes(params.pairName).length),
            params.pairName,
            uint16(params.customAncillaryData.length),
            params.customAncillaryData
        );
    }

    /// @dev Token args after the pair address; callers have validated the string lengths.
    function tokenArgs(uint8 decimals, string calldata name, string calldata symbol)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(decimals, uint16(bytes(name).length), name, uint16(bytes(symbol).length), symbol);
    }
}

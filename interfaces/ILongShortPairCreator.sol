// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILongShortPairCreator
/// @notice Launches Long Short Pairs and their two position tokens as minimal-proxy clones with
///         immutable args. UMA's `createLongShortPair(CreatorParams)` surface and event, plus
///         `createLongShortPairWithPayoutParameters`, which also sets the pair's payout parameters
///         in the same transaction so nobody can set them first.
/// @dev The creator keeps no power over what it launches (I-10): it holds no role on the tokens and can
///      call nothing on a pair after launch. Launch-time validation (UMA's constructor checks)
///      happens here, because clones have no constructor.
interface ILongShortPairCreator {
    /// @notice Launch parameters, in UMA's field order (the struct is passed as a tuple).
    /// @param pairName Name of the pair; non-empty, at most `MAX_STRING_LENGTH` bytes.
    /// @param expirationTimestamp Expiry, unix seconds, strictly after the launch block.
    /// @param collateralPerPair Collateral per long+short pair, scaled by 1e18, > 0.
    /// @param priceIdentifier DVM identifier; must be on the identifier whitelist.
    /// @param enableEarlyExpiration Whether `requestEarlyExpiration` is allowed.
    /// @param longSynthName Long token name; non-empty, at most `MAX_STRING_LENGTH` bytes.
    /// @param longSynthSymbol Long token symbol; non-empty, at most `MAX_STRING_LENGTH` bytes.
    /// @param shortSynthName Short token name; non-empty, at most `MAX_STRING_LENGTH` bytes.
    /// @param shortSynthSymbol Short token symbol; non-empty, at most `MAX_STRING_LENGTH` bytes.
    /// @param collateralToken Collateral ERC20; must be on the collateral whitelist.
    /// @param financialProductLibrary Payout library; non-zero.
    /// @param customAncillaryData Ancillary data of the expiry request; at most 8139 bytes (8121
    ///        with early expiration), so that the oracle's stamp fits its 8192-byte limit.
    /// @param proposerReward Reward per request, raw collateral units, paid by whoever requests.
    /// @param optimisticOracleLivenessTime Liveness per request, seconds, in (0, 5200 weeks).
    /// @param optimisticOracleProposerBond Proposer bond per request, raw collateral units.
    struct CreatorParams {
        string pairName;
        uint64 expirationTimestamp;
        uint256 collateralPerPair;
        bytes32 priceIdentifier;
        bool enableEarlyExpiration;
        string longSynthName;
        string longSynthSymbol;
        string shortSynthName;
        string shortSynthSymbol;
        address collateralToken;
        address financialProductLibrary;
        bytes customAncillaryData;
        uint256 proposerReward;
        uint256 optimisticOracleLivenessTime;
        uint256 optimisticOracleProposerBond;
    }

    /// @notice The finder passed to the constructor has no code.
    /// @param finder The address given.
    error InvalidFinder(address finder);
    /// @notice The long token name is empty (UMA: "Missing long synthetic name").
    error MissingLongName();
    /// @notice The short token name is empty (UMA: "Missing short synthetic name").
    error MissingShortName();
    /// @notice The long token symbol is empty (UMA: "Missing long synthetic symbol").
    error MissingLongSymbol();
    /// @notice The short token symbol is empty (UMA: "Missing short synthetic symbol").
    error MissingShortSymbol();
    /// @notice The pair name is empty (UMA: "Pair name cant be empty").
    error EmptyPairName();
    /// @notice A name or symbol is longer than the clone args allow (new; UMA has no limit).
    /// @param length Its length, bytes.
    /// @param limit `MAX_STRING_LENGTH`, bytes.
    error StringTooLong(uint256 length, uint256 limit);
    /// @notice The expiry is not after the launch block (UMA: "Expiration timestamp in past").
    /// @param expirationTimestamp The expiry given, unix seconds.
    /// @param currentTime `block.timestamp`, unix seconds.
    error InvalidExpirationTimestamp(uint64 expirationTimestamp, uint256 currentTime);
    /// @notice `collateralPerPair` is 0 (UMA: "Collateral per pair cannot be 0").
    error ZeroCollateralPerPair();
    /// @notice The identifier is not whitelisted (UMA: "Identifier not registered").
    /// @param identifier The identifier given.
    error IdentifierNotSupported(bytes32 identifier);
    /// @notice The finder has no Optimistic Oracle V2 registered (UMA: "Invalid finder").
    error OracleNotFound();
    /// @notice The payout library is the zero address (UMA: "Invalid FinancialProductLibrary").
    error ZeroFinancialProductLibrary();
    /// @notice The collateral is not whitelisted (UMA: "Collateral not whitelisted").
    /// @param collateralToken The collateral given.
    error CollateralNotWhitelisted(address collateralToken);
    /// @notice The liveness is 0 (UMA: "OO liveness cannot be 0").
    error ZeroLiveness();
    /// @notice The liveness is not below 5200 weeks (UMA: "OO liveness too large").
    /// @param liveness The liveness given, seconds.
    /// @param limit 5200 weeks in seconds (exclusive).
    error LivenessTooLarge(uint256 liveness, uint256 limit);
    /// @notice The custom ancillary data would not fit the oracle's limit once stamped
    ///         (UMA: "Ancillary Data too long").
    /// @param length `customAncillaryData` length, bytes.
    /// @param limit Its maximum for this pair, bytes (8139, or 8121 with early expiration, for
    ///        UMA's 8192-byte oracle limit).
    error AncillaryDataTooLong(uint256 length, uint256 limit);
    /// @notice `createLongShortPairWithParameterSetter` was given the zero address as parameter setter.
    error ZeroParameterSetter();
    /// @notice `requireUnlaunched` was given an address that already holds code: a launch predicted
    ///         there would land elsewhere (another launch took the address first).
    /// @param predictedPair The address given.
    /// @param codeSize Its code size, bytes (> 0).
    error PredictedPairTaken(address predictedPair, uint256 codeSize);

    /// @notice A pair was launched (UMA's event).
    /// @param longShortPair The new pair.
    /// @param deployerAddress Its launcher (the caller of the creator).
    /// @param longToken The pair's long token.
    /// @param shortToken The pair's short token.
    event CreatedLongShortPair(
        address indexed longShortPair, address indexed deployerAddress, address longToken, address shortToken
    );

    /// @notice Launch a pair and its two tokens (UMA's entry point). The payout parameters must then
    ///         be set by the caller (the pair's launcher) on the payout library, before expiry.
    /// @dev The launcher is `msg.sender`: never call this through a public forwarder (a
    ///      Multicall3-style contract), or anyone can set the parameters through the same forwarder.
    ///      Prefer `createLongShortPairWithPayoutParameters` (atomic) or
    ///      `createLongShortPairWithParameterSetter` (explicit setter).
    /// @param params Launch parameters, see `CreatorParams`.
    /// @return The new pair.
    function createLongShortPair(CreatorParams calldata params) external returns (address);

    /// @notice Launch a pair whose payout parameters only `parameterSetter` may set later (before
    ///         expiry). The launch names the setter explicitly instead of trusting `msg.sender`.
    /// @param params Launch parameters, see `CreatorParams`.
    /// @param parameterSetter The only account (besides this creator at launch) that may set the
    ///        pair's parameters; recorded as the pair's `launcher()`. Must not be zero.
    /// @return The new pair.
    function createLongShortPairWithParameterSetter(CreatorParams calldata params, address parameterSetter)
        external
        returns (address);

    /// @notice Launch a pair and set its payout parameters in the same transaction:
    ///         `IPayoutLibrary(params.financialProductLibrary).setEncodedParameters(pair, payoutParameters)`.
    /// @param params Launch parameters, see `CreatorParams`.
    /// @param payoutParameters The library's ABI-encoded parameters (for Linear: `abi.encode(upperBound, lowerBound)`).
    /// @return The new pair.
    function createLongShortPairWithPayoutParameters(CreatorParams calldata params, bytes calldata payoutParameters)
        external
        returns (address);

    /// @notice Whether `longShortPair` was launched by this creator (a forged clone of the pair
    ///         implementation reports this creator as `creator()` but is not registered here).
    /// @dev A position token `t` is genuine when `isPair(t.longShortPair())` and `t` is that pair's
    ///      `longToken()` or `shortToken()`.
    /// @param longShortPair Any address.
    function isPair(address longShortPair) external view returns (bool);

    /// @notice Reverts `PredictedPairTaken` unless `predictedPair` holds no code; changes nothing.
    ///         A batch (one Safe MultiSend) that launches and then uses the new pair by its predicted
    ///         address calls this with that address right before the launch, so that the whole batch
    ///         reverts when another launch came first.
    /// @dev Exact for a creator that launches with CREATE and creates nothing else (this one, and
    ///      UMA's `LongShortPairCreator`, whose tokens come from its `TokenFactory`): the address of
    ///      the next launch follows from the creator's nonce, the nonce grows only by launches, and
    ///      every launch leaves code at the address it used. So if the predicted address (computed
    ///      from the nonce when the batch was written) is still empty when the batch executes, the
    ///      nonce has not moved and the launch in the same transaction lands there. Additive: not
    ///      in UMA's creator (DIVERGENCES D15).
    /// @param predictedPair The address the next launch of a CREATE-launching creator is predicted at.
    function requireUnlaunched(address predictedPair) external view;

    /// @notice UMA's Finder, given to every pair.
    function finder() external view returns (address);
    /// @notice The pair implementation every pair clones.
    function pairImplementation() external view returns (address);
    /// @notice The position token implementation every token clones.
    function tokenImplementation() external view returns (address);
}

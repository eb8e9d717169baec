// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMerkleDistributor
/// @notice Merkle airdrops of any ERC20 (a KPI option's long or short token), several distributions
///         ("rounds") in one contract. A sponsor funds a distribution with a Merkle root and a claim
///         deadline; anyone may claim a leaf for its account (relayed claims pay the account, never
///         the caller); each leaf pays once; after the deadline the sponsor takes back what is
///         unclaimed. A distribution never pays out more than it was funded with, whatever its root.
/// @dev Leaves follow OpenZeppelin's StandardMerkleTree with leaf types `["address", "uint256"]`:
///      `leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))))`, internal nodes
///      hash their two children sorted, so tree files and proofs made by the npm package openzeppelin merkle-tree
///      (or `kpi_options.distribution.merkle`) work unchanged. A leaf is marked claimed by its hash:
///      a tree holding the same `(account, amount)` twice pays it once.
interface IMerkleDistributor {
    /// @notice The state of one distribution.
    /// @param sponsor Account that funded it; the only one that may claw back.
    /// @param token The ERC20 it pays out.
    /// @param root Merkle root of the (account, amount) leaves.
    /// @param deadline Last second (unix seconds, inclusive) at which claims are accepted.
    /// @param funded Amount the contract received when it was funded, raw token units.
    /// @param claimed Amount paid out by claims so far, raw token units (never above `funded`).
    /// @param clawedBack Whether the sponsor has taken back the unclaimed rest.
    struct Distribution {
        address sponsor;
        address token;
        bytes32 root;
        uint64 deadline;
        bool clawedBack;
        uint256 funded;
        uint256 claimed;
    }

    /// @notice No distribution has this id.
    /// @param id The distribution id asked for.
    error UnknownDistribution(uint256 id);
    /// @notice A distribution must pay out a contract token.
    /// @param token The address given as token.
    error InvalidToken(address token);
    /// @notice A zero Merkle root cannot be claimed against.
    error ZeroRoot();
    /// @notice Funding must be above zero (after any transfer fee).
    /// @param amount The amount given or received, raw token units.
    error ZeroFunding(uint256 amount);
    /// @notice The deadline must lie strictly in the future and at most `MAX_CLAIM_PERIOD` ahead.
    /// @param deadline The deadline given, unix seconds.
    /// @param earliest First acceptable deadline, unix seconds.
    /// @param latest Last acceptable deadline, unix seconds.
    error InvalidDeadline(uint64 deadline, uint256 earliest, uint256 latest);
    /// @notice Claims on this distribution closed at `deadline`.
    /// @param id The distribution id.
    /// @param deadline Its deadline, unix seconds.
    /// @param nowTimestamp The block timestamp of the claim, unix seconds.
    error ClaimPeriodOver(uint256 id, uint64 deadline, uint256 nowTimestamp);
    /// @notice This leaf has already been paid.
    /// @param id The distribution id.
    /// @param account The leaf's account.
    /// @param amount The leaf's amount, raw token units.
    error AlreadyClaimed(uint256 id, address account, uint256 amount);
    /// @notice The proof does not lead from the leaf to the distribution's root.
    /// @param id The distribution id.
    /// @param account The leaf's account.
    /// @param amount The leaf's amount, raw token units.
    error InvalidProof(uint256 id, address account, uint256 amount);
    /// @notice Paying this leaf would take the distribution above what it was funded with (a bad root).
    /// @param id The distribution id.
    /// @param amount The leaf's amount, raw token units.
    /// @param remaining What the distribution still holds, raw token units.
    error ExceedsFunding(uint256 id, uint256 amount, uint256 remaining);
    /// @notice Only the distribution's sponsor may claw back.
    /// @param caller The caller.
    /// @param sponsor The distribution's sponsor.
    error NotSponsor(address caller, address sponsor);
    /// @notice Clawback is possible only after the deadline.
    /// @param id The distribution id.
    /// @param deadline Its deadline, unix seconds.
    /// @param nowTimestamp The block timestamp of the call, unix seconds.
    error ClaimPeriodNotOver(uint256 id, uint64 deadline, uint256 nowTimestamp);
    /// @notice The unclaimed rest was already taken back.
    /// @param id The distribution id.
    error AlreadyClawedBack(uint256 id);
    /// @notice Clawed-back tokens cannot be sent to the zero address.
    error ZeroRecipient();

    /// @notice A distribution was funded.
    /// @param id Its id (0, 1, 2, ... in funding order).
    /// @param sponsor The funding account.
    /// @param token The token it pays out.
    /// @param root The Merkle root.
    /// @param funded Amount received, raw token units.
    /// @param deadline Last second claims are accepted, unix seconds.
    event DistributionFunded(
        uint256 indexed id,
        address indexed sponsor,
        address indexed token,
        bytes32 root,
        uint256 funded,
        uint64 deadline
    );
    /// @notice A leaf was paid.
    /// @param id The distribution id.
    /// @param account The leaf's account, which received the tokens.
    /// @param amount Amount paid, raw token units.
    /// @param caller Who sent the claim (the account itself or a relayer).
    event Claimed(uint256 indexed id, address indexed account, uint256 amount, address caller);
    /// @notice The sponsor took back what was unclaimed at the deadline.
    /// @param id The distribution id.
    /// @param to Recipient of the unclaimed tokens.
    /// @param amount Amount taken back, raw token units.
    event ClawedBack(uint256 indexed id, address indexed to, uint256 amount);

    /// @notice Longest claim period a distribution may have, seconds.
    function MAX_CLAIM_PERIOD() external view returns (uint256);

    /// @notice Fund a new distribution: pulls `amount` of `token` from the caller (approve first),
    ///         who becomes its sponsor.
    /// @dev The distribution is credited with the balance increase the transfer produced, so a token
    ///      that takes a fee funds less than `amount`; the leaves must fit what was received.
    /// @param token The ERC20 to distribute.
    /// @param root Merkle root of the StandardMerkleTree of (account, amount) leaves; non-zero.
    /// @param amount Amount to pull from the caller, raw token units; normally the tree's total.
    /// @param deadline Last second claims are accepted, unix seconds; in the future and at most
    ///        `MAX_CLAIM_PERIOD` ahead.
    /// @return id The new distribution's id.
    function fund(address token, bytes32 root, uint256 amount, uint64 deadline) external returns (uint256 id);

    /// @notice Pay the leaf `(account, amount)` of distribution `id` to `account`. Anyone may call.
    /// @param id The distribution id.
    /// @param account The leaf's account; receives the tokens.
    /// @param amount The leaf's amount, raw token units.
    /// @param proof Sibling hashes from the leaf up to the root (OpenZeppelin's `getProof`).
    function claim(uint256 id, address account, uint256 amount, bytes32[] calldata proof) external;

    /// @notice After the deadline, send what distribution `id` did not pay out to `to`. Sponsor only, once.
    /// @param id The distribution id.
    /// @param to Recipient of the unclaimed rest (the sponsor or any address it names; not zero).
    /// @return amount Amount sent, raw token units (`funded - claimed`, possibly zero).
    function clawback(uint256 id, address to) external returns (uint256 amount);

    /// @notice The state of distribution `id`.
    /// @param id The distribution id.
    function distribution(uint256 id) external view returns (Distribution memory);

    /// @notice Number of distributions funded so far (ids run from 0 to this minus one).
    function distributionCount() external view returns (uint256);

    /// @notice Whether the leaf `(account, amount)` of distribution `id` has been paid.
    /// @param id The distribution id.
    /// @param account The leaf's account.
    /// @param amount The leaf's amount, raw token units.
    function isClaimed(uint256 id, address account, uint256 amount) external view returns (bool);

    /// @notice The StandardMerkleTree leaf hash of `(account, amount)`.
    /// @param account The leaf's account.
    /// @param amount The leaf's amount, raw token units.
    function leafHash(address account, uint256 amount) external pure returns (bytes32);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILiquidityMining
/// @notice Linear emission of a reward token (a KPI option's long token) to the stakers of a pool
///         token, pro rata to stake and time (the staking-rewards model), funded by one sponsor.
///         Compared with the common model: what is emitted while nothing is staked is kept apart and
///         the sponsor can take it back (`recoverIdle`); rounding keeps a carry instead of dropping
///         it, with the bound stated below; a reward token equal to the staking token is refused;
///         re-funding a running period is defined (`fund`).
/// @dev Fixed-point: the emission rate, the reward index and each account's credit are kept in reward
///      units scaled by `SCALE` (1e36). Every division floors (the contract never owes more than it
///      emitted); the remainder of the index division is carried to the next update rather than lost.
///      Dust bound (I-E3): for every account, |earned - exact pro-rata share| <= 1 + (K * Smax +
///      D) / 1e36 raw reward units, where K is the number of index updates while the account held a
///      stake, Smax the largest total stake (raw units) and D the sum of the funding durations
///      (seconds); for any stake below 1e33 raw units and fewer than 1e3 updates that is at most 2.
///      What stays in the contract once everyone has claimed is below (stakers + fundings + 1) raw
///      units.
interface ILiquidityMining {
    /// @notice The staking token and the reward token must be two different contracts.
    /// @param stakingToken The staking token given.
    /// @param rewardToken The reward token given.
    error InvalidTokens(address stakingToken, address rewardToken);
    /// @notice The sponsor may not be the zero address.
    error ZeroSponsor();
    /// @notice Only the sponsor may fund or recover idle rewards.
    /// @param caller The caller.
    /// @param sponsor The sponsor.
    error NotSponsor(address caller, address sponsor);
    /// @notice An amount had to be above zero.
    error ZeroAmount();
    /// @notice The emission period must be between 1 second and `MAX_DURATION`.
    /// @param duration The duration given, seconds.
    /// @param maxDuration The longest accepted, seconds.
    error InvalidDuration(uint256 duration, uint256 maxDuration);
    /// @notice Re-funding a running period may extend it but not end it earlier.
    /// @param newFinish The end the call would set, unix seconds.
    /// @param currentFinish The current end, unix seconds.
    error PeriodShortened(uint256 newFinish, uint256 currentFinish);
    /// @notice All funding together may not exceed `MAX_TOTAL_FUNDING` (keeps the scaled math in range).
    /// @param total What the total would become, raw reward units.
    /// @param maxTotal The cap, raw reward units.
    error FundingTooLarge(uint256 total, uint256 maxTotal);
    /// @notice A withdrawal asked for more than the account has staked.
    /// @param account The account.
    /// @param staked Its stake, raw staking-token units.
    /// @param requested The amount asked for, raw staking-token units.
    error InsufficientStake(address account, uint256 staked, uint256 requested);
    /// @notice Recovered rewards cannot go to the zero address.
    error ZeroRecipient();

    /// @notice The sponsor funded (or re-funded, or extended) the emission.
    /// @param amount Reward tokens received, raw units (zero for a pure extension).
    /// @param rateScaled New emission rate, raw reward units per second scaled by 1e36.
    /// @param periodFinish End of the emission, unix seconds.
    event Funded(uint256 amount, uint256 rateScaled, uint256 periodFinish);
    /// @notice `account` staked `amount` (as received).
    /// @param account The staker.
    /// @param amount Amount credited, raw staking-token units.
    event Staked(address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` of its stake.
    /// @param account The staker.
    /// @param amount Amount withdrawn, raw staking-token units.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice `account` was paid `amount` of rewards.
    /// @param account The staker.
    /// @param amount Amount paid, raw reward units.
    event RewardPaid(address indexed account, uint256 amount);
    /// @notice The sponsor took back rewards emitted while nothing was staked.
    /// @param to Recipient.
    /// @param amount Amount sent, raw reward units.
    event IdleRecovered(address indexed to, uint256 amount);

    /// @notice Fixed-point scale of `rateScaled`, the reward index and scaled credits (1e36).
    function SCALE() external view returns (uint256);
    /// @notice Longest emission period one `fund` may set, seconds.
    function MAX_DURATION() external view returns (uint256);
    /// @notice Cap on the sum of all funding, raw reward units (2**128 - 1).
    function MAX_TOTAL_FUNDING() external view returns (uint256);
    /// @notice The pool token stakers deposit.
    function stakingToken() external view returns (address);
    /// @notice The token emitted as rewards.
    function rewardToken() external view returns (address);
    /// @notice The only account that funds and recovers idle rewards.
    function sponsor() external view returns (address);

    /// @notice Sponsor only: pull `amount` reward tokens (approve first) and emit them, together with
    ///         what the running period has not emitted yet, linearly from now over `duration` seconds.
    /// @dev Re-funding a running period: the unemitted rest (`rateScaled * (periodFinish - now)`, kept
    ///      exactly in scaled units) plus the new tokens are spread over the new period, which must not
    ///      end before the current one. With `amount == 0` this extends a running period (lower rate,
    ///      same total); after the period has ended `amount` must be above zero. The credited amount
    ///      is what the contract received. New rate = (rest + received * 1e36) / duration, floored.
    /// @param amount Reward tokens to pull, raw units.
    /// @param duration Length of the new emission period from now, seconds (1 to `MAX_DURATION`).
    function fund(uint256 amount, uint256 duration) external;

    /// @notice Stake `amount` pool tokens (approve first); the stake is what the contract received.
    /// @param amount Raw staking-token units, above zero.
    function stake(uint256 amount) external;

    /// @notice Withdraw `amount` of the caller's stake; rewards keep accruing on the rest.
    /// @param amount Raw staking-token units, above zero and at most the stake.
    function withdraw(uint256 amount) external;

    /// @notice Pay the caller its whole-unit rewards (the sub-unit remainder stays credited).
    /// @return amount Amount paid, raw reward units (zero pays nothing and emits nothing).
    function claim() external returns (uint256 amount);

    /// @notice Sponsor only: send the rewards emitted while nothing was staked and not yet recovered.
    /// @param to Recipient (not zero).
    /// @return amount Amount sent, raw reward units (floored).
    function recoverIdle(address to) external returns (uint256 amount);

    /// @notice Rewards `account` could claim now, raw reward units (floored).
    /// @param account The staker.
    function earned(address account) external view returns (uint256);
    /// @notice Stake of `account`, raw staking-token units.
    /// @param account The staker.
    function stakeOf(address account) external view returns (uint256);
    /// @notice Sum of all stakes, raw staking-token units (donations sent directly do not count).
    function totalStaked() external view returns (uint256);
    /// @notice Rewards emitted while nothing was staked and not yet recovered, raw units (floored).
    function idleRewards() external view returns (uint256);
    /// @notice Current emission rate, raw reward units per second scaled by 1e36.
    function rateScaled() external view returns (uint256);
    /// @notice End of the emission period, unix seconds (0 before the first funding).
    function periodFinish() external view returns (uint256);
    /// @notice Sum of all funding received, raw reward units.
    function totalFunded() external view returns (uint256);
    /// @notice Sum of all rewards paid to stakers, raw reward units.
    function totalPaid() external view returns (uint256);
    /// @notice Sum of all idle rewards recovered by the sponsor, raw reward units.
    function totalRecovered() external view returns (uint256);
}

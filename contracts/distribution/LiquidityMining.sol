// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";
import {ILiquidityMining} from "../../interfaces/distribution/ILiquidityMining.sol";

/// @title LiquidityMining
/// @notice Linear emission of a reward token to stakers of a pool token (see `ILiquidityMining`).
/// @dev Stakes and rewards are tracked in storage, never read from balances: tokens sent to the
///      contract directly (a "donation" of either token) change no stake, rate or credit.
contract LiquidityMining is ILiquidityMining, ReentrancyGuardTransient {
    /// @inheritdoc ILiquidityMining
    uint256 public constant SCALE = 1e36;
    /// @inheritdoc ILiquidityMining
    uint256 public constant MAX_DURATION = 5 * 365 days;
    /// @inheritdoc ILiquidityMining
    uint256 public constant MAX_TOTAL_FUNDING = type(uint128).max;

    /// @inheritdoc ILiquidityMining
    address public immutable stakingToken;
    /// @inheritdoc ILiquidityMining
    address public immutable rewardToken;
    /// @inheritdoc ILiquidityMining
    address public immutable sponsor;

    /// @inheritdoc ILiquidityMining
    uint256 public rateScaled;
    /// @inheritdoc ILiquidityMining
    uint256 public periodFinish;
    /// @dev Last time the index was brought up to date, unix seconds (never past `periodFinish`
    ///      except right after a funding).
    uint256 internal _lastUpdate;
    /// @dev Reward per staked raw unit since deployment, scaled by 1e36 (floored).
    uint256 internal _index;
    /// @dev Scaled emission not yet spread by the index (the division's remainder), below the total
    ///      stake of the update that left it.
    uint256 internal _carry;
    /// @dev Scaled emission of the seconds when nothing was staked.
    uint256 internal _idleScaled;
    /// @inheritdoc ILiquidityMining
    uint256 public totalStaked;
    /// @inheritdoc ILiquidityMining
    uint256 public totalFunded;
    /// @inheritdoc ILiquidityMining
    uint256 public totalPaid;
    /// @inheritdoc ILiquidityMining
    uint256 public totalRecovered;
    /// @dev Stakes, raw staking-token units.
    mapping(address account => uint256) internal _stakes;
    /// @dev The index value up to which each account has been credited.
    mapping(address account => uint256) internal _indexPaid;
    /// @dev Credited and unpaid rewards, scaled by 1e36.
    mapping(address account => uint256) internal _creditScaled;

    /// @param stakingToken_ The pool token stakers deposit (a contract).
    /// @param rewardToken_ The token emitted (a contract, not the staking token).
    /// @param sponsor_ The account that funds the emission and recovers idle rewards.
    constructor(address stakingToken_, address rewardToken_, address sponsor_) {
        if (stakingToken_ == rewardToken_ || stakingToken_.code.length == 0 || rewardToken_.code.length == 0) {
            revert InvalidTokens(stakingToken_, rewardToken_);
        }
        if (sponsor_ == address(0)) revert ZeroSponsor();
        stakingToken = stakingToken_;
        rewardToken = rewardToken_;
        sponsor = sponsor_;
    }

    /// @dev Sponsor only.
    modifier onlySponsor() {
        if (msg.sender != sponsor) revert NotSponsor(msg.sender, sponsor);
        _;
    }

    /// @inheritdoc ILiquidityMining
    function fund(uint256 amount, uint256 duration) external nonReentrant onlySponsor {
        if (duration == 0 || duration > MAX_DURATION) revert InvalidDuration(duration, MAX_DURATION);
        _updateIndex();
        uint256 newFinish = block.timestamp + duration;
        uint256 restScaled;
        if (block.timestamp < periodFinish) {
            if (newFinish < periodFinish) revert PeriodShortened(newFinish, periodFinish);
            restScaled = rateScaled * (periodFinish - block.timestamp);
        } else if (amount == 0) {
            revert ZeroAmount();
        }
        uint256 received;
        if (amount != 0) {
            received = _pull(rewardToken, amount);
            if (received == 0) revert ZeroAmount();
            if (totalFunded + received > MAX_TOTAL_FUNDING) {
                revert FundingTooLarge(totalFunded + received, MAX_TOTAL_FUNDING);
            }
            totalFunded += received;
        }
        // Floored: the period emits at most what it was given; the shortfall is below `duration`
        // scaled units, i.e. below one raw unit.
        rateScaled = (restScaled + received * SCALE) / duration;
        periodFinish = newFinish;
        _lastUpdate = block.timestamp;
        emit Funded(received, rateScaled, newFinish);
    }

    /// @inheritdoc ILiquidityMining
    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        _updateAccount(msg.sender);
        uint256 received = _pull(stakingToken, amount);
        if (received == 0) revert ZeroAmount();
        _stakes[msg.sender] += received;
        totalStaked += received;
        emit Staked(msg.sender, received);
    }

    /// @inheritdoc ILiquidityMining
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        uint256 staked = _stakes[msg.sender];
        if (amount > staked) revert InsufficientStake(msg.sender, staked, amount);
        _updateAccount(msg.sender);
        _stakes[msg.sender] = staked - amount;
        totalStaked -= amount;
        SafeTransferLib.safeTransfer(stakingToken, msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @inheritdoc ILiquidityMining
    function claim() external nonReentrant returns (uint256 amount) {
        _updateAccount(msg.sender);
        uint256 credit = _creditScaled[msg.sender];
        // Floored: the sub-unit remainder stays credited to the account for a later claim.
        amount = credit / SCALE;
        if (amount == 0) return 0;
        _creditScaled[msg.sender] = credit - amount * SCALE;
        totalPaid += amount;
        SafeTransferLib.safeTransfer(rewardToken, msg.sender, amount);
        emit RewardPaid(msg.sender, amount);
    }

    /// @inheritdoc ILiquidityMining
    function recoverIdle(address to) external nonReentrant onlySponsor returns (uint256 amount) {
        if (to == address(0)) revert ZeroRecipient();
        _updateIndex();
        amount = _idleScaled / SCALE - totalRecovered;
        if (amount == 0) return 0;
        totalRecovered += amount;
        SafeTransferLib.safeTransfer(rewardToken, to, amount);
        emit IdleRecovered(to, amount);
    }

    /// @inheritdoc ILiquidityMining
    function earned(address account) external view returns (uint256) {
        (uint256 index,,) = _pendingIndex();
        return (_creditScaled[account] + _stakes[account] * (index - _indexPaid[account])) / SCALE;
    }

    /// @inheritdoc ILiquidityMining
    function stakeOf(address account) external view returns (uint256) {
        return _stakes[account];
    }

    /// @inheritdoc ILiquidityMining
    function idleRewards() external view returns (uint256) {
        (,, uint256 idleScaled) = _pendingIndex();
        return idleScaled / SCALE - totalRecovered;
    }

    /// @dev Bring the index (and the idle pot) up to now, then credit `account` for its stake since
    ///      its last update.
    function _updateAccount(address account) internal {
        _updateIndex();
        uint256 index = _index;
        // stake <= total stake of every update since, so this product is at most the scaled
        // emission since then: no overflow below MAX_TOTAL_FUNDING * SCALE.
        _creditScaled[account] += _stakes[account] * (index - _indexPaid[account]);
        _indexPaid[account] = index;
    }

    /// @dev Spread the emission since `_lastUpdate` (capped at `periodFinish`) over the stake.
    ///      Writes only what changed (same arithmetic as `_pendingIndex`).
    function _updateIndex() internal {
        uint256 finish = periodFinish;
        uint256 end = block.timestamp < finish ? block.timestamp : finish;
        uint256 last = _lastUpdate;
        if (end <= last) return;
        _lastUpdate = end;
        uint256 emitted = rateScaled * (end - last);
        uint256 staked = totalStaked;
        if (staked == 0) {
            _idleScaled += emitted;
        } else {
            uint256 spread = emitted + _carry;
            _index += spread / staked;
            _carry = spread % staked;
        }
    }

    /// @dev The index, carry and idle pot as they would be after an update now.
    function _pendingIndex() internal view returns (uint256 index, uint256 carry, uint256 idleScaled) {
        index = _index;
        carry = _carry;
        idleScaled = _idleScaled;
        uint256 end = block.timestamp < periodFinish ? block.timestamp : periodFinish;
        if (end <= _lastUpdate) return (index, carry, idleScaled);
        uint256 emitted = rateScaled * (end - _lastUpdate);
        uint256 staked = totalStaked;
        if (staked == 0) {
            // Nobody to pay: kept apart for the sponsor (the common model loses it).
            idleScaled += emitted;
        } else {
            // Floored, remainder carried: the index never promises more than was emitted.
            uint256 spread = emitted + carry;
            index += spread / staked;
            carry = spread % staked;
        }
    }

    /// @dev Pull `amount` of `token` from the caller and return the balance increase.
    function _pull(address token, uint256 amount) internal returns (uint256) {
        uint256 before = SafeTransferLib.balanceOf(token, address(this));
        SafeTransferLib.safeTransferFrom(token, msg.sender, address(this), amount);
        return SafeTransferLib.balanceOf(token, address(this)) - before;
    }
}

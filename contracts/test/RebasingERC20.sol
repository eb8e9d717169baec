// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title RebasingERC20
/// @notice Test double of a share-based rebasing token (stETH-like): balances are
///         `floor(shares * index / 1e18)`, a transfer of `amount` moves `floor(amount * 1e18 / index)`
///         shares, and `rebase` changes the index for every holder at once. With an index other than
///         1e18 a transfer can deliver one unit less than asked; a rebase changes balances without any
///         transfer.
contract RebasingERC20 {
    /// @dev 1.0 in 1e18 fixed point.
    uint256 internal constant WAD = 1e18;

    /// @notice Token decimals.
    uint8 public immutable decimals;
    /// @notice Balance per share, scaled by 1e18 (1e18 at deployment).
    uint256 public index = WAD;
    /// @notice Shares per account.
    mapping(address => uint256) public sharesOf;
    /// @notice Allowances, raw units.
    mapping(address => mapping(address => uint256)) public allowance;

    /// @dev ERC20 Transfer (amount in raw units as requested).
    event Transfer(address indexed from, address indexed to, uint256 amount);
    /// @dev ERC20 Approval.
    event Approval(address indexed owner, address indexed spender, uint256 amount);

    /// @param decimals_ Token decimals.
    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    /// @notice Set the balance per share (scaled by 1e18) for every holder.
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    /// @notice Mint shares worth `amount` raw units to `to` (rounded down); anyone may call.
    function mint(address to, uint256 amount) external {
        sharesOf[to] += amount * WAD / index;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Balance in raw units: floor(shares * index / 1e18).
    function balanceOf(address account) public view returns (uint256) {
        return sharesOf[account] * index / WAD;
    }

    /// @notice ERC20 approve.
    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice Moves floor(amount * 1e18 / index) shares.
    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    /// @notice Moves floor(amount * 1e18 / index) shares, spending `amount` of allowance.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
        return true;
    }

    /// @dev Share transfer; reverts (panic) on insufficient shares.
    function _move(address from, address to, uint256 amount) internal {
        uint256 shares = amount * WAD / index;
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }
}

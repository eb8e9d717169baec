// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title NoReturnERC20
/// @notice Test double of a token whose `transfer`, `transferFrom` and `approve` return nothing
///         (USDT's mainnet behaviour); failures revert.
contract NoReturnERC20 {
    /// @notice Token decimals.
    uint8 public immutable decimals;
    /// @notice Balances, raw units.
    mapping(address => uint256) public balanceOf;
    /// @notice Allowances, raw units.
    mapping(address => mapping(address => uint256)) public allowance;

    /// @dev ERC20 Transfer.
    event Transfer(address indexed from, address indexed to, uint256 amount);
    /// @dev ERC20 Approval.
    event Approval(address indexed owner, address indexed spender, uint256 amount);

    /// @param decimals_ Token decimals.
    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    /// @notice Mint `amount` raw units to `to`; anyone may call.
    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice ERC20 approve without a return value.
    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    /// @notice ERC20 transfer without a return value.
    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    /// @notice ERC20 transferFrom without a return value.
    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
    }

    /// @dev Reverts (panic) on insufficient balance.
    function _move(address from, address to, uint256 amount) internal {
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}

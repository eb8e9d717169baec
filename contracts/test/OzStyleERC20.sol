// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title OzStyleERC20
/// @notice Freely mintable ERC20 written in plain Solidity with the storage layout, checks and
///         events of an OpenZeppelin 4.9 ERC20 (balances and allowances in mappings, string
///         require messages, `Approval` on every allowance spend below the maximum). For gas
///         benchmarks only: it gives the collateral the cost profile of UMA's test token, so the
///         pair's `create`/`redeem`/`settle` can be compared with UMA's figures like for like.
contract OzStyleERC20 {
    /// @notice ERC20 Transfer event.
    /// @param from Sender (zero when minting).
    /// @param to Recipient.
    /// @param value Raw token units.
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice ERC20 Approval event.
    /// @param owner Holder.
    /// @param spender Spender.
    /// @param value New allowance, raw token units.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @dev Token decimals.
    uint8 private immutable _decimals;

    /// @dev Balances, raw token units (slot 0, as OpenZeppelin's ERC20).
    mapping(address account => uint256) private _balances;
    /// @dev Allowances, raw token units (slot 1).
    mapping(address owner => mapping(address spender => uint256)) private _allowances;
    /// @dev Total supply, raw token units (slot 2).
    uint256 private _totalSupply;
    /// @dev Token name (slot 3).
    string private _name;
    /// @dev Token symbol (slot 4).
    string private _symbol;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param decimals_ Token decimals.
    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        _name = name_;
        _symbol = symbol_;
        _decimals = decimals_;
    }

    /// @notice Mint `amount` raw units to `to`; anyone may call.
    /// @param to Recipient.
    /// @param amount Raw token units.
    function mint(address to, uint256 amount) external {
        require(to != address(0), "ERC20: mint to the zero address");
        _totalSupply += amount;
        unchecked {
            _balances[to] += amount;
        }
        emit Transfer(address(0), to, amount);
    }

    /// @notice Move `amount` of the caller's tokens to `to`.
    /// @param to Recipient.
    /// @param amount Raw token units.
    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    /// @notice Set the caller's allowance for `spender` to `amount`.
    /// @param spender Spender.
    /// @param amount Raw token units.
    function approve(address spender, uint256 amount) external returns (bool) {
        _setAllowance(msg.sender, spender, amount);
        return true;
    }

    /// @notice Move `amount` of `from`'s tokens to `to`, spending the caller's allowance (the
    ///         maximum allowance is never decreased).
    /// @param from Holder.
    /// @param to Recipient.
    /// @param amount Raw token units.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= amount, "ERC20: insufficient allowance");
            unchecked {
                _setAllowance(from, msg.sender, allowed - amount);
            }
        }
        _move(from, to, amount);
        return true;
    }

    /// @notice Balance of `account`, raw token units.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @notice Allowance of `spender` over `owner`'s tokens, raw token units.
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Total supply, raw token units.
    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    /// @notice Token name.
    function name() external view returns (string memory) {
        return _name;
    }

    /// @notice Token symbol.
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @notice Token decimals.
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @dev Checked balance move with OpenZeppelin-style messages.
    function _move(address from, address to, uint256 amount) internal {
        require(from != address(0), "ERC20: transfer from the zero address");
        require(to != address(0), "ERC20: transfer to the zero address");
        uint256 fromBalance = _balances[from];
        require(fromBalance >= amount, "ERC20: transfer amount exceeds balance");
        unchecked {
            _balances[from] = fromBalance - amount;
            // Cannot overflow: the sum of all balances is the total supply, itself checked at mint.
            _balances[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    /// @dev Writes an allowance and logs it.
    function _setAllowance(address owner, address spender, uint256 amount) internal {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        _allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }
}

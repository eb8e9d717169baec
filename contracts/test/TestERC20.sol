// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/tokens/ERC20.sol";

/// @title TestERC20
/// @notice Freely mintable ERC20 with configurable decimals, for tests and local demos only.
contract TestERC20 is ERC20 {
    /// @dev Token name.
    string private _name;
    /// @dev Token symbol.
    string private _symbol;
    /// @dev Token decimals.
    uint8 private immutable _decimals;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param decimals_ Decimals (6, 8 and 18 are the ones the suite uses).
    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        _name = name_;
        _symbol = symbol_;
        _decimals = decimals_;
    }

    /// @notice Mint `amount` raw units to `to`; anyone may call.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function name() public view override returns (string memory) {
        return _name;
    }

    /// @inheritdoc ERC20
    function symbol() public view override returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @dev No built-in infinite allowance for Permit2: allowances behave like a plain ERC20.
    function _givePermit2InfiniteAllowance() internal pure override returns (bool) {
        return false;
    }
}

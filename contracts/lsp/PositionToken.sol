// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/tokens/ERC20.sol";
import {IPositionToken} from "../../interfaces/IPositionToken.sol";
import {CloneArgs} from "./CloneArgs.sol";
import {LaunchArgs} from "./LaunchArgs.sol";

/// @title PositionToken
/// @notice Long or short token of one Long Short Pair (see `IPositionToken`). Each token is a clone
///         of this implementation whose immutable args carry its pair, decimals, name and symbol.
/// @dev Permit (EIP-2612) comes with Solady's ERC20; Solady's automatic infinite Permit2 allowance
///      is switched off so allowances behave as in any plain ERC20.
contract PositionToken is IPositionToken, ERC20 {
    /// @dev This implementation's own address: calls that execute here directly are refused.
    address internal immutable _SELF = address(this);

    /// @dev Reverts when this code runs as the implementation itself rather than in a clone.
    modifier onlyClone() {
        _checkClone();
        _;
    }

    /// @dev Reverts unless the caller is this token's pair (I-10).
    modifier onlyPair() {
        _checkClone();
        address pair = CloneArgs.addressAt(LaunchArgs.TOKEN_PAIR);
        if (msg.sender != pair) revert UnauthorizedCaller(msg.sender, pair);
        _;
    }

    /// @inheritdoc IPositionToken
    function mint(address to, uint256 amount) external onlyPair returns (bool) {
        _mint(to, amount);
        return true;
    }

    /// @inheritdoc IPositionToken
    function burnFrom(address from, uint256 amount) external onlyPair returns (bool) {
        _checkBalance(from, amount);
        _burn(from, amount);
        return true;
    }

    /// @notice Move `amount` of the caller's tokens to `to`.
    /// @param to Recipient; not the zero address (`TransferToZeroAddress`).
    /// @param amount Raw token units; reverts `InsufficientTokenBalance` above the caller's balance.
    function transfer(address to, uint256 amount) public override onlyClone returns (bool) {
        if (to == address(0)) revert TransferToZeroAddress();
        _checkBalance(msg.sender, amount);
        return super.transfer(to, amount);
    }

    /// @notice Move `amount` of `from`'s tokens to `to`, spending the caller's allowance.
    /// @param from Holder.
    /// @param to Recipient; not the zero address (`TransferToZeroAddress`).
    /// @param amount Raw token units; reverts `InsufficientTokenAllowance` / `InsufficientTokenBalance`.
    function transferFrom(address from, address to, uint256 amount) public override onlyClone returns (bool) {
        if (to == address(0)) revert TransferToZeroAddress();
        uint256 allowed = allowance(from, msg.sender);
        if (amount > allowed) revert InsufficientTokenAllowance(from, msg.sender, allowed, amount);
        _checkBalance(from, amount);
        return super.transferFrom(from, to, amount);
    }

    /// @inheritdoc IPositionToken
    function longShortPair() external view onlyClone returns (address) {
        return CloneArgs.addressAt(LaunchArgs.TOKEN_PAIR);
    }

    /// @notice The token name, as launched.
    function name() public view override onlyClone returns (string memory result) {
        (bytes memory raw,) = CloneArgs.prefixedBytesAt(LaunchArgs.TOKEN_NAME);
        result = string(raw);
    }

    /// @notice The token symbol, as launched.
    function symbol() public view override onlyClone returns (string memory result) {
        (, uint256 symbolOffset) = CloneArgs.prefixedBytesAt(LaunchArgs.TOKEN_NAME);
        (bytes memory raw,) = CloneArgs.prefixedBytesAt(symbolOffset);
        result = string(raw);
    }

    /// @notice The collateral's decimals (18 if the collateral does not report them).
    function decimals() public view override onlyClone returns (uint8) {
        return uint8(CloneArgs.uintAt(LaunchArgs.TOKEN_DECIMALS, 1));
    }

    /// @dev Reverts `ImplementationNotCallable` when executing as the implementation.
    function _checkClone() internal view {
        if (address(this) == _SELF) revert ImplementationNotCallable();
    }

    /// @dev Reverts `InsufficientTokenBalance` when `account` holds less than `amount`.
    function _checkBalance(address account, uint256 amount) internal view {
        uint256 balance = balanceOf(account);
        if (amount > balance) revert InsufficientTokenBalance(account, balance, amount);
    }

    /// @dev No automatic infinite allowance for Permit2: allowances are exactly what holders approve.
    function _givePermit2InfiniteAllowance() internal pure override returns (bool) {
        return false;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPositionToken
/// @notice The long or the short token of one Long Short Pair: a plain ERC20 whose supply only its
///         pair can change. It plays the part of UMA's `ExpandedIERC20` (Minter and Burner roles held
///         by the pair), without roles: the pair is fixed at deployment and nobody else has any power.
/// @dev Deployed as a minimal-proxy clone whose immutable args carry the pair, the decimals, the name
///      and the symbol; nothing about the token lives in storage except balances and allowances.
interface IPositionToken {
    /// @notice The token implementation was called directly; only its clones are usable.
    error ImplementationNotCallable();
    /// @notice `caller` tried to mint or burn; only `pair` may.
    /// @param caller The account that called `mint` or `burnFrom`.
    /// @param pair The token's Long Short Pair, the only account allowed to.
    error UnauthorizedCaller(address caller, address pair);
    /// @notice A burn or transfer asked for more than `account` holds.
    /// @param account The account whose balance was too small.
    /// @param balance Its balance, in raw token units.
    /// @param needed The amount asked for, in raw token units.
    error InsufficientTokenBalance(address account, uint256 balance, uint256 needed);
    /// @notice A `transferFrom` asked for more than `spender` may move for `owner`.
    /// @param owner The account whose tokens were to be moved.
    /// @param spender The caller of `transferFrom`.
    /// @param allowance The allowance, in raw token units.
    /// @param needed The amount asked for, in raw token units.
    error InsufficientTokenAllowance(address owner, address spender, uint256 allowance, uint256 needed);
    /// @notice A transfer to the zero address (it would burn the tokens and strand their collateral
    ///         in the pair; OpenZeppelin's ERC20, UMA's base, refuses it too).
    error TransferToZeroAddress();

    /// @notice Mint `amount` tokens to `to`. Only the pair may call it (UMA's Minter role).
    /// @param to Recipient of the new tokens.
    /// @param amount Amount to mint, in raw token units.
    /// @return Always true (UMA's `ExpandedIERC20.mint` shape).
    function mint(address to, uint256 amount) external returns (bool);

    /// @notice Burn `amount` tokens held by `from`, without any allowance. Only the pair may call it
    ///         (UMA's Burner role).
    /// @param from Holder whose tokens are burnt.
    /// @param amount Amount to burn, in raw token units.
    /// @return Always true (UMA's `ExpandedIERC20.burnFrom` shape).
    function burnFrom(address from, uint256 amount) external returns (bool);

    /// @notice The Long Short Pair that mints and burns this token.
    function longShortPair() external view returns (address);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev The one ERC20 view the library reads (a high-level call, as in OpenZeppelin).
interface IAllowance {
    function allowance(address owner, address spender) external view returns (uint256);
}

/// @title UmaSafeERC20
/// @notice ERC20 calls that fail the way UMA's contracts fail. UMA's OptimisticOracleV2 and Store use OpenZeppelin
///         4.9's SafeERC20, so a failing token call reverts with the token's own revert data, passed on unchanged;
///         a call that reverts without data reverts with "SafeERC20: low-level call failed"; a token that returns
///         false reverts with "SafeERC20: ERC20 operation did not succeed"; a successful call to an address without
///         code reverts with "Address: call to non-contract". The local oracle stack uses this library so that its
///         reverts match UMA's byte for byte (docs/ORACLE_MOCK.md). Written for this project from that behaviour.
library UmaSafeERC20 {
    /// @dev Transfers `amount` raw units of `token` from this contract to `to`.
    function safeTransfer(address token, address to, uint256 amount) internal {
        _call(token, abi.encodeWithSignature("transfer(address,uint256)", to, amount));
    }

    /// @dev Transfers `amount` raw units of `token` from `from` to `to` (needs `from`'s allowance).
    function safeTransferFrom(address token, address from, address to, uint256 amount) internal {
        _call(token, abi.encodeWithSignature("transferFrom(address,address,uint256)", from, to, amount));
    }

    /// @dev Raises this contract's allowance for `spender` by `amount` raw units (approve(old + amount), as
    ///      OpenZeppelin 4.9's safeIncreaseAllowance does; the sum is checked, so an overflow panics).
    function safeIncreaseAllowance(address token, address spender, uint256 amount) internal {
        uint256 current = IAllowance(token).allowance(address(this), spender);
        _call(token, abi.encodeWithSignature("approve(address,uint256)", spender, current + amount));
    }

    /// @dev Calls `token` with `data`; passes on its revert data, or fails with OpenZeppelin 4.9's messages.
    function _call(address token, bytes memory data) private {
        (bool ok, bytes memory returned) = token.call(data);
        if (!ok) {
            if (returned.length > 0) {
                assembly ("memory-safe") {
                    revert(add(returned, 0x20), mload(returned))
                }
            }
            revert("SafeERC20: low-level call failed");
        }
        if (returned.length == 0) {
            require(token.code.length > 0, "Address: call to non-contract");
        } else {
            require(abi.decode(returned, (bool)), "SafeERC20: ERC20 operation did not succeed");
        }
    }
}

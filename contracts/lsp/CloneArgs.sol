// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title CloneArgs
/// @notice Reads the immutable args of the clone that is executing (Solady `LibClone.clone(impl, args)`
///         layout: 45 bytes of proxy code, then the args), from inside that clone.
/// @dev Only meaningful inside a clone; each contract guards its implementation against direct
///      calls before reading. Reads past the end of the code return zero bytes (EXTCODECOPY pads).
library CloneArgs {
    /// @dev Length of the ERC-1167-style proxy code that precedes the args.
    uint256 internal constant PROXY_CODE_LENGTH = 0x2d;

    /// @dev The 32 bytes of args starting at `offset` (left-aligned, as in the packed encoding).
    function word(uint256 offset) internal view returns (uint256 result) {
        /// @solidity memory-safe-assembly
        assembly {
            extcodecopy(address(), 0x00, add(offset, PROXY_CODE_LENGTH), 0x20)
            result := mload(0x00)
        }
    }

    /// @dev The 20-byte address packed at `offset`.
    function addressAt(uint256 offset) internal view returns (address) {
        return address(uint160(word(offset) >> 96));
    }

    /// @dev The big-endian unsigned integer of `size` bytes (1..32) packed at `offset`.
    function uintAt(uint256 offset, uint256 size) internal view returns (uint256) {
        return word(offset) >> (256 - 8 * size);
    }

    /// @dev `length` bytes of args starting at `offset`, as a fresh memory `bytes`.
    function bytesAt(uint256 offset, uint256 length) internal view returns (bytes memory result) {
        result = new bytes(length);
        /// @solidity memory-safe-assembly
        assembly {
            extcodecopy(address(), add(result, 0x20), add(offset, PROXY_CODE_LENGTH), length)
        }
    }

    /// @dev A uint16-length-prefixed byte string at `offset`; also returns the offset just after it.
    function prefixedBytesAt(uint256 offset) internal view returns (bytes memory result, uint256 next) {
        uint256 length = uintAt(offset, 2);
        result = bytesAt(offset + 2, length);
        next = offset + 2 + length;
    }
}

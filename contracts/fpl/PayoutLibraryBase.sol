// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";
import {ILongShortPairFinancialProductLibrary} from "../../interfaces/ILongShortPairFinancialProductLibrary.sol";
import {IPairLaunchInfo, IPayoutLibrary} from "../../interfaces/IPayoutLibrary.sol";
import {IPayoutLibraryBase} from "../../interfaces/fpl/IPayoutLibraryBase.sol";

/// @title PayoutLibraryBase
/// @notice The part every payout library shares: the one launch-safe path that sets a pair's
///         parameters, the `msg.sender`-keyed compute entry point, and overflow-free fixed-point helpers.
/// @dev A library implements `_storeParameters` (decode, validate, store, return the canonical
///      encoding), `_isParameterSet` and `_percentageLong`. The typed setter of each library encodes
///      its arguments and calls `_setParameters`, the same function `setEncodedParameters` calls.
///      No reentrancy guard: the only external calls are `staticcall`s to the pair during the checks,
///      before any state is written, and the compute path is a view.
abstract contract PayoutLibraryBase is IPayoutLibraryBase {
    /// @dev 1.0 in 18-decimal fixed point.
    uint256 internal constant WAD = 1e18;

    /// @inheritdoc IPayoutLibrary
    function setEncodedParameters(address longShortPair, bytes calldata parameters) external {
        _setParameters(longShortPair, parameters);
    }

    /// @inheritdoc ILongShortPairFinancialProductLibrary
    /// @dev Looks up the calling pair's parameters; reverts `ParametersNotSet(msg.sender)` if it has none.
    ///      For every int256 price the result is in [0, 1e18] and the call does not revert.
    function percentageLongCollateralAtExpiry(int256 expiryPrice) external view returns (uint256 percentageLong) {
        if (!_isParameterSet(msg.sender)) revert ParametersNotSet(msg.sender);
        return _percentageLong(msg.sender, expiryPrice);
    }

    /// @inheritdoc IPayoutLibrary
    function isParameterSet(address longShortPair) external view returns (bool) {
        return _isParameterSet(longShortPair);
    }

    /// @dev The single setting path (I-7, I-9): pair checks, caller checks, set-once, then the library's
    ///      validation and storage, then the canonical-encoding check and the event.
    function _setParameters(address longShortPair, bytes memory parameters) internal {
        _checkPairAndCaller(longShortPair);
        if (_isParameterSet(longShortPair)) revert ParametersAlreadySet(longShortPair);
        bytes memory canonical = _storeParameters(longShortPair, parameters);
        if (keccak256(canonical) != keccak256(parameters)) {
            revert NonCanonicalParameters(longShortPair, parameters.length);
        }
        emit ParametersSet(longShortPair, msg.sender, parameters);
    }

    /// @dev Reverts `InvalidLongShortPair` unless `longShortPair` has code and a non-zero expiration
    ///      timestamp, `ParametersAfterExpiration` at or after that expiration, and
    ///      `UnauthorizedParameterSetter` unless the caller is its launcher or creator.
    function _checkPairAndCaller(address longShortPair) internal view {
        if (longShortPair.code.length == 0) revert InvalidLongShortPair(longShortPair);
        uint256 expiration = _readWord(longShortPair, IPairLaunchInfo.expirationTimestamp.selector);
        if (expiration == 0) revert InvalidLongShortPair(longShortPair);
        // L-1: at or after expiry the outcome may be known; nobody may pick the payout then.
        if (block.timestamp >= expiration) {
            revert ParametersAfterExpiration(longShortPair, expiration, block.timestamp);
        }
        address launcher = address(uint160(_readWord(longShortPair, IPairLaunchInfo.launcher.selector)));
        address creator = address(uint160(_readWord(longShortPair, IPairLaunchInfo.creator.selector)));
        if (msg.sender != launcher && msg.sender != creator) {
            revert UnauthorizedParameterSetter(msg.sender, launcher, creator);
        }
    }

    /// @dev Reads one 32-byte return word of a no-argument view on the pair; a pair that reverts
    ///      or returns less than a word is not a pair (`InvalidLongShortPair`).
    function _readWord(address longShortPair, bytes4 selector) internal view returns (uint256 word) {
        (bool ok, bytes memory returned) = longShortPair.staticcall(abi.encodeWithSelector(selector));
        if (!ok || returned.length < 32) revert InvalidLongShortPair(longShortPair);
        word = abi.decode(returned, (uint256));
    }

    /// @dev Whether `longShortPair` has parameters stored.
    function _isParameterSet(address longShortPair) internal view virtual returns (bool);

    /// @dev Decode `parameters`, validate them (custom errors with the values), store them, and
    ///      return `abi.encode` of the decoded values.
    function _storeParameters(address longShortPair, bytes memory parameters)
        internal
        virtual
        returns (bytes memory canonical);

    /// @dev The long share for `longShortPair` (parameters known to be set) at `price`, in [0, 1e18].
    function _percentageLong(address longShortPair, int256 price) internal view virtual returns (uint256);

    /// @dev `high − low` as an exact unsigned number; requires `high >= low` (always < 2^256).
    function _distance(int256 high, int256 low) internal pure returns (uint256) {
        unchecked {
            // Two's-complement subtraction modulo 2^256 is exact because the true difference is in [0, 2^256).
            return uint256(high) - uint256(low);
        }
    }

    /// @dev `max(price, 0)` as an unsigned number.
    function _positivePart(int256 price) internal pure returns (uint256) {
        return price > 0 ? uint256(price) : 0;
    }

    /// @dev `floor(a × 1e18 / b)`: UMA's FixedPoint `div`, but with a 512-bit product so it never
    ///      overflows where UMA's would revert; identical wherever UMA's returns.
    function _wadDivDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return FixedPointMathLib.fullMulDiv(a, WAD, b);
    }

    /// @dev `floor(a × b / 1e18)`: UMA's FixedPoint `mul`, with a 512-bit product (see `_wadDivDown`).
    function _wadMulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return FixedPointMathLib.fullMulDiv(a, b, WAD);
    }
}

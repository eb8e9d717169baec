// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Tiny} from "./Tiny.sol";

/// @dev Every kind of frame the coverage tracer must attribute: a call and a static call into
///      compiled code, a precompile and an account without code (no steps run), and a create.
contract Caller {
    function run(Tiny tiny, address nobody) external returns (address made) {
        tiny.bump(1);
        tiny.pick(true);
        ecrecover(bytes32(uint256(1)), 27, bytes32(uint256(2)), bytes32(uint256(3)));
        (bool ok,) = nobody.call("");
        require(ok, "no code call failed");
        made = address(new Tiny());
        Tiny(made).bump(2);
    }
}

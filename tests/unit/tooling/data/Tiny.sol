// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

contract Tiny {
    uint256 public count;

    function bump(uint256 by) external {
        if (by == 0) {
            revert("zero");
        }
        count += by;
    }

    function pick(bool flag) external pure returns (uint256) {
        return flag ? 1 : 2;
    }

    function never() external {
        count = 42;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPoint} from "../../interfaces/oracle/FixedPoint.sol";
import {IStore} from "../../interfaces/oracle/IStore.sol";
import {UmaOwnable} from "./UmaOwnable.sol";
import {UmaSafeERC20} from "./UmaSafeERC20.sol";

/// @title Store
/// @notice Local stand-in for UMA's Store: per-currency final fees, and the sink for oracle fees (the final fee and
///         the burned half of the loser's bond on every dispute). Not for production.
/// @dev UMA gates admin with MultiRole roles Owner and Withdrawer; here one owner holds both, and non-owners get
///      MultiRole's revert string. Regular (per-second) fees are not implemented.
contract Store is IStore, UmaOwnable {
    /// @inheritdoc IStore
    mapping(address currency => uint256 rawValue) public finalFees;

    /// @inheritdoc IStore
    function payOracleFees() external payable {
        require(msg.value > 0, "Value sent can't be zero");
    }

    /// @inheritdoc IStore
    function payOracleFeesErc20(address erc20Address, FixedPoint.Unsigned calldata amount) external {
        require(amount.rawValue > 0, "Amount sent can't be zero");
        UmaSafeERC20.safeTransferFrom(erc20Address, msg.sender, address(this), amount.rawValue);
    }

    /// @inheritdoc IStore
    function computeFinalFee(address currency) external view returns (FixedPoint.Unsigned memory) {
        return FixedPoint.Unsigned(finalFees[currency]);
    }

    /// @inheritdoc IStore
    function setFinalFee(address currency, FixedPoint.Unsigned memory newFinalFee) external onlyOwner {
        finalFees[currency] = newFinalFee.rawValue;
        emit NewFinalFee(newFinalFee);
    }

    /// @inheritdoc IStore
    function withdraw(uint256 amount) external onlyOwner {
        // OpenZeppelin 4.9's Address.sendValue, which UMA's Withdrawable uses, with its messages.
        require(address(this).balance >= amount, "Address: insufficient balance");
        (bool sent,) = msg.sender.call{value: amount}("");
        require(sent, "Address: unable to send value, recipient may have reverted");
    }

    /// @inheritdoc IStore
    function withdrawErc20(address erc20Address, uint256 amount) external onlyOwner {
        UmaSafeERC20.safeTransfer(erc20Address, msg.sender, amount);
    }

    /// @dev UMA's Store is a MultiRole contract; keep its revert string for unauthorised admin calls.
    function _checkOwner() internal view override {
        require(msg.sender == owner(), "Sender does not hold required role");
    }
}

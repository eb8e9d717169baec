// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerkleProofLib} from "solady/utils/MerkleProofLib.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";
import {IMerkleDistributor} from "../../interfaces/distribution/IMerkleDistributor.sol";

/// @title MerkleDistributor
/// @notice Merkle airdrops with a claim deadline and a clawback (see `IMerkleDistributor`).
/// @dev Holds no admin power: each distribution belongs to the account that funded it, and the only
///      thing that account can do is take back the unclaimed rest after the deadline. Accounting is
///      per distribution (`funded`, `claimed`), never by the contract's balance, so distributions of
///      the same token cannot pay from each other and tokens sent to the contract directly are inert.
contract MerkleDistributor is IMerkleDistributor, ReentrancyGuardTransient {
    /// @inheritdoc IMerkleDistributor
    uint256 public constant MAX_CLAIM_PERIOD = 5 * 365 days;

    /// @dev Distributions by id.
    Distribution[] internal _distributions;
    /// @dev Paid leaves: distribution id => leaf hash => paid.
    mapping(uint256 id => mapping(bytes32 leaf => bool)) internal _claimed;

    /// @inheritdoc IMerkleDistributor
    function fund(address token, bytes32 root, uint256 amount, uint64 deadline)
        external
        nonReentrant
        returns (uint256 id)
    {
        if (token.code.length == 0) revert InvalidToken(token);
        if (root == bytes32(0)) revert ZeroRoot();
        if (amount == 0) revert ZeroFunding(amount);
        if (deadline <= block.timestamp || deadline > block.timestamp + MAX_CLAIM_PERIOD) {
            revert InvalidDeadline(deadline, block.timestamp + 1, block.timestamp + MAX_CLAIM_PERIOD);
        }
        // Credit what actually arrived (a fee-taking token funds less than `amount`).
        uint256 before = SafeTransferLib.balanceOf(token, address(this));
        SafeTransferLib.safeTransferFrom(token, msg.sender, address(this), amount);
        uint256 received = SafeTransferLib.balanceOf(token, address(this)) - before;
        if (received == 0) revert ZeroFunding(received);
        id = _distributions.length;
        _distributions.push(
            Distribution({
                sponsor: msg.sender,
                token: token,
                root: root,
                deadline: deadline,
                clawedBack: false,
                funded: received,
                claimed: 0
            })
        );
        emit DistributionFunded(id, msg.sender, token, root, received, deadline);
    }

    /// @inheritdoc IMerkleDistributor
    function claim(uint256 id, address account, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        Distribution storage d = _distribution(id);
        if (block.timestamp > d.deadline) revert ClaimPeriodOver(id, d.deadline, block.timestamp);
        bytes32 leaf = _leaf(account, amount);
        if (_claimed[id][leaf]) revert AlreadyClaimed(id, account, amount);
        if (!MerkleProofLib.verifyCalldata(proof, d.root, leaf)) revert InvalidProof(id, account, amount);
        uint256 remaining = d.funded - d.claimed;
        // A root whose leaves add up to more than the funding pays first come, first served, up to
        // the funding and never beyond it (I-D1).
        if (amount > remaining) revert ExceedsFunding(id, amount, remaining);
        _claimed[id][leaf] = true;
        d.claimed += amount;
        SafeTransferLib.safeTransfer(d.token, account, amount);
        emit Claimed(id, account, amount, msg.sender);
    }

    /// @inheritdoc IMerkleDistributor
    function clawback(uint256 id, address to) external nonReentrant returns (uint256 amount) {
        Distribution storage d = _distribution(id);
        if (msg.sender != d.sponsor) revert NotSponsor(msg.sender, d.sponsor);
        if (block.timestamp <= d.deadline) revert ClaimPeriodNotOver(id, d.deadline, block.timestamp);
        if (d.clawedBack) revert AlreadyClawedBack(id);
        if (to == address(0)) revert ZeroRecipient();
        d.clawedBack = true;
        amount = d.funded - d.claimed;
        // Count the rest as paid so `funded - claimed` stays what the contract holds for `id` (zero).
        d.claimed = d.funded;
        if (amount != 0) SafeTransferLib.safeTransfer(d.token, to, amount);
        emit ClawedBack(id, to, amount);
    }

    /// @inheritdoc IMerkleDistributor
    function distribution(uint256 id) external view returns (Distribution memory) {
        return _distribution(id);
    }

    /// @inheritdoc IMerkleDistributor
    function distributionCount() external view returns (uint256) {
        return _distributions.length;
    }

    /// @inheritdoc IMerkleDistributor
    function isClaimed(uint256 id, address account, uint256 amount) external view returns (bool) {
        _distribution(id);
        return _claimed[id][_leaf(account, amount)];
    }

    /// @inheritdoc IMerkleDistributor
    function leafHash(address account, uint256 amount) external pure returns (bytes32) {
        return _leaf(account, amount);
    }

    /// @dev The distribution `id`, or revert `UnknownDistribution`.
    function _distribution(uint256 id) internal view returns (Distribution storage) {
        if (id >= _distributions.length) revert UnknownDistribution(id);
        return _distributions[id];
    }

    /// @dev OpenZeppelin StandardMerkleTree leaf of `["address", "uint256"]`: the double keccak256
    ///      keeps a 64-byte leaf preimage from ever equalling an internal node's.
    function _leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }
}

"""OpenZeppelin's StandardMerkleTree for airdrop leaves ``(address, uint256)``, built in Python.

The tree, the proofs and the dump are those of ``@openzeppelin/merkle-tree`` (``StandardMerkleTree.of
(values, ["address", "uint256"])`` with its default ``sortLeaves: true``), so a tree file written
here loads there and the other way round, and its proofs verify in ``MerkleDistributor`` (Solady's
``MerkleProofLib``):

- leaf = ``keccak256(keccak256(abi.encode(account, amount)))``;
- leaves sorted by hash (ties keep input order), stored at the end of a flat array, last leaf
  first; node ``i`` = ``keccak256(sorted(node 2i+1, node 2i+2))``; the root is node 0;
- the proof of a leaf is its siblings from the leaf up to (not including) the root.

A tree file (:meth:`AirdropTree.to_file_dict`) is OpenZeppelin's dump (``format``,
``leafEncoding``, ``tree``, ``values``) plus ``root``, ``total`` and ``proofs`` (per account, the
amount and the proof), which front-ends and the ``claim`` command read without rebuilding anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpi_options.errors import MerkleTreeError

try:  # safe-pysha3 (pinned, an eth-hash backend) is ~6x faster than pycryptodome per hash
    from sha3 import keccak_256 as _keccak_256
except ImportError:  # pragma: no cover
    _keccak_256 = None
    from Crypto.Hash import keccak as _keccak

__all__ = [
    "LEAF_ENCODING",
    "AirdropTree",
    "MerkleTreeError",
    "hash_pair",
    "leaf_hash",
    "load_tree_file",
    "verify_proof",
]

LEAF_ENCODING = ["address", "uint256"]
_FORMAT = "standard-v1"
_UINT256_MAX = 2**256 - 1


def _k(data: bytes) -> bytes:
    if _keccak_256 is not None:
        return _keccak_256(data).digest()
    return _keccak.new(digest_bits=256, data=data).digest()


def _address_bytes(account: str) -> bytes:
    text = account[2:] if account[:2] in ("0x", "0X") else account
    if len(text) != 40:
        raise MerkleTreeError(f"not a 20-byte hex address: {account!r}", "account")
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise MerkleTreeError(f"not a 20-byte hex address: {account!r}", "account") from None


def leaf_hash(account: str, amount: int) -> bytes:
    """The StandardMerkleTree leaf of ``(account, amount)``: keccak256 twice over ``abi.encode``."""
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= _UINT256_MAX:
        raise MerkleTreeError(f"amount must be an integer in [0, 2**256): {amount!r}", "amount")
    encoded = b"\x00" * 12 + _address_bytes(account) + amount.to_bytes(32, "big")
    return _k(_k(encoded))


def hash_pair(a: bytes, b: bytes) -> bytes:
    """An internal node: keccak256 of the two children, smaller first (commutative)."""
    return _k(a + b if a <= b else b + a)


def verify_proof(root: bytes, leaf: bytes, proof: Sequence[bytes]) -> bool:
    """Whether ``proof`` leads from ``leaf`` to ``root`` (what MerkleProofLib.verify computes)."""
    node = leaf
    for sibling in proof:
        node = hash_pair(node, sibling)
    return node == root


# A hash nibble >= 8 upper-cases the address letter at its position (EIP-55): nibble -> byte mask.
_NIBBLE_MASK = str.maketrans(
    {c: ("\xff" if c in "89abcdef" else "\x00") for c in "0123456789abcdef"}
)


def _checksum(account: str) -> str:
    """EIP-55 form of ``account``, computed on whole 40-byte strings (no per-character loop: the
    tree of 100,000 recipients checksums every address)."""
    raw = _address_bytes(account).hex()
    mask = int.from_bytes(_k(raw.encode()).hex()[:40].translate(_NIBBLE_MASK).encode("latin-1"))
    lower = int.from_bytes(raw.encode())
    upper = int.from_bytes(raw.upper().encode())
    return "0x" + ((lower & ~mask) | (upper & mask)).to_bytes(40).decode()


@dataclass(frozen=True)
class AirdropTree:
    """A StandardMerkleTree of ``(account, amount)`` values, in input order.

    ``values[i]`` is the i-th value given (account checksummed), ``tree_index[i]`` its position in
    ``nodes`` (OpenZeppelin's ``treeIndex``); ``nodes[0]`` is the root.
    """

    values: tuple[tuple[str, int], ...]
    tree_index: tuple[int, ...]
    nodes: tuple[bytes, ...]

    @classmethod
    def build(cls, values: Iterable[tuple[str, int]]) -> AirdropTree:
        """Build the tree of ``values`` exactly as ``StandardMerkleTree.of(values, LEAF_ENCODING)``."""
        checked = [(_checksum(account), int(amount)) for account, amount in values]
        if not checked:
            raise MerkleTreeError("a tree needs at least one leaf", "values")
        hashed = [(leaf_hash(a, n), i) for i, (a, n) in enumerate(checked)]
        hashed.sort(key=lambda item: item[0])  # stable, as Array.prototype.sort is
        size = 2 * len(hashed) - 1
        nodes: list[bytes] = [b""] * size
        for position, (h, _) in enumerate(hashed):
            nodes[size - 1 - position] = h
        for i in range(size - 1 - len(hashed), -1, -1):
            nodes[i] = hash_pair(nodes[2 * i + 1], nodes[2 * i + 2])
        tree_index = [0] * len(checked)
        for position, (_, value_index) in enumerate(hashed):
            tree_index[value_index] = size - 1 - position
        return cls(tuple(checked), tuple(tree_index), tuple(nodes))

    @property
    def root(self) -> bytes:
        return self.nodes[0]

    @property
    def total(self) -> int:
        """Sum of all amounts (what a distribution of this tree must be funded with)."""
        return sum(amount for _, amount in self.values)

    def _proof_indices(self, value_index: int) -> list[int]:
        if not 0 <= value_index < len(self.values):
            raise MerkleTreeError(f"no value at index {value_index}", "value_index")
        index = self.tree_index[value_index]
        siblings = []
        while index > 0:
            siblings.append(index + 1 if index % 2 else index - 1)
            index = (index - 1) // 2
        return siblings

    def proof(self, value_index: int) -> list[bytes]:
        """The proof of ``values[value_index]`` (OpenZeppelin's ``getProof(i)``)."""
        return [self.nodes[i] for i in self._proof_indices(value_index)]

    def proofs_by_account(self) -> dict[str, list[dict[str, Any]]]:
        """Every account's leaves: ``{account: [{"amount", "index", "proof"}]}`` (a list, because
        one account may hold several leaves). Proof entries share the node strings of the tree."""
        hexes = ["0x" + n.hex() for n in self.nodes]
        out: dict[str, list[dict[str, Any]]] = {}
        for i, (account, amount) in enumerate(self.values):
            out.setdefault(account, []).append(
                {
                    "amount": str(amount),
                    "index": i,
                    "proof": [hexes[j] for j in self._proof_indices(i)],
                }
            )
        return out

    def dump(self) -> dict[str, Any]:
        """OpenZeppelin's ``tree.dump()`` (amounts as decimal strings, as its CLI examples use)."""
        return {
            "format": _FORMAT,
            "leafEncoding": list(LEAF_ENCODING),
            "tree": ["0x" + n.hex() for n in self.nodes],
            "values": [
                {"value": [a, str(n)], "treeIndex": t}
                for (a, n), t in zip(self.values, self.tree_index, strict=True)
            ],
        }

    def to_file_dict(self) -> dict[str, Any]:
        """The tree file: the dump plus ``root``, ``total`` and per-account ``proofs``."""
        data = self.dump()
        data["root"] = "0x" + self.root.hex()
        data["total"] = str(self.total)
        data["proofs"] = self.proofs_by_account()
        return data

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_file_dict(), indent=1) + "\n")

    @classmethod
    def from_dump(cls, data: dict[str, Any]) -> AirdropTree:
        """Load an OpenZeppelin dump (or a tree file) and check it: every node must be the hash of its
        children and every value's leaf must sit at its ``treeIndex``."""
        if data.get("format") != _FORMAT:
            raise MerkleTreeError(f"unknown tree format {data.get('format')!r}", "format")
        if list(data.get("leafEncoding", [])) != LEAF_ENCODING:
            raise MerkleTreeError(
                f"leafEncoding must be {LEAF_ENCODING}, got {data.get('leafEncoding')!r}",
                "leafEncoding",
            )
        try:
            nodes = tuple(bytes.fromhex(str(n).removeprefix("0x")) for n in data["tree"])
            values = tuple((_checksum(v["value"][0]), int(v["value"][1])) for v in data["values"])
            tree_index = tuple(int(v["treeIndex"]) for v in data["values"])
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise MerkleTreeError(f"malformed tree dump: {exc}", "tree") from None
        if not nodes or any(len(n) != 32 for n in nodes):
            raise MerkleTreeError("tree nodes must be 32-byte hex strings", "tree")
        for i in range(len(nodes)):
            if 2 * i + 2 < len(nodes) and nodes[i] != hash_pair(nodes[2 * i + 1], nodes[2 * i + 2]):
                raise MerkleTreeError(f"node {i} is not the hash of its children", "tree")
        for (account, amount), t in zip(values, tree_index, strict=True):
            if not 0 <= t < len(nodes) or 2 * t + 1 < len(nodes):
                raise MerkleTreeError(f"treeIndex {t} is not a leaf", "values")
            if nodes[t] != leaf_hash(account, amount):
                raise MerkleTreeError(f"leaf of {account} does not match node {t}", "values")
        tree = cls(values, tree_index, nodes)
        if "root" in data and str(data["root"]).lower() != "0x" + tree.root.hex():
            raise MerkleTreeError("the file's root does not match its tree", "root")
        return tree


def load_tree_file(path: str | Path) -> AirdropTree:
    """Read and check a tree file (or a plain OpenZeppelin dump)."""
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise MerkleTreeError(f"cannot read tree file {path}: {exc}", "TREE_FILE") from None
    return AirdropTree.from_dump(data)

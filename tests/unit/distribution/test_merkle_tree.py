"""kpi_options.distribution.merkle without node: refusals, tree files, checksums."""

import json
import random

import pytest
from eth_utils import to_checksum_address

from kpi_options.distribution.merkle import (
    AirdropTree,
    MerkleTreeError,
    _checksum,
    leaf_hash,
    load_tree_file,
    verify_proof,
)

A = "0x1111111111111111111111111111111111111111"
B = "0x2222222222222222222222222222222222222222"


def test_checksum__random_addresses__equals_eth_utils():
    rng = random.Random(5)
    for _ in range(500):
        raw = "0x" + rng.randbytes(20).hex()
        assert _checksum(raw) == to_checksum_address(raw)


@pytest.mark.parametrize(
    ("account", "amount", "param"),
    [
        ("0x1234", 1, "account"),
        ("0x" + "zz" * 20, 1, "account"),
        (A, -1, "amount"),
        (A, 2**256, "amount"),
        (A, True, "amount"),
    ],
)
def test_leaf_hash__bad_input__refused_naming_the_field(account, amount, param):
    with pytest.raises(MerkleTreeError) as info:
        leaf_hash(account, amount)
    assert info.value.param == param


def test_build__no_values__refused():
    with pytest.raises(MerkleTreeError, match="at least one leaf"):
        AirdropTree.build([])


def test_tree_file__written_and_loaded__same_root_total_and_proofs(tmp_path):
    tree = AirdropTree.build([(A, 5), (B, 7), (A, 9)])
    path = tmp_path / "tree.json"
    tree.write(path)
    data = json.loads(path.read_text())
    assert data["root"] == "0x" + tree.root.hex() and data["total"] == "21"
    assert [e["amount"] for e in data["proofs"][A]] == ["5", "9"]
    loaded = load_tree_file(path)
    assert loaded == tree
    for entry in data["proofs"][A]:
        proof = [bytes.fromhex(h[2:]) for h in entry["proof"]]
        assert verify_proof(tree.root, leaf_hash(A, int(entry["amount"])), proof)


@pytest.mark.parametrize("tamper", ["node", "value", "root", "format", "encoding", "index"])
def test_from_dump__tampered__refused(tamper):
    data = AirdropTree.build([(A, 5), (B, 7), (A, 9)]).to_file_dict()
    if tamper == "node":
        data["tree"][1] = "0x" + "00" * 32
    elif tamper == "value":
        data["values"][0]["value"][1] = "6"
    elif tamper == "root":
        data["root"] = "0x" + "11" * 32
    elif tamper == "format":
        data["format"] = "simple-v1"
    elif tamper == "encoding":
        data["leafEncoding"] = ["address", "uint128"]
    else:
        data["values"][0]["treeIndex"] = 0
    with pytest.raises(MerkleTreeError):
        AirdropTree.from_dump(data)


def test_load_tree_file__missing_or_not_json__refused(tmp_path):
    with pytest.raises(MerkleTreeError) as info:
        load_tree_file(tmp_path / "nope.json")
    assert info.value.param == "TREE_FILE"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(MerkleTreeError):
        load_tree_file(bad)


def test_proof__index_out_of_range__refused():
    with pytest.raises(MerkleTreeError):
        AirdropTree.build([(A, 1)]).proof(1)

"""kpi_options.distribution.merkle against OpenZeppelin's own @openzeppelin/merkle-tree (node).

Random trees, with exact duplicate leaves, one account holding several leaves, one-leaf trees and
the extreme amounts 0 and 2**256-1: the Python dump (tree array, treeIndex of every value) and
every proof must equal what StandardMerkleTree.of(values, ["address", "uint256"]) gives.
"""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_options.distribution.merkle import AirdropTree, _checksum, leaf_hash, verify_proof

ROOT = Path(__file__).resolve().parents[3]
HELPER = ROOT / "tools" / "oz_merkle_tree.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def oz_trees(trees: list[list[tuple[str, int]]]) -> list[dict]:
    """Build every tree with OpenZeppelin's library in one node process."""
    payload = json.dumps([[[a, str(n)] for a, n in values] for values in trees])
    done = subprocess.run(
        ["node", str(HELPER)], input=payload, capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(done.stdout)


def random_values(rng: random.Random, size: int) -> list[tuple[str, int]]:
    values: list[tuple[str, int]] = []
    for _ in range(size):
        roll = rng.random()
        if values and roll < 0.15:
            values.append(rng.choice(values))  # exact duplicate leaf
        elif values and roll < 0.3:
            values.append((rng.choice(values)[0], rng.randrange(10**24)))  # same account again
        else:
            account = _checksum("0x" + rng.randbytes(20).hex())
            amount = rng.choice([0, 1, 2**256 - 1, rng.randrange(10**30), rng.randrange(2**256)])
            values.append((account, amount))
    return values


def assert_same(ours: AirdropTree, theirs: dict) -> None:
    assert ours.dump() == theirs["dump"]
    for i in range(len(ours.values)):
        assert ["0x" + p.hex() for p in ours.proof(i)] == theirs["proofs"][i]
        assert verify_proof(ours.root, leaf_hash(*ours.values[i]), ours.proof(i))


def test_build__random_trees_with_duplicates_and_single_leaves__match_openzeppelin():
    rng = random.Random(13)
    sizes = [1, 1, 1, 2, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 64, 100] + [
        rng.randint(1, 60) for _ in range(64)
    ]
    trees = [random_values(rng, n) for n in sizes]
    for values, theirs in zip(trees, oz_trees(trees), strict=True):
        assert_same(AirdropTree.build(values), theirs)


@given(
    st.lists(
        st.tuples(st.binary(min_size=20, max_size=20), st.integers(0, 2**256 - 1)),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_build__hypothesis_values__match_openzeppelin(raw, data):
    values = [(_checksum("0x" + a.hex()), n) for a, n in raw]
    if data.draw(st.booleans()):
        values.append(values[0])  # force a duplicate
    (theirs,) = oz_trees([values])
    assert_same(AirdropTree.build(values), theirs)


def test_from_dump__openzeppelin_dump__loads_with_same_root_and_proofs():
    rng = random.Random(7)
    values = random_values(rng, 21)
    (theirs,) = oz_trees([values])
    loaded = AirdropTree.from_dump(theirs["dump"])
    assert "0x" + loaded.root.hex() == theirs["dump"]["tree"][0]
    assert_same(loaded, theirs)

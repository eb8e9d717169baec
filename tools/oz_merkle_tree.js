// Reference side of the differential test of kpi_options/distribution/merkle.py.
// Reads a JSON list of trees (each a list of [address, amount-as-decimal-string]) on stdin and
// writes, for each, OpenZeppelin's StandardMerkleTree (leaf types address, uint256) dump and the
// proof of every value: [{"dump": ..., "proofs": [[hex...], ...]}].
const { StandardMerkleTree } = require("@openzeppelin/merkle-tree");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((values) => {
    const tree = StandardMerkleTree.of(values, ["address", "uint256"]);
    return { dump: tree.dump(), proofs: values.map((_, i) => tree.getProof(i)) };
  });
  process.stdout.write(JSON.stringify(out));
});

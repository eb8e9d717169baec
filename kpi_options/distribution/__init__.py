"""Getting position tokens to their holders: Merkle trees (merkle.py), Merkle airdrops (airdrop.py),
liquidity-mining emission (mining.py), direct transfers with receipts (transfers.py)."""

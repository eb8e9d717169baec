"""Distribution of option tokens: Merkle airdrops, liquidity-mining emission, direct transfers."""

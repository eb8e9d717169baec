"""Getting position tokens to their holders: direct transfers (transfers.py)."""

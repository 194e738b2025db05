"""Look-through ownership: effective stakes through chains and cycles, with their derivations."""

"""Graph snapshots: which votes count, as-of cut-offs, reproducible hashes."""

"""Snapshots: immutable, hashed computations of the moral graph as of a time, and reading them back."""

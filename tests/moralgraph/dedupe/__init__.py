"""Deduplication: the pure clustering, the embedding model, linking cards, merge and split."""

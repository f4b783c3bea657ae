"""Deduplication of values cards into canonical values.

`cluster` is the pure core (numpy only), `embeddings` computes sentence embeddings locally,
`services` holds the writes (card_dedupe, merges, splits, the author's confirmation).
"""

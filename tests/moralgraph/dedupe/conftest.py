"""Shared by the dedupe tests that need the real embedding model."""

import pytest

from moralgraph.dedupe import embeddings


@pytest.fixture(scope="module")
def model():
    return embeddings.embedding_model()

"""Pure decisions on sentence embeddings: which canonical value a card belongs to, and clusters.

Plain numpy in, plain data out; no Django. Embeddings are rows; they are normalised here,
so cosine similarity is a dot product.

The thresholds were tuned on the demo deliberation (39 cards filed under 17 canonical values,
all-MiniLM-L6-v2): a card's similarity to its own value ranged 0.41-0.83 (median 0.64), to
any other value at most 0.67. At 0.70 every automatic link was right (precision 1.0, recall
0.28; 0.80 would link 1 card in 39); from 0.45 the nearest value was the right one for 87%
of cards, so the band 0.45-0.70 is asked about (LLM) rather than decided by the embedding.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

MATCH_THRESHOLD = 0.70
BORDERLINE_THRESHOLD = 0.45


class Decision(StrEnum):
    LINK = "link"  # the same value: link the card to the matched canonical value
    BORDERLINE = "borderline"  # maybe the same: ask someone (an LLM, the author)
    NEW = "new"  # a different value: the card starts a canonical value of its own


@dataclass(frozen=True)
class Match:
    decision: Decision
    index: int | None  # row of the most similar canonical value; None when there is none
    similarity: float | None


def normalized(vectors) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def cosine_similarities(a, b) -> np.ndarray:
    """Matrix of cosine similarities between the rows of `a` and the rows of `b`."""
    a, b = normalized(a), normalized(b)
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"Embeddings differ in dimension: {a.shape[1]} and {b.shape[1]}.")
    return a @ b.T


def match_cards(
    card_embeddings,
    value_embeddings,
    *,
    match_threshold: float = MATCH_THRESHOLD,
    borderline_threshold: float = BORDERLINE_THRESHOLD,
) -> list[Match]:
    """For each card, the most similar canonical value and whether to link, ask or create."""
    if not borderline_threshold <= match_threshold:
        raise ValueError("borderline_threshold must not exceed match_threshold.")
    cards = normalized(card_embeddings)
    values = np.asarray(value_embeddings, dtype=np.float32)
    if values.size == 0:
        return [Match(Decision.NEW, None, None) for _ in range(len(cards))]
    similarities = cosine_similarities(cards, values)
    best = similarities.argmax(axis=1)
    best_similarity = similarities[np.arange(len(cards)), best]
    matches = []
    for index, similarity in zip(best.tolist(), best_similarity.tolist(), strict=True):
        if similarity >= match_threshold:
            decision = Decision.LINK
        elif similarity >= borderline_threshold:
            decision = Decision.BORDERLINE
        else:
            decision = Decision.NEW
        matches.append(Match(decision, index, similarity))
    return matches


def cluster_embeddings(embeddings, *, threshold: float = MATCH_THRESHOLD) -> np.ndarray:
    """Average-linkage agglomerative clustering: labels 0..k-1, numbered by first appearance.

    Clusters merge while the mean pairwise cosine similarity between two clusters is at
    least `threshold` (the same as scipy's average linkage on cosine distance, cut at
    1 - threshold). O(n^2) memory and O(n^3) time at worst: meant for one question's cards.
    """
    if len(embeddings) == 0:
        return np.zeros(0, dtype=np.int64)
    vectors = normalized(embeddings)
    n = len(vectors)
    similarity = (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(similarity, -np.inf)
    sizes = np.ones(n)
    parent = np.arange(n)  # each point's current cluster representative
    for _ in range(n - 1):
        flat = int(np.argmax(similarity))
        i, j = divmod(flat, n)
        if similarity[i, j] < threshold:
            break
        # Lance-Williams update for average linkage: the merged row is the size-weighted mean.
        merged = (sizes[i] * similarity[i] + sizes[j] * similarity[j]) / (sizes[i] + sizes[j])
        similarity[i], similarity[:, i] = merged, merged
        similarity[i, i] = -np.inf
        similarity[j], similarity[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        parent[parent == j] = i
    _, labels = np.unique(parent, return_inverse=True)
    # Renumber so cluster 0 holds the first card, cluster 1 the next card not in 0, ...
    order = {label: k for k, label in enumerate(dict.fromkeys(labels.tolist()))}
    return np.array([order[label] for label in labels.tolist()], dtype=np.int64)

"""The pure dedupe decisions: matching cards to canonical values, and batch clustering."""

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage

from moralgraph.dedupe.cluster import (
    BORDERLINE_THRESHOLD,
    MATCH_THRESHOLD,
    Decision,
    cluster_embeddings,
    cosine_similarities,
    match_cards,
    normalized,
)


def unit(angle_degrees: float) -> np.ndarray:
    """A 2-d unit vector; the cosine between two of them is cos(difference of angles)."""
    a = np.radians(angle_degrees)
    return np.array([np.cos(a), np.sin(a)])


def angle_for(similarity: float) -> float:
    return float(np.degrees(np.arccos(similarity)))


def test_normalized_scales_rows_and_keeps_zero_rows():
    out = normalized([[3.0, 4.0], [0.0, 0.0]])
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])
    assert out.dtype == np.float32


def test_cosine_similarities_ignores_length_and_checks_dimensions():
    np.testing.assert_allclose(
        cosine_similarities([[2, 0]], [[5, 0], [0, 1], [-1, 0]]), [[1, 0, -1]]
    )
    with pytest.raises(ValueError, match="dimension"):
        cosine_similarities([[1, 0]], [[1, 0, 0]])


def toward(axis: int, similarity: float) -> np.ndarray:
    """A 3-d unit vector with the given cosine to basis vector `axis` and 0 to the others but z."""
    vector = np.zeros(3)
    vector[axis], vector[2] = similarity, np.sqrt(1 - similarity**2)
    return vector


def test_each_card_gets_link_borderline_or_new_by_its_nearest_value():
    values = np.eye(3)[:2]
    cards = np.stack([toward(0, 0.95), toward(1, 0.75), toward(1, 0.60), toward(0, 0.30)])
    matches = match_cards(cards, values, match_threshold=0.7, borderline_threshold=0.45)
    assert [m.decision for m in matches] == [
        Decision.LINK,
        Decision.LINK,
        Decision.BORDERLINE,
        Decision.NEW,
    ]
    assert [m.index for m in matches] == [0, 1, 1, 0]
    np.testing.assert_allclose([m.similarity for m in matches], [0.95, 0.75, 0.60, 0.30], atol=1e-5)


def test_thresholds_are_inclusive():
    values = np.stack([unit(0)])
    [at_match] = match_cards([unit(0)], values, match_threshold=1.0, borderline_threshold=0.5)
    [at_border] = match_cards(
        [unit(angle_for(0.5))], values, match_threshold=0.9, borderline_threshold=0.5 - 1e-6
    )
    assert at_match.decision is Decision.LINK
    assert at_border.decision is Decision.BORDERLINE


def test_no_canonical_values_yet_means_new():
    matches = match_cards(np.eye(3)[:2], np.zeros((0, 3)))
    assert [(m.decision, m.index, m.similarity) for m in matches] == [
        (Decision.NEW, None, None)
    ] * 2


def test_thresholds_must_be_ordered():
    assert BORDERLINE_THRESHOLD < MATCH_THRESHOLD
    with pytest.raises(ValueError, match="borderline_threshold"):
        match_cards([unit(0)], [unit(0)], match_threshold=0.5, borderline_threshold=0.6)


def test_clusters_group_near_vectors_and_number_by_first_appearance():
    embeddings = np.stack([unit(80), unit(0), unit(5), unit(85), unit(200), unit(3)])
    labels = cluster_embeddings(embeddings, threshold=0.9)
    assert labels.tolist() == [0, 1, 1, 0, 2, 1]


def test_clustering_edge_cases():
    assert cluster_embeddings(np.zeros((0, 4))).tolist() == []
    assert cluster_embeddings(np.ones((1, 4))).tolist() == [0]
    assert cluster_embeddings(np.stack([unit(0), unit(0)]), threshold=1.0 - 1e-6).tolist() == [0, 0]
    assert cluster_embeddings(np.stack([unit(0), unit(90)]), threshold=0.0).tolist() == [0, 0]
    assert cluster_embeddings(np.stack([unit(0), unit(90)]), threshold=0.01).tolist() == [0, 1]


def test_average_linkage_does_not_chain_like_single_linkage():
    # Neighbours are 30 degrees apart (cos 0.87); the ends are 90 degrees apart (cos 0).
    chain = np.stack([unit(0), unit(30), unit(60), unit(90)])
    labels = cluster_embeddings(chain, threshold=0.8)
    assert len(set(labels.tolist())) == 2


@pytest.mark.parametrize("seed", range(20))
def test_clustering_agrees_with_scipy_average_linkage(seed):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 16))
    points = centres[rng.integers(0, 4, size=30)] + rng.normal(scale=0.6, size=(30, 16))
    threshold = float(rng.uniform(0.3, 0.9))
    ours = cluster_embeddings(points, threshold=threshold)
    theirs = fcluster(linkage(points, method="average", metric="cosine"), 1 - threshold, "distance")
    same_ours = ours[:, None] == ours[None, :]
    same_theirs = theirs[:, None] == theirs[None, :]
    assert (same_ours == same_theirs).all()

"""Tests for MAI's summary rules: shared expected summaries, hand-computed cases, and agreement with the reference port."""

import math
from typing import Any

import numpy as np
import pytest

from moralgraph.graph import mai_reference
from moralgraph.graph.mai import (
    edge_entropy,
    edge_statistics,
    page_rank,
    summarize,
    wiser_likelihood,
)
from moralgraph.graph.mai_format import parse_timestamp, summarize_dump
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

TOLERANCE = 1e-9


def make_votes(*rows: tuple[int, ...]) -> VoteArrays:
    """Votes from (from_value, to_value, choice[, context]) rows; each vote gets its own voter."""
    rows = [(*row, 0) if len(row) == 3 else row for row in rows]
    return VoteArrays.from_lists(
        voter=list(range(len(rows))),
        from_value=[row[0] for row in rows],
        to_value=[row[1] for row in rows],
        choice=[row[2] for row in rows],
        context=[row[3] for row in rows],
    )


def edge_list(edges: Any) -> list[tuple[int, int]]:
    return list(zip(edges.source.tolist(), edges.wiser.tolist(), strict=True))


def assert_matches_mai_summary(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """The shared data's comparison: same edge set, identical counts, contexts as sets, floats within 1e-9."""
    actual_edges = {(edge["sourceValueId"], edge["wiserValueId"]): edge for edge in actual["edges"]}
    expected_edges = {
        (edge["sourceValueId"], edge["wiserValueId"]): edge for edge in expected["edges"]
    }
    assert len(actual_edges) == len(actual["edges"]), "an edge is listed twice"
    assert actual_edges.keys() == expected_edges.keys()
    for pair, expected_edge in expected_edges.items():
        edge = actual_edges[pair]
        assert edge["counts"] == expected_edge["counts"], pair
        assert set(edge["contexts"]) == set(expected_edge["contexts"]), pair
        for name in ("wiserLikelihood", "entropy"):
            assert edge["summary"][name] == pytest.approx(
                expected_edge["summary"][name], rel=0, abs=TOLERANCE
            ), (pair, name)

    actual_values = {value["id"]: value for value in actual["values"]}
    expected_values = {value["id"]: value for value in expected["values"]}
    assert len(actual_values) == len(actual["values"]), "a value is listed twice"
    assert actual_values.keys() == expected_values.keys()
    for value_id, expected_value in expected_values.items():
        value = actual_values[value_id]
        assert value["pageRank"] == pytest.approx(
            expected_value["pageRank"], rel=0, abs=TOLERANCE
        ), value_id
        assert {**value, "pageRank": None} == {**expected_value, "pageRank": None}


# The shared synthetic data: MAI's expected summaries, with and without the as-of cut-off.

SYNTHETIC_CASES = [
    pytest.param(False, "synthetic-expected-summary.json", id="all-votes"),
    pytest.param(True, "synthetic-expected-summary-as-of.json", id="as-of"),
]


def synthetic_inputs(load_mai_json, use_as_of: bool) -> tuple[list, list, str | None]:
    as_of = load_mai_json("synthetic-as-of.json")["as_of"] if use_as_of else None
    return load_mai_json("synthetic-votes.json"), load_mai_json("synthetic-values.json"), as_of


@pytest.mark.parametrize(("use_as_of", "expected_file"), SYNTHETIC_CASES)
def test_vectorised_summary_matches_expected_file(load_mai_json, use_as_of, expected_file):
    votes, values, as_of = synthetic_inputs(load_mai_json, use_as_of)
    expected = load_mai_json(expected_file)

    actual = summarize_dump(votes, values, as_of=as_of)

    assert_matches_mai_summary(actual, expected)


@pytest.mark.parametrize(("use_as_of", "expected_file"), SYNTHETIC_CASES)
def test_reference_port_matches_expected_file(load_mai_json, use_as_of, expected_file):
    votes, values, as_of = synthetic_inputs(load_mai_json, use_as_of)
    if as_of is not None:
        cutoff = parse_timestamp(as_of)
        votes = [vote for vote in votes if parse_timestamp(vote["createdAt"]) <= cutoff]

    actual = mai_reference.summarize_graph(values, votes)

    assert_matches_mai_summary(actual, load_mai_json(expected_file))


@pytest.mark.parametrize(("use_as_of", "expected_file"), SYNTHETIC_CASES)
def test_vectorised_summary_keeps_mais_order(load_mai_json, use_as_of, expected_file):
    """Beyond the required set comparison: edges, values and contexts come out in MAI's order."""
    votes, values, as_of = synthetic_inputs(load_mai_json, use_as_of)
    expected = load_mai_json(expected_file)

    actual = summarize_dump(votes, values, as_of=as_of)

    assert [(e["sourceValueId"], e["wiserValueId"]) for e in actual["edges"]] == [
        (e["sourceValueId"], e["wiserValueId"]) for e in expected["edges"]
    ]
    assert [e["contexts"] for e in actual["edges"]] == [e["contexts"] for e in expected["edges"]]
    assert [v["id"] for v in actual["values"]] == [v["id"] for v in expected["values"]]


def test_as_of_summary_differs_from_full_summary(load_mai_json):
    """Guards the as-of case against passing vacuously: the cut-off really changes the graph."""
    full = load_mai_json("synthetic-expected-summary.json")
    as_of = load_mai_json("synthetic-expected-summary-as-of.json")
    assert len(as_of["edges"]) < len(full["edges"])


def test_formulas_reproduce_mais_published_summary(load_mai_json):
    """Recomputing wiser likelihood and entropy from MAI's published counts gives MAI's published numbers."""
    edges = load_mai_json("moral-graph-summary-published.json")["edges"]
    counts = {
        name: np.array([edge["counts"][key] for edge in edges])
        for name, key in [
            ("marked_wiser", "markedWiser"),
            ("marked_not_wiser", "markedNotWiser"),
            ("marked_less_wise", "markedLessWise"),
            ("marked_unsure", "markedUnsure"),
            ("impressions", "impressions"),
        ]
    }
    published_likelihood = np.array([edge["summary"]["wiserLikelihood"] for edge in edges])
    published_entropy = np.array([edge["summary"]["entropy"] for edge in edges])

    likelihood = wiser_likelihood(
        **{name: column for name, column in counts.items() if name != "impressions"}
    )
    entropy = edge_entropy(**counts)
    reference_entropy = [mai_reference.calculate_entropy(edge["counts"]) for edge in edges]

    np.testing.assert_allclose(likelihood, published_likelihood, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(entropy, published_entropy, rtol=0, atol=TOLERANCE)
    np.testing.assert_allclose(reference_entropy, published_entropy, rtol=0, atol=TOLERANCE)
    # Every published edge also passes the default trim rule.
    assert (counts["marked_wiser"] >= 2).all()
    assert (likelihood >= 0.33).all()
    assert (entropy <= 1.69).all()


# Hand-computed cases.


def test_pair_voted_in_both_directions():
    votes = make_votes(
        (1, 2, WISER), (1, 2, WISER), (1, 2, WISER), (1, 2, NOT_WISER), (2, 1, WISER)
    )

    stats = edge_statistics(votes)

    assert edge_list(stats) == [(1, 2), (2, 1)]
    # 1→2: 3 wiser, 1 not wiser, 0 unsure, 1 less wise (the reverse "wiser"), 5 impressions.
    assert stats.marked_wiser.tolist() == [3, 1]
    assert stats.marked_not_wiser.tolist() == [1, 0]
    assert stats.marked_unsure.tolist() == [0, 0]
    assert stats.marked_less_wise.tolist() == [1, 3]
    assert stats.impressions.tolist() == [5, 5]
    assert stats.wiser_likelihood.tolist() == [(3 - 1) / 5, (1 - 3) / 4]
    entropy_forward = -(0.3 * math.log2(0.3) + 2 * 0.1 * math.log2(0.1) + 0.5 * math.log2(0.5))
    entropy_reverse = -sum(c / 9 * math.log2(c / 9) for c in (1, 3, 5))
    np.testing.assert_allclose(
        stats.entropy, [entropy_forward, entropy_reverse], rtol=0, atol=1e-15
    )

    summary = summarize(votes)

    # 1→2 passes (3 ≥ 2, 0.4 ≥ 0.33, 1.685 ≤ 1.69); 2→1 has negative likelihood.
    assert edge_list(summary) == [(1, 2)]
    assert summary.value_ids.tolist() == [1, 2]
    # Value 2 is dangling: value 1 keeps the base 0.15/2, value 2 gets base + 0.85·0.075.
    np.testing.assert_allclose(summary.page_rank, [0.075, 0.075 + 0.85 * 0.075], rtol=0, atol=1e-15)


def test_page_rank_does_not_redistribute_dangling_rank():
    # 1 splits its rank 2:1 between 2 and 3 (weights 1.0 and 0.5); 2 passes all of it to 3; 3 is dangling.
    value_ids, rank = page_rank(np.array([1, 1, 2]), np.array([2, 3, 3]), np.array([1.0, 0.5, 0.4]))

    base = 0.15 / 3
    rank_1 = base
    rank_2 = base + 0.85 * rank_1 * (1.0 / 1.5)
    rank_3 = base + 0.85 * rank_1 * (0.5 / 1.5) + 0.85 * rank_2
    assert value_ids.tolist() == [1, 2, 3]
    np.testing.assert_allclose(rank, [rank_1, rank_2, rank_3], rtol=0, atol=1e-15)
    assert rank.sum() < 0.5  # rank flowing into 3 leaves the graph


def test_page_rank_iterations_start_from_uniform():
    sources, targets, weights = np.array([1, 1, 2]), np.array([2, 3, 3]), np.array([1.0, 0.5, 0.4])

    _, untouched = page_rank(sources, targets, weights, iterations=0)
    _, once = page_rank(sources, targets, weights, iterations=1)
    _, undamped = page_rank(sources, targets, weights, iterations=1, damping=1.0)

    np.testing.assert_allclose(untouched, [1 / 3] * 3)
    third = 1 / 3
    np.testing.assert_allclose(
        once,
        [0.05, 0.05 + 0.85 * third * (2 / 3), 0.05 + 0.85 * third * (1 / 3) + 0.85 * third],
        rtol=0,
        atol=1e-15,
    )
    np.testing.assert_allclose(
        undamped, [0.0, third * (2 / 3), third * (1 / 3) + third], rtol=0, atol=1e-15
    )


def test_page_rank_ignores_sources_without_positive_out_weight():
    value_ids, rank = page_rank(np.array([1, 3]), np.array([2, 2]), np.array([0.0, 1.0]))

    assert value_ids.tolist() == [1, 2, 3]
    np.testing.assert_allclose(rank, [0.05, 0.05 + 0.85 * 0.05, 0.05], rtol=0, atol=1e-15)


def test_page_rank_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="equal lengths"):
        page_rank(np.array([1, 2]), np.array([2]), np.array([1.0]))


def test_min_wiser_boundary():
    # 1→2 has exactly 2 wiser votes, 3→4 only 1; both have likelihood 1 and entropy 1.
    votes = make_votes((1, 2, WISER), (1, 2, WISER), (3, 4, WISER))

    assert edge_list(summarize(votes)) == [(1, 2)]
    assert edge_list(summarize(votes, min_wiser=1)) == [(1, 2), (3, 4)]
    assert edge_list(summarize(votes, min_wiser=3)) == []


def test_edges_without_wiser_votes_are_dropped_whatever_the_thresholds():
    votes = make_votes((1, 2, NOT_WISER), (3, 4, UNSURE), (5, 6, WISER))

    summary = summarize(votes, min_wiser=0, min_likelihood=-1.0, max_entropy=10.0)

    # Without MAI's extra rule 1→2, 2→1, 3→4, 4→3 and 6→5 would pass these thresholds too.
    assert edge_list(summary) == [(5, 6)]


def test_wiser_likelihood_boundary_is_inclusive():
    at_boundary = make_votes(*[(1, 2, WISER)] * 33, *[(1, 2, NOT_WISER)] * 67)
    below = make_votes(*[(1, 2, WISER)] * 32, *[(1, 2, NOT_WISER)] * 68)

    kept = summarize(at_boundary)

    assert edge_list(kept) == [(1, 2)]
    assert kept.wiser_likelihood[0] == 0.33
    assert edge_list(summarize(below)) == []
    assert edge_list(summarize(below, min_likelihood=0.32)) == [(1, 2)]


def test_entropy_boundary_is_inclusive():
    # Counts (wiser 2, not wiser 1, less wise 0, unsure 1, impressions 4): entropy exactly 1.75 bits.
    votes = make_votes((1, 2, WISER), (1, 2, WISER), (1, 2, NOT_WISER), (1, 2, UNSURE))

    assert edge_statistics(votes).entropy[0] == 1.75
    assert edge_list(summarize(votes)) == []  # 1.75 > 1.69
    assert edge_list(summarize(votes, max_entropy=1.75)) == [(1, 2)]
    assert edge_list(summarize(votes, max_entropy=np.nextafter(1.75, 0))) == []


def test_entropy_just_below_default_limit_is_kept():
    # Entropy 1.6855 (the largest in MAI's published graph) against the 1.69 limit.
    votes = make_votes(
        (1, 2, WISER), (1, 2, WISER), (1, 2, WISER), (1, 2, NOT_WISER), (2, 1, WISER)
    )

    assert edge_list(summarize(votes)) == [(1, 2)]
    assert edge_list(summarize(votes, max_entropy=1.685)) == []


def test_empty_votes():
    summary = summarize(VoteArrays.empty())
    stats = edge_statistics(VoteArrays.empty())
    value_ids, rank = page_rank(
        np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([])
    )

    assert len(summary) == 0
    assert summary.value_ids.size == 0
    assert summary.page_rank.size == 0
    assert summary.context_indptr.tolist() == [0]
    assert len(stats) == 0
    assert value_ids.size == 0
    assert rank.size == 0
    assert mai_reference.summarize_graph([], []) == {"values": [], "edges": []}


def test_votes_that_keep_no_edge_give_an_empty_graph():
    summary = summarize(make_votes((1, 2, NOT_WISER), (2, 1, UNSURE)))

    assert len(summary) == 0
    assert summary.value_ids.size == 0
    assert summary.page_rank_by_value() == {}


def test_edges_are_listed_in_the_order_mai_creates_them():
    votes = make_votes((5, 3, UNSURE), (1, 2, WISER), (3, 5, WISER), (9, 7, WISER))

    stats = edge_statistics(votes)

    # Pass over votes: 5→3, 1→2, 3→5, 9→7; then reversed: 2→1, 7→9 (3→5 and 5→3 already exist).
    assert edge_list(stats) == [(5, 3), (1, 2), (3, 5), (9, 7), (2, 1), (7, 9)]
    reference = mai_reference.summarize_graph(
        [], mai_reference.votes_as_dicts(votes), include_all_edges=True
    )
    assert edge_list(stats) == [
        (e["sourceValueId"], e["wiserValueId"]) for e in reference["allEdges"]
    ]


def test_contexts_cover_both_directions_in_first_seen_order():
    votes = make_votes((1, 2, WISER, 7), (2, 1, NOT_WISER, 3), (1, 2, WISER, 5), (1, 2, UNSURE, 7))

    stats = edge_statistics(votes)

    assert edge_list(stats) == [(1, 2), (2, 1)]
    assert stats.contexts(0).tolist() == [7, 5, 3]  # 1→2 votes first, then 2→1 votes
    assert stats.contexts(1).tolist() == [3, 7, 5]  # 2→1 votes first, then 1→2 votes
    assert stats.context_indptr.tolist() == [0, 3, 6]


def test_far_apart_and_negative_value_ids_give_the_same_graph():
    """Ids too far apart to pack into one sort key take the slower sort path, with the same result."""
    rng = np.random.default_rng(7)
    votes = random_votes(rng, n_values=6, n_votes=400)
    far_ids = np.arange(6, dtype=np.int64) * 10**17 - 3 * 10**17
    far_votes = VoteArrays(
        voter=votes.voter,
        from_value=far_ids[votes.from_value],
        to_value=far_ids[votes.to_value],
        context=votes.context * 10**18,
        choice=votes.choice,
    )

    near, far = summarize(votes), summarize(far_votes)

    assert len(near) > 0
    np.testing.assert_array_equal(far_ids[near.source], far.source)
    np.testing.assert_array_equal(far_ids[near.wiser], far.wiser)
    np.testing.assert_array_equal(near.impressions, far.impressions)
    np.testing.assert_array_equal(near.context_indices * 10**18, far.context_indices)
    np.testing.assert_array_equal(near.page_rank, far.page_rank)


# Agreement with the reference port on random votes.


def random_votes(rng: np.random.Generator, n_values: int, n_votes: int) -> VoteArrays:
    from_value = rng.integers(0, n_values, n_votes)
    to_value = (from_value + rng.integers(1, n_values, n_votes)) % n_values
    wiser_share = rng.uniform(0.4, 0.9)
    choice = rng.choice(
        3, n_votes, p=[wiser_share, (1 - wiser_share) * 0.7, (1 - wiser_share) * 0.3]
    )
    return VoteArrays(
        voter=rng.integers(0, 50, n_votes),
        from_value=from_value,
        to_value=to_value,
        context=rng.integers(0, rng.integers(1, 5), n_votes),
        choice=choice,
    )


def test_vectorised_and_reference_agree_on_random_votes():
    rng = np.random.default_rng(20240320)
    kept_total = dropped_total = 0
    for _ in range(30):
        n_values = int(rng.integers(2, 10))
        votes = random_votes(rng, n_values=n_values, n_votes=int(rng.integers(0, 250)))
        values = [{"id": value_id} for value_id in range(n_values)]

        reference = mai_reference.summarize_graph(
            values, mai_reference.votes_as_dicts(votes), include_all_edges=True
        )
        stats = edge_statistics(votes)
        summary = summarize(votes)

        for edges, expected in [(stats, reference["allEdges"]), (summary, reference["edges"])]:
            assert edge_list(edges) == [(e["sourceValueId"], e["wiserValueId"]) for e in expected]
            for i, edge in enumerate(expected):
                counts = edge["counts"]
                assert edges.marked_wiser[i] == counts["markedWiser"]
                assert edges.marked_not_wiser[i] == counts["markedNotWiser"]
                assert edges.marked_less_wise[i] == counts["markedLessWise"]
                assert edges.marked_unsure[i] == counts["markedUnsure"]
                assert edges.impressions[i] == counts["impressions"]
                assert edges.contexts(i).tolist() == edge["contexts"]
                assert edges.wiser_likelihood[i] == edge["summary"]["wiserLikelihood"]
                assert edges.entropy[i] == pytest.approx(
                    edge["summary"]["entropy"], rel=1e-12, abs=1e-12
                )
        expected_rank = {value["id"]: value["pageRank"] for value in reference["values"]}
        assert summary.value_ids.tolist() == sorted(expected_rank)
        for value_id, rank in summary.page_rank_by_value().items():
            assert rank == pytest.approx(expected_rank[value_id], rel=1e-12, abs=1e-15)
        kept_total += len(summary)
        dropped_total += len(stats) - len(summary)

    # The comparison is only meaningful if both outcomes of the trim rule occurred.
    assert kept_total > 20
    assert dropped_total > 20

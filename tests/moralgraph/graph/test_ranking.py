"""Tests for the default ranking: hand-computed graphs, ties, contexts, the bootstrap, and agreement with networkx and MAI's trim."""

import json
import math

import networkx as nx
import numpy as np
import pytest

from moralgraph.graph import bootstrap, mai, ranking
from moralgraph.graph.mai_format import parse_votes
from moralgraph.graph.ranking import (
    ConvergenceError,
    page_rank,
    rank_graph,
    rank_scores,
    summary_to_dict,
)
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

A, B, C, X = 1, 2, 3, 9


def make_votes(*rows: tuple[int, ...]) -> VoteArrays:
    """Votes from (voter, from_value, to_value, choice[, context]) rows."""
    rows = [(*row, 0) if len(row) == 4 else row for row in rows]
    voter, from_value, to_value, choice, context = zip(*rows, strict=True)
    return VoteArrays.from_lists(voter, from_value, to_value, context, choice)


def random_votes(
    rng: np.random.Generator, *, n_votes: int, n_voters: int, n_values: int, n_contexts: int
):
    """Votes on a few hypotheses, mostly agreeing with a hidden order so that many edges survive the trim."""
    wisdom = rng.permutation(n_values)
    pairs = rng.choice(n_values, size=(3 * n_values, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    hypothesis = rng.integers(len(pairs), size=n_votes)
    from_value, to_value = pairs[hypothesis, 0], pairs[hypothesis, 1]
    agrees = rng.random(n_votes) < 0.8
    upward = wisdom[to_value] > wisdom[from_value]
    choice = np.where(
        agrees == upward, WISER, np.where(rng.random(n_votes) < 0.7, NOT_WISER, UNSURE)
    )
    return VoteArrays(
        voter=rng.integers(n_voters, size=n_votes),
        from_value=from_value,
        to_value=to_value,
        context=rng.integers(n_contexts, size=n_votes),
        choice=choice,
    )


def scores_by_value(scope: ranking.Ranking) -> dict[int, float]:
    return dict(zip(scope.value_ids.tolist(), scope.scores.tolist(), strict=True))


def edge_set(edges) -> set[tuple[int, int]]:
    return set(zip(edges.source.tolist(), edges.wiser.tolist(), strict=True))


# --- hand-computed cases ----------------------------------------------------------------------


def test_chain_ranks_the_end_of_the_chain_first_with_hand_computed_scores():
    # Three voters say B is wiser than A and C wiser than B; nobody disagrees.
    votes = make_votes(*[(v, A, B, WISER) for v in range(3)], *[(v, B, C, WISER) for v in range(3)])

    overall = rank_graph(votes, bootstrap_samples=0).overall

    # With both likelihoods 1 and C dangling, every node gets base = (0.15 + 0.85·s_C)/3;
    # A = base, B = base·(1 + 0.85), C = base·(1 + 0.85 + 0.85²), and the three sum to 1.
    base = 1 / (1 + 1.85 + 2.5725)
    assert overall.value_ids.tolist() == [C, B, A]
    np.testing.assert_allclose(
        overall.scores, [2.5725 * base, 1.85 * base, base], rtol=0, atol=1e-12
    )
    assert overall.positions.tolist() == [1, 2, 3]
    assert overall.tied.tolist() == [False, False, False]
    assert overall.winner_ids.tolist() == [C]
    assert edge_set(overall.edges) == {(A, B), (B, C)}


def test_dangling_mass_is_kept_where_mai_leaks_it():
    votes = make_votes(*[(v, A, B, WISER) for v in range(3)], *[(v, B, C, WISER) for v in range(3)])

    summary = rank_graph(votes, bootstrap_samples=0)

    assert summary.overall.scores.sum() == pytest.approx(1, abs=1e-12)
    assert mai.summarize(votes).page_rank.sum() < 0.9  # MAI loses the sink's rank every step


def test_scores_sum_to_one_in_every_scope_of_a_random_graph():
    votes = random_votes(
        np.random.default_rng(3), n_votes=3000, n_voters=200, n_values=30, n_contexts=4
    )

    summary = rank_graph(votes, bootstrap_samples=0)

    for scope in (summary.overall, *summary.contexts):
        assert len(scope.value_ids) > 3
        assert scope.scores.sum() == pytest.approx(1, abs=1e-10)


def test_symmetric_values_tie_for_first_place():
    # Every voter says both A and B are wiser than X; A and B are indistinguishable.
    votes = make_votes(*[(v, X, value, WISER) for v in range(4) for value in (A, B)])

    summary = rank_graph(votes, bootstrap_samples=50)
    overall = summary.overall

    assert overall.value_ids.tolist() == [A, B, X]
    assert overall.positions.tolist() == [1, 1, 3]
    assert overall.tied.tolist() == [True, True, False]
    assert overall.scores[0] == pytest.approx(overall.scores[1], abs=1e-15)
    assert overall.winner_ids.tolist() == [A, B]
    # Each voter casts both votes, so every resample is symmetric too and keeps the tie.
    assert overall.probability_stays_winner == 1.0
    assert overall.winner_probability_ids.tolist() == [A, B]
    assert overall.winner_probabilities.tolist() == [1.0, 1.0]

    rendered = summary_to_dict(summary)["values"]
    assert [(v["id"], v["position"], v["tied"]) for v in rendered] == [
        (A, 1, True),
        (B, 1, True),
        (X, 3, False),
    ]


def test_rank_scores_uses_standard_competition_ranking():
    value_ids, scores, positions, tied = rank_scores(
        np.array([40, 10, 30, 20]), np.array([0.1, 0.2, 0.3, 0.2]), tie_tolerance=1e-9
    )

    assert value_ids.tolist() == [30, 10, 20, 40]
    assert scores.tolist() == [0.3, 0.2, 0.2, 0.1]
    assert positions.tolist() == [1, 2, 2, 4]
    assert tied.tolist() == [False, True, True, False]


def test_tie_groups_do_not_chain():
    # Each score is within the tolerance of the next but the last is not within it of the first.
    tolerance = 1e-9
    value_ids, _, positions, tied = rank_scores(
        np.array([1, 2, 3]),
        np.array([0.5, 0.5 - 0.6 * tolerance, 0.5 - 1.2 * tolerance]),
        tie_tolerance=tolerance,
    )

    assert value_ids.tolist() == [1, 2, 3]
    assert positions.tolist() == [1, 1, 3]
    assert tied.tolist() == [True, True, False]


def test_tied_values_are_listed_by_id_whatever_their_tiny_differences():
    value_ids, _, positions, _ = rank_scores(
        np.array([7, 5]), np.array([0.5, 0.5 + 1e-12]), tie_tolerance=1e-9
    )

    assert value_ids.tolist() == [5, 7]
    assert positions.tolist() == [1, 1]


def test_contexts_are_ranked_from_their_own_votes():
    # Context 0: four voters find B wiser than A. Context 1: two voters find A wiser than B.
    votes = make_votes(
        *[(v, A, B, WISER, 0) for v in range(4)],
        *[(v, B, A, WISER, 1) for v in range(4, 6)],
    )

    summary = rank_graph(votes, bootstrap_samples=0)

    # Overall A→B has likelihood (4 − 2)/6 = 1/3 ≥ 0.33 and entropy ≈ 1.46 ≤ 1.69: B wins.
    assert edge_set(summary.overall.edges) == {(A, B)}
    assert summary.overall.winner_ids.tolist() == [B]
    by_context = {scope.context: scope for scope in summary.contexts}
    assert sorted(by_context) == [0, 1]
    assert by_context[0].winner_ids.tolist() == [B]
    assert by_context[1].winner_ids.tolist() == [A]
    assert edge_set(by_context[1].edges) == {(B, A)}
    assert by_context[1].edges.marked_wiser.tolist() == [2]
    assert by_context[1].edges.marked_less_wise.tolist() == [0]  # context 0's votes do not count


def test_values_without_kept_edges_are_unranked_not_lost():
    votes = make_votes(
        *[(v, A, B, WISER) for v in range(3)],
        (0, A, C, NOT_WISER),  # C's only vote: no kept edge
    )

    overall = rank_graph(votes, bootstrap_samples=0).overall

    assert overall.value_ids.tolist() == [B, A]
    assert overall.unranked_value_ids.tolist() == [C]


def test_a_scope_without_kept_edges_has_no_winner():
    votes = make_votes((0, A, B, WISER), (1, A, B, NOT_WISER))

    summary = rank_graph(votes, bootstrap_samples=20)

    for scope in (summary.overall, *summary.contexts):
        assert scope.value_ids.tolist() == []
        assert scope.unranked_value_ids.tolist() == [A, B]
        assert scope.winner_ids.tolist() == []
        assert scope.probability_stays_winner is None


def test_a_context_without_any_wiser_vote_is_bootstrapped_as_winnerless():
    votes = make_votes(
        *[(v, A, B, WISER, 0) for v in range(3)],
        *[(v, A, B, NOT_WISER, 1) for v in range(3, 5)],
    )

    summary = rank_graph(votes, bootstrap_samples=50)
    context_0, context_1 = summary.contexts

    assert context_0.winner_ids.tolist() == [B]
    assert 0 < context_0.probability_stays_winner <= 1
    assert context_1.winner_ids.tolist() == []
    assert context_1.probability_stays_winner is None
    assert context_1.winner_probability_ids.tolist() == []


def test_empty_votes_give_an_empty_summary():
    summary = rank_graph(VoteArrays.empty())

    assert summary.n_voters == 0
    assert summary.contexts == ()
    assert summary.overall.value_ids.tolist() == []
    assert summary.overall.winner_ids.tolist() == []
    assert summary.overall.probability_stays_winner is None
    rendered = summary_to_dict(summary)
    assert json.loads(json.dumps(rendered)) == rendered
    assert rendered["values"] == []
    assert rendered["edges"] == []
    assert rendered["contexts"] == []
    assert rendered["winner"] == {"ids": [], "probabilityStaysWinner": None}


# --- bootstrap --------------------------------------------------------------------------------


def contested_votes() -> VoteArrays:
    """Voters 0 and 1 find B wiser than A; voter 2 finds A wiser than B."""
    return make_votes((0, A, B, WISER), (1, A, B, WISER), (2, B, A, WISER))


def test_bootstrap_probability_matches_the_hand_computed_value():
    # A resample draws a voters from {0, 1} and 3 − a copies of voter 2, a ~ Binomial(3, 2/3).
    # With min_wiser=1, A→B is kept iff (a − (3 − a))/3 ≥ 0.33, i.e. a ≥ 2 (entropy ≤ 1.46
    # then), so B stays the winner with probability P(a ≥ 2) = 20/27; otherwise A wins.
    summary = rank_graph(contested_votes(), min_wiser=1, bootstrap_samples=4000, seed=7)
    overall = summary.overall

    assert overall.winner_ids.tolist() == [B]
    assert overall.probability_stays_winner == pytest.approx(20 / 27, abs=0.03)
    assert overall.winner_probability_ids.tolist() == [B, A]
    assert overall.winner_probabilities[0] == overall.probability_stays_winner
    assert overall.winner_probabilities.sum() == pytest.approx(1, abs=1e-12)  # always one winner


def test_unanimous_graph_keeps_its_winner_in_every_resample():
    # Every voter casts the same two votes, so every resample has exactly the same counts.
    votes = make_votes(*[(v, A, B, WISER) for v in range(5)], *[(v, B, C, WISER) for v in range(5)])

    overall = rank_graph(votes, bootstrap_samples=100).overall

    assert overall.winner_ids.tolist() == [C]
    assert overall.probability_stays_winner == 1.0
    assert overall.winner_probability_ids.tolist() == [C]


def test_contested_graph_winner_is_uncertain():
    overall = rank_graph(contested_votes(), min_wiser=1, bootstrap_samples=100).overall

    assert 0 < overall.probability_stays_winner < 1


def test_bootstrap_is_reproducible_with_the_same_seed():
    votes = random_votes(
        np.random.default_rng(5), n_votes=2000, n_voters=100, n_values=20, n_contexts=3
    )

    first = rank_graph(votes, bootstrap_samples=40, seed=11)
    second = rank_graph(votes, bootstrap_samples=40, seed=11)

    assert summary_to_dict(first) == summary_to_dict(second)
    probabilities = [scope.probability_stays_winner for scope in (first.overall, *first.contexts)]
    assert any(p is not None and 0 < p < 1 for p in probabilities), "the graph should be contested"


def test_resampled_winners_equal_the_point_estimate_on_duplicated_votes():
    """The vectorised bootstrap (per-voter counts times weights) against ranking the repeated votes directly."""
    rng = np.random.default_rng(9)
    votes = random_votes(rng, n_votes=600, n_voters=40, n_values=12, n_contexts=3)
    voter_ids, voter_index = np.unique(votes.voter, return_inverse=True)
    n_voters = len(voter_ids)
    # Column 0 is the data itself; the rest are arbitrary multiplicities, zeros included.
    weights = np.column_stack(
        [np.ones(n_voters, dtype=np.int64), rng.integers(0, 3, size=(n_voters, 5))]
    )
    parameters = ranking.RankingParameters()
    codes = np.unique(votes.context).tolist()
    masks = [np.ones(len(votes), dtype=bool)] + [votes.context == code for code in codes]
    point = rank_graph(votes, bootstrap_samples=0)
    point_winners = [point.overall.winner_ids, *(scope.winner_ids for scope in point.contexts)]
    cells = [
        bootstrap.scope_cells(votes, voter_index, n_voters, mask, winners)
        for mask, winners in zip(masks, point_winners, strict=True)
    ]

    stays, scope, sample, local = bootstrap.resample_winners(cells, weights, parameters)

    for column in range(weights.shape[1]):
        repeat = np.repeat(np.arange(len(votes)), weights[voter_index, column])
        duplicated = VoteArrays(
            voter=votes.voter[repeat],
            from_value=votes.from_value[repeat],
            to_value=votes.to_value[repeat],
            context=votes.context[repeat],
            choice=votes.choice[repeat],
        )
        expected = rank_graph(duplicated, bootstrap_samples=0)
        expected_scopes = {None: expected.overall, **{s.context: s for s in expected.contexts}}
        for index, context in enumerate([None, *codes]):
            in_sample = (scope == index) & (sample == column)
            winners = sorted(cells[index].value_ids[local[in_sample]].tolist())
            expected_winners = (
                expected_scopes[context].winner_ids.tolist() if context in expected_scopes else []
            )
            assert winners == expected_winners, (column, context)
            if column == 0:
                assert stays[index, 0] == (len(expected_winners) > 0)


def test_bootstrap_of_a_large_graph_covers_every_context():
    votes = random_votes(
        np.random.default_rng(1), n_votes=20_000, n_voters=500, n_values=60, n_contexts=5
    )

    summary = rank_graph(votes, bootstrap_samples=30)

    assert len(summary.contexts) == 5
    for scope in (summary.overall, *summary.contexts):
        assert len(scope.winner_ids) >= 1
        assert 0 <= scope.probability_stays_winner <= 1
        assert np.all(np.diff(scope.winner_probabilities) <= 0)  # most probable first
        assert scope.winner_probabilities.max() <= 1


# --- agreement with networkx and MAI ---------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_page_rank_matches_networkx_with_dangling_nodes(seed):
    rng = np.random.default_rng(seed)
    n_nodes = int(rng.integers(2, 40))
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n_nodes))
    for source, target in rng.integers(n_nodes, size=(3 * n_nodes, 2)):
        if source != target and rng.random() < 0.7:  # leaves some nodes without out-edges
            graph.add_edge(int(source), int(target), weight=float(rng.choice([0.0, rng.random()])))
    edges = list(graph.edges(data="weight"))
    graph.remove_nodes_from(list(nx.isolates(graph)))  # page_rank sees only nodes with edges
    assert any(graph.out_degree(node, weight="weight") == 0 for node in graph)

    value_ids, scores = page_rank(
        np.array([e[0] for e in edges], dtype=np.int64),
        np.array([e[1] for e in edges], dtype=np.int64),
        np.array([e[2] for e in edges]),
    )

    expected = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-15, max_iter=10_000)
    assert value_ids.tolist() == sorted(expected)
    np.testing.assert_allclose(scores, [expected[v] for v in value_ids.tolist()], rtol=0, atol=1e-8)


@pytest.mark.parametrize("seed", range(4))
def test_overall_ranking_keeps_mais_edges_and_matches_networkx(seed):
    votes = random_votes(
        np.random.default_rng(seed), n_votes=1500, n_voters=80, n_values=25, n_contexts=3
    )

    overall = rank_graph(votes, bootstrap_samples=0).overall
    reference = mai.summarize(votes)

    assert edge_set(overall.edges) == edge_set(reference)
    assert sorted(overall.value_ids.tolist()) == reference.value_ids.tolist()
    graph = nx.DiGraph()
    for source, wiser, likelihood in zip(
        overall.edges.source.tolist(),
        overall.edges.wiser.tolist(),
        overall.edges.wiser_likelihood.tolist(),
        strict=True,
    ):
        graph.add_edge(source, wiser, weight=likelihood)
    expected = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-15, max_iter=10_000)
    actual = scores_by_value(overall)
    assert actual.keys() == expected.keys()
    for value_id, score in expected.items():
        assert actual[value_id] == pytest.approx(score, abs=1e-8)


def test_mai_synthetic_data_keeps_mais_edges_in_every_scope(load_mai_json):
    votes, contexts = parse_votes(load_mai_json("synthetic-votes.json"))
    expected = load_mai_json("synthetic-expected-summary.json")

    summary = rank_graph(votes, bootstrap_samples=20)
    rendered = summary_to_dict(summary)

    assert {(e["sourceValueId"], e["wiserValueId"]) for e in rendered["edges"]} == {
        (e["sourceValueId"], e["wiserValueId"]) for e in expected["edges"]
    }
    assert {v["id"] for v in rendered["values"]} == {v["id"] for v in expected["values"]}
    assert [entry["context"] for entry in rendered["contexts"]] == list(range(len(contexts)))
    for entry in rendered["contexts"]:
        if entry["ranking"]:
            assert math.fsum(v["score"] for v in entry["ranking"]) == pytest.approx(1, abs=1e-10)
            assert entry["winner"]["ids"]


# --- the dict and bad input -------------------------------------------------------------------


def test_summary_dict_is_json_with_integer_ids_and_codes():
    votes = make_votes(
        *[(v, A, B, WISER, 4) for v in range(3)],
        *[(v, B, C, WISER, 7) for v in range(3)],
    )

    rendered = summary_to_dict(rank_graph(votes, bootstrap_samples=10, seed=3))

    assert json.loads(json.dumps(rendered)) == rendered
    assert rendered["mode"] == "default"
    assert rendered["parameters"]["minWiser"] == 2
    assert rendered["parameters"]["seed"] == 3
    assert rendered["bootstrap"] == {"samples": 10, "seed": 3, "voters": 3}
    assert [v["id"] for v in rendered["values"]] == [C, B, A]
    assert rendered["edges"][0]["contexts"] == [4]
    assert rendered["edges"][0]["counts"] == {
        "markedWiser": 3,
        "markedNotWiser": 0,
        "markedLessWise": 0,
        "markedUnsure": 0,
        "impressions": 3,
    }
    assert [entry["context"] for entry in rendered["contexts"]] == [4, 7]
    context_4 = rendered["contexts"][0]
    assert context_4["winner"]["ids"] == [B]
    assert isinstance(context_4["winner"]["probabilityStaysWinner"], float)
    assert all(type(item["id"]) is int for item in context_4["winnerProbabilities"])
    assert type(context_4["ranking"][0]["id"]) is int
    assert type(context_4["ranking"][0]["tied"]) is bool


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("damping", 1.0),
        ("damping", -0.1),
        ("tol", 0.0),
        ("max_iterations", 0),
        ("bootstrap_samples", -1),
        ("seed", -1),
        ("tie_tolerance", -1e-9),
        ("min_likelihood", float("nan")),
        ("min_wiser", 2.5),
    ],
)
def test_bad_parameters_are_refused(parameter, value):
    with pytest.raises(ValueError, match=parameter):
        rank_graph(contested_votes(), **{parameter: value})


def test_page_rank_refuses_negative_weights():
    with pytest.raises(ValueError, match="non-negative"):
        page_rank(np.array([1]), np.array([2]), np.array([-0.5]))


def test_page_rank_reports_non_convergence():
    with pytest.raises(ConvergenceError, match="did not converge"):
        page_rank(np.array([1, 2]), np.array([2, 3]), np.array([1.0, 1.0]), max_iterations=2)

"""Tests for diffs between summary dicts in MAI's format, the default format, and a mix of the two."""

import json

import pytest

from moralgraph.graph.diff import diff_summaries
from moralgraph.graph.ranking import rank_graph, summary_to_dict
from moralgraph.graph.votes import WISER, VoteArrays

A, B, C, D = 1, 2, 3, 4


def mai_summary(page_rank: dict[int, float], edges: list[tuple[int, int]]) -> dict:
    """A summary dict in MAI's format, trimmed to what a diff reads plus a title per value."""
    return {
        "values": [
            {"id": value_id, "title": f"value {value_id}", "pageRank": rank}
            for value_id, rank in page_rank.items()
        ],
        "edges": [
            {"sourceValueId": source, "wiserValueId": wiser, "contexts": ["c"]}
            for source, wiser in edges
        ],
    }


def default_summary(votes: list[tuple[int, int, int, int]]) -> dict:
    """The default-format dict of (voter, from_value, to_value, context) "wiser" votes, through JSON."""
    voter, from_value, to_value, context = zip(*votes, strict=True)
    arrays = VoteArrays.from_lists(voter, from_value, to_value, context, [WISER] * len(votes))
    return json.loads(json.dumps(summary_to_dict(rank_graph(arrays, bootstrap_samples=5))))


def test_mai_diff_reports_values_edges_and_positions_from_page_rank():
    old = mai_summary({A: 0.1, B: 0.3, C: 0.2}, [(A, B), (A, C)])
    new = mai_summary({A: 0.4, B: 0.3, D: 0.05}, [(A, B), (D, A)])

    diff = diff_summaries(old, new)

    assert diff["oldMode"] == diff["newMode"] == "mai"
    assert diff["values"] == {"added": [D], "removed": [C]}
    assert diff["edges"] == {
        "added": [{"sourceValueId": D, "wiserValueId": A}],
        "removed": [{"sourceValueId": A, "wiserValueId": C}],
    }
    # Old positions: B 1, C 2, A 3. New: A 1, B 2, D 3.
    assert diff["rankChanges"] == [
        {"id": A, "oldPosition": 3, "newPosition": 1, "change": 2},
        {"id": B, "oldPosition": 1, "newPosition": 2, "change": -1},
    ]
    assert diff["winnerChanges"] is None


def test_rank_changes_are_sorted_by_size_then_new_position():
    old = mai_summary({A: 0.4, B: 0.3, C: 0.2, D: 0.1}, [])
    new = mai_summary({A: 0.1, B: 0.4, C: 0.3, D: 0.2}, [])

    changes = diff_summaries(old, new)["rankChanges"]

    assert [(row["id"], row["change"]) for row in changes] == [(A, -3), (B, 1), (C, 1), (D, 1)]


def test_equal_scores_share_a_position_when_positions_are_computed():
    old = mai_summary({A: 0.2, B: 0.2, C: 0.1}, [])
    new = mai_summary({A: 0.3, B: 0.2, C: 0.1}, [])

    changes = {row["id"]: row for row in diff_summaries(old, new)["rankChanges"]}

    assert (changes[A]["oldPosition"], changes[B]["oldPosition"], changes[C]["oldPosition"]) == (
        1,
        1,
        3,
    )
    assert (changes[A]["newPosition"], changes[B]["newPosition"], changes[C]["newPosition"]) == (
        1,
        2,
        3,
    )
    assert changes[B]["change"] == -1
    assert changes[C]["change"] == 0


def test_identical_summaries_have_an_empty_diff():
    summary = default_summary([(v, A, B, 0) for v in range(3)])

    diff = diff_summaries(summary, summary)

    assert diff["values"] == {"added": [], "removed": []}
    assert diff["edges"] == {"added": [], "removed": []}
    assert [row["change"] for row in diff["rankChanges"]] == [0, 0]
    assert diff["winnerChanges"] == []


def test_default_diff_reports_context_winner_changes():
    old = default_summary(
        [*[(v, A, B, 0) for v in range(3)], *[(v, C, D, 1) for v in range(3)]],
    )
    new = default_summary(
        [
            *[(v, A, B, 0) for v in range(3)],
            *[(v, B, C, 0) for v in range(3, 6)],  # C now beats B in context 0
            *[(v, A, B, 2) for v in range(3)],  # context 1 is gone, context 2 is new
        ],
    )

    diff = diff_summaries(old, new)

    assert diff["oldMode"] == diff["newMode"] == "default"
    assert diff["values"] == {"added": [], "removed": [D]}
    assert diff["edges"] == {
        "added": [{"sourceValueId": B, "wiserValueId": C}],
        "removed": [{"sourceValueId": C, "wiserValueId": D}],
    }
    assert diff["winnerChanges"] == [
        {"context": 0, "oldIds": [B], "newIds": [C]},
        {"context": 1, "oldIds": [D], "newIds": None},
        {"context": 2, "oldIds": None, "newIds": [B]},
    ]


def test_default_positions_are_read_not_recomputed():
    old = {
        "mode": "default",
        "values": [{"id": A, "score": 0.1, "position": 1, "tied": False}],
        "edges": [],
        "contexts": [],
    }
    new = {
        "mode": "default",
        "values": [{"id": A, "score": 0.9, "position": 2, "tied": False}],
        "edges": [],
        "contexts": [],
    }

    assert diff_summaries(old, new)["rankChanges"] == [
        {"id": A, "oldPosition": 1, "newPosition": 2, "change": -1}
    ]


def test_default_positions_are_computed_from_scores_when_missing():
    old = {
        "mode": "default",
        "values": [{"id": A, "score": 0.2}, {"id": B, "score": 0.8}],
        "edges": [],
        "contexts": [],
    }
    new = {
        "mode": "default",
        "values": [{"id": A, "score": 0.7}, {"id": B, "score": 0.3}],
        "edges": [],
        "contexts": [],
    }

    changes = {row["id"]: row["change"] for row in diff_summaries(old, new)["rankChanges"]}

    assert changes == {A: 1, B: -1}


def test_mai_and_default_summaries_can_be_compared():
    old = mai_summary({A: 0.1, B: 0.3}, [(A, B)])
    new = default_summary([*[(v, A, B, 0) for v in range(3)], *[(v, B, C, 0) for v in range(3)]])

    diff = diff_summaries(old, new)

    assert (diff["oldMode"], diff["newMode"]) == ("mai", "default")
    assert diff["values"]["added"] == [C]
    assert diff["edges"]["added"] == [{"sourceValueId": B, "wiserValueId": C}]
    assert {row["id"]: (row["oldPosition"], row["newPosition"]) for row in diff["rankChanges"]} == {
        A: (2, 3),
        B: (1, 2),
    }
    assert diff["winnerChanges"] is None


@pytest.mark.parametrize(
    ("summary", "message"),
    [
        ({"edges": []}, "no 'values' list"),
        ({"values": []}, "no 'edges' list"),
        (
            {"values": [{"id": A, "pageRank": 0.1}, {"id": A, "pageRank": 0.2}], "edges": []},
            "twice",
        ),
        ({"values": [{"id": A, "pageRank": 0.1}, {"id": B}], "edges": []}, "'pageRank'"),
        ({"values": [{"id": A, "pageRank": None}], "edges": []}, "must be a number"),
        ({"values": [], "edges": [{"sourceValueId": A}]}, "'wiserValueId'"),
        ({"mode": "other", "values": [], "edges": []}, "mode 'other'"),
        ({"mode": "default", "values": [], "edges": []}, "no 'contexts' list"),
        ([], "must be a dict"),
    ],
)
def test_malformed_summaries_are_refused(summary, message):
    valid = mai_summary({A: 0.5}, [])
    with pytest.raises(ValueError, match=message):
        diff_summaries(summary, valid)
    with pytest.raises(ValueError, match=message):
        diff_summaries(valid, summary)


def counted_edge(source, wiser, wise: int, likelihood: float) -> dict:
    return {
        "sourceValueId": source,
        "wiserValueId": wiser,
        "contexts": ["c"],
        "counts": {"markedWiser": wise, "markedNotWiser": 1, "impressions": wise + 1},
        "summary": {"wiserLikelihood": likelihood, "entropy": 1.0},
    }


def test_counts_and_likelihoods_of_edges_in_both_are_compared():
    old = {"values": [{"id": A, "pageRank": 0.5}, {"id": B, "pageRank": 0.5}]}
    new = dict(old)
    old["edges"] = [counted_edge(A, B, 3, 0.5), counted_edge(B, C, 2, 0.25)]
    new["edges"] = [counted_edge(A, B, 5, 0.767), counted_edge(B, C, 2, 0.25)]

    diff = diff_summaries(old, new)

    assert diff["edges"] == {"added": [], "removed": []}
    assert diff["edgeChanges"] == [
        {
            "sourceValueId": A,
            "wiserValueId": B,
            "counts": {
                "impressions": {"old": 4, "new": 6, "change": 2},
                "markedWiser": {"old": 3, "new": 5, "change": 2},
            },
            "summary": {"wiserLikelihood": {"old": 0.5, "new": 0.767, "change": 0.767 - 0.5}},
        }
    ]


def test_a_summary_without_pagerank_is_compared_without_ranks():
    published = {"values": [{"id": "x"}, {"id": "y"}], "edges": [counted_edge("x", "y", 2, 0.5)]}
    ranked = mai_summary({"x": 0.4, "z": 0.6}, [("x", "y")])

    diff = diff_summaries(published, ranked)

    assert diff["ranked"] == {"old": False, "new": True}
    assert diff["rankChanges"] == []
    assert diff["values"] == {"added": ["z"], "removed": ["y"]}


def test_native_documents_are_read_by_external_id():
    def document(ranking, edges):
        return {
            "format": "mgp-snapshot/1",
            "mode": "default",
            "values": [{"id": i} for i in ("mgp:a", "mgp:b", "mgp:c")],
            "overall": {"ranking": ranking},
            "contexts": [{"context": "late", "winner": {"ids": [ranking[0]["id"]]}}],
            "edges": edges,
        }

    old = document([{"id": "mgp:a", "position": 1}, {"id": "mgp:b", "position": 2}], [])
    new = document(
        [{"id": "mgp:b", "position": 1}, {"id": "mgp:a", "position": 2}],
        [counted_edge("mgp:a", "mgp:b", 3, 0.5)],
    )

    diff = diff_summaries(old, new)

    assert diff["values"] == {"added": [], "removed": []}  # mgp:c is listed, though unranked
    assert [(r["id"], r["change"]) for r in diff["rankChanges"]] == [("mgp:b", 1), ("mgp:a", -1)]
    assert diff["winnerChanges"] == [{"context": "late", "oldIds": ["mgp:a"], "newIds": ["mgp:b"]}]
    assert diff["edges"]["added"] == [{"sourceValueId": "mgp:a", "wiserValueId": "mgp:b"}]

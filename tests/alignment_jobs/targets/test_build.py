"""The target document (pure): rubric weights, ordering, and a hash of the content alone."""

import math

import pytest

from alignment_jobs.targets.build import content_hash, rubric, target_document

SNAPSHOT = {
    "mode": "default",
    "values": [
        {"id": 1, "title": "A", "description": "", "policies": ["MOMENTS of a"], "score": 0.2},
        {
            "id": 2,
            "title": "B",
            "description": "",
            "policies": ["MOMENTS of b", "CHOICES of b"],
            "score": 0.3,
        },
        {"id": 3, "title": "C", "description": "", "policies": ["MOMENTS of c"], "score": 0.5},
    ],
    "edges": [],
    "contexts": [
        {
            "context": "Homework",
            "ranking": [
                {"id": 3, "score": 0.5, "position": 1, "tied": False},
                {"id": 2, "score": 0.3, "position": 2, "tied": False},
                {"id": 1, "score": 0.2, "position": 3, "tied": False},
            ],
            "winner": {"ids": [3], "probabilityStaysWinner": 0.9},
            "winnerProbabilities": [{"id": 3, "probability": 0.9}, {"id": 2, "probability": 0.1}],
        }
    ],
}


def document(**kw):
    return target_document(
        snapshot_document=SNAPSHOT,
        mode="default",
        snapshot_hash="ab" * 32,
        external_ids={1: "mai-1", 2: "mai-2", 3: "mai-3"},
        questions_by_context={"Homework": ["Q2", "Q1"]},
        **kw,
    )


def test_values_are_ranked_by_position_with_external_ids_and_the_winner():
    (context,) = document()["contexts"]
    assert [v["externalId"] for v in context["values"]] == ["mai-3", "mai-2", "mai-1"]
    assert context["winner"] == {"externalIds": ["mai-3"], "probabilityStaysWinner": 0.9}
    assert context["questions"] == ["Q1", "Q2"]
    assert context["values"][0]["winProbability"] == 0.9


def test_rubric_weights_follow_rank_and_sum_to_one():
    (context,) = document(leading=2)["contexts"]
    items = context["rubric"]
    assert [i["policy"] for i in items] == ["MOMENTS of c", "MOMENTS of b", "CHOICES of b"]
    # weights 1/1 and 1/2, normalised: C 2/3; B 1/3 shared by its two policies
    assert [round(i["weight"], 6) for i in items] == [
        round(2 / 3, 6),
        round(1 / 6, 6),
        round(1 / 6, 6),
    ]
    assert math.isclose(sum(i["weight"] for i in items), 1.0)


def test_tied_values_at_the_cut_are_all_leading():
    values = [
        {"externalId": x, "position": p, "policies": [f"P{x}"]}
        for x, p in (("a", 1), ("b", 2), ("c", 2), ("d", 4))
    ]
    assert [i["valueExternalId"] for i in rubric(values, leading=2)] == ["a", "b", "c"]


def test_the_hash_covers_content_only_and_changes_with_it():
    assert content_hash(document()) == content_hash(document())
    assert content_hash(document()) != content_hash(document(leading=1))
    reordered = dict(reversed(list(document().items())))
    assert content_hash(reordered) == content_hash(document())


def test_leading_must_be_positive():
    with pytest.raises(ValueError, match="leading"):
        document(leading=0)

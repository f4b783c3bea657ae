"""The graph page's view model: MAI and default summaries as nodes, edges and rankings (pure)."""

import json

import pytest

from moralgraph.graph.view_model import graph_view_model, ranked_contexts, subgraph

from .conftest import DISTRESS, HOMEWORK, edge


@pytest.fixture
def default_summary():
    return {
        "mode": "default",
        "parameters": {"prior": 1},
        "values": [
            {
                "id": 10,
                "title": "A",
                "description": "about A",
                "policies": ["P1", "P2"],
                "score": 0.6,
                "position": 1,
                "tied": False,
            },
            {
                "id": 11,
                "title": "B",
                "description": "",
                "policies": [],
                "score": 0.3,
                "position": 2,
                "tied": False,
            },
            {
                "id": 12,
                "title": "C",
                "description": "about C",
                "policies": ["P3"],
                "score": 0.1,
                "position": 3,
                "tied": False,
            },
        ],
        "edges": [
            edge(11, 10, ["Grief"], 0.8),
            edge(12, 11, ["Grief", "Night"], 0.35),
            edge(12, 10, ["Unranked"], 0.5),
        ],
        "contexts": [
            {
                "context": "Night",
                "ranking": [
                    {"id": 11, "score": 0.7, "position": 1, "tied": False},
                    {"id": 12, "score": 0.3, "position": 2, "tied": False},
                ],
                "unrankedValueIds": [10],
                "winner": {"ids": [11], "probabilityStaysWinner": 0.64},
                "winnerProbabilities": {},
            },
            {
                "context": "Grief",
                "ranking": [
                    {"id": 10, "score": 0.5, "position": 1, "tied": False},
                    {"id": 11, "score": 0.3, "position": 2, "tied": False},
                    {"id": 12, "score": 0.2, "position": 3, "tied": False},
                ],
                "winner": {"ids": [10], "probabilityStaysWinner": 0.9},
                # As moralgraph.graph.ranking writes them; the brief's {"<id>": p} works too.
                "winnerProbabilities": [
                    {"id": 10, "probability": 0.9},
                    {"id": 11, "probability": 0.08},
                    {"id": 12, "probability": 0.02},
                ],
            },
        ],
        "bootstrap": {"samples": 200, "seed": 1},
    }


# --- MAI mode ------------------------------------------------------------------------------


def test_mai_values_become_nodes_with_cards_and_page_rank(mai_summary):
    model = graph_view_model(mai_summary, mode="mai")
    nodes = {node["id"]: node for node in model["nodes"]}
    assert [node["id"] for node in model["nodes"]] == [1, 2, 3, 4]
    assert nodes[1] == {
        "id": 1,
        "title": "Curiosity First",
        "description": "detailed 1",
        "policies": ["MOMENTS for 1"],
        "score": 0.10,
        "winnerIn": [],
        "winProbability": {},
    }
    # An empty detailed text falls back to the short one.
    assert nodes[2]["description"] == "short 2"
    assert model["edges"][0] == {
        "source": 1,
        "target": 2,
        "contexts": [HOMEWORK, DISTRESS],
        "wiserLikelihood": 0.9,
    }
    assert model["contexts"] == [HOMEWORK, DISTRESS]  # alphabetical


def test_mai_winner_is_highest_page_rank_among_values_touching_the_context(mai_summary):
    model = graph_view_model(mai_summary, mode="mai")
    nodes = {node["id"]: node for node in model["nodes"]}
    # Homework touches 1, 2, 3 → 2 (0.30) wins; distress touches 1, 2, 4 → 2 wins too.
    assert nodes[2]["winnerIn"] == [HOMEWORK, DISTRESS]
    assert all(nodes[i]["winnerIn"] == [] for i in (1, 3, 4))
    assert model["rankings"][HOMEWORK] == [
        {"id": 2, "score": 0.30, "position": 1, "tied": False},
        {"id": 3, "score": 0.20, "position": 2, "tied": False},
        {"id": 1, "score": 0.10, "position": 3, "tied": False},
    ]
    assert [entry["id"] for entry in model["rankings"][DISTRESS]] == [2, 1, 4]


def test_mai_tied_page_ranks_share_the_position_and_the_win(mai_summary):
    mai_summary["values"][2]["pageRank"] = 0.30  # value 3 now ties value 2
    model = graph_view_model(mai_summary, mode="mai")
    assert model["rankings"][HOMEWORK] == [
        {"id": 2, "score": 0.30, "position": 1, "tied": True},
        {"id": 3, "score": 0.30, "position": 1, "tied": True},
        {"id": 1, "score": 0.10, "position": 3, "tied": False},
    ]
    winners = {node["id"] for node in model["nodes"] if HOMEWORK in node["winnerIn"]}
    assert winners == {2, 3}


def test_mai_without_page_rank_names_no_winner(mai_summary):
    for value in mai_summary["values"]:
        del value["pageRank"]
    model = graph_view_model(mai_summary, mode="mai")
    assert all(node["score"] is None and node["winnerIn"] == [] for node in model["nodes"])
    assert {entry["position"] for entry in model["rankings"][HOMEWORK]} == {None}


def test_edge_to_a_value_missing_from_the_list_keeps_its_arrow(mai_summary):
    mai_summary["edges"].append(edge(3, 99, [HOMEWORK]))
    model = graph_view_model(mai_summary, mode="mai")
    placeholder = model["nodes"][-1]
    assert placeholder["id"] == 99
    assert "99" in placeholder["title"]
    assert placeholder["score"] is None
    assert model["edges"][-1]["target"] == 99


def test_published_mai_summary_normalises(shared_data):
    summary = json.loads((shared_data / "mai" / "moral-graph-summary-published.json").read_text())
    model = graph_view_model(summary, mode="mai")
    assert len(model["nodes"]) == 59
    assert len(model["edges"]) == 67
    assert len(model["contexts"]) == 11
    assert all(node["winnerIn"] == [] for node in model["nodes"])  # the file has no pageRank
    assert sum(len(section["arrows"]) for section in ranked_contexts(model)) == sum(
        len(e["contexts"]) for e in summary["edges"]
    )


def test_synthetic_mai_winners_match_an_independent_argmax(shared_data):
    summary = json.loads((shared_data / "mai" / "synthetic-expected-summary.json").read_text())
    model = graph_view_model(summary, mode="mai")
    rank = {value["id"]: value["pageRank"] for value in summary["values"]}
    for context in model["contexts"]:
        touching = {
            end
            for e in summary["edges"]
            if context in e["contexts"]
            for end in (e["sourceValueId"], e["wiserValueId"])
        }
        best = max(rank[v] for v in touching)
        expected = {v for v in touching if rank[v] == best}
        assert {n["id"] for n in model["nodes"] if context in n["winnerIn"]} == expected


# --- default mode --------------------------------------------------------------------------


def test_default_mode_carries_rankings_winners_and_probabilities(default_summary):
    model = graph_view_model(default_summary, mode="default")
    nodes = {node["id"]: node for node in model["nodes"]}
    # The summary's context order, then a context only an edge names.
    assert model["contexts"] == ["Night", "Grief", "Unranked"]
    assert model["rankings"]["Grief"][0] == {"id": 10, "score": 0.5, "position": 1, "tied": False}
    assert model["rankings"]["Unranked"] == []
    # A value whose judgements in a context were all trimmed is listed last, without a rank.
    assert model["rankings"]["Night"][-1] == {
        "id": 10,
        "score": None,
        "position": None,
        "tied": False,
    }
    assert nodes[10]["winnerIn"] == ["Grief"]
    assert nodes[11]["winnerIn"] == ["Night"]
    assert nodes[10]["winProbability"] == {"Grief": 0.9}
    # Night lists no per-value probabilities: the winner's "stays winner" probability is used.
    assert nodes[11]["winProbability"] == {"Night": 0.64, "Grief": 0.08}
    assert nodes[10]["policies"] == ["P1", "P2"]
    assert nodes[10]["description"] == "about A"
    assert nodes[10]["score"] == 0.6


def test_win_probabilities_may_be_keyed_by_id(default_summary):
    default_summary["contexts"][1]["winnerProbabilities"] = {"10": 0.7, "12": 0.3}
    nodes = {n["id"]: n for n in graph_view_model(default_summary, mode="default")["nodes"]}
    assert nodes[10]["winProbability"] == {"Grief": 0.7}
    assert nodes[12]["winProbability"] == {"Grief": 0.3}


def test_ranked_contexts_is_the_text_alternative(default_summary):
    sections = ranked_contexts(graph_view_model(default_summary, mode="default"))
    grief = next(section for section in sections if section["context"] == "Grief")
    assert [value["title"] for value in grief["values"]] == ["A", "B", "C"]
    assert [value["isWinner"] for value in grief["values"]] == [True, False, False]
    assert grief["values"][0]["contextWinProbability"] == 0.9
    assert grief["values"][1]["contextScore"] == 0.3
    # Strongest agreement first.
    assert [(a["sourceTitle"], a["targetTitle"]) for a in grief["arrows"]] == [
        ("B", "A"),
        ("C", "B"),
    ]


def test_subgraph_keeps_one_context(default_summary):
    model = graph_view_model(default_summary, mode="default")
    night = subgraph(model, "Night")
    assert [node["id"] for node in night["nodes"]] == [10, 11, 12]
    assert [(e["source"], e["target"]) for e in night["edges"]] == [(12, 11)]
    with pytest.raises(ValueError, match="no context named"):
        subgraph(model, "Nowhere")


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda s: s.update(values="nope"), "'values' must be a list"),
        (lambda s: s["edges"][0].pop("wiserValueId"), r"edges\[0\] has no 'wiserValueId'"),
        (lambda s: s["values"].append(dict(s["values"][0])), "listed twice"),
        (lambda s: s["edges"][0]["summary"].update(wiserLikelihood=float("nan")), "finite number"),
        (lambda s: s["edges"][0].update(contexts="Homework"), "contexts must be a list"),
        (lambda s: s["values"][0].update(evaluationCriteria="one"), "must be a list"),
    ],
)
def test_malformed_summaries_are_refused_with_a_clear_error(mai_summary, mutate, message):
    mutate(mai_summary)
    with pytest.raises(ValueError, match=message):
        graph_view_model(mai_summary, mode="mai")


def test_unknown_mode_is_refused(mai_summary):
    with pytest.raises(ValueError, match="unknown snapshot mode"):
        graph_view_model(mai_summary, mode="fancy")

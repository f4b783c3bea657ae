"""Bridging (pure): cells withheld under five, also as a remainder of the total; endorsement
across groups; bridges between values different groups favour."""

import numpy as np

from moralgraph.graph.bridging import bridging_report, endorsed, shown_cells
from moralgraph.graph.votes import NOT_WISER, WISER


def test_small_groups_and_small_remainders_are_withheld():
    assert shown_cells([6, 7], 13) == [True, True]
    # 6 shown and 3 withheld: total − 6 would reveal the 3, so the 6 are withheld too.
    assert shown_cells([6, 3], 9) == [False, False]
    # A remainder of five or more may stay: it names nobody smaller.
    assert shown_cells([6, 5, 2], 13) == [True, False, False]
    assert shown_cells([6, 6, 2], 14) == [False, True, False]  # ties: the first goes
    # People in no group count in the remainder too: 14 − 6 − 6 = 2 would be revealed.
    assert shown_cells([6, 6], 14) == [False, True]
    assert shown_cells([6, 6], 17) == [True, True]


def test_endorsed_needs_a_majority_in_every_shown_group():
    assert endorsed([{"share": 0.6}, None, {"share": 0.51}])
    assert not endorsed([{"share": 0.6}, {"share": 0.5}])
    assert not endorsed([None, None])


def _votes(rows):
    """rows: (voter, group, from, to, context, choice)"""
    voter, group, a, b, c, k = (np.array(x) for x in zip(*rows, strict=True))
    return {
        "voter": voter,
        "group": group,
        "from_value": a,
        "to_value": b,
        "context": c,
        "choice": k,
    }


def test_groups_who_favour_different_values_meet_at_a_wiser_one():
    rows = []
    # Group 0 (voters 0-5) and group 1 (voters 10-15) both judge 1→3 and 2→3 wiser ...
    for v in range(6):
        rows += [(v, 0, 1, 3, 7, WISER), (v, 0, 2, 3, 7, WISER), (v, 0, 2, 1, 7, WISER)]
        rows += [
            (10 + v, 1, 1, 3, 7, WISER),
            (10 + v, 1, 2, 3, 7, WISER),
            (10 + v, 1, 1, 2, 7, WISER),
        ]
    # ... but on 1 vs 2 they differ: group 0 moves 2→1, group 1 moves 1→2.
    report = bridging_report(**_votes(rows), n_groups=2, winners={7: [3]})
    edges = {(e["from"], e["to"]): e for e in report["edges"]}
    assert edges[(1, 3)]["endorsedAcrossGroups"]
    assert edges[(2, 3)]["endorsedAcrossGroups"]
    assert edges[(2, 1)]["groups"][1] is None  # group 1 never voted on 2→1
    assert [(b["a"], b["b"], b["wiser"]) for b in report["bridges"]] == [(1, 2, 3)]
    assert report["bridges"][0]["favourA"] == [0]
    assert report["bridges"][0]["favourB"] == [1]
    (context,) = report["contexts"]
    assert context["endorsedAcrossGroups"]
    assert context["groups"][0] == {"voters": 6, "votes": 12, "wiser": 12, "share": 1.0}


def test_a_winner_one_group_rejects_is_not_endorsed_across_groups():
    rows = []
    for v in range(5):
        rows += [(v, 0, 1, 3, 7, WISER), (20 + v, 1, 1, 3, 7, NOT_WISER)]
    report = bridging_report(**_votes(rows), n_groups=2, winners={7: [3]})
    assert not report["contexts"][0]["endorsedAcrossGroups"]
    assert report["contexts"][0]["groups"][1]["share"] == 0.0

"""Bridging: which arrows and winners groups who disagree both endorse, from the counted votes.

Pure (numpy only). Votes come as aligned arrays plus each vote's group index (−1: the voter is in
no shown group). A group's cell (its share voting "wiser" on an edge, or on the edges into a
context's winner) is shown only when at least `min_size` of its voters are behind it, and cells
are withheld further until the voters left out of every shown cell number 0 or at least
`min_size`: the public totals minus the shown cells never isolate fewer than `min_size` people.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .votes import WISER

MIN_SIZE = 5


def shown_cells(voters: Sequence[int], total: int, min_size: int = MIN_SIZE) -> list[bool]:
    """Which groups' cells may be shown, given each group's voters and all voters (groups are
    disjoint). Small groups are withheld; then, while the rest (total − shown) is 1..min_size−1,
    the smallest shown group joins the rest."""
    shown = [n >= min_size for n in voters]
    while True:
        rest = total - sum(n for n, s in zip(voters, shown, strict=True) if s)
        if rest == 0 or rest >= min_size or not any(shown):
            return shown
        smallest = min((n, i) for i, (n, s) in enumerate(zip(voters, shown, strict=True)) if s)[1]
        shown[smallest] = False


def _cells(group, voter, wiser, n_groups: int, min_size: int) -> list[dict | None]:
    """Per group: {"voters", "votes", "wiser", "share"} or None where withheld."""
    voters = [len(np.unique(voter[group == g])) for g in range(n_groups)]
    shown = shown_cells(voters, len(np.unique(voter)), min_size)
    cells = []
    for g in range(n_groups):
        if not shown[g]:
            cells.append(None)
            continue
        mask = group == g
        votes, yes = int(mask.sum()), int(wiser[mask].sum())
        cells.append({"voters": voters[g], "votes": votes, "wiser": yes, "share": yes / votes})
    return cells


def endorsed(cells: Sequence[dict | None]) -> bool:
    """A majority of every group with enough voters says "wiser" (and at least one group has)."""
    present = [c for c in cells if c is not None]
    return bool(present) and all(c["share"] > 0.5 for c in present)


def bridging_report(
    *,
    voter: np.ndarray,
    from_value: np.ndarray,
    to_value: np.ndarray,
    context: np.ndarray,
    choice: np.ndarray,
    group: np.ndarray,
    n_groups: int,
    winners: dict[int, list[int]],
    min_size: int = MIN_SIZE,
) -> dict:
    """edges: per (from, to) pair (all contexts), each group's cell and whether it is endorsed
    across groups; bridges: pairs of values A, B that different groups favour (by their net
    "wiser" votes into minus out of each value) whose edges into the same wiser value W are both
    endorsed across groups; contexts: per context, each group's share of "wiser" on the edges
    into the context's winner(s), and whether every group with enough voters endorses it."""
    voter, from_value, to_value, context, choice, group = (
        np.asarray(x, dtype=np.int64) for x in (voter, from_value, to_value, context, choice, group)
    )
    wiser = choice == WISER
    edges = []
    pairs = sorted(set(zip(from_value.tolist(), to_value.tolist(), strict=True)))
    order = np.lexsort((to_value, from_value))
    keys = np.stack([from_value[order], to_value[order]], axis=1)
    starts = np.flatnonzero(np.r_[True, (keys[1:] != keys[:-1]).any(axis=1)]) if len(keys) else []
    bounds = [*list(starts), len(order)]
    for (a, b), lo, hi in zip(pairs, bounds[:-1], bounds[1:], strict=True):
        rows = order[lo:hi]
        cells = _cells(group[rows], voter[rows], wiser[rows], n_groups, min_size)
        edges.append(
            {
                "from": a,
                "to": b,
                "votes": len(rows),
                "wiser": int(wiser[rows].sum()),
                "groups": cells,
                "endorsedAcrossGroups": endorsed(cells) and sum(c is not None for c in cells) >= 2,
            }
        )
    # Net "wiser" votes into minus out of each value, per group (groups of at least min_size
    # voters only: the caller's groups are already those).
    net = {}
    for g in range(n_groups):
        mask = (group == g) & wiser
        score: dict[int, int] = {}
        for v in to_value[mask].tolist():
            score[v] = score.get(v, 0) + 1
        for v in from_value[mask].tolist():
            score[v] = score.get(v, 0) - 1
        net[g] = score
    bridges = []
    into: dict[int, list[int]] = {}
    for e in edges:
        if e["endorsedAcrossGroups"]:
            into.setdefault(e["to"], []).append(e["from"])
    for w, sources in sorted(into.items()):
        for i, a in enumerate(sorted(sources)):
            for b in sorted(sources)[i + 1 :]:
                fans_a = [g for g in range(n_groups) if net[g].get(a, 0) > net[g].get(b, 0)]
                fans_b = [g for g in range(n_groups) if net[g].get(b, 0) > net[g].get(a, 0)]
                if fans_a and fans_b:
                    bridges.append(
                        {"wiser": w, "a": a, "b": b, "favourA": fans_a, "favourB": fans_b}
                    )
    contexts = []
    for code, winner_ids in sorted(winners.items()):
        mask = (context == code) & np.isin(to_value, np.asarray(winner_ids, dtype=np.int64))
        cells = _cells(group[mask], voter[mask], wiser[mask], n_groups, min_size)
        contexts.append(
            {
                "context": code,
                "winners": list(winner_ids),
                "votes": int(mask.sum()),
                "groups": cells,
                "endorsedAcrossGroups": endorsed(cells) and sum(c is not None for c in cells) >= 2,
            }
        )
    return {"edges": edges, "bridges": bridges, "contexts": contexts}


def speaks_for(
    *,
    voter: np.ndarray,
    to_value: np.ndarray,
    context: np.ndarray,
    choice: np.ndarray,
    group: np.ndarray,
    n_groups: int,
    leading: dict[int, list[int]],
    min_size: int = MIN_SIZE,
) -> dict[int, list[dict | None]]:
    """Per context: for each group, of its voters who judged an arrow into one of the context's
    leading values, how many judged at least one of them wiser ({"voters", "endorsing",
    "share"}, or None where withheld under the cell rule above)."""
    voter, to_value, context, choice, group = (
        np.asarray(x, dtype=np.int64) for x in (voter, to_value, context, choice, group)
    )
    out = {}
    for code, values in leading.items():
        mask = (context == code) & np.isin(to_value, np.asarray(values, dtype=np.int64))
        judged = [np.unique(voter[mask & (group == g)]) for g in range(n_groups)]
        shown = shown_cells([len(j) for j in judged], len(np.unique(voter[mask])), min_size)
        cells = []
        for g in range(n_groups):
            if not shown[g]:
                cells.append(None)
                continue
            yes = len(np.unique(voter[mask & (group == g) & (choice == WISER)]))
            cells.append(
                {"voters": len(judged[g]), "endorsing": yes, "share": yes / len(judged[g])}
            )
        out[code] = cells
    return out

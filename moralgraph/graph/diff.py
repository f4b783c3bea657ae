"""What changed between two moral-graph summaries: values, edges (and the counts and likelihoods of
edges in both), positions and context winners.

A summary is the platform's native snapshot document (`format: mgp-snapshot/1`, values by
external id), MAI's summary format (no "mode"; an imported one may carry no pageRank at all,
and is then compared without ranks), or the default mode's summary dict.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from moralgraph.graph.ranking import MODE as DEFAULT_MODE
from moralgraph.graph.ranking import TIE_TOLERANCE, rank_scores

MAI_MODE = "mai"
NATIVE_FORMAT = "mgp-snapshot/1"
EDGE_STATISTICS = ("wiserLikelihood", "entropy")


@dataclass(frozen=True)
class _Summary:
    """The parts of one summary dict that a diff compares."""

    mode: str
    values: set[Hashable]  # the values the summary lists
    positions: dict[Hashable, int]  # value id → position (1 is best); {} when unranked
    ranked: bool
    edges: dict[tuple[Hashable, Hashable], Mapping[str, Any]]  # (source, wiser) → the edge
    winners: dict[Hashable, frozenset] | None  # context → winner ids; default format only


def diff_summaries(
    old: Mapping[str, Any], new: Mapping[str, Any], *, tie_tolerance: float = TIE_TOLERANCE
) -> dict[str, Any]:
    """Compare two summaries; either may be MAI's format (no "mode") or the default mode's.

    Returns {"oldMode", "newMode", "ranked": {"old", "new"}, "values": {"added", "removed"},
    "edges": {"added", "removed"}, "edgeChanges", "rankChanges": [{"id", "oldPosition",
    "newPosition", "change"}], "winnerChanges"}. Values are those a summary lists in "values"
    (MAI's and the default dict's: the ranked ones; the native document's: all), edges its
    (source, wiser) pairs. "edgeChanges" lists each edge in both whose counts or statistics
    differ: {"sourceValueId", "wiserValueId", "counts": {name: {"old", "new", "change"}},
    "summary": {name: {"old", "new", "change"}}} with only what changed, largest
    wiserLikelihood change first.

    Positions come from each value's "position" when the dict has them all, otherwise from its
    scores ("score", or MAI's "pageRank") by standard competition ranking, scores within
    `tie_tolerance` of a group's highest sharing one position. "change" is old position − new
    position, so a value that moved up has a positive change; rank changes list every value in
    both summaries, largest move first. "winnerChanges" lists the contexts whose winner set
    differs (ids None where a summary lacks the context) and is None unless both summaries are
    in the default format.
    """
    before, after = _read(old, "old", tie_tolerance), _read(new, "new", tie_tolerance)
    rank_changes = [
        {
            "id": value_id,
            "oldPosition": before.positions[value_id],
            "newPosition": after.positions[value_id],
            "change": before.positions[value_id] - after.positions[value_id],
        }
        for value_id in before.positions.keys() & after.positions.keys()
    ]
    rank_changes.sort(
        key=lambda row: (-abs(row["change"]), row["newPosition"], _sort_key(row["id"]))
    )
    return {
        "oldMode": before.mode,
        "newMode": after.mode,
        "ranked": {"old": before.ranked, "new": after.ranked},
        "values": {
            "added": _sorted(after.values - before.values),
            "removed": _sorted(before.values - after.values),
        },
        "edges": {
            "added": _edge_list(after.edges.keys() - before.edges.keys()),
            "removed": _edge_list(before.edges.keys() - after.edges.keys()),
        },
        "edgeChanges": _edge_changes(before.edges, after.edges),
        "rankChanges": rank_changes,
        "winnerChanges": _winner_changes(before.winners, after.winners),
    }


def _read(summary: Mapping[str, Any], name: str, tie_tolerance: float) -> _Summary:
    if not isinstance(summary, Mapping):
        raise ValueError(f"the {name} summary must be a dict, got {type(summary).__name__}")
    if summary.get("format") == NATIVE_FORMAT:
        return _read_native(summary, name)
    mode = summary.get("mode", MAI_MODE)
    if mode not in (MAI_MODE, DEFAULT_MODE):
        raise ValueError(f"the {name} summary has mode {mode!r}; expected {DEFAULT_MODE!r} or none")
    score_name = "score" if mode == DEFAULT_MODE else "pageRank"
    # A value listed with no score and no position was not ranked (e.g. too few votes yet).
    values = [
        value
        for value in _list(summary, "values", name)
        if not (
            mode == DEFAULT_MODE and value.get("score", 0) is None and value.get("position") is None
        )
    ]
    ids = [_field(value, "id", f"{name} summary value") for value in values]
    if len(set(ids)) != len(ids):
        raise ValueError(f"the {name} summary lists a value id twice")
    # MAI's published summaries may carry no pageRank at all: then they rank nothing.
    ranked = not (mode == MAI_MODE and values and not any(score_name in v for v in values))
    if not ranked:
        positions = {}
    elif values and all("position" in value for value in values):
        positions = dict(zip(ids, (int(value["position"]) for value in values), strict=True))
    else:
        scores = [_number(_field(value, score_name, f"{name} summary value")) for value in values]
        positions = _positions(ids, scores, tie_tolerance)
    edges = _edges(summary, name)
    winners = None
    if mode == DEFAULT_MODE:
        winners = _winners(_list(summary, "contexts", name), name)
    return _Summary(mode, set(ids), positions, ranked, edges, winners)


def _read_native(summary: Mapping[str, Any], name: str) -> _Summary:
    mode = summary.get("mode")
    if mode not in (MAI_MODE, DEFAULT_MODE):
        raise ValueError(f"the {name} document has mode {mode!r}")
    ids = [_field(v, "id", f"{name} document value") for v in _list(summary, "values", name)]
    if len(set(ids)) != len(ids):
        raise ValueError(f"the {name} document lists a value id twice")
    overall = _field(summary, "overall", f"{name} document")
    ranking = _field(overall, "ranking", f"{name} document's overall")
    positions = {
        _field(e, "id", f"{name} ranking entry"): int(
            _field(e, "position", f"{name} ranking entry")
        )
        for e in ranking
    }
    winners = _winners(_list(summary, "contexts", name), name) if mode == DEFAULT_MODE else None
    return _Summary(mode, set(ids), positions, bool(ranking), _edges(summary, name), winners)


def _positions(ids: list, scores: list[float], tie_tolerance: float) -> dict[Hashable, int]:
    # Ties are decided by score alone, so any stand-in for the ids will do.
    order, _, ranked_positions, _ = rank_scores(
        np.arange(len(ids)), np.array(scores), tie_tolerance=tie_tolerance
    )
    return {
        ids[index]: position
        for index, position in zip(order.tolist(), ranked_positions.tolist(), strict=True)
    }


def _edges(summary: Mapping[str, Any], name: str) -> dict:
    return {
        (
            _field(edge, "sourceValueId", f"{name} summary edge"),
            _field(edge, "wiserValueId", f"{name} summary edge"),
        ): edge
        for edge in _list(summary, "edges", name)
    }


def _winners(contexts: list, name: str) -> dict[Hashable, frozenset]:
    winners = {}
    for entry in contexts:
        context = _field(entry, "context", f"{name} summary context")
        winner = _field(entry, "winner", f"{name} summary context")
        winners[context] = frozenset(_field(winner, "ids", f"{name} summary winner"))
    return winners


def _changes(old: Any, new: Any, names) -> dict[str, dict]:
    old = old if isinstance(old, Mapping) else {}
    new = new if isinstance(new, Mapping) else {}
    out = {}
    for key in names or sorted(old.keys() & new.keys()):
        before, after = old.get(key), new.get(key)
        if before != after and isinstance(before, int | float) and isinstance(after, int | float):
            out[key] = {"old": before, "new": after, "change": after - before}
    return out


def _edge_changes(before: dict, after: dict) -> list[dict[str, Any]]:
    changes = []
    for key in before.keys() & after.keys():
        old, new = before[key], after[key]
        counts = _changes(old.get("counts"), new.get("counts"), None)
        statistics = _changes(old.get("summary"), new.get("summary"), EDGE_STATISTICS)
        if counts or statistics:
            changes.append(
                {
                    "sourceValueId": key[0],
                    "wiserValueId": key[1],
                    "counts": counts,
                    "summary": statistics,
                }
            )
    changes.sort(
        key=lambda c: (
            -abs(c["summary"].get("wiserLikelihood", {}).get("change", 0)),
            _sort_key(c["sourceValueId"]),
            _sort_key(c["wiserValueId"]),
        )
    )
    return changes


def _winner_changes(
    before: dict[Hashable, frozenset] | None, after: dict[Hashable, frozenset] | None
) -> list[dict[str, Any]] | None:
    if before is None or after is None:
        return None
    changes = []
    for context in _sorted(before.keys() | after.keys()):
        old_ids, new_ids = before.get(context), after.get(context)
        if old_ids != new_ids:
            changes.append(
                {
                    "context": context,
                    "oldIds": None if old_ids is None else _sorted(old_ids),
                    "newIds": None if new_ids is None else _sorted(new_ids),
                }
            )
    return changes


def _list(summary: Mapping[str, Any], key: str, name: str) -> list[Any]:
    items = summary.get(key)
    if not isinstance(items, list):
        raise ValueError(f"the {name} summary has no {key!r} list")
    return items


def _field(item: Any, key: str, what: str) -> Any:
    if not isinstance(item, Mapping) or key not in item:
        raise ValueError(f"a {what} has no {key!r}: {item!r}")
    return item[key]


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"a value's score must be a number, got {value!r}")
    return float(value)


def _sort_key(item: Hashable) -> tuple[int, Any]:
    # Ids and context codes are integers from this platform, strings from elsewhere; never mix
    # them in one comparison.
    if isinstance(item, int | float):
        return (0, item)
    return (1, str(item))


def _sorted(items: Any) -> list[Any]:
    return sorted(items, key=_sort_key)


def _edge_list(edges) -> list[dict[str, Any]]:
    return [
        {"sourceValueId": source, "wiserValueId": wiser}
        for source, wiser in sorted(
            edges, key=lambda edge: (_sort_key(edge[0]), _sort_key(edge[1]))
        )
    ]


def diff_lines(diff: Mapping[str, Any]) -> list[str]:
    """A diff for people: one line per change."""
    arrow = lambda e: f"{e['sourceValueId']} → {e['wiserValueId']}"  # noqa: E731
    lines = [
        f"snapshot {diff.get('from')} ({diff['oldMode']}) → {diff.get('to')} ({diff['newMode']})"
    ]
    lines += [f"+ value {v}" for v in diff["values"]["added"]]
    lines += [f"- value {v}" for v in diff["values"]["removed"]]
    lines += [f"+ edge {arrow(e)}" for e in diff["edges"]["added"]]
    lines += [f"- edge {arrow(e)}" for e in diff["edges"]["removed"]]
    for change in diff["edgeChanges"]:
        parts = [
            f"{name} {c['old']!r} → {c['new']!r}"
            for name, c in (*change["counts"].items(), *change["summary"].items())
        ]
        lines.append(f"~ edge {arrow(change)}: " + ", ".join(parts))
    for row in diff["rankChanges"]:
        if row["change"]:
            lines.append(
                f"~ value {row['id']}: position {row['oldPosition']} → {row['newPosition']}"
            )
    for row in diff.get("winnerChanges") or []:
        lines.append(f"~ winner of {row['context']!r}: {row['oldIds']} → {row['newIds']}")
    if not diff["ranked"]["old"] or not diff["ranked"]["new"]:
        lines.append("(a summary without ranks: positions not compared)")
    if len(lines) == 1:
        lines.append("no changes")
    return lines

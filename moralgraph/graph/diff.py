"""What changed between two moral-graph summary dicts, in MAI's format or the default mode's: values, edges, positions and context winners."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from moralgraph.graph.ranking import MODE as DEFAULT_MODE
from moralgraph.graph.ranking import TIE_TOLERANCE, rank_scores

MAI_MODE = "mai"


@dataclass(frozen=True)
class _Summary:
    """The parts of one summary dict that a diff compares."""

    mode: str
    positions: dict[Hashable, int]  # value id → position (1 is best)
    edges: set[tuple[Hashable, Hashable]]  # (sourceValueId, wiserValueId)
    winners: dict[Hashable, frozenset] | None  # context → winner ids; default format only


def diff_summaries(
    old: Mapping[str, Any], new: Mapping[str, Any], *, tie_tolerance: float = TIE_TOLERANCE
) -> dict[str, Any]:
    """Compare two summaries; either may be MAI's format (no "mode") or the default mode's.

    Returns {"oldMode", "newMode", "values": {"added", "removed"}, "edges": {"added", "removed"},
    "rankChanges": [{"id", "oldPosition", "newPosition", "change"}], "winnerChanges"}. Values
    are those a summary lists in "values" (the ranked ones), edges its (source, wiser) pairs.

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
        "values": {
            "added": _sorted(after.positions.keys() - before.positions.keys()),
            "removed": _sorted(before.positions.keys() - after.positions.keys()),
        },
        "edges": {
            "added": _edge_list(after.edges - before.edges),
            "removed": _edge_list(before.edges - after.edges),
        },
        "rankChanges": rank_changes,
        "winnerChanges": _winner_changes(before.winners, after.winners),
    }


def _read(summary: Mapping[str, Any], name: str, tie_tolerance: float) -> _Summary:
    if not isinstance(summary, Mapping):
        raise ValueError(f"the {name} summary must be a dict, got {type(summary).__name__}")
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

    if values and all("position" in value for value in values):
        positions = dict(zip(ids, (int(value["position"]) for value in values), strict=True))
    else:
        scores = [_number(_field(value, score_name, f"{name} summary value")) for value in values]
        # Ties are decided by score alone, so any stand-in for the ids will do.
        order, _, ranked_positions, _ = rank_scores(
            np.arange(len(ids)), np.array(scores), tie_tolerance=tie_tolerance
        )
        positions = {
            ids[index]: position
            for index, position in zip(order.tolist(), ranked_positions.tolist(), strict=True)
        }

    edges = {
        (
            _field(edge, "sourceValueId", f"{name} summary edge"),
            _field(edge, "wiserValueId", f"{name} summary edge"),
        )
        for edge in _list(summary, "edges", name)
    }
    winners = None
    if mode == DEFAULT_MODE:
        winners = {}
        for entry in _list(summary, "contexts", name):
            context = _field(entry, "context", f"{name} summary context")
            winner = _field(entry, "winner", f"{name} summary context")
            winners[context] = frozenset(_field(winner, "ids", f"{name} summary winner"))
    return _Summary(mode=mode, positions=positions, edges=edges, winners=winners)


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


def _edge_list(edges: set[tuple[Hashable, Hashable]]) -> list[dict[str, Any]]:
    return [
        {"sourceValueId": source, "wiserValueId": wiser}
        for source, wiser in sorted(
            edges, key=lambda edge: (_sort_key(edge[0]), _sort_key(edge[1]))
        )
    ]

"""What the graph page, its JSON and its SVG export show: a snapshot summary normalised into nodes, arrows and per-context rankings.

Pure (no Django). A summary comes in one of two shapes (see `moralgraph.models.GraphSnapshot.summary`):

- mode "mai": MAI's summary, `{"values": [... "pageRank"], "edges": [...]}`. MAI ranks values only
  globally, so here a context's ranking is the values touching that context's edges ordered by
  their global PageRank, and the context's winner is the highest-ranked of them (all of them on
  an exact tie). A summary without `pageRank` (as MAI's published file) names no winner.
- mode "default": the platform's summary, which carries per-context rankings, winners and
  bootstrap win probabilities itself (`winnerProbabilities` as `{"<id>": p}` or, as
  `moralgraph.graph.ranking` writes it, `[{"id", "probability"}]`).

Feed it `moralgraph.snapshots.snapshot_document(snapshot)`, which puts a stored snapshot
(edges kept in columns) back into these shapes.

An edge whose value is missing from the values list (MAI's code allows that) keeps its arrow: the
value appears as a node with a placeholder title, so no judgement is dropped from the picture.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

MODES = ("mai", "default")


def graph_view_model(summary: Mapping[str, Any], *, mode: str) -> dict[str, Any]:
    """Normalise a snapshot summary into `{"contexts", "nodes", "edges", "rankings"}`.

    nodes: `{"id", "title", "description", "policies", "score", "winnerIn", "winProbability"}`;
    edges: `{"source", "target", "contexts", "wiserLikelihood"}` (target is the wiser value);
    rankings: `{context: [{"id", "score", "position", "tied"}]}`, best first, position 1-based
    and shared by tied values. Raises ValueError on a malformed summary.
    """
    if mode not in MODES:
        raise ValueError(f"unknown snapshot mode {mode!r}; expected one of {', '.join(MODES)}")
    if not isinstance(summary, Mapping):
        raise ValueError(f"summary must be a JSON object, not {type(summary).__name__}")
    if mode == "mai":
        return _from_mai(summary)
    return _from_default(summary)


def ranked_contexts(view_model: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per context, its ranked values (as nodes plus rank) and its arrows by title: the page's text alternative."""
    nodes = {node["id"]: node for node in view_model["nodes"]}
    sections = []
    for context in view_model["contexts"]:
        entries = [
            {
                **nodes[entry["id"]],
                "position": entry["position"],
                "tied": entry["tied"],
                "contextScore": entry["score"],
                "isWinner": context in nodes[entry["id"]]["winnerIn"],
                "contextWinProbability": nodes[entry["id"]]["winProbability"].get(context),
            }
            for entry in view_model["rankings"].get(context, [])
        ]
        arrows = [
            {
                "sourceTitle": nodes[edge["source"]]["title"],
                "targetTitle": nodes[edge["target"]]["title"],
                "wiserLikelihood": edge["wiserLikelihood"],
            }
            for edge in view_model["edges"]
            if context in edge["contexts"]
        ]
        arrows.sort(key=lambda arrow: -arrow["wiserLikelihood"])
        sections.append({"context": context, "values": entries, "arrows": arrows})
    return sections


def subgraph(view_model: Mapping[str, Any], context: str) -> dict[str, Any]:
    """The part of the graph seen in one context: its arrows and the values they or its ranking touch."""
    if context not in view_model["contexts"]:
        raise ValueError(f"no context named {context!r} in this graph")
    edges = [edge for edge in view_model["edges"] if context in edge["contexts"]]
    ranking = view_model["rankings"].get(context, [])
    keep = {entry["id"] for entry in ranking}
    keep.update(end for edge in edges for end in (edge["source"], edge["target"]))
    return {
        "contexts": [context],
        "nodes": [node for node in view_model["nodes"] if node["id"] in keep],
        "edges": edges,
        "rankings": {context: ranking},
    }


# --- normalising the two summary shapes -------------------------------------------------------


def _from_mai(summary: Mapping[str, Any]) -> dict[str, Any]:
    nodes = _nodes(
        _list(summary, "values", "summary"),
        description=lambda v: v.get("instructionsDetailed") or v.get("instructionsShort") or "",
        policies=lambda v: v.get("evaluationCriteria") or [],
        score=lambda v: v.get("pageRank"),
    )
    edges = [_edge(edge, i) for i, edge in enumerate(_list(summary, "edges", "summary"))]
    _add_missing(nodes, (end for edge in edges for end in (edge["source"], edge["target"])))
    contexts = sorted({context for edge in edges for context in edge["contexts"]})
    rankings = {}
    for context in contexts:
        touching = dict.fromkeys(
            end
            for edge in edges
            if context in edge["contexts"]
            for end in (edge["source"], edge["target"])
        )
        rankings[context] = _rank(
            [(value_id, nodes[value_id]["score"]) for value_id in touching], nodes
        )
        for entry in rankings[context]:
            if entry["position"] == 1:
                nodes[entry["id"]]["winnerIn"].append(context)
    return {
        "contexts": contexts,
        "nodes": list(nodes.values()),
        "edges": edges,
        "rankings": rankings,
    }


def _from_default(summary: Mapping[str, Any]) -> dict[str, Any]:
    nodes = _nodes(
        _list(summary, "values", "summary"),
        description=lambda v: v.get("description") or "",
        policies=lambda v: v.get("policies") or [],
        score=lambda v: v.get("score"),
    )
    edges = [_edge(edge, i) for i, edge in enumerate(_list(summary, "edges", "summary"))]
    _add_missing(nodes, (end for edge in edges for end in (edge["source"], edge["target"])))
    contexts, rankings = [], {}
    for i, item in enumerate(summary.get("contexts") or []):
        where = f"summary contexts[{i}]"
        name = str(_field(item, "context", where))
        if name in rankings:
            raise ValueError(f"{where}: context {name!r} is listed twice")
        contexts.append(name)
        ranking = [
            {
                "id": _field(entry, "id", f"{where} ranking[{j}]"),
                "score": as_number(entry.get("score")),
                "position": entry.get("position"),
                "tied": bool(entry.get("tied", False)),
            }
            for j, entry in enumerate(item.get("ranking") or [])
        ]
        # Values seen in the context whose judgements were all trimmed: listed last, unranked.
        ranked = {entry["id"] for entry in ranking}
        ranking += [
            {"id": value_id, "score": None, "position": None, "tied": False}
            for value_id in item.get("unrankedValueIds") or []
            if value_id not in ranked
        ]
        _add_missing(nodes, (entry["id"] for entry in ranking))
        rankings[name] = ranking
        probabilities = _probabilities(
            item.get("winnerProbabilities"), f"{where} winnerProbabilities"
        )
        winner = item.get("winner") or {}
        for value_id in winner.get("ids") or []:
            _add_missing(nodes, [value_id])
            nodes[value_id]["winnerIn"].append(name)
            stays = winner.get("probabilityStaysWinner")
            if stays is not None and str(value_id) not in probabilities:
                nodes[value_id]["winProbability"][name] = float(stays)
        by_key = {str(value_id): value_id for value_id in nodes}
        for key, probability in probabilities.items():
            if probability is not None and key in by_key:
                nodes[by_key[key]]["winProbability"][name] = float(probability)
    # An edge may name a context the summary gave no ranking for; it still gets a filter entry.
    for edge in edges:
        for name in edge["contexts"]:
            if name not in rankings:
                contexts.append(name)
                rankings[name] = []
    return {
        "contexts": contexts,
        "nodes": list(nodes.values()),
        "edges": edges,
        "rankings": rankings,
    }


def _probabilities(given: Any, where: str) -> dict[str, float | None]:
    """Win probabilities keyed by str(value id), from `{"<id>": p}` or `[{"id", "probability"}]`."""
    if not given:
        return {}
    if isinstance(given, Mapping):
        return {str(key): as_number(p) for key, p in given.items()}
    if isinstance(given, list):
        return {
            str(_field(item, "id", where)): as_number(_field(item, "probability", where))
            for item in given
        }
    raise ValueError(f"{where} must be an object or a list")


def _nodes(values: Sequence[Any], *, description, policies, score) -> dict[Any, dict[str, Any]]:
    nodes: dict[Any, dict[str, Any]] = {}
    for i, value in enumerate(values):
        where = f"summary values[{i}]"
        value_id = _field(value, "id", where)
        if value_id in nodes:
            raise ValueError(f"{where}: value id {value_id!r} is listed twice")
        listed = policies(value)
        if not isinstance(listed, list):
            raise ValueError(f"{where}: attentional policies must be a list")
        nodes[value_id] = {
            "id": value_id,
            "title": str(value.get("title") or ""),
            "description": str(description(value)),
            "policies": [str(policy) for policy in listed],
            "score": as_number(score(value)),
            "winnerIn": [],
            "winProbability": {},
        }
    return nodes


def _add_missing(nodes: dict[Any, dict[str, Any]], value_ids) -> None:
    for value_id in value_ids:
        if value_id not in nodes:
            nodes[value_id] = {
                "id": value_id,
                "title": f"Value {value_id} (details missing)",
                "description": "This snapshot has judgements about this value but not its values card.",
                "policies": [],
                "score": None,
                "winnerIn": [],
                "winProbability": {},
            }


def _edge(edge: Any, i: int) -> dict[str, Any]:
    where = f"summary edges[{i}]"
    contexts = _field(edge, "contexts", where)
    if not isinstance(contexts, list):
        raise ValueError(f"{where}: contexts must be a list of context names")
    likelihood = as_number(_field(_field(edge, "summary", where), "wiserLikelihood", where))
    if likelihood is None:
        raise ValueError(f"{where}: wiserLikelihood must be a number")
    return {
        "source": _field(edge, "sourceValueId", where),
        "target": _field(edge, "wiserValueId", where),
        "contexts": [str(context) for context in dict.fromkeys(contexts)],
        "wiserLikelihood": likelihood,
    }


def _rank(scored: list[tuple[Any, float | None]], nodes) -> list[dict[str, Any]]:
    """Best first; equal scores share a position (1, 1, 3); unscored values come last without one."""
    ordered = sorted(
        scored,
        key=lambda item: (
            item[1] is None,
            -(item[1] or 0.0),
            nodes[item[0]]["title"],
            str(item[0]),
        ),
    )
    ranked, position, previous = [], None, None
    for place, (value_id, score) in enumerate(ordered, start=1):
        if score is not None and score != previous:
            position, previous = place, score
        ranked.append(
            {"id": value_id, "score": score, "position": None if score is None else position}
        )
    shared = Counter(entry["score"] for entry in ranked if entry["score"] is not None)
    for entry in ranked:
        entry["tied"] = entry["score"] is not None and shared[entry["score"]] > 1
    return ranked


def _list(mapping: Mapping[str, Any], key: str, where: str) -> list:
    items = mapping.get(key, [])
    if not isinstance(items, list):
        raise ValueError(f"{where}: {key!r} must be a list")
    return items


def _field(mapping: Any, key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping):
        raise ValueError(f"{where} must be a JSON object")
    if key not in mapping:
        raise ValueError(f"{where} has no {key!r}")
    return mapping[key]


def as_number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"expected a finite number or null, got {value!r}")
    return float(value)

"""The native snapshot document (`format=json`): everything a snapshot holds, values by external id.

    {"format": "mgp-snapshot/1", "snapshot": {...}, "mode", "parameters",
     "values": [every value the counted votes name: id, title, description, policies,
                overall score, position and tie, and the contexts it is ranked in],
     "overall": {"ranking", "unranked", "winner", "winnerProbabilities"},
     "contexts": [{"context", "ranking", "unranked", "winner", "winnerProbabilities", "edgeCount"}],
     "bootstrap": {"samples", "seed", "voters"} | null,
     "edges": [{"sourceValueId", "wiserValueId", "contexts", "counts", "summary"}],
     "manifest": {...}}                      (the exported file; the API's detail has "provenance")

Rankings list values best first by position, ties by external id. MAI mode ranks values only
overall (by MAI's PageRank, exact ties share a position) and has no bootstrap; an imported MAI
summary without PageRank has no ranking at all.
"""

import json
from collections.abc import Iterator

import numpy as np

from ..graph.mai_format import export_id
from ..graph.scoring import rank_scores
from ..models import CanonicalValue, GraphSnapshot
from ..snapshots.provenance import snapshot_manifest
from ..snapshots.selectors import snapshot_edges, snapshot_values

FORMAT = "mgp-snapshot/1"
DOCUMENT_EDGE_LIMIT = 20_000  # the API's detail leaves larger edge lists to the exports


def _sort_key(external) -> tuple[int, str]:
    return (0, f"{external:020d}") if isinstance(external, int) else (1, str(external))


def external_ids(snapshot: GraphSnapshot) -> dict[int, object]:
    """Database id → external id of every value the snapshot keeps."""
    return {v["id"]: export_id(v) for v in snapshot_values(snapshot)}


def hidden_value_ids(snapshot: GraphSnapshot) -> list:
    """The hidden values a snapshot excluded, by external id (older snapshots: looked up)."""
    excluded = snapshot.excluded or {}
    if "hidden_value_external_ids" in excluded:
        return [export_id({"externalId": e}) for e in excluded["hidden_value_external_ids"]]
    ids = excluded.get("hidden_value_ids") or []
    found = CanonicalValue.objects.filter(pk__in=ids).values_list("external_id", flat=True)
    return sorted((export_id({"externalId": e}) for e in found), key=_sort_key)


def snapshot_header(snapshot: GraphSnapshot) -> dict:
    excluded = {
        k: v for k, v in (snapshot.excluded or {}).items() if not k.startswith("hidden_value")
    }
    if snapshot.excluded:
        excluded["hidden_value_ids"] = hidden_value_ids(snapshot)
    return {
        "id": snapshot.pk,
        "deliberation": snapshot.deliberation.slug,
        "mode": snapshot.mode,
        "source": snapshot.source,
        "asOf": snapshot.as_of.isoformat(),
        "createdAt": snapshot.created_at.isoformat(),
        "contentHash": snapshot.content_hash,
        "counts": snapshot.counts,
        "excluded": excluded,
    }


def _ranking(entries, ids: dict) -> list[dict]:
    ranked = [
        {
            "id": ids.get(e["id"], e["id"]),
            "score": e["score"],
            "position": e["position"],
            "tied": e["tied"],
        }
        for e in entries
    ]
    return sorted(ranked, key=lambda e: (e["position"], _sort_key(e["id"])))


def _scope(result: dict, ids: dict) -> dict:
    name = lambda i: ids.get(i, i)  # noqa: E731
    return {
        "ranking": _ranking(result.get("ranking", []), ids),
        "unranked": sorted((name(i) for i in result.get("unrankedValueIds", [])), key=_sort_key),
        "winner": {
            "ids": sorted((name(i) for i in result["winner"]["ids"]), key=_sort_key),
            "probabilityStaysWinner": result["winner"]["probabilityStaysWinner"],
        },
        "winnerProbabilities": [
            {"id": name(p["id"]), "probability": p["probability"]}
            for p in result.get("winnerProbabilities", [])
        ],
    }


def _body(snapshot: GraphSnapshot) -> tuple[dict, list[dict]]:
    """The document without its edges, and the value records it was built from."""
    records = list(snapshot_values(snapshot))
    ids = {v["id"]: export_id(v) for v in records}
    summary = snapshot.summary
    scored = [v for v in records if v.get("score") is not None]
    if snapshot.mode == GraphSnapshot.Mode.DEFAULT:
        overall_entries = [{k: v[k] for k in ("id", "score", "position", "tied")} for v in scored]
        overall = _scope({**summary.get("overall", {}), "ranking": overall_entries}, ids)
        contexts = [
            {"context": c["context"], **_scope(c, ids), "edgeCount": c.get("edgeCount")}
            for c in summary.get("contextResults", [])
        ]
        contexts.sort(key=lambda c: c["context"])
        bootstrap = summary.get("bootstrap")
    else:
        order, scores, positions, tied = rank_scores(
            np.array([v["id"] for v in scored], dtype=np.int64),
            np.array([v["score"] for v in scored], dtype=np.float64),
            tie_tolerance=0.0,
        )
        entries = [
            {"id": i, "score": s, "position": p, "tied": t}
            for i, s, p, t in zip(
                order.tolist(), scores.tolist(), positions.tolist(), tied.tolist(), strict=True
            )
        ]
        winner = [e["id"] for e in entries if e["position"] == 1]
        overall = _scope(
            {
                "ranking": entries,
                "unrankedValueIds": [v["id"] for v in records if v.get("score") is None],
                "winner": {"ids": winner, "probabilityStaysWinner": None},
            },
            ids,
        )
        contexts, bootstrap = [], None
    position = {e["id"]: e for e in overall["ranking"]}
    ranked_in: dict = {}
    for context in contexts:
        for entry in context["ranking"]:
            ranked_in.setdefault(entry["id"], []).append(context["context"])
    values = [
        {
            "id": ids[v["id"]],
            "title": v["title"],
            "description": v["description"],
            "policies": v["policies"],
            "score": position.get(ids[v["id"]], {}).get("score"),
            "position": position.get(ids[v["id"]], {}).get("position"),
            "tied": position.get(ids[v["id"]], {}).get("tied"),
            "rankedInContexts": ranked_in.get(ids[v["id"]], []),
        }
        for v in records
    ]
    values.sort(key=lambda v: _sort_key(v["id"]))
    document = {
        "format": FORMAT,
        "snapshot": snapshot_header(snapshot),
        "mode": snapshot.mode,
        "parameters": snapshot.parameters,
        "values": values,
        "overall": overall,
        "contexts": contexts,
        "bootstrap": bootstrap,
    }
    return document, records


def _edges(snapshot: GraphSnapshot, ids: dict) -> Iterator[dict]:
    for edge in snapshot_edges(snapshot):
        edge["sourceValueId"] = ids.get(edge["sourceValueId"], edge["sourceValueId"])
        edge["wiserValueId"] = ids.get(edge["wiserValueId"], edge["wiserValueId"])
        yield edge


def snapshot_document_external(snapshot: GraphSnapshot, *, edge_limit=DOCUMENT_EDGE_LIMIT) -> dict:
    """The native document as a dict (the API's snapshot detail and diffs), with "provenance"."""
    document, records = _body(snapshot)
    ids = {v["id"]: export_id(v) for v in records}
    if edge_limit is not None and (snapshot.counts.get("edges") or 0) > edge_limit:
        document["edges"], document["edgesOmitted"] = [], snapshot.counts["edges"]
    else:
        document["edges"] = list(_edges(snapshot, ids))
    document["provenance"] = snapshot_manifest(snapshot, "json", None)
    return document


def write_json(snapshot: GraphSnapshot) -> Iterator[str]:
    """The native document, streamed; the caller appends the manifest line (see writers)."""
    document, records = _body(snapshot)
    ids = {v["id"]: export_id(v) for v in records}
    head = json.dumps(document, indent=None)
    yield head[:-1] + ', "edges": ['
    for i, edge in enumerate(_edges(snapshot, ids)):
        yield ("," if i else "") + "\n" + json.dumps(edge)
    yield "\n],\n"

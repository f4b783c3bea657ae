"""Reading snapshots back: the latest, their values and edges, and one readable document."""

import json

import numpy as np

from ..graph import mai
from ..graph.compute import EDGE_COLUMNS
from ..graph.mai_format import mai_value
from ..models import Deliberation, GraphSnapshot
from .storage import VALUES_MEMBER, open_arrays


def snapshot_latest(deliberation: Deliberation, mode: str | None = None) -> GraphSnapshot | None:
    """The newest whole-deliberation snapshot: filtered graphs (a lab's question, context or
    group) never stand in for the deliberation's graph."""
    qs = unfiltered(GraphSnapshot.objects.filter(deliberation=deliberation))
    if mode:
        qs = qs.filter(mode=mode)
    return qs.order_by("-created_at", "-id").first()


def unfiltered(snapshots):
    return snapshots.exclude(parameters__has_key="filters")


def snapshot_values(snapshot: GraphSnapshot):
    """The value records kept by the snapshot, one dict at a time, with their `score` (and, in
    default mode, `position` and `tied`); values without a score were not ranked."""
    with open_arrays(snapshot) as archive:
        if VALUES_MEMBER not in getattr(archive, "files", ()):
            yield from snapshot.summary.get(
                "values", []
            )  # snapshots from before the archive held them
            return
        blob = archive[VALUES_MEMBER]
        columns = [
            archive[name]
            for name in ("value_ids", "scores", "positions", "tied")
            if name in archive.files
        ]
    ranks = {row[0]: row[1:] for row in zip(*(c.tolist() for c in columns), strict=True)}
    ends = [*np.flatnonzero(blob == ord("\n")).tolist(), len(blob)]
    start = 0
    for end in ends:
        if end > start:
            value = json.loads(blob[start:end].tobytes())
            rank = ranks.get(value["id"], ())
            value["score"] = rank[0] if rank else None
            if len(rank) == 3:
                value["position"], value["tied"] = rank[1], rank[2]
            yield value
        start = end + 1


def snapshot_edges(snapshot: GraphSnapshot, *, chunk: int = 50_000):
    """Yield each edge as a dict (context names resolved), streaming from the stored columns."""
    contexts = snapshot.summary.get("contextNames", {})
    with open_arrays(snapshot) as archive:
        if not archive:
            return
        edges = mai.EdgeStatistics(**{name: archive[name] for name in EDGE_COLUMNS})
    yield from edges.edge_dicts(lambda code: contexts.get(str(code), str(code)), chunk=chunk)


DOCUMENT_EDGE_LIMIT = 20_000  # beyond this, read edges through a streaming export


def snapshot_document(snapshot: GraphSnapshot) -> dict:
    """The snapshot as one readable dict (values, edges, per-context results), ids ours.

    `mai` mode uses MAI's summary shape; `default` mode adds positions, ties and per-context
    winners with their bootstrap probabilities. Large graphs leave the edges to the exports.
    """
    summary = snapshot.summary
    if snapshot.mode == GraphSnapshot.Mode.MAI:
        with_rank = summary.get("valuesHavePageRank", True)
        values = [
            {**mai_value(v, with_rank), "id": v["id"]}
            for v in snapshot_values(snapshot)
            if v.get("score") is not None or snapshot.source == GraphSnapshot.Source.IMPORT
        ]
    else:
        values = [
            {
                k: v.get(k)
                for k in ("id", "title", "description", "policies", "score", "position", "tied")
            }
            for v in snapshot_values(snapshot)
        ]
    document = {"mode": snapshot.mode, "parameters": snapshot.parameters, "values": values}
    if "contextResults" in summary:
        document["overall"] = summary.get("overall")
        document["contexts"] = summary["contextResults"]
        document["bootstrap"] = summary.get("bootstrap")
    if (snapshot.counts.get("edges") or 0) > DOCUMENT_EDGE_LIMIT:
        document["edges"] = []
        document["edgesOmitted"] = snapshot.counts["edges"]
    else:
        document["edges"] = list(snapshot_edges(snapshot))
    return document

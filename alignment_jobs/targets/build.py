"""Building an alignment target's document from a snapshot's graph: pure (no Django), hashable.

Per context: the questions asked in it, the values ranked there (by external id, never a
database key) and a rubric: one item per attentional policy of the leading values, weighted by
rank (a value at position r weighs 1/r, shared equally by its policies; weights sum to 1).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from moralgraph.graph.view_model import graph_view_model, ranked_contexts

FORMAT = "mgp-alignment-target/1"
LEADING_VALUES = 3  # the rubric draws on the values at positions 1..3 (ties included)


def rubric(
    values: Sequence[Mapping[str, Any]], *, leading: int = LEADING_VALUES
) -> list[dict[str, Any]]:
    """Rubric items from the ranked values at positions ≤ `leading`, weighted by 1/position."""
    chosen = [
        v
        for v in values
        if v.get("position") is not None and v["position"] <= leading and v["policies"]
    ]
    total = sum(1 / v["position"] for v in chosen)
    items = []
    for value in chosen:
        share = (1 / value["position"]) / total
        for policy in value["policies"]:
            items.append(
                {
                    "valueExternalId": value["externalId"],
                    "position": value["position"],
                    "policy": policy,
                    "weight": share / len(value["policies"]),
                }
            )
    return items


def target_document(
    *,
    snapshot_document: Mapping[str, Any],
    mode: str,
    snapshot_hash: str,
    external_ids: Mapping[Any, Any],
    questions_by_context: Mapping[str, Sequence[str]],
    leading: int = LEADING_VALUES,
) -> dict[str, Any]:
    """The target: `{"format", "snapshotHash", "mode", "parameters", "contexts": [...]}`.

    Contexts are sorted by name and values by position, so the same graph gives the same bytes.
    """
    if leading < 1:
        raise ValueError("leading: the rubric needs at least one leading value")
    stays = {
        str(c.get("context")): (c.get("winner") or {}).get("probabilityStaysWinner")
        for c in snapshot_document.get("contexts") or []
    }
    contexts = []
    for section in ranked_contexts(graph_view_model(snapshot_document, mode=mode)):
        name = section["context"]
        values = [
            {
                "externalId": external_ids.get(v["id"], v["id"]),
                "title": v["title"],
                "description": v["description"],
                "policies": list(v["policies"]),
                "score": v["contextScore"],
                "position": v["position"],
                "tied": v["tied"],
                "isWinner": v["isWinner"],
                "winProbability": v["contextWinProbability"],
            }
            for v in section["values"]
            if v["position"] is not None
        ]
        values.sort(key=lambda v: (v["position"], str(v["externalId"])))
        contexts.append(
            {
                "context": name,
                "questions": sorted(questions_by_context.get(name, [])),
                "winner": {
                    "externalIds": [v["externalId"] for v in values if v["isWinner"]],
                    "probabilityStaysWinner": stays.get(name),
                },
                "values": values,
                "rubric": rubric(values, leading=leading),
            }
        )
    contexts.sort(key=lambda c: c["context"])
    return {
        "format": FORMAT,
        "snapshotHash": snapshot_hash,
        "mode": mode,
        "parameters": {
            "leadingValues": leading,
            "rubricWeights": "1/position, shared by a value's policies",
        },
        "contexts": contexts,
    }


def content_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8): the same content, the same hash."""
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

"""A deliberately slow, line-by-line Python port of MAI's TypeScript `summarizeGraph`, kept as a test oracle and benchmark baseline.

Why it exists: `moralgraph.graph.mai` computes the same summary vectorised, which is hard to
check by eye; this port reads like MAI's original (values-tools `summarizeGraph`,
`calculatePageRank`, `calculateEntropy`), so agreement between the two is strong evidence that
the fast version follows MAI's rules. Do not optimise it: it keeps MAI's loops over vote dicts
and MAI's PageRank, which recomputes each source's out-weight inside the edge loop
(O(iterations · edges²)).

Differences from the original, none of which change the numbers: demographics and the
`includeContexts` option are left out, input value dicts are copied instead of mutated, and
`include_page_rank` defaults to True because MAI's published summaries include it. A pair whose
only votes are on the reverse direction and none of them "wiser" gets wiser likelihood 0, as in
MAI's later code (the earliest version divided 0 by 0; such edges are trimmed either way).
"""

from __future__ import annotations

import math
from typing import Any

from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

RELATIONSHIP_BY_CHOICE = {WISER: "upgrade", NOT_WISER: "no_upgrade", UNSURE: "not_sure"}


def calculate_entropy(response_counts: dict[str, int]) -> float:
    total = 0
    for value in response_counts.values():
        total = total + value
    entropy = 0.0
    for count in response_counts.values():
        probability = count / total
        if probability > 0:
            entropy -= probability * math.log2(probability)
    return entropy


def calculate_page_rank(
    edges: list[dict[str, Any]], damping_factor: float = 0.85, iterations: int = 100
) -> dict[int, float]:
    nodes = list(
        dict.fromkeys(
            node for edge in edges for node in (edge["sourceValueId"], edge["wiserValueId"])
        )
    )
    page_rank = {node: 1 / len(nodes) for node in nodes}

    for _ in range(iterations):
        new_rank = {node: (1 - damping_factor) / len(nodes) for node in nodes}
        for edge in edges:
            outgoing_edges = [e for e in edges if e["sourceValueId"] == edge["sourceValueId"]]
            total_weight = 0
            for e in outgoing_edges:
                total_weight = total_weight + e["summary"]["wiserLikelihood"]
            if total_weight > 0:
                new_rank[edge["wiserValueId"]] += (
                    damping_factor
                    * page_rank[edge["sourceValueId"]]
                    * edge["summary"]["wiserLikelihood"]
                ) / total_weight
        page_rank = new_rank

    return page_rank


def summarize_graph(
    values: list[dict[str, Any]],
    votes: list[dict[str, Any]],
    *,
    marked_wiser_threshold: int = 2,
    include_all_edges: bool = False,
    include_page_rank: bool = True,
) -> dict[str, Any]:
    """MAI's summary of raw votes (`fromId`, `toId`, `contextId`, `relationship`) as MAI's JSON structure."""
    pairs: dict[tuple[int, int], dict[str, Any]] = {}

    def get(a: int, b: int) -> dict[str, Any]:
        if (a, b) not in pairs:
            pairs[(a, b)] = {
                "sourceValueId": a,
                "wiserValueId": b,
                "contexts": [],
                "counts": {
                    "markedWiser": 0,
                    "markedNotWiser": 0,
                    "markedLessWise": 0,
                    "markedUnsure": 0,
                    "impressions": 0,
                },
            }
        return pairs[(a, b)]

    for vote in votes:
        existing = get(vote["fromId"], vote["toId"])
        existing["contexts"].append(vote["contextId"])
        existing["counts"]["impressions"] += 1
        if vote["relationship"] == "upgrade":
            existing["counts"]["markedWiser"] += 1
        if vote["relationship"] == "no_upgrade":
            existing["counts"]["markedNotWiser"] += 1
        if vote["relationship"] == "not_sure":
            existing["counts"]["markedUnsure"] += 1

    # Do the opposite.
    for vote in votes:
        existing = get(vote["toId"], vote["fromId"])
        existing["contexts"].append(vote["contextId"])
        existing["counts"]["impressions"] += 1
        if vote["relationship"] == "upgrade":
            existing["counts"]["markedLessWise"] += 1

    # Cook them down.
    cooked_edges = []
    for edge in pairs.values():
        contexts = list(dict.fromkeys(edge["contexts"]))
        counts = edge["counts"]
        total = (
            counts["markedWiser"]
            + counts["markedNotWiser"]
            + counts["markedUnsure"]
            + counts["markedLessWise"]
        )
        wiser_likelihood = (
            0 if total == 0 else (counts["markedWiser"] - counts["markedLessWise"]) / total
        )
        entropy = calculate_entropy(counts)
        cooked_edges.append(
            {
                **edge,
                "contexts": contexts,
                "summary": {"wiserLikelihood": wiser_likelihood, "entropy": entropy},
            }
        )

    # Eliminate edges with low wiserLikelihood, low signal, or no consensus.
    def keep(edge: dict[str, Any]) -> bool:
        if not edge["counts"]["markedWiser"]:
            return False
        if edge["summary"]["wiserLikelihood"] < 0.33:
            return False
        if edge["summary"]["entropy"] > 1.69:
            return False
        return edge["counts"]["markedWiser"] >= marked_wiser_threshold

    trimmed_edges = [edge for edge in cooked_edges if keep(edge)]

    referenced_node_ids = set()
    for link in trimmed_edges:
        referenced_node_ids.add(link["sourceValueId"])
        referenced_node_ids.add(link["wiserValueId"])

    output_values = [dict(value) for value in values]
    if include_page_rank:
        page_rank = calculate_page_rank(trimmed_edges)
        for node in output_values:
            node["pageRank"] = page_rank.get(node["id"])

    summary: dict[str, Any] = {
        "values": [node for node in output_values if node["id"] in referenced_node_ids],
        "edges": trimmed_edges,
    }
    if include_all_edges:
        summary["allEdges"] = cooked_edges
    return summary


def votes_as_dicts(votes: VoteArrays) -> list[dict[str, Any]]:
    """VoteArrays as the vote dicts `summarize_graph` reads (context codes stand in for context names)."""
    return [
        {
            "fromId": from_id,
            "toId": to_id,
            "contextId": context,
            "relationship": RELATIONSHIP_BY_CHOICE[choice],
        }
        for from_id, to_id, context, choice in zip(
            votes.from_value.tolist(),
            votes.to_value.tolist(),
            votes.context.tolist(),
            votes.choice.tolist(),
            strict=True,
        )
    ]

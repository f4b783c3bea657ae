"""Graph snapshots: read the counted votes, compute the graph, store an immutable, hashed result.

A snapshot records its mode, parameters and `as_of`; only votes created at or before `as_of`
count, and moderation's exclusions (banned participants, hidden values and stories) are
applied and recorded. The content hash covers the counted votes, the values' content and the
parameters, so the same inputs always give the same hash.
"""

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from .dedupe.services import canonical_id_map
from .graph import mai, ranking
from .graph.votes import VoteArrays
from .models import CanonicalValue, Context, Deliberation, EdgeHypothesis, GraphSnapshot, WiserVote

MAI_PARAMETERS = {
    "min_wiser": mai.MIN_WISER,
    "min_likelihood": mai.MIN_LIKELIHOOD,
    "max_entropy": mai.MAX_ENTROPY,
    "iterations": mai.ITERATIONS,
    "damping": mai.DAMPING,
}
EDGE_COLUMNS = (
    "source", "wiser", "marked_wiser", "marked_not_wiser", "marked_less_wise", "marked_unsure",
    "impressions", "wiser_likelihood", "entropy", "context_indptr", "context_indices",
)  # fmt: skip
CHOICE_CODE_SQL = "CASE v.choice WHEN 'wiser' THEN 0 WHEN 'not_wiser' THEN 1 ELSE 2 END"


class SnapshotError(ValueError):
    pass


@dataclass
class CountedVotes:
    """The votes a snapshot counts, in creation order, with what moderation excluded."""

    votes: VoteArrays
    excluded: dict = field(default_factory=dict)


# --- reading -------------------------------------------------------------------------------


def _vote_query(deliberation_id: int, as_of: datetime) -> tuple[str, list]:
    sql = f"""
        SELECT v.participant_id, v.from_value_id, v.to_value_id, v.context_id, {CHOICE_CODE_SQL}
        FROM moralgraph_wiservote v
        JOIN moralgraph_participant p ON p.id = v.participant_id
        LEFT JOIN moralgraph_edgehypothesis h ON h.id = v.hypothesis_id
        WHERE v.deliberation_id = %s AND v.created_at <= %s
          AND p.status = 'active' AND (h.id IS NULL OR NOT h.hidden)
        ORDER BY v.created_at, v.id
    """  # noqa: S608 (no user input is interpolated)
    return sql, [deliberation_id, as_of]


# PostgreSQL's binary COPY row: field count, then (length, value) per bigint column.
_COPY_ROW = np.dtype(
    [("n", ">i2")]
    + [item for name in ("voter", "from", "to", "context", "choice") for item in ((f"{name}_len", ">i4"), (name, ">i8"))]
)
_COPY_HEADER_BYTES = 19


def _read_vote_rows(deliberation_id: int, as_of: datetime) -> np.ndarray:
    """(n, 5) int64 rows; on PostgreSQL a binary COPY, ~10× faster than the ORM for 10⁶ votes."""
    sql, params = _vote_query(deliberation_id, as_of)
    if connection.vendor == "postgresql":
        from psycopg import sql as pgsql

        select = sql.replace(CHOICE_CODE_SQL, f"({CHOICE_CODE_SQL})::int8")
        with connection.cursor() as cursor:
            statement = pgsql.SQL("COPY ({}) TO STDOUT (FORMAT binary)").format(
                pgsql.SQL(select.replace("%s", "{}")).format(*map(pgsql.Literal, params))
            )
            buffer = io.BytesIO()
            with cursor.cursor.copy(statement) as copy:
                for chunk in copy:
                    buffer.write(chunk)
        payload = buffer.getbuffer()[_COPY_HEADER_BYTES:-2]
        rows = np.frombuffer(payload, dtype=_COPY_ROW)
        return np.column_stack(
            [rows[name].astype(np.int64) for name in ("voter", "from", "to", "context", "choice")]
        ) if len(rows) else np.empty((0, 5), dtype=np.int64)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 5)


def canonical_resolution(deliberation: Deliberation) -> tuple[np.ndarray, np.ndarray, set[int]]:
    """Sorted value ids, the id each counts as after merges (aligned), and the hidden ids."""
    resolved = canonical_id_map(deliberation)
    ids = np.array(sorted(resolved), dtype=np.int64)
    hidden = set(CanonicalValue.objects.filter(deliberation=deliberation, hidden=True).values_list("id", flat=True))
    return ids, np.array([resolved[i] for i in ids.tolist()], dtype=np.int64), hidden


def _latest_per_judgement(voter, from_value, to_value, context) -> np.ndarray:
    """Mask keeping each participant's latest vote per pair and context.

    Only merges create duplicates (votes on A→B and C→B once C is merged into A); the
    database already holds one vote per participant, pair and context.
    """
    keys = np.stack([voter, from_value, to_value, context], axis=1)
    # np.unique returns first occurrences: search the reversed (newest-first) order.
    _, first_in_reversed = np.unique(keys[::-1], axis=0, return_index=True)
    keep = np.zeros(len(voter), dtype=bool)
    keep[len(voter) - 1 - first_in_reversed] = True
    return keep


def counted_votes(deliberation: Deliberation, as_of: datetime) -> CountedVotes:
    """The votes that count as of `as_of`, values resolved through merges, exclusions recorded."""
    rows = _read_vote_rows(deliberation.pk, as_of)
    ids, resolved, hidden = canonical_resolution(deliberation)
    voter, from_value, to_value, context, choice = (rows[:, i] for i in range(5))
    merges = bool(len(rows)) and bool((ids != resolved).any())
    if merges:
        from_value = resolved[np.searchsorted(ids, from_value)]
        to_value = resolved[np.searchsorted(ids, to_value)]
    hidden_ids = np.array(sorted(hidden), dtype=np.int64)
    touches_hidden = np.isin(from_value, hidden_ids) | np.isin(to_value, hidden_ids)
    merged_to_self = from_value == to_value
    keep = ~(touches_hidden | merged_to_self)
    superseded = np.zeros(len(keep), dtype=bool)
    if merges:
        kept = np.flatnonzero(keep)
        latest = _latest_per_judgement(voter[kept], from_value[kept], to_value[kept], context[kept])
        superseded[kept[~latest]] = True
        keep &= ~superseded
    all_votes = WiserVote.objects.filter(deliberation=deliberation, created_at__lte=as_of)
    excluded = {
        "votes_of_banned_participants": all_votes.filter(participant__status="banned").count(),
        "votes_on_hidden_stories": all_votes.filter(hypothesis__hidden=True).exclude(participant__status="banned").count(),
        "votes_touching_hidden_values": int(touches_hidden.sum()),
        "votes_within_merged_value": int((merged_to_self & ~touches_hidden).sum()),
        "votes_superseded_after_merge": int(superseded.sum()),
        "hidden_value_ids": sorted(hidden),
        "hidden_story_ids": sorted(
            EdgeHypothesis.objects.filter(deliberation=deliberation, hidden=True).values_list("id", flat=True)
        ),
    }
    votes = VoteArrays(
        voter=voter[keep], from_value=from_value[keep], to_value=to_value[keep],
        context=context[keep], choice=choice[keep],
    )  # fmt: skip
    return CountedVotes(votes=votes, excluded=excluded)


# --- values' content, hashing, storage ------------------------------------------------------


def value_records(value_ids) -> list[dict]:
    """What a snapshot keeps of each value, so later edits don't change a published snapshot."""
    values = CanonicalValue.objects.filter(pk__in=list(value_ids)).order_by("id")
    return [
        {
            "id": v.pk, "title": v.title, "description": v.description, "policies": v.policies,
            "sourceId": v.source_id, "sourceData": v.source_data,
            "createdAt": v.created_at.isoformat(),
        }
        for v in values.iterator(chunk_size=5000)
    ]  # fmt: skip


def content_hash(*, mode: str, parameters: dict, votes: VoteArrays, values: list[dict], contexts: dict) -> str:
    digest = hashlib.sha256()
    header = {"mode": mode, "parameters": parameters, "contexts": contexts, "format": 1}
    digest.update(json.dumps(header, sort_keys=True, separators=(",", ":")).encode())
    for name in ("voter", "from_value", "to_value", "context", "choice"):
        digest.update(np.ascontiguousarray(getattr(votes, name), dtype="<i8").tobytes())
    for value in values:
        digest.update(json.dumps(value, sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()


def pack_arrays(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def unpack_arrays(snapshot: GraphSnapshot) -> dict[str, np.ndarray]:
    if not snapshot.arrays:
        return {}
    with np.load(io.BytesIO(bytes(snapshot.arrays)), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def context_names(deliberation: Deliberation) -> dict[int, str]:
    return dict(Context.objects.filter(deliberation=deliberation).values_list("id", "name"))


# --- services -------------------------------------------------------------------------------


def snapshot_create(
    *,
    deliberation: Deliberation,
    mode: str = GraphSnapshot.Mode.DEFAULT,
    as_of: datetime | None = None,
    parameters: dict | None = None,
    created_by=None,
) -> GraphSnapshot:
    """Compute the graph of `deliberation` as of `as_of` (default: now) and store it immutably."""
    as_of = as_of or timezone.now()
    if timezone.is_naive(as_of):
        raise SnapshotError("as_of needs a time zone, e.g. 2024-03-20T21:00:00Z")
    if mode not in GraphSnapshot.Mode.values:
        raise SnapshotError(f"mode must be one of {', '.join(GraphSnapshot.Mode.values)}")
    compute = COMPUTERS[mode]
    parameters = compute.parameters(parameters or {})
    counted = counted_votes(deliberation, as_of)
    contexts = {str(k): v for k, v in context_names(deliberation).items()}
    arrays, summary = compute.run(counted.votes, parameters)
    values = value_records(summary.pop("value_ids"))
    scores = dict(zip(arrays["value_ids"].tolist(), arrays["scores"].tolist(), strict=True))
    positions = summary.pop("positions", {})
    for value in values:
        value["score"] = scores.get(value["id"])
        if value["id"] in positions:
            value["position"] = positions[value["id"]]["position"]
            value["tied"] = positions[value["id"]]["tied"]
    names = context_names(deliberation)
    for scope in summary.get("contextResults", []):
        scope["contextId"] = scope["context"]
        scope["context"] = names.get(scope["context"], str(scope["context"]))
    digest = content_hash(
        mode=mode, parameters=parameters, votes=counted.votes, values=values, contexts=contexts
    )
    with transaction.atomic():
        return GraphSnapshot.objects.create(
            deliberation=deliberation,
            mode=mode,
            source=GraphSnapshot.Source.COMPUTED,
            parameters=parameters,
            as_of=as_of,
            content_hash=digest,
            counts={
                "votes": len(counted.votes.choice),
                "voters": int(np.unique(counted.votes.voter).size),
                "values": len(values),
                "edges": len(arrays["source"]),
            },
            excluded=counted.excluded,
            summary={**summary, "values": values, "contextNames": contexts},
            arrays=pack_arrays(arrays),
            created_by=created_by,
        )


class MaiComputer:
    """MAI's published rules, exactly (moralgraph.graph.mai)."""

    @staticmethod
    def parameters(given: dict) -> dict:
        unknown = set(given) - set(MAI_PARAMETERS)
        if unknown:
            raise SnapshotError(f"unknown parameters for mode mai: {', '.join(sorted(unknown))}")
        return {**MAI_PARAMETERS, **given}

    @staticmethod
    def run(votes: VoteArrays, parameters: dict) -> tuple[dict, dict]:
        result = mai.summarize(votes, **parameters)
        arrays = {name: getattr(result, name) for name in EDGE_COLUMNS}
        arrays.update(value_ids=result.value_ids, scores=result.page_rank)
        return arrays, {"value_ids": result.value_ids.tolist()}


DEFAULT_PARAMETERS = {
    **{k: v for k, v in MAI_PARAMETERS.items() if k != "iterations"},
    "tol": ranking.TOL,
    "max_iterations": ranking.MAX_ITERATIONS,
    "bootstrap_samples": ranking.BOOTSTRAP_SAMPLES,
    "seed": ranking.SEED,
    "tie_tolerance": ranking.TIE_TOLERANCE,
}


class DefaultComputer:
    """The platform's method (moralgraph.graph.ranking; docs/graph-ranking.md): dangling mass kept,
    per-context rankings, explicit ties, bootstrap over participants."""

    @staticmethod
    def parameters(given: dict) -> dict:
        unknown = set(given) - set(DEFAULT_PARAMETERS)
        if unknown:
            raise SnapshotError(f"unknown parameters for mode default: {', '.join(sorted(unknown))}")
        return {**DEFAULT_PARAMETERS, **given}

    @staticmethod
    def run(votes: VoteArrays, parameters: dict) -> tuple[dict, dict]:
        try:
            result = ranking.rank_graph(votes, **parameters)
        except (ValueError, ranking.ConvergenceError) as exc:
            raise SnapshotError(str(exc)) from exc
        overall = result.overall
        arrays = {name: getattr(overall.edges, name) for name in EDGE_COLUMNS}
        arrays.update(value_ids=overall.value_ids, scores=overall.scores)
        document = ranking.summary_to_dict(result)
        positions = {v["id"]: v for v in document["values"]}
        context_results = []
        for scope in document["contexts"]:
            scope["edgeCount"] = len(scope.pop("edges"))  # the edges themselves: in the exports
            context_results.append(scope)
        ranked_ids = overall.value_ids.tolist()
        return arrays, {
            "value_ids": sorted(set(ranked_ids) | set(document["unrankedValueIds"])),
            "positions": positions,
            "overall": {k: document[k] for k in ("winner", "winnerProbabilities", "unrankedValueIds")},
            "contextResults": context_results,
            "bootstrap": document["bootstrap"],
        }


COMPUTERS = {GraphSnapshot.Mode.MAI: MaiComputer, GraphSnapshot.Mode.DEFAULT: DefaultComputer}


# --- selectors ------------------------------------------------------------------------------


def snapshot_latest(deliberation: Deliberation, mode: str | None = None) -> GraphSnapshot | None:
    qs = GraphSnapshot.objects.filter(deliberation=deliberation)
    if mode:
        qs = qs.filter(mode=mode)
    return qs.order_by("-created_at", "-id").first()


def snapshot_edges(snapshot: GraphSnapshot, *, chunk: int = 50_000):
    """Yield each edge as a dict (context names resolved), streaming from the stored columns."""
    arrays = unpack_arrays(snapshot)
    if not arrays:
        return
    contexts = snapshot.summary.get("contextNames", {})
    edges = mai.EdgeStatistics(**{name: arrays[name] for name in EDGE_COLUMNS})
    yield from edges.edge_dicts(lambda code: contexts.get(str(code), str(code)), chunk=chunk)


DOCUMENT_EDGE_LIMIT = 20_000  # beyond this, read edges through a streaming export


def snapshot_document(snapshot: GraphSnapshot) -> dict:
    """The snapshot as one readable dict (values, edges, per-context results), ids ours.

    `mai` mode uses MAI's summary shape; `default` mode adds positions, ties and per-context
    winners with their bootstrap probabilities. Large graphs leave the edges to the exports.
    """
    from .exports import mai_value  # exports builds on this module

    summary = snapshot.summary
    if snapshot.mode == GraphSnapshot.Mode.MAI:
        with_rank = summary.get("valuesHavePageRank", True)
        values = [{**mai_value(v, with_rank), "id": v["id"]} for v in summary.get("values", [])
                  if v.get("score") is not None or snapshot.source == GraphSnapshot.Source.IMPORT]  # fmt: skip
    else:
        values = [
            {k: v.get(k) for k in ("id", "title", "description", "policies", "score", "position", "tied")}
            for v in summary.get("values", [])
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

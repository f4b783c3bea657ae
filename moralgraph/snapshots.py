"""Graph snapshots: read the counted votes, compute the graph, store an immutable, hashed result.

A snapshot records its mode, parameters and `as_of`; only votes created at or before `as_of`
count, and moderation's exclusions (banned participants, hidden values and stories) are
applied and recorded. The content hash covers the counted votes, the values' content and the
parameters, so the same inputs always give the same hash.
"""

import hashlib
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from .dedupe.services import canonical_id_map
from .graph import mai, ranking
from .graph.votes import VoteArrays
from .models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    GraphSnapshot,
    Participant,
)

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


VOTE_COLUMNS = ("voter", "from", "to", "context", "choice", "story")


def _vote_query(deliberation_id: int, as_of: datetime) -> tuple[str, list]:
    # No joins: moderation's exclusions are a handful of ids, applied to the arrays afterwards.
    sql = f"""
        SELECT v.participant_id, v.from_value_id, v.to_value_id, v.context_id, {CHOICE_CODE_SQL},
               COALESCE(v.hypothesis_id, 0)
        FROM moralgraph_wiservote v
        WHERE v.deliberation_id = %s AND v.created_at <= %s
        ORDER BY v.created_at, v.id
    """  # noqa: S608 (no user input is interpolated)
    return sql, [deliberation_id, as_of]


# PostgreSQL's binary COPY row: field count, then (length, value) per bigint column.
_COPY_ROW = np.dtype(
    [("n", ">i2")] + [item for name in VOTE_COLUMNS for item in ((f"{name}_len", ">i4"), (name, ">i8"))]
)
_COPY_HEADER_BYTES = 19


def _read_vote_rows(deliberation_id: int, as_of: datetime) -> np.ndarray:
    """(n, 6) int64 rows in creation order; on PostgreSQL a binary COPY, ~10× faster than the ORM."""
    sql, params = _vote_query(deliberation_id, as_of)
    if connection.vendor == "postgresql":
        from psycopg import sql as pgsql

        select = sql.replace(CHOICE_CODE_SQL, f"({CHOICE_CODE_SQL})::int8")
        with transaction.atomic(), connection.cursor() as cursor:
            # Enough memory to sort 10⁶ rows without spilling to disk (this transaction only).
            cursor.execute("SET LOCAL work_mem = '256MB'")
            statement = pgsql.SQL("COPY ({}) TO STDOUT (FORMAT binary)").format(
                pgsql.SQL(select.replace("%s", "{}")).format(*map(pgsql.Literal, params))
            )
            buffer = io.BytesIO()
            with cursor.cursor.copy(statement) as copy:
                for chunk in copy:
                    buffer.write(chunk)
        rows = np.frombuffer(buffer.getbuffer()[_COPY_HEADER_BYTES:-2], dtype=_COPY_ROW)
        if not len(rows):
            return np.empty((0, len(VOTE_COLUMNS)), dtype=np.int64)
        return np.column_stack([rows[name].astype(np.int64) for name in VOTE_COLUMNS])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, len(VOTE_COLUMNS))


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
    voter, from_value, to_value, context, choice, story = (rows[:, i] for i in range(len(VOTE_COLUMNS)))
    banned = Participant.objects.filter(deliberation=deliberation, status=Participant.Status.BANNED)
    hidden_stories = sorted(
        EdgeHypothesis.objects.filter(deliberation=deliberation, hidden=True).values_list("id", flat=True)
    )
    by_banned = np.isin(voter, np.array(list(banned.values_list("id", flat=True)), dtype=np.int64))
    on_hidden_story = np.isin(story, np.array(hidden_stories, dtype=np.int64)) & ~by_banned
    moderated = by_banned | on_hidden_story
    merges = bool(len(rows)) and bool((ids != resolved).any())
    if merges:
        from_value = resolved[np.searchsorted(ids, from_value)]
        to_value = resolved[np.searchsorted(ids, to_value)]
    hidden_ids = np.array(sorted(hidden), dtype=np.int64)
    touches_hidden = (np.isin(from_value, hidden_ids) | np.isin(to_value, hidden_ids)) & ~moderated
    merged_to_self = (from_value == to_value) & ~moderated
    keep = ~(moderated | touches_hidden | merged_to_self)
    superseded = np.zeros(len(keep), dtype=bool)
    if merges:
        kept = np.flatnonzero(keep)
        latest = _latest_per_judgement(voter[kept], from_value[kept], to_value[kept], context[kept])
        superseded[kept[~latest]] = True
        keep &= ~superseded
    excluded = {
        "votes_of_banned_participants": int(by_banned.sum()),
        "votes_on_hidden_stories": int(on_hidden_story.sum()),
        "votes_touching_hidden_values": int(touches_hidden.sum()),
        "votes_within_merged_value": int((merged_to_self & ~touches_hidden).sum()),
        "votes_superseded_after_merge": int(superseded.sum()),
        "hidden_value_ids": sorted(hidden),
        "hidden_story_ids": hidden_stories,
    }
    votes = VoteArrays(
        voter=voter[keep], from_value=from_value[keep], to_value=to_value[keep],
        context=context[keep], choice=choice[keep],
    )  # fmt: skip
    return CountedVotes(votes=votes, excluded=excluded)


# --- values' content, hashing, storage ------------------------------------------------------


VALUE_RECORD_SQL = """
    SELECT json_build_object(
        'id', id, 'title', title, 'description', description, 'policies', policies,
        'sourceId', source_id, 'sourceData', source_data, 'createdAt', created_at
    )::text
    FROM moralgraph_canonicalvalue WHERE deliberation_id = %s AND id = ANY(%s) ORDER BY id
"""


def value_records(deliberation: Deliberation, value_ids) -> list[str]:
    """What a snapshot keeps of each value (as JSON lines, by id), so later edits don't change
    a published snapshot. On PostgreSQL the database writes the JSON: no model instances."""
    ids = sorted(set(np.asarray(value_ids, dtype=np.int64).tolist()))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(VALUE_RECORD_SQL, [deliberation.pk, ids])
            return [row[0] for row in cursor.fetchall()]
    rows = CanonicalValue.objects.filter(deliberation=deliberation, pk__in=ids).order_by("id").values_list(
        "id", "title", "description", "policies", "source_id", "source_data", "created_at"
    )
    return [
        json.dumps({"id": pk, "title": title, "description": description, "policies": policies,
                    "sourceId": source_id, "sourceData": source_data, "createdAt": created.isoformat()})
        for pk, title, description, policies, source_id, source_data, created in rows
    ]  # fmt: skip


VALUES_MEMBER = "values_jsonl"  # the value records, one JSON object per line, in the archive


def encode_values(values: list[dict] | list[str]) -> bytes:
    return "\n".join(v if isinstance(v, str) else json.dumps(v) for v in values).encode()


def content_hash(*, mode: str, parameters: dict, votes: VoteArrays, values_blob: bytes, contexts: dict) -> str:
    digest = hashlib.sha256()
    header = {"mode": mode, "parameters": parameters, "contexts": contexts, "format": 2}
    digest.update(json.dumps(header, sort_keys=True, separators=(",", ":")).encode())
    for name in ("voter", "from_value", "to_value", "context", "choice"):
        digest.update(np.ascontiguousarray(getattr(votes, name), dtype="<i8").tobytes())
    digest.update(values_blob)
    return digest.hexdigest()


def pack_arrays(arrays: dict[str, np.ndarray], *, values: list[dict] | list[str] | None = None) -> bytes:
    """An uncompressed .npz of the columns (and the value records): exports read it in pieces."""
    members = dict(arrays)
    if values is not None:
        members[VALUES_MEMBER] = np.frombuffer(encode_values(values), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **members)
    return buffer.getvalue()


class _StoredBlob(io.RawIOBase):
    """A snapshot's archive read from PostgreSQL a range at a time, so it never sits in memory
    whole (the column is stored uncompressed, which makes `substring` cheap)."""

    def __init__(self, snapshot_id: int):
        self.snapshot_id, self.position = snapshot_id, 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT octet_length(arrays) FROM moralgraph_graphsnapshot WHERE id = %s", [snapshot_id])
            self.size = cursor.fetchone()[0] or 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self.size - self.position)
        if wanted <= 0:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT substring(arrays FROM %s FOR %s) FROM moralgraph_graphsnapshot WHERE id = %s",
                [self.position + 1, wanted, self.snapshot_id],
            )
            data = bytes(cursor.fetchone()[0])
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


@contextmanager
def open_arrays(snapshot: GraphSnapshot):
    """The snapshot's archive as a lazy mapping of name → array (members load on access)."""
    if "arrays" not in snapshot.get_deferred_fields():
        source = io.BytesIO(bytes(snapshot.arrays))
    elif connection.vendor == "postgresql":
        source = io.BufferedReader(_StoredBlob(snapshot.pk), buffer_size=4 << 20)
    else:
        source = io.BytesIO(bytes(GraphSnapshot.objects.values_list("arrays", flat=True).get(pk=snapshot.pk)))
    if source.seek(0, io.SEEK_END) == 0:
        yield {}
        return
    source.seek(0)
    with np.load(source, allow_pickle=False) as archive:
        yield archive


def snapshot_values(snapshot: GraphSnapshot):
    """The value records kept by the snapshot, one dict at a time, with their `score` (and, in
    default mode, `position` and `tied`); values without a score were not ranked."""
    with open_arrays(snapshot) as archive:
        if VALUES_MEMBER not in getattr(archive, "files", ()):
            yield from snapshot.summary.get("values", [])  # snapshots from before the archive held them
            return
        blob = archive[VALUES_MEMBER]
        columns = [archive[name] for name in ("value_ids", "scores", "positions", "tied") if name in archive.files]
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
    values = value_records(deliberation, summary.pop("value_ids"))
    names = context_names(deliberation)
    for scope in summary.get("contextResults", []):
        scope["contextId"] = scope["context"]
        scope["context"] = names.get(scope["context"], str(scope["context"]))
    values_blob = encode_values(values)
    digest = content_hash(
        mode=mode, parameters=parameters, votes=counted.votes, values_blob=values_blob, contexts=contexts
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
            summary={**summary, "contextNames": contexts},
            arrays=pack_arrays(arrays, values=values),
            created_by=created_by,
        )


# Each parameter's type and the range a request may ask for (bounded: a snapshot must not be
# able to tie up a worker for minutes).
PARAMETER_BOUNDS = {
    "min_wiser": (int, 1, 1_000_000),
    "min_likelihood": (float, -1.0, 1.0),
    "max_entropy": (float, 0.0, 10.0),
    "iterations": (int, 1, 1_000),
    "damping": (float, 0.0, 0.999),
    "tol": (float, 1e-15, 1e-3),
    "max_iterations": (int, 1, 10_000),
    "bootstrap_samples": (int, 0, 1_000),
    "seed": (int, 0, 2**32 - 1),
    "tie_tolerance": (float, 0.0, 1e-3),
}


def checked_parameters(mode: str, given: dict, defaults: dict) -> dict:
    if not isinstance(given, dict):
        raise SnapshotError("parameters must be an object")
    unknown = set(given) - set(defaults)
    if unknown:
        raise SnapshotError(f"unknown parameters for mode {mode}: {', '.join(sorted(unknown))}")
    checked = dict(defaults)
    for name, value in given.items():
        kind, low, high = PARAMETER_BOUNDS[name]
        ok_type = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok_type or (kind is int and float(value) != int(value)):
            raise SnapshotError(f"parameter {name} must be {'an integer' if kind is int else 'a number'}")
        if not low <= value <= high:
            raise SnapshotError(f"parameter {name} must be between {low} and {high}")
        checked[name] = kind(value)
    return checked


class MaiComputer:
    """MAI's published rules, exactly (moralgraph.graph.mai)."""

    @staticmethod
    def parameters(given: dict) -> dict:
        return checked_parameters("mai", given, MAI_PARAMETERS)

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
        return checked_parameters("default", given, DEFAULT_PARAMETERS)

    @staticmethod
    def run(votes: VoteArrays, parameters: dict) -> tuple[dict, dict]:
        try:
            result = ranking.rank_graph(votes, **parameters)
        except (ValueError, ranking.ConvergenceError) as exc:
            raise SnapshotError(str(exc)) from exc
        overall = result.overall
        arrays = {name: getattr(overall.edges, name) for name in EDGE_COLUMNS}
        arrays.update(
            value_ids=overall.value_ids, scores=overall.scores, positions=overall.positions, tied=overall.tied
        )
        document = ranking.summary_to_dict(result)
        context_results = []
        for scope in document["contexts"]:
            scope["edgeCount"] = len(scope.pop("edges"))  # the edges themselves: in the exports
            context_results.append(scope)
        ranked_ids = overall.value_ids.tolist()
        return arrays, {
            "value_ids": sorted(set(ranked_ids) | set(document["unrankedValueIds"])),
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
    from .exports import mai_value  # exports builds on this module

    summary = snapshot.summary
    if snapshot.mode == GraphSnapshot.Mode.MAI:
        with_rank = summary.get("valuesHavePageRank", True)
        values = [{**mai_value(v, with_rank), "id": v["id"]} for v in snapshot_values(snapshot)
                  if v.get("score") is not None or snapshot.source == GraphSnapshot.Source.IMPORT]  # fmt: skip
    else:
        values = [
            {k: v.get(k) for k in ("id", "title", "description", "policies", "score", "position", "tied")}
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

"""Reading what a snapshot counts: votes as of a time, values resolved through merges, moderation's
exclusions applied and recorded, and the values' content as it was."""

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from django.db import connection, transaction

from ..dedupe.services import canonical_id_map
from ..graph.compute import latest_per_judgement
from ..graph.votes import CHOICE_NAMES, VoteArrays
from ..models import CanonicalValue, Context, Deliberation, EdgeHypothesis, Participant

# The choice names as the pure core's codes (0, 1, 2), computed in the database.
CHOICE_CODE_SQL = (
    "CASE v.choice "
    + " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(CHOICE_NAMES))
    + " END"
)


@dataclass
class CountedVotes:
    """The votes a snapshot counts, in creation order, with what moderation excluded; `times`
    holds each counted vote's time (microseconds since 1970 UTC), aligned with `votes`."""

    votes: VoteArrays
    excluded: dict = field(default_factory=dict)
    times: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


VOTE_COLUMNS = ("voter", "from", "to", "context", "choice", "story", "time")

# A vote's time as whole microseconds since 1970 UTC, exactly, on either backend (SQLite keeps
# "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC; PostgreSQL's EXTRACT is exact numeric).
TIME_SQL = {
    "sqlite": "(CAST(strftime('%%s', v.created_at) AS INTEGER) * 1000000"
    " + CAST(COALESCE(NULLIF(substr(v.created_at, 21, 6), ''), '0') AS INTEGER))",
    "postgresql": "(EXTRACT(EPOCH FROM v.created_at) * 1000000)::int8",
}


def _vote_query(deliberation_id: int, as_of: datetime) -> tuple[str, list]:
    # No joins: moderation's exclusions are a handful of ids, applied to the arrays afterwards.
    sql = f"""
        SELECT v.participant_id, v.from_value_id, v.to_value_id, v.context_id, {CHOICE_CODE_SQL},
               COALESCE(v.hypothesis_id, 0), {TIME_SQL[connection.vendor]}
        FROM moralgraph_wiservote v
        WHERE v.deliberation_id = %s AND v.created_at <= %s
        ORDER BY v.created_at, v.id
    """  # noqa: S608 (no user input is interpolated)
    return sql, [deliberation_id, as_of]


# PostgreSQL's binary COPY row: field count, then (length, value) per bigint column.
_COPY_ROW = np.dtype(
    [("n", ">i2")]
    + [item for name in VOTE_COLUMNS for item in ((f"{name}_len", ">i4"), (name, ">i8"))]
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
    hidden = set(
        CanonicalValue.objects.filter(deliberation=deliberation, hidden=True).values_list(
            "id", flat=True
        )
    )
    return ids, np.array([resolved[i] for i in ids.tolist()], dtype=np.int64), hidden


def counted_votes(deliberation: Deliberation, as_of: datetime) -> CountedVotes:
    """The votes that count as of `as_of`, values resolved through merges, exclusions recorded."""
    rows = _read_vote_rows(deliberation.pk, as_of)
    ids, resolved, hidden = canonical_resolution(deliberation)
    voter, from_value, to_value, context, choice, story, times = (
        rows[:, i] for i in range(len(VOTE_COLUMNS))
    )
    banned = Participant.objects.filter(deliberation=deliberation, status=Participant.Status.BANNED)
    hidden_stories = sorted(
        EdgeHypothesis.objects.filter(deliberation=deliberation, hidden=True).values_list(
            "id", flat=True
        )
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
        latest = latest_per_judgement(voter[kept], from_value[kept], to_value[kept], context[kept])
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
        voter=voter[keep],
        from_value=from_value[keep],
        to_value=to_value[keep],
        context=context[keep],
        choice=choice[keep],
    )
    return CountedVotes(votes=votes, excluded=excluded, times=times[keep])


# The time as Python writes it below (UTC, microseconds always), so both backends keep the same text.
VALUE_RECORD_SQL = """
    SELECT json_build_object(
        'id', id, 'externalId', external_id, 'title', title, 'description', description,
        'policies', policies, 'sourceId', source_id, 'sourceData', source_data,
        'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')
    )::text
    FROM moralgraph_canonicalvalue WHERE deliberation_id = %s AND id = ANY(%s) ORDER BY id
"""


def value_records(deliberation: Deliberation, value_ids) -> list[str]:
    """What a snapshot keeps of each value (as JSON lines, by id), so later edits don't change
    a published snapshot. On PostgreSQL the database writes the JSON: no model instances.
    Nothing hashed is read from this text (see `moralgraph.graph.provenance`)."""
    ids = sorted(set(np.asarray(value_ids, dtype=np.int64).tolist()))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(VALUE_RECORD_SQL, [deliberation.pk, ids])
            return [row[0] for row in cursor.fetchall()]
    rows = (
        CanonicalValue.objects.filter(deliberation=deliberation, pk__in=ids)
        .order_by("id")
        .values_list(
            "id",
            "external_id",
            "title",
            "description",
            "policies",
            "source_id",
            "source_data",
            "created_at",
        )
    )
    return [
        json.dumps(
            {
                "id": pk,
                "externalId": external,
                "title": title,
                "description": description,
                "policies": policies,
                "sourceId": source_id,
                "sourceData": source_data,
                "createdAt": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00"),
            }
        )
        for pk, external, title, description, policies, source_id, source_data, created in rows
    ]


def context_names(deliberation: Deliberation) -> dict[int, str]:
    return dict(Context.objects.filter(deliberation=deliberation).values_list("id", "name"))

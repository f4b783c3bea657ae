"""A snapshot's counted votes, anonymised, as CSV or JSONL: what a lab recomputes the graph from.

One row per counted vote, in the order the snapshot counted them: the voter's pseudonymous id
(`participation.anonymity`), the two values by external id, the context by name, the choice
(wiser, not_wiser, unsure), the vote's time (UTC, microseconds) and the voter's group labels
(only those shared by at least five of the export's voters). Nothing else about a person.

The votes are the ones the snapshot stored when it was taken — moderation's exclusions
applied, merged values resolved — so later votes, bans or edits never change them. Read a
column chunk at a time. JSONL ends with its manifest record; CSV's manifest is beside it.
"""

import csv
import hashlib
import io
import json
from collections.abc import Iterator

import numpy as np

from mgplatform.spreadsheets import text_cell

from ..graph.mai_format import export_id
from ..graph.provenance import time_text
from ..graph.votes import CHOICE_NAMES
from ..models import GraphSnapshot
from ..participation.anonymity import group_labels, voter_id
from ..snapshots.provenance import snapshot_manifest
from ..snapshots.selectors import snapshot_values
from ..snapshots.storage import VOTE_MEMBERS, iter_member_rows, open_arrays
from .writers import ExportRefused, with_manifest

VOTE_FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson"}
CSV_HEADER = ["voter", "from_value_id", "to_value_id", "context", "choice", "time", "groups"]
NO_VOTES = (
    "This snapshot holds no raw votes: {why}. Take a new snapshot (it stores the votes it counts)."
)


def check_votes(snapshot: GraphSnapshot) -> None:
    if snapshot.source == GraphSnapshot.Source.IMPORT:
        raise ExportRefused(NO_VOTES.format(why="it was imported from a published summary"))
    with open_arrays(snapshot) as archive:
        if VOTE_MEMBERS[0] not in getattr(archive, "files", ()):
            raise ExportRefused(NO_VOTES.format(why="it was taken before snapshots kept them"))


def vote_rows(snapshot: GraphSnapshot, *, chunk: int = 50_000) -> Iterator[list]:
    """[voter, from id, to id, context, choice, time, [labels]] per counted vote."""
    check_votes(snapshot)
    deliberation = snapshot.deliberation
    ids = {v["id"]: export_id(v) for v in snapshot_values(snapshot)}
    contexts = snapshot.summary.get("contextNames", {})
    with open_arrays(snapshot) as archive:
        voters = np.zeros(0, dtype=np.int64)
        for (part,) in iter_member_rows(archive, ("vote_voter",), chunk=chunk * 4):
            voters = np.union1d(voters, part)
        voters = voters.tolist()
        pseudonyms = {pk: voter_id(deliberation, pk) for pk in voters}
        labels = group_labels(deliberation, voters)
        for time, voter, start, end, context, choice in iter_member_rows(
            archive, VOTE_MEMBERS, chunk=chunk
        ):
            for t, v, f, w, c, k in zip(
                time.tolist(),
                voter.tolist(),
                start.tolist(),
                end.tolist(),
                context.tolist(),
                choice.tolist(),
                strict=True,
            ):
                yield [
                    pseudonyms[v],
                    ids[f],
                    ids[w],
                    contexts.get(str(c), str(c)),
                    CHOICE_NAMES[k],
                    time_text(t),
                    labels[v],
                ]


def write_votes_csv(snapshot: GraphSnapshot) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for n, row in enumerate(vote_rows(snapshot), 1):
        voter, start, end, context, choice, time, labels = row
        writer.writerow(
            [
                voter,
                text_cell(str(start)),
                text_cell(str(end)),
                text_cell(context),
                choice,
                time,
                text_cell("; ".join(labels)),
            ]
        )
        if n % 5000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_votes_jsonl(snapshot: GraphSnapshot) -> Iterator[str]:
    for voter, start, end, context, choice, time, labels in vote_rows(snapshot):
        yield (
            json.dumps(
                {
                    "type": "vote",
                    "voter": voter,
                    "fromValueId": start,
                    "toValueId": end,
                    "context": context,
                    "choice": choice,
                    "time": time,
                    "groups": labels,
                }
            )
            + "\n"
        )


VOTE_WRITERS = {"csv": write_votes_csv, "jsonl": write_votes_jsonl}


def export_votes(snapshot: GraphSnapshot, fmt: str) -> Iterator[str]:
    """The raw votes' text chunks; JSONL ends with its manifest record."""
    if fmt not in VOTE_WRITERS:
        raise ValueError(f"unknown votes format {fmt!r}; choose one of {', '.join(VOTE_WRITERS)}")
    check_votes(snapshot)
    chunks = VOTE_WRITERS[fmt](snapshot)
    if fmt == "csv":
        return chunks
    return with_manifest(chunks, "jsonl", lambda h: snapshot_manifest(snapshot, "votes-jsonl", h))


def votes_manifest(snapshot: GraphSnapshot, fmt: str) -> dict:
    """The manifest of the raw votes in `fmt`, for beside them (see `writers.export_manifest`)."""
    if fmt not in VOTE_WRITERS:
        raise ValueError(f"unknown votes format {fmt!r}; choose one of {', '.join(VOTE_WRITERS)}")
    check_votes(snapshot)
    digest = hashlib.sha256()
    for chunk in VOTE_WRITERS[fmt](snapshot):
        digest.update(chunk.encode("utf-8"))
    return snapshot_manifest(snapshot, f"votes-{fmt}", digest.hexdigest())

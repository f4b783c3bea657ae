"""A snapshot's portable provenance: its input digests at creation, and the manifest of an export.

The hash itself is `moralgraph.graph.provenance` (pure); this module feeds it the counted votes
and value records keyed by external ids, and describes stored snapshots for manifests.
"""

import json

import numpy as np

from mgplatform.versions import code_version

from ..graph import provenance
from ..models import GraphSnapshot
from .reading import CountedVotes


def snapshot_inputs(
    counted: CountedVotes, records: list[str], contexts: dict[int, str], *, mode, parameters
) -> tuple[str, dict]:
    """(content hash, {"format", "votes", "values"}) of what a snapshot counts.

    `records` are the snapshot's value records (every value a counted vote names), ordered by id;
    `contexts` maps the deliberation's context ids to their names.
    """
    parsed = [json.loads(record) for record in records]
    ids = np.array([value["id"] for value in parsed], dtype=np.int64)
    context_ids = np.array(sorted(contexts), dtype=np.int64)
    votes = counted.votes
    votes_digest = provenance.votes_digest(
        time=counted.times,
        voter=votes.voter,
        from_value=np.searchsorted(ids, votes.from_value),
        to_value=np.searchsorted(ids, votes.to_value),
        context=np.searchsorted(context_ids, votes.context),
        choice=votes.choice,
        value_names=[value["externalId"] for value in parsed],
        context_names=[contexts[i] for i in context_ids.tolist()],
    )
    values_digest = provenance.values_digest(
        {**value, "id": value["externalId"]} for value in parsed
    )
    digest = provenance.input_hash(
        mode=mode, parameters=parameters, votes=votes_digest, values=values_digest
    )
    return digest, {
        "format": provenance.HASH_FORMAT,
        "votes": votes_digest,
        "values": values_digest,
    }


def snapshot_manifest(snapshot: GraphSnapshot, export: str, export_hash: str | None) -> dict:
    """What an export of `snapshot` was made from, and (when known) the SHA-256 of its bytes."""
    inputs = snapshot.summary.get("inputs") or {
        # Imported summaries: the input is the published document itself. Older snapshots:
        # their hash (format 2) covered database keys and cannot be recomputed elsewhere.
        "format": "mai-summary-document"
        if snapshot.source == GraphSnapshot.Source.IMPORT
        else "legacy-database-keys",
    }
    manifest = {
        "format": provenance.MANIFEST_FORMAT,
        "export": export,
        "snapshot": snapshot.pk,
        "deliberation": snapshot.deliberation.slug,
        "mode": snapshot.mode,
        "source": snapshot.source,
        "parameters": snapshot.parameters,
        "asOf": snapshot.as_of.isoformat(),
        "createdAt": snapshot.created_at.isoformat(),
        "inputHash": snapshot.content_hash,
        "inputs": inputs,
        "counts": snapshot.counts,
        "codeVersion": code_version(),
    }
    if export_hash is not None:
        manifest["exportHash"] = export_hash
    return manifest

"""Creating a snapshot: read the counted votes, compute the graph, store an immutable, hashed result.

A snapshot records its mode, parameters and `as_of`; only votes created at or before `as_of`
count, and moderation's exclusions (banned participants, hidden values and stories) are
applied and recorded. The counted votes themselves are kept in the archive, so the raw-vote
export of a snapshot is exactly what it counted, whatever changes later. The content hash
covers the counted votes, the values' content and the parameters, keyed by external ids
(`moralgraph.graph.provenance`), so the same inputs give the same hash on any backend, in any
deliberation and on any instance.
"""

from datetime import datetime

import numpy as np
from django.db import transaction
from django.utils import timezone

from ..graph.compute import COMPUTERS, SnapshotError
from ..models import CanonicalValue, Deliberation, GraphSnapshot
from ..webhooks.events import snapshot_created
from .filters import checked_filters, filtered_votes, untrimmed_parameters
from .provenance import snapshot_inputs
from .reading import CountedVotes, context_names, counted_votes, value_records
from .storage import pack_arrays, vote_members


def snapshot_create(
    *,
    deliberation: Deliberation,
    mode: str = GraphSnapshot.Mode.DEFAULT,
    as_of: datetime | None = None,
    parameters: dict | None = None,
    filters: dict | None = None,
    created_by=None,
    reuse: bool = False,
    progress=None,
) -> GraphSnapshot:
    """Compute the graph of `deliberation` as of `as_of` (default: now) and store it immutably.

    `filters` (`moralgraph.snapshots.filters`) restrict the votes or widen the trim rule; they
    are stored as `parameters["filters"]` and hashed with them. With `reuse`, a snapshot of the
    deliberation with the same content hash (same votes, values, mode, parameters, filters) is
    returned instead of computing a new one: `snapshot.reused` says which happened.
    `progress(fraction, step)`, if given, is told how far it got (a background run shows it).
    """
    progress = progress or (lambda fraction, step: None)
    now = timezone.now()
    as_of = as_of or now
    if timezone.is_naive(as_of):
        raise SnapshotError("as_of needs a time zone, e.g. 2024-03-20T21:00:00Z")
    if as_of > now:
        # Votes cast later would count once they exist: the same snapshot would change.
        raise SnapshotError(
            f"as_of {as_of.isoformat()} is in the future; a snapshot counts votes up to now"
        )
    if mode not in GraphSnapshot.Mode.values:
        raise SnapshotError(f"mode must be one of {', '.join(GraphSnapshot.Mode.values)}")
    compute = COMPUTERS[mode]
    given = parameters or {}
    parameters = compute.parameters(given)
    filters = checked_filters(deliberation, filters)
    if filters.get("untrimmed"):
        parameters = untrimmed_parameters(parameters, given)
    progress(0.1, "Reading the votes")
    counted = counted_votes(deliberation, as_of)
    if filters:
        counted = filtered_votes(deliberation, counted, filters)
    stored_parameters = {**parameters, "filters": filters} if filters else parameters
    # Every value a counted vote names (the ranked ones and the rest): the snapshot's inputs.
    voted = np.union1d(counted.votes.from_value, counted.votes.to_value)
    values = value_records(deliberation, voted)
    names = context_names(deliberation)
    digest, inputs = snapshot_inputs(
        counted, values, names, mode=mode, parameters=stored_parameters
    )
    if reuse:
        same = GraphSnapshot.objects.filter(
            deliberation=deliberation, mode=mode, content_hash=digest
        ).first()
        if same is not None:
            same.reused = True
            return same
    contexts = {str(k): v for k, v in names.items()}
    progress(0.3, "Computing the graph")
    arrays, summary = compute.run(counted.votes, parameters)
    summary.pop("value_ids")  # ranked values are among the voted ones, kept above
    for scope in summary.get("contextResults", []):
        scope["contextId"] = scope["context"]
        scope["context"] = names.get(scope["context"], str(scope["context"]))
    summary["inputs"] = inputs
    progress(0.8, "Storing the snapshot")
    arrays.update(vote_members(_stored_votes(counted)))
    hidden = counted.excluded["hidden_value_ids"]
    counted.excluded["hidden_value_external_ids"] = sorted(
        CanonicalValue.objects.filter(pk__in=hidden).values_list("external_id", flat=True)
    )
    with transaction.atomic():
        snapshot = GraphSnapshot.objects.create(
            deliberation=deliberation,
            mode=mode,
            source=GraphSnapshot.Source.COMPUTED,
            parameters=stored_parameters,
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
        snapshot_created(snapshot)  # sent once this commits
    snapshot.reused = False
    return snapshot


def _stored_votes(counted: CountedVotes) -> dict[str, np.ndarray]:
    votes = counted.votes
    return {
        "time": counted.times,
        "voter": votes.voter,
        "from": votes.from_value,
        "to": votes.to_value,
        "context": votes.context,
        "choice": votes.choice,
    }

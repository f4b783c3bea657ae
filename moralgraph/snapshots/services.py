"""Creating a snapshot: read the counted votes, compute the graph, store an immutable, hashed result.

A snapshot records its mode, parameters and `as_of`; only votes created at or before `as_of`
count, and moderation's exclusions (banned participants, hidden values and stories) are
applied and recorded. The content hash covers the counted votes, the values' content and the
parameters, so the same inputs always give the same hash.
"""

from datetime import datetime

import numpy as np
from django.db import transaction
from django.utils import timezone

from ..graph.compute import COMPUTERS, SnapshotError, content_hash
from ..models import Deliberation, GraphSnapshot
from .reading import context_names, counted_votes, value_records
from .storage import encode_values, pack_arrays


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
        mode=mode,
        parameters=parameters,
        votes=counted.votes,
        values_blob=values_blob,
        contexts=contexts,
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

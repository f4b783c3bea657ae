"""The events a deliberation sends: what each carries (ids a lab's client can follow up on)."""

from ..models import GraphSnapshot
from .services import webhook_emit


def snapshot_created(snapshot: GraphSnapshot) -> None:
    webhook_emit(
        snapshot.deliberation_id,
        "snapshot.created",
        {
            "snapshot": snapshot.pk,
            "mode": snapshot.mode,
            "source": snapshot.source,
            "contentHash": snapshot.content_hash,
            "asOf": snapshot.as_of.isoformat(),
            "parameters": snapshot.parameters,
            "counts": snapshot.counts,
            "url": f"/api/v1/snapshots/{snapshot.pk}/",
        },
    )

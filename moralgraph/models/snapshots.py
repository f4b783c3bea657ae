"""Graph snapshots: immutable, reproducible computations of the moral graph."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from mgplatform.immutable import ImmutableModel, ImmutableRowError

from .deliberations import Deliberation


class SnapshotImmutableError(ImmutableRowError):
    pass


class GraphSnapshot(ImmutableModel):
    """An immutable, reproducible computation of the graph as of a time (or an import)."""

    immutable_message = "A graph snapshot cannot be changed; create a new one."
    immutable_error = SnapshotImmutableError

    class Mode(models.TextChoices):
        MAI = "mai", "MAI's published rules"
        DEFAULT = "default", "Platform default"

    class Source(models.TextChoices):
        COMPUTED = "computed"
        IMPORT = "import"

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.PROTECT, related_name="snapshots"
    )
    mode = models.CharField(max_length=8, choices=Mode.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.COMPUTED)
    parameters = models.JSONField(default=dict)
    as_of = models.DateTimeField(help_text="Only votes created at or before this time count.")
    # SHA-256 over the inputs (votes, values) and the parameters: same inputs, same hash.
    content_hash = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(default=dict)
    # What moderation excluded, so a reader can tell the graph was filtered.
    excluded = models.JSONField(default=dict, blank=True)
    # Small, readable results (values ranked, per-context winners, parameters) ...
    summary = models.JSONField(default=dict)
    # ... and the edge and score columns as an .npz archive, which exports stream from.
    arrays = models.BinaryField(default=bytes, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=["mai", "default"]), name="snapshot_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"), name="snapshot_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deliberation.slug} {self.mode} @ {self.as_of:%Y-%m-%d %H:%M} ({self.content_hash[:10]})"

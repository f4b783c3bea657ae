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


class SnapshotRun(models.Model):
    """A snapshot asked for and computed in the background: its status and progress."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    class Trigger(models.TextChoices):
        MANUAL = "manual"  # the console button or the API
        SCHEDULE = "schedule"  # the automatic schedule (Celery beat)

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="snapshot_runs"
    )
    mode = models.CharField(max_length=8, choices=GraphSnapshot.Mode.choices)
    parameters = models.JSONField(default=dict, blank=True)
    as_of = models.DateTimeField(null=True, blank=True, help_text="Empty: when it runs.")
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    step = models.CharField(max_length=80, blank=True)
    error = models.TextField(blank=True)
    snapshot = models.ForeignKey(
        GraphSnapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="snapshot_run_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=1), name="snapshot_run_progress_range"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(snapshot__isnull=False),
                name="snapshot_run_done_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"snapshot run {self.pk} of {self.deliberation_id} ({self.status})"

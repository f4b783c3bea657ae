"""Alignment targets: what a training run aims at, built from one snapshot and never changed."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from mgplatform.immutable import ImmutableModel, ImmutableRowError


class TargetImmutableError(ImmutableRowError):
    pass


class AlignmentTarget(ImmutableModel):
    """Per context of a snapshot: its questions, the ranked values and a rubric from their policies."""

    immutable_message = "An alignment target cannot be changed; build a new one."
    immutable_error = TargetImmutableError

    deliberation = models.ForeignKey(
        "moralgraph.Deliberation", on_delete=models.PROTECT, related_name="alignment_targets"
    )
    snapshot = models.ForeignKey(
        "moralgraph.GraphSnapshot", on_delete=models.PROTECT, related_name="alignment_targets"
    )
    # 1, 2, … within the deliberation, in the order targets were built.
    version = models.PositiveIntegerField()
    # The snapshot's content hash, kept so the target names the votes it was aimed at.
    snapshot_hash = models.CharField(max_length=64)
    # SHA-256 of the canonical JSON of `document` (which holds no database keys).
    content_hash = models.CharField(max_length=64, db_index=True)
    parameters = models.JSONField(default=dict)
    document = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("deliberation", "version"), name="target_version_unique"
            ),
            # Building the same target twice gives the one already built.
            models.UniqueConstraint(
                fields=("snapshot", "content_hash"), name="target_once_per_snapshot"
            ),
            models.CheckConstraint(
                condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"), name="target_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deliberation.slug} target v{self.version} ({self.content_hash[:10]})"

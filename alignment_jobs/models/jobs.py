"""Alignment jobs: the auditor-gated game run against a target, with metrics and artifacts."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class AlignmentJob(models.Model):
    """One run: a setting (toy, tiny-lm, lm), its config and seed; progress, metrics, artifacts."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        CANCELLED = "cancelled"

    class Setting(models.TextChoices):
        TOY = "toy", "Toy game (MLP solver and auditor)"
        TINY_LM = "tiny-lm", "Tiny language models"
        LM = "lm", "Language models"

    FINISHED = (Status.SUCCEEDED, Status.FAILED, Status.CANCELLED)

    target = models.ForeignKey(
        "alignment_jobs.AlignmentTarget",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
    )
    name = models.CharField(max_length=200, blank=True)
    setting = models.CharField(max_length=16, choices=Setting.choices)
    config = models.JSONField(default=dict)
    config_hash = models.CharField(max_length=64)
    seed = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    # Outer iterations whose metrics are stored; a resumed job goes on from here, never repeats one.
    iterations_done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    cancel_requested = models.BooleanField(default=False)
    # A running job's worker writes a heartbeat; a stale one means the worker died.
    worker = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Times a worker took the job up.")
    report = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("status", "heartbeat_at"), name="job_liveness_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "succeeded", "failed", "cancelled"]),
                name="job_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(setting__in=["toy", "tiny-lm", "lm"]), name="job_setting_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=1), name="job_progress_fraction"
            ),
            models.CheckConstraint(
                condition=Q(config_hash__regex=r"^[0-9a-f]{64}$"), name="job_config_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.setting}, {self.status})"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED


class JobMetric(models.Model):
    """One outer iteration's held-out validation metrics for one series (the controller, a baseline)."""

    job = models.ForeignKey(AlignmentJob, on_delete=models.CASCADE, related_name="metrics")
    series = models.CharField(max_length=40, help_text='"adaptive" or a baseline\'s name.')
    iteration = models.PositiveIntegerField()
    values = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("job", "series", "iteration")
        constraints = [
            # Exactly once: a resumed job can never store an iteration twice.
            models.UniqueConstraint(
                fields=("job", "series", "iteration"), name="metric_once_per_iteration"
            ),
        ]

    def __str__(self) -> str:
        return f"job {self.job_id} {self.series} #{self.iteration}"


class JobArtifact(models.Model):
    """A file a job wrote (checkpoint, adapter, report, metrics), under ARTIFACT_ROOT, with its SHA-256."""

    class Kind(models.TextChoices):
        CHECKPOINT = "checkpoint"
        ADAPTER = "adapter"
        REPORT = "report"
        METRICS = "metrics"

    job = models.ForeignKey(AlignmentJob, on_delete=models.CASCADE, related_name="artifacts")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200)
    path = models.CharField(max_length=500, help_text="Relative to ARTIFACT_ROOT.")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("job", "name")
        constraints = [
            models.UniqueConstraint(fields=("job", "name"), name="artifact_unique_name"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="artifact_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:10]})"
